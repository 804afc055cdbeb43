#pragma once
// GENIUS (ANAC) negotiation domains and linear additive utility profiles, as XML files: a
// domain lists the issues and their discrete values; each profile gives issue weights, an
// evaluation per value, a reservation value and a discount factor. Kept as their own types
// (they are not scenarios: no sources, no evidence, no red lines) and converted to the
// package space the agreement-space engine works on. Errors are InputError with file:line:column.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "truce/space/package_space.hpp"

namespace truce {

struct GeniusDomainIssue {
  std::string name;
  int index = 0;
  std::vector<std::string> values;
  int line = 0, column = 0;
};

struct GeniusDomain {
  std::string file;
  std::vector<GeniusDomainIssue> issues;
};

struct GeniusProfileItem {
  std::string value;
  double evaluation = 0.0;
  int line = 0, column = 0;
};

struct GeniusProfileIssue {
  std::string name;
  int index = 0;
  std::vector<GeniusProfileItem> items;
  int line = 0, column = 0;
};

struct GeniusProfile {
  std::string file;
  std::vector<GeniusProfileIssue> issues;
  std::map<int, double> weights;  // by issue index
  double reservation = 0.0;       // 0 when the file has no <reservation>
  std::optional<double> discount_factor;
};

// Parse the XML text of a domain / a profile; `file` names it in diagnostics.
GeniusDomain parse_genius_domain(std::string_view text, const std::string& file);
GeniusProfile parse_genius_profile(std::string_view text, const std::string& file);
GeniusDomain load_genius_domain(const std::string& path);
GeniusProfile load_genius_profile(const std::string& path);

enum class GeniusScoring {
  genius,  // GENIUS: weights normalised to sum 1, evaluations divided by their issue's maximum
  negmas,  // NegMAS: raw weight x raw evaluation
};

// The package space of a domain with one actor per profile (id: the profile's file name
// without directory and extension). Every actor has a veto; reservation values as in the
// profiles. Throws InputError (located in the profile) when a profile does not fit the domain.
space::PackageSpace package_space_of(const GeniusDomain& domain, const std::vector<GeniusProfile>& profiles,
                                     GeniusScoring scoring);

// The package space of a domain file and its profile files: every file is read and every
// problem of every file reported (one InputError) before giving up.
space::PackageSpace load_genius_package_space(const std::string& domain_path,
                                              const std::vector<std::string>& profile_paths, GeniusScoring scoring);

}  // namespace truce

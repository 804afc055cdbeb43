#pragma once
// Typed, located access to a parsed YAML tree. Every check records a Diagnostic (file,
// line, column, what was expected, what was found) and carries on, so one pass reports
// every problem; callers throw InputError at the end if any were found.

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/diagnostic.hpp"

namespace truce {

// Parses one YAML document, rejecting anchors, aliases, several documents and syntax
// errors with a located diagnostic (throws InputError).
YAML::Node parse_yaml_document(std::string_view text, const std::string& file_name);

class YamlReader {
 public:
  explicit YamlReader(std::string file_name) : file_(std::move(file_name)) {}

  const std::string& file() const { return file_; }
  const DiagnosticList& problems() const { return problems_; }
  bool ok() const { return problems_.empty(); }
  // Throws InputError with every problem found so far, if there is any.
  void throw_if_problems() const;

  void fail(const YAML::Node& at, std::string message);

  // The value under `key`, or an undefined node when `map` is not a mapping or lacks the key.
  // (yaml-cpp's const operator[] returns an invalid node that throws on most calls.)
  static YAML::Node get(const YAML::Node& map, std::string_view key);

  // A short description of a node for "found ...": "a mapping", "the string 'x'", ...
  static std::string describe(const YAML::Node& node);

  // True when `node` is a mapping; else records "expected <what> (a mapping), found ...".
  bool expect_map(const YAML::Node& node, std::string_view what);
  bool expect_sequence(const YAML::Node& node, std::string_view what);
  // Records unknown keys (listing the allowed ones), duplicate keys and missing required keys.
  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                  std::initializer_list<std::string_view> required);
  void check_keys(const YAML::Node& map, const std::vector<std::string_view>& allowed,
                  const std::vector<std::string_view>& required);

  std::optional<std::string> string(const YAML::Node& map, std::string_view key);
  std::optional<double> number(const YAML::Node& map, std::string_view key, double min, double max);
  std::optional<bool> boolean(const YAML::Node& map, std::string_view key);

  // Scalar conversions of a node itself.
  std::optional<std::string> as_string(const YAML::Node& node, std::string_view what);
  std::optional<double> as_number(const YAML::Node& node, std::string_view what, double min, double max);
  // A plain scalar that reads as a finite number, without recording anything.
  static std::optional<double> parse_number(const YAML::Node& node);

 private:
  std::string file_;
  DiagnosticList problems_;
};

}  // namespace truce

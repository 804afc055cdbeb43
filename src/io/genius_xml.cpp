#include "truce/io/genius_xml.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <pugixml.hpp>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "truce/core/diagnostic.hpp"
#include "truce/io/input_text.hpp"

namespace truce {

namespace {

class XmlReader {
 public:
  XmlReader(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {}

  pugi::xml_node root(pugi::xml_document& doc, std::string_view what) {
    const auto result = doc.load_buffer(text_.data(), text_.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!result) {
      fail_at(static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, result.offset)),
              fmt::format("expected well-formed XML ({}), found a syntax error: {}", what, result.description()));
      throw_if_problems();
    }
    return doc.document_element();
  }

  void fail(const pugi::xml_node& node, std::string message) { fail_at(offset_of(node), std::move(message)); }

  void fail_at(std::size_t offset, std::string message) {
    const auto [line, column] = locate(offset);
    problems_.push_back(Diagnostic{file_, line, column, std::move(message)});
  }

  std::pair<int, int> locate(const pugi::xml_node& node) const { return locate(offset_of(node)); }

  // pugixml gives an element's offset at its name; point at its '<' instead.
  std::size_t offset_of(const pugi::xml_node& node) const {
    if (!node) return 0;
    auto at = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, node.offset_debug()));
    if (node.type() == pugi::node_element && at > 0 && at <= text_.size() && text_[at - 1] == '<') --at;
    return at;
  }

  std::pair<int, int> locate(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    // Line starts are indexed once: locating every issue by a scan from the top made reading
    // a large domain quadratic in its size.
    if (line_starts_.empty()) {
      line_starts_.push_back(0);
      for (std::size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
    const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const int line = static_cast<int>(after - line_starts_.begin());
    const std::size_t line_start = *(after - 1);
    // Column in characters (UTF-8 continuation bytes do not count).
    int column = 1;
    for (std::size_t i = line_start; i < offset; ++i)
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    return {line, column};
  }

  std::optional<std::string> text_attribute(const pugi::xml_node& node, const char* name, std::string_view what) {
    const auto a = node.attribute(name);
    if (!a) {
      fail(node, fmt::format("expected the attribute {}=\"...\" ({}) on <{}>, found it missing", name, what, node.name()));
      return std::nullopt;
    }
    std::string value = a.value();
    // Character references (&#xD800;, &#x1b;) are read after the file's own UTF-8 and
    // control-character checks, so the value is checked again as it will be used.
    if (const auto at = first_invalid_utf8(value); at != std::string::npos) {
      fail(node, fmt::format("expected UTF-8 text in {}=\"...\" once character references are read, found the byte "
                             "0x{:02X} (a reference to a surrogate or a non-character?)",
                             name, static_cast<unsigned char>(value[at])));
      return std::nullopt;
    }
    if (std::string what; first_forbidden_character(value, &what) != std::string::npos) {
      fail(node, fmt::format("expected text in {}=\"...\" once character references are read, found {}", name, what));
      return std::nullopt;
    }
    return value;
  }

  std::optional<double> number_attribute(const pugi::xml_node& node, const char* name, std::string_view what,
                                         double min, double max) {
    const auto s = text_attribute(node, name, what);
    if (!s) return std::nullopt;
    std::string t = *s;
    t.erase(0, t.find_first_not_of(" \t\r\n"));
    t.erase(t.find_last_not_of(" \t\r\n") + 1);
    char* end = nullptr;
    const double v = t.empty() ? 0.0 : std::strtod(t.c_str(), &end);
    if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v)) {
      fail(node, fmt::format("expected {} (a number) in {}=\"...\", found '{}'", what, name, *s));
      return std::nullopt;
    }
    if (v < min || v > max) {
      fail(node, fmt::format("expected {} from {} to {} in {}=\"...\", found {}", what, min, max, name, *s));
      return std::nullopt;
    }
    return v;
  }

  std::optional<int> index_attribute(const pugi::xml_node& node, std::string_view what) {
    const auto v = number_attribute(node, "index", what, -1e9, 1e9);
    if (!v) return std::nullopt;
    if (*v != std::floor(*v)) {
      fail(node, fmt::format("expected {} (a whole number) in index=\"...\", found {}", what, *v));
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }

  void throw_if_problems() {
    if (!problems_.empty()) throw InputError(problems_);
  }

  // The <objective> of a <utility_space> (itself the root or inside <negotiation_template>).
  pugi::xml_node objective(const pugi::xml_node& root, std::string_view what) {
    pugi::xml_node space = root;
    if (std::string_view(root.name()) == "negotiation_template") space = root.child("utility_space");
    if (!space || std::string_view(space.name()) != "utility_space") {
      fail(root, fmt::format("expected {} (<utility_space> or <negotiation_template>), found <{}>", what, root.name()));
      throw_if_problems();
    }
    const auto obj = space.child("objective");
    if (!obj) {
      fail(space, "expected an <objective> element inside <utility_space>, found none");
      throw_if_problems();
    }
    return obj;
  }

  // Only discrete issues are supported; say so where a file has another kind.
  bool discrete(const pugi::xml_node& issue) {
    for (const char* name : {"type", "etype", "vtype"}) {
      const auto a = issue.attribute(name);
      if (a && std::string_view(a.value()) != "discrete") {
        fail(issue, fmt::format("expected a discrete issue ({}=\"discrete\"), found {}=\"{}\" (integer and real "
                                "issues are not supported)",
                                name, name, a.value()));
        return false;
      }
    }
    return true;
  }

  const std::string& file() const { return file_; }

 private:
  std::string_view text_;
  std::string file_;
  DiagnosticList problems_;
  mutable std::vector<std::size_t> line_starts_;
};

// An <issue>'s name and index, each checked to appear once in the file (domain and profile
// alike); nullopt for an issue that is not discrete (reported by XmlReader::discrete).
std::optional<std::pair<std::string, int>> issue_identity(XmlReader& in, pugi::xml_node issue,
                                                          std::set<std::string>& names, std::set<int>& indices) {
  const auto name = in.text_attribute(issue, "name", "the issue's name");
  const auto index = in.index_attribute(issue, "the issue's index");
  if (!in.discrete(issue)) return std::nullopt;
  if (name && !names.insert(*name).second) in.fail(issue, fmt::format("expected each issue name once, found '{}' again", *name));
  if (index && !indices.insert(*index).second) in.fail(issue, fmt::format("expected each issue index once, found {} again", *index));
  return std::pair{name.value_or(""), index.value_or(0)};
}

}  // namespace

// The shared checks (size, UTF-8), with the empty-file message naming what was expected.
static void check_genius_text(std::string_view text, const std::string& file, std::string_view what) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw InputError({Diagnostic{file, 0, 0, fmt::format("expected {} (XML), found an empty file", what)}});
  check_input_text(text, file);
}

GeniusDomain parse_genius_domain(std::string_view text, const std::string& file) {
  check_genius_text(text, file, "a GENIUS domain");
  XmlReader in(text, file);
  pugi::xml_document doc;
  const auto root = in.root(doc, "a GENIUS domain");
  const auto objective = in.objective(root, "a GENIUS domain");
  GeniusDomain domain;
  domain.file = file;
  std::set<int> indices;
  std::set<std::string> names;
  for (const auto issue : objective.children("issue")) {
    GeniusDomainIssue is;
    std::tie(is.line, is.column) = in.locate(issue);
    const auto identity = issue_identity(in, issue, names, indices);
    if (!identity) continue;
    std::tie(is.name, is.index) = *identity;
    std::set<std::string> values;
    for (const auto item : issue.children("item")) {
      const auto value = in.text_attribute(item, "value", "the value's name");
      if (!value) continue;
      if (!values.insert(*value).second)
        in.fail(item, fmt::format("expected each value once on issue '{}', found '{}' again", is.name, *value));
      is.values.push_back(*value);
    }
    if (!issue.child("item")) in.fail(issue, fmt::format("expected at least one <item> on issue '{}', found none", is.name));
    domain.issues.push_back(std::move(is));
  }
  if (!objective.child("issue")) in.fail(objective, "expected at least one <issue> in the <objective>, found none");
  in.throw_if_problems();
  return domain;
}

GeniusProfile parse_genius_profile(std::string_view text, const std::string& file) {
  check_genius_text(text, file, "a GENIUS utility profile");
  XmlReader in(text, file);
  pugi::xml_document doc;
  const auto root = in.root(doc, "a GENIUS utility profile");
  const auto objective = in.objective(root, "a GENIUS utility profile");
  const pugi::xml_node space = objective.parent();
  GeniusProfile profile;
  profile.file = file;
  if (const auto r = space.child("reservation"))
    profile.reservation = in.number_attribute(r, "value", "the reservation value", -1e12, 1e12).value_or(0);
  if (const auto d = space.child("discount_factor"))
    profile.discount_factor = in.number_attribute(d, "value", "the discount factor", 0, 1);
  std::set<int> indices;
  std::set<std::string> names;
  for (const auto issue : objective.children("issue")) {
    GeniusProfileIssue is;
    std::tie(is.line, is.column) = in.locate(issue);
    const auto identity = issue_identity(in, issue, names, indices);
    if (!identity) continue;
    std::tie(is.name, is.index) = *identity;
    std::set<std::string> values;
    for (const auto item : issue.children("item")) {
      GeniusProfileItem it;
      std::tie(it.line, it.column) = in.locate(item);
      const auto value = in.text_attribute(item, "value", "the value's name");
      const auto evaluation = in.number_attribute(item, "evaluation", "the value's evaluation", 0, 1e12);
      if (!value || !evaluation) continue;
      if (!values.insert(*value).second)
        in.fail(item, fmt::format("expected each value once on issue '{}', found '{}' again", is.name, *value));
      it.value = *value;
      it.evaluation = *evaluation;
      is.items.push_back(std::move(it));
    }
    if (!issue.child("item")) in.fail(issue, fmt::format("expected at least one <item> on issue '{}', found none", is.name));
    profile.issues.push_back(std::move(is));
  }
  if (!objective.child("issue")) in.fail(objective, "expected at least one <issue> in the <objective>, found none");
  for (const auto weight : objective.children("weight")) {
    const auto index = in.index_attribute(weight, "the index of the weighted issue");
    const auto value = in.number_attribute(weight, "value", "the issue's weight", 0, 1e12);
    if (!index || !value) continue;
    if (!indices.count(*index)) {
      in.fail(weight, fmt::format("expected the index of an issue of this profile, found {}", *index));
      continue;
    }
    if (!profile.weights.emplace(*index, *value).second)
      in.fail(weight, fmt::format("expected one weight per issue, found a second for index {}", *index));
  }
  for (const auto issue : objective.children("issue")) {
    const int index = issue.attribute("index").as_int();
    if (issue.attribute("index") && indices.count(index) && !profile.weights.count(index))
      in.fail(issue, fmt::format("expected a <weight index=\"{}\"> for issue '{}', found none", index,
                                 issue.attribute("name").value()));
  }
  in.throw_if_problems();
  return profile;
}

// The file's bytes; the shared reader's checks, except that an empty file is reported by the
// parser (which says a GENIUS file was expected, not a scenario).
static std::string read_genius_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || std::filesystem::file_size(path, ec) > max_input_bytes || ec)
    return read_input_file(path);  // throws its located error
  std::ifstream in(path, std::ios::binary);
  if (!in) return read_input_file(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

GeniusDomain load_genius_domain(const std::string& path) { return parse_genius_domain(read_genius_file(path), path); }
GeniusProfile load_genius_profile(const std::string& path) { return parse_genius_profile(read_genius_file(path), path); }

space::PackageSpace package_space_of(const GeniusDomain& domain, const std::vector<GeniusProfile>& profiles,
                                     GeniusScoring scoring) {
  if (profiles.empty())
    throw InputError({Diagnostic{domain.file, 0, 0, "expected at least one utility profile with the domain, found none"}});
  space::PackageSpace space;
  const std::size_t k = profiles.size();
  DiagnosticList problems;
  std::set<std::string> ids;
  for (const auto& p : profiles) {
    std::string id = std::filesystem::path(p.file).stem().string();
    if (id.empty()) id = "profile";
    std::string unique = id;
    for (int n = 2; !ids.insert(unique).second; ++n) unique = fmt::format("{}_{}", id, n);
    space.actors.push_back({unique, unique, 1.0, true, p.reservation});
  }
  for (const auto& is : domain.issues) {
    space::SpaceIssue si{is.name, is.name, {}};
    for (const auto& v : is.values) si.values.push_back({v, v, std::nullopt});
    space.issues.push_back(std::move(si));
    space.contribution.emplace_back(is.values.size() * k, 0.0);
  }
  // Looked up by name through maps: a linear search per value made a domain of 200,000 values
  // take minutes.
  std::unordered_map<std::string_view, std::size_t> domain_issue;
  for (std::size_t j = 0; j < domain.issues.size(); ++j) domain_issue.emplace(domain.issues[j].name, j);
  for (std::size_t a = 0; a < k; ++a) {
    const GeniusProfile& p = profiles[a];
    double weight_sum = 0;
    for (const auto& [index, w] : p.weights) weight_sum += w;
    std::unordered_map<std::string_view, const GeniusProfileIssue*> profile_issue;
    for (const auto& pi : p.issues) {
      profile_issue.emplace(pi.name, &pi);
      if (!domain_issue.count(pi.name))
        problems.push_back({p.file, pi.line, pi.column,
                            fmt::format("expected an issue of the domain {}, found '{}'", domain.file, pi.name)});
    }
    for (std::size_t j = 0; j < domain.issues.size(); ++j) {
      const auto& di = domain.issues[j];
      const auto found = profile_issue.find(di.name);
      if (found == profile_issue.end()) {
        problems.push_back({p.file, 0, 0, fmt::format("expected the domain's issue '{}' in this profile, found none", di.name)});
        continue;
      }
      const GeniusProfileIssue* it = found->second;
      const double w = p.weights.count(it->index) ? p.weights.at(it->index) : 0.0;
      double max_eval = 0;
      std::unordered_map<std::string_view, const GeniusProfileItem*> item_of;
      for (const auto& item : it->items) {
        max_eval = std::max(max_eval, item.evaluation);
        item_of.emplace(item.value, &item);
      }
      for (std::size_t v = 0; v < di.values.size(); ++v) {
        const auto item = item_of.find(di.values[v]);
        if (item == item_of.end()) {
          problems.push_back({p.file, it->line, it->column,
                              fmt::format("expected an evaluation of the domain's value '{}' on issue '{}', found none",
                                          di.values[v], di.name)});
          continue;
        }
        const double evaluation = item->second->evaluation;
        double c = w * evaluation;
        if (scoring == GeniusScoring::genius)
          c = (weight_sum > 0 ? w / weight_sum : 0.0) * (max_eval > 0 ? evaluation / max_eval : 0.0);
        space.contribution[j][v * k + a] = c;
      }
      const std::unordered_set<std::string_view> domain_values(di.values.begin(), di.values.end());
      for (const auto& item : it->items)
        if (!domain_values.count(item.value))
          problems.push_back({p.file, item.line, item.column,
                              fmt::format("expected a value of the domain's issue '{}', found '{}'", di.name, item.value)});
    }
  }
  if (!problems.empty()) throw InputError(problems);
  space.notes.push_back(scoring == GeniusScoring::genius
                            ? "GENIUS scoring: weights normalised to sum 1, evaluations divided by their issue's maximum"
                            : "NegMAS scoring: raw weight x raw evaluation");
  space.notes.push_back("every profile has a veto; discount factors are read but a static analysis does not use them");
  return space;
}

space::PackageSpace load_genius_package_space(const std::string& domain_path,
                                              const std::vector<std::string>& profile_paths, GeniusScoring scoring) {
  DiagnosticList problems;
  GeniusDomain domain;
  try {
    domain = load_genius_domain(domain_path);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) problems.push_back(d);
  }
  std::vector<GeniusProfile> profiles;
  for (const auto& p : profile_paths) try {
      profiles.push_back(load_genius_profile(p));
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics()) problems.push_back(d);
    }
  if (!problems.empty()) throw InputError(problems);
  return package_space_of(domain, profiles, scoring);
}

}  // namespace truce

#include "truce/io/yaml_reader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>

#include <charconv>
#include <cmath>
#include <set>
#include <sstream>

#include "truce/io/input_text.hpp"

namespace truce {

namespace {

int line_of(const YAML::Mark& m) { return m.line < 0 ? 0 : m.line + 1; }
int column_of(const YAML::Mark& m) { return m.column < 0 ? 0 : m.column + 1; }

struct StopParsing {};

// Walks the event stream before any tree is built: anchors and aliases could make a small
// file expand to billions of nodes, and nesting deeper than any scenario needs is refused.
class GuardHandler : public YAML::EventHandler {
 public:
  static constexpr int max_depth = 64;
  std::optional<Diagnostic> problem;
  int documents = 0;
  std::string file;

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents > 1) record(mark, "expected one YAML document, found a second one");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { check_anchor(mark, anchor); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    record(mark, "expected plain data, found a YAML alias (anchors and aliases are not accepted)");
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
    check_anchor(mark, anchor);
    // The text was UTF-8, but yaml-cpp writes the escape \N (next line) as the lone byte 0x85,
    // which no JSON or HTML output could then print.
    if (const auto at = first_invalid_utf8(value); at != std::string::npos)
      record(mark, fmt::format("expected UTF-8 text once YAML's escapes are read, found the byte 0x{:02X}",
                               static_cast<unsigned char>(value[at])));
    // An escape such as "\e[2J" or "\0" would carry a control character into a name and on
    // to a terminal.
    else if (std::string what; first_forbidden_character(value, &what) != std::string::npos)
      record(mark, fmt::format("expected text once YAML's escapes are read, found {}", what));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { --depth_; }

 private:
  int depth_ = 0;
  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    check_anchor(mark, anchor);
    if (++depth_ > max_depth) {
      record(mark, fmt::format("expected at most {} levels of nesting, found more", max_depth));
      throw StopParsing{};  // before yaml-cpp's own limit (500 levels) answers with a bare "bad file"
    }
  }
  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor)
      record(mark, "expected plain data, found a YAML anchor (anchors and aliases are not accepted)");
  }
  void record(const YAML::Mark& mark, std::string message) {
    if (!problem) problem = Diagnostic{file, line_of(mark), column_of(mark), std::move(message)};
  }
};

// Stops the event walk at the first problem so a hostile file costs no more than needed.
class StoppingGuard : public GuardHandler {
 public:
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t a) override {
    GuardHandler::OnAlias(mark, a);
    throw StopParsing{};
  }
};

std::string quoted(std::string_view text) {
  constexpr std::size_t limit = 40;
  std::string shown(text.substr(0, limit));
  if (text.size() > limit) shown += "...";
  return fmt::format("'{}'", shown);
}

}  // namespace

YAML::Node parse_yaml_document(std::string_view text, const std::string& file_name) {
  const std::string owned(text);
  try {
    std::istringstream events(owned);
    YAML::Parser parser(events);
    StoppingGuard guard;
    guard.file = file_name;
    try {
      while (!guard.problem && parser.HandleNextDocument(guard)) {
      }
    } catch (const StopParsing&) {
    }
    if (guard.problem) throw InputError({*guard.problem});
    YAML::Node root = YAML::Load(owned);
    return root;
  } catch (const YAML::Exception& e) {
    throw InputError({Diagnostic{file_name, line_of(e.mark), column_of(e.mark),
                                 fmt::format("expected valid YAML, found a syntax error: {}", e.msg)}});
  }
}

void YamlReader::throw_if_problems() const {
  if (!problems_.empty()) throw InputError(problems_);
}

void YamlReader::fail(const YAML::Node& at, std::string message) {
  const auto mark = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
  problems_.push_back(Diagnostic{file_, line_of(mark), column_of(mark), std::move(message)});
}

YAML::Node YamlReader::get(const YAML::Node& map, std::string_view key) {
  if (!map.IsDefined() || !map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node value = map[std::string(key)];
  return value.IsDefined() ? value : YAML::Node(YAML::NodeType::Undefined);
}

std::string YamlReader::describe(const YAML::Node& node) {
  if (!node.IsDefined()) return "nothing";
  switch (node.Type()) {
    case YAML::NodeType::Null: return "nothing (null)";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Scalar: return quoted(node.Scalar());
    default: return "nothing";
  }
}

bool YamlReader::expect_map(const YAML::Node& node, std::string_view what) {
  if (node.IsMap()) return true;
  fail(node, fmt::format("expected {} (a mapping of keys to values), found {}", what, describe(node)));
  return false;
}

bool YamlReader::expect_sequence(const YAML::Node& node, std::string_view what) {
  if (node.IsSequence()) return true;
  fail(node, fmt::format("expected {} (a list), found {}", what, describe(node)));
  return false;
}

void YamlReader::check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                            std::initializer_list<std::string_view> required) {
  check_keys(map, std::vector<std::string_view>(allowed), std::vector<std::string_view>(required));
}

void YamlReader::check_keys(const YAML::Node& map, const std::vector<std::string_view>& allowed,
                            const std::vector<std::string_view>& required) {
  std::set<std::string, std::less<>> seen;
  for (const auto& entry : map) {
    const YAML::Node key = entry.first;
    if (!key.IsScalar()) {
      fail(key, fmt::format("expected a key, found {}", describe(key)));
      continue;
    }
    const std::string& name = key.Scalar();
    if (!seen.insert(name).second) {
      fail(key, fmt::format("expected each key once, found '{}' again", name));
      continue;
    }
    bool known = false;
    for (auto a : allowed) known = known || a == name;
    if (!known) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail(key, fmt::format("expected one of the keys {}, found '{}'", list, name));
    }
  }
  for (auto r : required)
    if (!seen.count(r)) fail(map, fmt::format("expected the key '{}', found it missing", r));
}

std::optional<std::string> YamlReader::as_string(const YAML::Node& node, std::string_view what) {
  if (node.IsScalar()) return node.Scalar();
  fail(node, fmt::format("expected {} (text), found {}", what, describe(node)));
  return std::nullopt;
}

std::optional<double> YamlReader::parse_number(const YAML::Node& node) {
  // Quoted scalars carry the tag "!": "12" is text, not a number.
  if (!node.IsScalar() || node.Tag() == "!") return std::nullopt;
  const std::string& s = node.Scalar();
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (first != last && *first == '+') ++first;
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<double> YamlReader::as_number(const YAML::Node& node, std::string_view what, double min, double max) {
  const auto value = parse_number(node);
  if (!value) {
    fail(node, fmt::format("expected {} (a finite number), found {}", what, describe(node)));
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    fail(node, fmt::format("expected {} between {} and {}, found {}", what, min, max, node.Scalar()));
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> YamlReader::string(const YAML::Node& map, std::string_view key) {
  const YAML::Node node = get(map, key);
  if (!node.IsDefined()) return std::nullopt;  // missing required keys are reported by check_keys
  return as_string(node, fmt::format("'{}'", key));
}

std::optional<double> YamlReader::number(const YAML::Node& map, std::string_view key, double min, double max) {
  const YAML::Node node = get(map, key);
  if (!node.IsDefined()) return std::nullopt;
  return as_number(node, fmt::format("'{}'", key), min, max);
}

std::optional<bool> YamlReader::boolean(const YAML::Node& map, std::string_view key) {
  const YAML::Node node = get(map, key);
  if (!node.IsDefined()) return std::nullopt;
  if (node.IsScalar() && node.Tag() != "!" && (node.Scalar() == "true" || node.Scalar() == "false"))
    return node.Scalar() == "true";
  fail(node, fmt::format("expected '{}' to be true or false, found {}", key, describe(node)));
  return std::nullopt;
}

}  // namespace truce

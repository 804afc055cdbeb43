#include "truce/core/option_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace truce {

using nlohmann::json;

namespace {

// 100000 rather than 1e+05; 0.5 as 0.5.
std::string bound_text(double x) {
  if (x == std::floor(x) && std::fabs(x) < 1e15) return fmt::format("{}", static_cast<long long>(x));
  return fmt::format("{:g}", x);
}

std::string range_text(const OptionSpec& s) {
  if (s.exclusive_minimum || s.exclusive_maximum) {
    std::string out;
    if (s.minimum) out += fmt::format(" {} {}", s.exclusive_minimum ? ">" : ">=", bound_text(*s.minimum));
    if (s.maximum) out += fmt::format("{} {} {}", s.minimum ? " and" : "", s.exclusive_maximum ? "<" : "<=",
                                      bound_text(*s.maximum));
    return out;
  }
  if (s.minimum && s.maximum) return fmt::format(" from {} to {}", bound_text(*s.minimum), bound_text(*s.maximum));
  if (s.minimum) return fmt::format(" >= {}", bound_text(*s.minimum));
  if (s.maximum) return fmt::format(" <= {}", bound_text(*s.maximum));
  return "";
}

std::string choices_text(const std::vector<std::string>& choices) {
  std::string out;
  for (const auto& c : choices) out += (out.empty() ? "" : ", ") + c;
  return out;
}

bool within(const OptionSpec& s, double x) {
  const bool above = !s.minimum || (s.exclusive_minimum ? x > *s.minimum : x >= *s.minimum);
  const bool below = !s.maximum || (s.exclusive_maximum ? x < *s.maximum : x <= *s.maximum);
  return std::isfinite(x) && above && below;
}

// A whole number in range; JSON integers may be unsigned beyond int64 (seeds).
bool whole_within(const OptionSpec& s, const json& v) {
  if (!v.is_number_integer()) return false;
  if (v.is_number_unsigned()) {
    const auto x = v.get<std::uint64_t>();
    return (!s.minimum || static_cast<double>(x) >= *s.minimum) && (!s.maximum || static_cast<double>(x) <= *s.maximum);
  }
  return within(s, static_cast<double>(v.get<std::int64_t>()));
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t comma; (comma = text.find(',', from)) != std::string::npos; from = comma + 1)
    out.push_back(text.substr(from, comma - from));
  out.push_back(text.substr(from));
  return out;
}

std::optional<std::string> canonical_choice(const OptionSpec& s, const json& v) {
  if (!v.is_string()) return std::nullopt;
  const auto text = v.get<std::string>();
  if (std::find(s.choices.begin(), s.choices.end(), text) != s.choices.end()) return text;
  if (const auto a = s.aliases.find(text); a != s.aliases.end()) return a->second;
  return std::nullopt;
}

}  // namespace

std::string option_path(const std::string& table, const std::string& path) {
  if (path.empty()) return table + " options";
  return fmt::format("{} option '{}'", table, path);
}

std::string expected_text(const OptionSpec& s) {
  switch (s.kind) {
    case OptionKind::whole_number: return "a whole number" + range_text(s);
    case OptionKind::number: return "a number" + range_text(s);
    case OptionKind::boolean: return "true or false";
    case OptionKind::choice: return "one of " + choices_text(s.choices);
    case OptionKind::text: return "a string";
    case OptionKind::text_list: return "a list of strings";
    case OptionKind::choice_list: return "a non-empty list of " + choices_text(s.choices);
    case OptionKind::number_by_key:
      return "an object mapping each key to a number" + range_text(s);
    case OptionKind::object: return "an object";
    case OptionKind::group: return "an object of options";
  }
  return "a value";
}

json checked_option_value(const OptionSpec& s, const json& v, const std::string& table, const std::string& path) {
  auto fail = [&] {
    throw std::invalid_argument(fmt::format("{}: expected {}, found {}", option_path(table, path), expected_text(s), v.dump()));
  };
  switch (s.kind) {
    case OptionKind::whole_number:
      if (!whole_within(s, v)) fail();
      return v;
    case OptionKind::number:
      if (!v.is_number() || !within(s, v.get<double>())) fail();
      return v;
    case OptionKind::boolean:
      if (!v.is_boolean()) fail();
      return v;
    case OptionKind::choice: {
      const auto c = canonical_choice(s, v);
      if (!c) fail();
      return *c;
    }
    case OptionKind::text:
      if (!v.is_string()) fail();
      return v;
    case OptionKind::text_list:
      if (!v.is_array() || !std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_string(); })) fail();
      return v;
    case OptionKind::choice_list: {
      if (!v.is_array() || v.empty()) fail();
      json out = json::array();
      for (const auto& x : v) {
        const auto c = canonical_choice(s, x);
        if (!c) fail();
        for (const auto& one : split_list(*c))
          if (std::find(out.begin(), out.end(), json(one)) == out.end()) out.push_back(one);
      }
      return out;
    }
    case OptionKind::number_by_key:
      if (!v.is_object()) fail();
      for (const auto& [key, x] : v.items())
        if (!x.is_number() || !within(s, x.get<double>()))
          throw std::invalid_argument(fmt::format("{}: expected a number{}, found {}", option_path(table, path + "." + key),
                                                  range_text(s), x.dump()));
      return v;
    case OptionKind::object:
    case OptionKind::group:
      if (!v.is_object()) fail();
      return v;
  }
  return v;
}

json option_schema(const std::vector<OptionSpec>& fields, const std::string& title, const std::string& description) {
  json properties = json::object();
  json required = json::array();
  for (const auto& s : fields) {
    json p;
    switch (s.kind) {
      case OptionKind::whole_number: p["type"] = "integer"; break;
      case OptionKind::number: p["type"] = "number"; break;
      case OptionKind::boolean: p["type"] = "boolean"; break;
      case OptionKind::choice: p["type"] = "string"; p["enum"] = s.choices; break;
      case OptionKind::text: p["type"] = "string"; break;
      case OptionKind::text_list: p = {{"type", "array"}, {"items", {{"type", "string"}}}}; break;
      case OptionKind::choice_list:
        p = {{"type", "array"}, {"items", {{"type", "string"}, {"enum", s.choices}}}, {"minItems", 1}};
        break;
      case OptionKind::number_by_key: {
        json item = {{"type", "number"}};
        if (s.minimum) item["minimum"] = *s.minimum;
        if (s.maximum) item["maximum"] = *s.maximum;
        p = {{"type", "object"}, {"additionalProperties", item}};
        break;
      }
      case OptionKind::object: p["type"] = "object"; break;
      case OptionKind::group: p = option_schema(s.fields, s.name, s.description); break;
    }
    if (s.kind == OptionKind::whole_number || s.kind == OptionKind::number) {
      if (s.minimum) p[s.exclusive_minimum ? "exclusiveMinimum" : "minimum"] = *s.minimum;
      if (s.maximum) p[s.exclusive_maximum ? "exclusiveMaximum" : "maximum"] = *s.maximum;
    }
    p["description"] = s.description;
    if (!s.default_value.is_null() && s.kind != OptionKind::group && !s.required) p["default"] = s.default_value;
    if (!s.written) p["x-truce-not-stored"] = true;  // accepted, not part of a result's identity
    if (s.required) required.push_back(s.name);
    properties[s.name] = p;
  }
  json schema = {{"type", "object"},
                 {"title", title},
                 {"description", description},
                 {"properties", properties},
                 {"additionalProperties", false}};
  if (!required.empty()) schema["required"] = required;
  return schema;
}

}  // namespace truce

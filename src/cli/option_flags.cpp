#include "option_flags.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace truce::cli {

using nlohmann::json;

namespace {

std::string dashed(std::string name) {
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

std::string default_text(const OptionSpec& s) {
  const json& d = s.default_value;
  if (d.is_null()) return "";
  if (d.is_string()) return d.get<std::string>();
  if (d.is_boolean()) return d.get<bool>() ? "on" : "";
  if (d.is_array()) {
    std::string out;
    for (const auto& x : d) out += (out.empty() ? "" : ",") + (x.is_string() ? x.get<std::string>() : x.dump());
    return out;
  }
  if (d.is_object()) return "";
  return d.dump();
}

// The text of a flag as JSON of the field's kind; what does not parse stays a string, so the
// table's check reports it in its own words ("expected a number from 0 to 1, found \"x\"").
json typed_value(OptionKind kind, const std::string& text) {
  if (kind == OptionKind::whole_number) {
    const char* end = text.data() + text.size();
    if (!text.empty() && text[0] == '-') {
      std::int64_t x = 0;
      const auto r = std::from_chars(text.data(), end, x);
      if (r.ec == std::errc() && r.ptr == end) return x;
    } else {
      std::uint64_t x = 0;
      const auto r = std::from_chars(text.data(), end, x);
      if (r.ec == std::errc() && r.ptr == end) return x;
    }
    return text;
  }
  if (kind == OptionKind::number) {
    char* end = nullptr;
    const double x = std::strtod(text.c_str(), &end);
    if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(x)) return x;
    return text;
  }
  return text;
}

void add_flags(CLI::App& command, const std::vector<OptionSpec>& fields, const std::shared_ptr<json>& given,
               const std::string& pointer, const std::string& prefix, const std::string& help_prefix,
               const std::string& group) {
  for (const auto& s : fields) {
    const std::string at = pointer + "/" + s.name;
    if (s.kind == OptionKind::group) {
      add_flags(command, s.fields, given, at, s.flag, s.description + ": ", group);
      continue;
    }
    if (!s.on_command_line) continue;
    const std::string flag = "--" + flag_of(s, prefix);
    const std::string help = help_prefix + option_help(s);
    const json::json_pointer where(at);
    CLI::Option* option = nullptr;
    switch (s.kind) {
      case OptionKind::boolean:
        option = command.add_flag_callback(flag, [given, where] { (*given)[where] = true; }, help);
        break;
      case OptionKind::text_list:
      case OptionKind::choice_list:
        option = command.add_option_function<std::vector<std::string>>(
            flag, [given, where](const std::vector<std::string>& v) {
              json& list = (*given)[where];
              if (!list.is_array()) list = json::array();
              for (const auto& x : v) list.push_back(x);
            },
            help);
        option->delimiter(',');
        break;
      case OptionKind::number_by_key:
        option = command.add_option_function<std::vector<std::string>>(
            flag, [given, where, s, flag](const std::vector<std::string>& items) {
              json& object = (*given)[where];
              if (!object.is_object()) object = json::object();
              for (const auto& item : items) {
                const auto eq = item.find('=');
                if (eq == std::string::npos || eq == 0)
                  throw CLI::ValidationError(flag, fmt::format("expected {}, found '{}'", s.value_name, item));
                object[item.substr(0, eq)] = typed_value(OptionKind::number, item.substr(eq + 1));
              }
            },
            help);
        if (!s.value_name.empty()) option->type_name(s.value_name);
        break;
      default:
        option = command.add_option_function<std::string>(
            flag, [given, where, kind = s.kind](const std::string& text) { (*given)[where] = typed_value(kind, text); },
            help);
        break;
    }
    if (s.kind == OptionKind::whole_number) option->type_name("WHOLE");
    if (s.kind == OptionKind::number) option->type_name("NUMBER");
    if (s.kind == OptionKind::choice || s.kind == OptionKind::choice_list) option->type_name("CHOICE");
    option->group(group);
  }
}

}  // namespace

std::string flag_of(const OptionSpec& s, const std::string& prefix) {
  return s.flag.empty() ? prefix + dashed(s.name) : s.flag;
}

std::string option_help(const OptionSpec& s) {
  std::string accepts = expected_text(s);
  if (s.kind == OptionKind::text_list || s.kind == OptionKind::choice_list || s.kind == OptionKind::number_by_key)
    accepts += ", repeatable";
  const std::string d = default_text(s);
  return fmt::format("{} ({}{})", s.description, accepts, d.empty() ? "" : "; default " + d);
}

void add_option_flags(CLI::App& command, const std::vector<OptionSpec>& fields, std::shared_ptr<json> given,
                      const std::string& help_group) {
  add_flags(command, fields, given, "", "", "", help_group);
}

}  // namespace truce::cli

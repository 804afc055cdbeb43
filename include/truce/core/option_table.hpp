#pragma once
// One field table per analysis's Options struct: each option is declared once (name, kind,
// default, bounds, choices, one-line description, how to read and set it in the struct), and
// everything else comes from that table: parsing and validation of the JSON options (with one
// wording of every error), the complete options JSON a stored run keeps, the command-line
// flags and their --help text (src/cli/option_flags.cpp), and the JSON Schema `truce schema`
// prints for the Python package and the browser explorer. In the manner of HiGHS's option
// records and DuckDB's settings structs.
//
// A table is a value: `OptionTable<O>` holds `OptionField<O>`s made by the builders below
// (whole_number_option, number_option, ...). `parse` starts from a default-constructed O, so
// the struct's member initialisers are the defaults and the table reads them from there.

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace truce {

enum class OptionKind {
  whole_number,   // an integer within [minimum, maximum]
  number,         // a finite number within [minimum, maximum]
  boolean,        // true or false (a flag on the command line)
  choice,         // one of `choices`
  text,           // any string (checked by the analysis, e.g. a target expression)
  text_list,      // a list of strings (repeatable flag)
  choice_list,    // a non-empty list of `choices`, duplicates dropped (repeatable flag)
  number_by_key,  // {KEY: number within [minimum, maximum]} (repeatable KEY=NUMBER flag)
  object,         // a JSON object the analysis checks itself (e.g. a target's options)
  group,          // a nested table (`fields`), e.g. the EUM's options inside forecast's
};

// What a field is, without how it is stored: what help, the schema and validation read.
struct OptionSpec {
  std::string name;         // the JSON key
  OptionKind kind = OptionKind::text;
  std::string description;  // one line
  nlohmann::json default_value;  // as JSON (from a default-constructed Options)
  std::optional<double> minimum, maximum;  // bounds of numbers, inclusive unless said below
  bool exclusive_minimum = false, exclusive_maximum = false;
  std::vector<std::string> choices;        // choice, choice_list
  // Other spellings accepted on input -> the choice (for a list, one or more choices joined
  // by ',': "both" -> "tornado,sobol").
  std::map<std::string, std::string> aliases;
  std::string flag;         // the command-line flag without "--" ("" = derived from the name);
                            // for a group, the prefix of its fields' flags
  bool on_command_line = true;  // false: no flag (an object the command fills another way)
  std::string value_name;   // e.g. "ISSUE=POSITION" in --help
  bool written = true;      // false: accepted but not part of a result's identity (threads),
                            // so not written into the complete options
  bool required = false;
  std::vector<OptionSpec> fields;  // group: the nested fields
};

// `where` names the option in messages: "forecast option 'eum.q'".
std::string option_path(const std::string& table, const std::string& path);

// Checks `value` against `spec` and returns it in canonical form (an alias replaced by its
// choice, a list without duplicates); throws std::invalid_argument worded the same way for
// every option: "<table> option '<path>': expected <what>, found <value>".
nlohmann::json checked_option_value(const OptionSpec& spec, const nlohmann::json& value, const std::string& table,
                                    const std::string& path);

// "a whole number from 0 to 100000", "one of per_issue, joint", ...
std::string expected_text(const OptionSpec& spec);

// The JSON Schema (2020-12) of an object with these fields.
nlohmann::json option_schema(const std::vector<OptionSpec>& fields, const std::string& title,
                             const std::string& description);

template <class O>
struct OptionField {
  OptionSpec spec;  // default_value is filled by OptionTable::specs()
  std::function<nlohmann::json(const O&)> read;
  std::function<void(O&, const nlohmann::json&)> write;  // the value is already checked
  std::function<std::vector<OptionSpec>()> nested;       // group: the nested table's specs
  // group: parse the nested object (with its own defaults and checks) into the member
  std::function<void(O&, const nlohmann::json&, const std::string& table, const std::string& path)> parse_nested;
  bool applied_first = false;  // a preset (e.g. the EUM's reading) sets other fields: applied before them
};

template <class O>
class OptionTable {
 public:
  std::string name;  // used in messages: "eum option 'q'", or "forecast option 'eum.q'" when nested
  std::vector<OptionField<O>> fields;
  std::function<void(const O&, const std::string& table, const std::string& path)> check;  // across fields

  // The options of a JSON object (null = {}): missing keys keep O{}'s values; unknown keys,
  // wrong types and out-of-range values throw std::invalid_argument naming the option.
  O parse(const nlohmann::json& given) const { return parse_at(given, name, ""); }

  O parse_at(const nlohmann::json& given, const std::string& table, const std::string& path) const {
    O o{};
    fill(o, given, table, path);
    return o;
  }

  // Parses onto `o`: the given fields are checked and written, the others keep o's values.
  void fill(O& o, const nlohmann::json& given, const std::string& table, const std::string& path) const {
    const std::string prefix = path.empty() ? "" : path + ".";
    if (!given.is_null() && !given.is_object())
      throw std::invalid_argument(option_path(table, path) + ": expected an object of options, found " + given.dump());
    if (given.is_object())
      for (const auto& [key, value] : given.items())
        if (!field(key)) {
          std::string known;
          for (const auto& f : fields) known += (known.empty() ? "" : ", ") + f.spec.name;
          throw std::invalid_argument(option_path(table, prefix + key) + ": no such option; expected one of " + known);
        }
    for (int pass = 0; pass < 2; ++pass)
      for (const auto& f : fields) {
        if (f.applied_first != (pass == 0)) continue;
        const std::string at = prefix + f.spec.name;
        const bool present = given.is_object() && given.contains(f.spec.name);
        if (f.spec.kind == OptionKind::group) {
          // a group not given still gets its own defaults and checks
          f.parse_nested(o, present ? given.at(f.spec.name) : nlohmann::json::object(), table, at);
        } else if (present) {
          f.write(o, checked_option_value(f.spec, given.at(f.spec.name), table, at));
        } else if (f.spec.required) {
          throw std::invalid_argument(option_path(table, at) + ": required");
        }
      }
    if (check) check(o, table, path);
  }

  // The complete options: every written field, defaults included.
  nlohmann::json write(const O& o) const {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& f : fields)
      if (f.spec.written) out[f.spec.name] = f.read(o);
    return out;
  }

  // The fields with their defaults, for help, the schema and the flags.
  std::vector<OptionSpec> specs() const {
    const O defaults{};
    std::vector<OptionSpec> out;
    for (const auto& f : fields) {
      OptionSpec s = f.spec;
      if (f.spec.kind == OptionKind::group) s.fields = f.nested();
      s.default_value = f.read(defaults);
      out.push_back(std::move(s));
    }
    return out;
  }

  // The field with this name, or nullptr.
  const OptionField<O>* field(const std::string& name) const {
    for (const auto& f : fields)
      if (f.spec.name == name) return &f;
    return nullptr;
  }
};

// A table: its name (for messages), its fields in order, and an optional check across fields.
template <class O>
OptionTable<O> option_table(std::string name, std::vector<OptionField<O>> fields,
                            std::function<void(const O&, const std::string&, const std::string&)> check = {}) {
  OptionTable<O> t;
  t.name = std::move(name);
  t.fields = std::move(fields);
  t.check = std::move(check);
  return t;
}

// ---------------------------------------------------------------------------------------------
// Builders. `member` is a pointer to the Options struct's member; flags default to the
// option's name with '-' for '_' (a group's fields get the group's flag prefix, see below).

// A member read and written as JSON of its own type (numbers, booleans, strings, lists).
template <class O, class M>
OptionField<O> plain_option(std::string name, M O::*member, OptionKind kind, std::string description) {
  OptionField<O> f;
  f.spec.name = std::move(name);
  f.spec.kind = kind;
  f.spec.description = std::move(description);
  f.read = [member](const O& o) { return nlohmann::json(o.*member); };
  f.write = [member](O& o, const nlohmann::json& v) { o.*member = v.template get<M>(); };
  return f;
}

template <class O, class M>
OptionField<O> whole_number_option(std::string name, M O::*member, double minimum, std::optional<double> maximum,
                                   std::string description) {
  OptionField<O> f = plain_option(std::move(name), member, OptionKind::whole_number, std::move(description));
  f.spec.minimum = minimum;
  f.spec.maximum = maximum;
  return f;
}

template <class O>
OptionField<O> number_option(std::string name, double O::*member, std::optional<double> minimum,
                             std::optional<double> maximum, std::string description) {
  OptionField<O> f = plain_option(std::move(name), member, OptionKind::number, std::move(description));
  f.spec.minimum = minimum;
  f.spec.maximum = maximum;
  return f;
}

template <class O>
OptionField<O> boolean_option(std::string name, bool O::*member, std::string description) {
  return plain_option(std::move(name), member, OptionKind::boolean, std::move(description));
}

// An enum member with a name per value (the names are what JSON, flags and the schema show).
template <class O, class E>
OptionField<O> choice_option(std::string name, E O::*member, std::vector<std::pair<E, std::string>> names,
                             std::string description) {
  OptionField<O> f;
  f.spec.name = std::move(name);
  f.spec.kind = OptionKind::choice;
  f.spec.description = std::move(description);
  for (const auto& n : names) f.spec.choices.push_back(n.second);
  f.read = [member, names](const O& o) {
    for (const auto& [e, n] : names)
      if (e == o.*member) return nlohmann::json(n);
    return nlohmann::json(nullptr);
  };
  f.write = [member, names](O& o, const nlohmann::json& v) {
    for (const auto& [e, n] : names)
      if (n == v.get<std::string>()) o.*member = e;
  };
  return f;
}

template <class O>
OptionField<O> text_option(std::string name, std::string O::*member, std::string description) {
  return plain_option(std::move(name), member, OptionKind::text, std::move(description));
}

template <class O>
OptionField<O> text_list_option(std::string name, std::vector<std::string> O::*member, std::string description) {
  return plain_option(std::move(name), member, OptionKind::text_list, std::move(description));
}

template <class O>
OptionField<O> choice_list_option(std::string name, std::vector<std::string> O::*member, std::vector<std::string> choices,
                                  std::string description) {
  OptionField<O> f = text_list_option<O>(std::move(name), member, std::move(description));
  f.spec.kind = OptionKind::choice_list;
  f.spec.choices = std::move(choices);
  return f;
}

template <class O>
OptionField<O> number_by_key_option(std::string name, std::map<std::string, double> O::*member,
                                    std::optional<double> minimum, std::optional<double> maximum, std::string value_name,
                                    std::string description) {
  OptionField<O> f;
  f.spec.name = std::move(name);
  f.spec.kind = OptionKind::number_by_key;
  f.spec.description = std::move(description);
  f.spec.minimum = minimum;
  f.spec.maximum = maximum;
  f.spec.value_name = std::move(value_name);
  f.read = [member](const O& o) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : o.*member) out[k] = v;
    return out;
  };
  f.write = [member](O& o, const nlohmann::json& v) {
    (o.*member).clear();
    for (const auto& [k, x] : v.items()) (o.*member)[k] = x.template get<double>();
  };
  return f;
}

template <class O>
OptionField<O> object_option(std::string name, nlohmann::json O::*member, std::string description) {
  OptionField<O> f = plain_option(std::move(name), member, OptionKind::object, std::move(description));
  f.spec.on_command_line = false;  // the command fills it from flags of its own
  return f;
}

// A nested table: `table()` returns the member's table; its flags get `flag_prefix`.
template <class O, class M>
OptionField<O> group_option(std::string name, M O::*member, const OptionTable<M>& (*table)(), std::string flag_prefix,
                            std::string description) {
  OptionField<O> f;
  f.spec.name = std::move(name);
  f.spec.kind = OptionKind::group;
  f.spec.description = std::move(description);
  f.spec.flag = std::move(flag_prefix);
  f.read = [member, table](const O& o) { return table().write(o.*member); };
  f.nested = [table] { return table().specs(); };
  f.parse_nested = [member, table](O& o, const nlohmann::json& v, const std::string& t, const std::string& path) {
    M m{};
    table().fill(m, v, t, path);
    o.*member = std::move(m);
  };
  return f;
}

// Field modifiers, for the few fields that differ from the defaults above.
template <class O>
OptionField<O> with_flag(OptionField<O> f, std::string flag) {
  f.spec.flag = std::move(flag);
  return f;
}
template <class O>
OptionField<O> not_written(OptionField<O> f) {
  f.spec.written = false;
  return f;
}
template <class O>
OptionField<O> required(OptionField<O> f) {
  f.spec.required = true;
  return f;
}
template <class O>
OptionField<O> with_aliases(OptionField<O> f, std::map<std::string, std::string> aliases) {
  f.spec.aliases = std::move(aliases);
  return f;
}
// A number strictly above its minimum / below its maximum (e.g. a confidence level in (0, 1)).
template <class O>
OptionField<O> exclusive_bounds(OptionField<O> f, bool minimum, bool maximum) {
  f.spec.exclusive_minimum = minimum;
  f.spec.exclusive_maximum = maximum;
  return f;
}
template <class O>
OptionField<O> applied_first(OptionField<O> f) {
  f.applied_first = true;
  return f;
}

}  // namespace truce

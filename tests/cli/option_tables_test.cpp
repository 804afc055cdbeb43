// Every option of every registered analysis is declared once, in its option table; this
// checks that what users see agrees with it: `truce COMMAND --help` shows every flag with
// its description, `truce schema NAME` prints the table's schema, the checks accept every
// default and every listed choice and reject what the schema's bounds and enums exclude, in
// the same words for every option.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "../support/run_command.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/io/scenario_file.hpp"

namespace {

using nlohmann::json;
using namespace truce;
using truce::testing::run_command;
using truce::testing::truce_binary;

const std::string reference = std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml";

struct Field {
  std::string path;  // "eum.q"
  std::string flag;  // "--eum-q"
  const OptionSpec* spec;
};

// The fields, groups opened; the flag rule of src/cli/option_flags.cpp (its own flag, or the
// group's prefix and the name with '-' for '_').
void flatten(const std::vector<OptionSpec>& specs, const std::string& path, const std::string& prefix,
             std::vector<Field>& out) {
  for (const auto& s : specs) {
    const std::string p = path.empty() ? s.name : path + "." + s.name;
    if (s.kind == OptionKind::group) {
      flatten(s.fields, p, s.flag, out);
      continue;
    }
    std::string dashed = s.name;
    for (char& c : dashed)
      if (c == '_') c = '-';
    out.push_back({p, s.on_command_line ? "--" + (s.flag.empty() ? prefix + dashed : s.flag) : "", &s});
  }
}

// What every analysis needs to run at all.
json base_request(const std::string& analysis) {
  if (analysis == "levers") return {{"target", "zopa_size"}};
  if (analysis == "what-it-takes") return {{"goal", "zopa nonempty"}};
  return json::object();
}

json with(json request, const std::string& path, const json& value) {
  std::string pointer = "/" + path;
  for (char& c : pointer)
    if (c == '.') c = '/';
  request[json::json_pointer(pointer)] = value;
  return request;
}

std::string rejection(const Analysis& a, const Scenario& scenario, const json& request) {
  try {
    a.complete_options(scenario, request);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

// Fields the analysis completes from the scenario, so their written value is not the default.
bool completed_from_scenario(const std::string& path) {
  return path == "nash.status_quo" || path == "target_options" || path == "levers";
}

// negotiate's options start from the scenario's negotiation section (docs/negotiate.md).
bool set_by_negotiation_section(const std::string& analysis, const Scenario& scenario, const std::string& path) {
  static const std::set<std::string> settable{"protocol", "steps",  "agents",          "mediator", "reservation",
                                              "discount", "relax",  "outside_options", "policy",   "war_month"};
  return analysis == "negotiate" && scenario.negotiation && settable.count(path) > 0;
}

std::string fmt_message(const std::string& table, const std::string& path, const std::string& expected,
                        const std::string& found) {
  return table + " option '" + path + "': expected " + expected + ", found " + found;
}

class OptionTables : public ::testing::TestWithParam<std::string> {};

TEST_P(OptionTables, HelpSchemaAndChecksAgreeWithTheTable) {
  const Analysis* a = find_analysis(GetParam());
  ASSERT_NE(a, nullptr);
  ASSERT_NE(a->option_fields, nullptr) << "every analysis declares its options in a table";
  const auto specs = a->option_fields();
  std::vector<Field> fields;
  flatten(specs, "", "", fields);
  ASSERT_FALSE(fields.empty());
  const Scenario scenario = load_scenario_file(reference);

  const auto help = run_command(truce_binary() + " " + a->name + " --help");
  ASSERT_EQ(help.exit_code, 0) << help.err;
  const auto schema_run = run_command(truce_binary() + " schema " + a->name);
  ASSERT_EQ(schema_run.exit_code, 0) << schema_run.err;
  const json schema = json::parse(schema_run.out);
  EXPECT_EQ(schema, options_schema(*a));
  EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");

  const json complete = a->complete_options(scenario, base_request(a->name));
  std::vector<std::string> flags;
  for (const auto& f : fields) {
    SCOPED_TRACE(f.path);
    const OptionSpec& s = *f.spec;
    EXPECT_FALSE(s.description.empty()) << "every option says what it is";
    // --help: the flag, with the description
    if (!f.flag.empty()) {
      EXPECT_NE(help.out.find(f.flag + " "), std::string::npos) << f.flag;
      EXPECT_NE(help.out.find(s.description), std::string::npos) << s.description;
      EXPECT_EQ(std::count(flags.begin(), flags.end(), f.flag), 0) << "one flag per option";
      flags.push_back(f.flag);
    }
    // the schema: the property, its default
    std::string pointer = "/properties/" + f.path;
    for (std::size_t at = 0; (at = pointer.find('.', at)) != std::string::npos;) pointer.replace(at, 1, "/properties/");
    ASSERT_TRUE(schema.contains(json::json_pointer(pointer))) << pointer;
    const json& property = schema.at(json::json_pointer(pointer));
    EXPECT_EQ(property["description"], s.description);
    // the checks: the written default is the schema's default
    std::string written_pointer = "/" + f.path;
    for (char& c : written_pointer)
      if (c == '.') c = '/';
    if (s.written && !s.required && !completed_from_scenario(f.path) &&
        !set_by_negotiation_section(a->name, scenario, f.path)) {
      ASSERT_TRUE(complete.contains(json::json_pointer(written_pointer)));
      EXPECT_EQ(complete.at(json::json_pointer(written_pointer)), property["default"]);
    }
    if (!s.written) EXPECT_FALSE(complete.contains(json::json_pointer(written_pointer)));
    // ... every listed choice is accepted, anything else refused
    if (s.kind == OptionKind::choice) {
      for (const auto& c : property["enum"]) EXPECT_EQ(rejection(*a, scenario, with(base_request(a->name), f.path, c)), "");
      EXPECT_EQ(rejection(*a, scenario, with(base_request(a->name), f.path, "no-such-choice")),
                fmt_message(a->name, f.path, expected_text(s), "\"no-such-choice\""));
    }
    // ... the bounds the schema states are the bounds the checks keep
    if (s.kind == OptionKind::whole_number || s.kind == OptionKind::number) {
      for (const char* bound : {"minimum", "exclusiveMinimum"})
        if (property.contains(bound)) {
          const double b = property[bound];
          const json below = s.kind == OptionKind::whole_number ? json(static_cast<long long>(b) - 1) : json(b - 1);
          const json at_bound = s.kind == OptionKind::whole_number ? json(static_cast<long long>(b)) : json(b);
          EXPECT_EQ(rejection(*a, scenario, with(base_request(a->name), f.path, below)),
                    fmt_message(a->name, f.path, expected_text(s), below.dump()));
          EXPECT_EQ(rejection(*a, scenario, with(base_request(a->name), f.path, at_bound)).empty(),
                    std::string(bound) == "minimum");
        }
      for (const char* bound : {"maximum", "exclusiveMaximum"})
        if (property.contains(bound)) {
          const double b = property[bound];
          const json above = s.kind == OptionKind::whole_number ? json(static_cast<long long>(b) + 1) : json(b + 1);
          EXPECT_EQ(rejection(*a, scenario, with(base_request(a->name), f.path, above)),
                    fmt_message(a->name, f.path, expected_text(s), above.dump()));
        }
    }
  }
  // unknown options are refused, naming them
  EXPECT_NE(rejection(*a, scenario, with(base_request(a->name), "no_such_option", 1)).find("'no_such_option': no such option"),
            std::string::npos);
  // completing complete options changes nothing (a stored run reruns with what it stored)
  EXPECT_EQ(a->complete_options(scenario, complete), complete);
}

INSTANTIATE_TEST_SUITE_P(EveryAnalysis, OptionTables,
                         ::testing::Values("forecast", "space", "simulate", "levers", "policies", "backtest", "what-it-takes",
                                           "timeline", "negotiate"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

TEST(OptionTables, EveryRegisteredAnalysisIsChecked) {
  std::vector<std::string> names;
  for (const auto& a : analyses()) names.push_back(a.name);
  EXPECT_EQ(names, (std::vector<std::string>{"forecast", "space", "simulate", "levers", "policies", "backtest",
                                             "what-it-takes", "timeline", "negotiate"}));
}

TEST(OptionTables, AFlagAndTheSameOptionInJsonAreRefusedInTheSameWords) {
  const auto r = run_command(truce_binary() + " forecast '" + reference + "' --eum-q 2 --no-store");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "truce forecast: forecast option 'eum.q': expected a number from 0 to 1, found 2.0\n");
  const auto s = run_command(truce_binary() + " simulate '" + reference + "' --runs abc --no-store");
  EXPECT_EQ(s.exit_code, 2);
  EXPECT_EQ(s.err, "truce simulate: simulate option 'runs': expected a whole number from 1 to 100000000, found \"abc\"\n");
}

TEST(OptionTables, SchemaOfAnUnknownAnalysisIsABadCommandLine) {
  const auto r = run_command(truce_binary() + " schema oracle");
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace

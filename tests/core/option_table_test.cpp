// The option table (core/option_table.hpp) on a small Options struct of its own: what parse
// accepts and rejects, in which words, what write and the schema say.

#include <gtest/gtest.h>

#include <stdexcept>

#include "truce/core/option_table.hpp"

namespace {

using nlohmann::json;
using namespace truce;

enum class Colour { red, green };

struct Inner {
  int depth = 2;
};

struct Options {
  int rounds = 10;
  double level = 0.5;
  bool verbose = false;
  Colour colour = Colour::red;
  std::vector<std::string> methods = {"a", "b"};
  std::map<std::string, double> weights;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  Inner inner;
};

const OptionTable<Inner>& inner_table() {
  static const OptionTable<Inner> t = [] {
    OptionTable<Inner> table;
    table.name = "inner";
    table.fields = {whole_number_option("depth", &Inner::depth, 1, 5, "how deep")};
    return table;
  }();
  return t;
}

const OptionTable<Options>& table() {
  static const OptionTable<Options> t = [] {
    OptionTable<Options> table;
    table.name = "demo";
    auto colour = choice_option("colour", &Options::colour, {{Colour::red, "red"}, {Colour::green, "green"}}, "colour");
    // A preset: "green" also sets rounds to 3, and options given with it override that.
    colour.write = [](Options& o, const json& v) {
      o.colour = v == "green" ? Colour::green : Colour::red;
      if (o.colour == Colour::green) o.rounds = 3;
    };
    table.fields = {
        whole_number_option("rounds", &Options::rounds, 0, 100, "rounds"),
        exclusive_bounds(number_option("level", &Options::level, 0.0, 1.0, "level"), true, true),
        boolean_option("verbose", &Options::verbose, "say more"),
        applied_first(colour),
        with_aliases(choice_list_option("methods", &Options::methods, {"a", "b"}, "methods"), {{"both", "a,b"}}),
        number_by_key_option("weights", &Options::weights, 0.0, 1.0, "KEY=W", "weights"),
        whole_number_option("seed", &Options::seed, 0, std::nullopt, "seed"),
        not_written(whole_number_option("threads", &Options::threads, 0, 64, "threads")),
        group_option("inner", &Options::inner, &inner_table, "inner-", "Inner"),
    };
    table.check = [](const Options& o, const std::string& name, const std::string& path) {
      if (o.verbose && o.rounds == 0) throw std::invalid_argument(option_path(name, path) + ": verbose needs rounds");
    };
    return table;
  }();
  return t;
}

std::string error_of(const json& given) {
  try {
    table().parse(given);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(OptionTable, MissingKeysTakeTheStructsDefaultsAndWriteShowsThemAll) {
  const Options o = table().parse(json::object());
  EXPECT_EQ(o.rounds, 10);
  EXPECT_EQ(table().parse(nullptr).rounds, 10);
  const json written = table().write(o);
  EXPECT_EQ(written, json::parse(R"({"rounds": 10, "level": 0.5, "verbose": false, "colour": "red",
      "methods": ["a", "b"], "weights": {}, "seed": 1, "inner": {"depth": 2}})"));
  // threads is read, never written (not part of a result's identity)
  EXPECT_EQ(table().parse({{"threads", 8}}).threads, 8u);
  EXPECT_FALSE(table().write(table().parse({{"threads", 8}})).contains("threads"));
  // write(parse(write(x))) == write(x)
  EXPECT_EQ(table().write(table().parse(written)), written);
}

TEST(OptionTable, EveryRejectionIsWordedTheSameWay) {
  EXPECT_EQ(error_of({{"rounds", 101}}), "demo option 'rounds': expected a whole number from 0 to 100, found 101");
  EXPECT_EQ(error_of({{"rounds", 2.5}}), "demo option 'rounds': expected a whole number from 0 to 100, found 2.5");
  EXPECT_EQ(error_of({{"rounds", "7"}}), "demo option 'rounds': expected a whole number from 0 to 100, found \"7\"");
  EXPECT_EQ(error_of({{"level", 1}}), "demo option 'level': expected a number > 0 and < 1, found 1");
  EXPECT_EQ(error_of({{"level", 0}}), "demo option 'level': expected a number > 0 and < 1, found 0");
  EXPECT_EQ(error_of({{"verbose", 1}}), "demo option 'verbose': expected true or false, found 1");
  EXPECT_EQ(error_of({{"colour", "blue"}}), "demo option 'colour': expected one of red, green, found \"blue\"");
  EXPECT_EQ(error_of({{"methods", json::array()}}), "demo option 'methods': expected a non-empty list of a, b, found []");
  EXPECT_EQ(error_of({{"weights", {{"x", 2}}}}), "demo option 'weights.x': expected a number from 0 to 1, found 2");
  EXPECT_EQ(error_of({{"seed", -1}}), "demo option 'seed': expected a whole number >= 0, found -1");
  EXPECT_EQ(error_of({{"inner", {{"depth", 0}}}}), "demo option 'inner.depth': expected a whole number from 1 to 5, found 0");
  EXPECT_EQ(error_of({{"inner", {{"deep", 1}}}}), "demo option 'inner.deep': no such option; expected one of depth");
  EXPECT_EQ(error_of({{"colours", "red"}}),
            "demo option 'colours': no such option; expected one of rounds, level, verbose, colour, methods, weights, "
            "seed, threads, inner");
  EXPECT_EQ(error_of(json::array()), "demo options: expected an object of options, found []");
  EXPECT_EQ(error_of({{"verbose", true}, {"rounds", 0}}), "demo options: verbose needs rounds");
}

TEST(OptionTable, SeedsUseTheWholeUnsignedRange) {
  EXPECT_EQ(table().parse({{"seed", 18446744073709551615ull}}).seed, 18446744073709551615ull);
}

TEST(OptionTable, APresetIsAppliedBeforeTheOptionsGivenWithIt) {
  EXPECT_EQ(table().parse({{"colour", "green"}}).rounds, 3);
  // given before or after it in the object, rounds wins over the preset
  EXPECT_EQ(table().parse(json::parse(R"({"rounds": 7, "colour": "green"})")).rounds, 7);
  EXPECT_EQ(table().parse(json::parse(R"({"colour": "green", "rounds": 7})")).rounds, 7);
}

TEST(OptionTable, ListsDropDuplicatesAndExpandTheirAliases) {
  EXPECT_EQ(table().parse({{"methods", {"b", "b"}}}).methods, (std::vector<std::string>{"b"}));
  EXPECT_EQ(table().parse({{"methods", {"both"}}}).methods, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(table().write(table().parse({{"methods", {"both"}}}))["methods"], json({"a", "b"}));
}

TEST(OptionTable, TheSchemaSaysWhatParseChecks) {
  const json s = option_schema(table().specs(), "demo options", "a demo");
  EXPECT_EQ(s["type"], "object");
  EXPECT_EQ(s["additionalProperties"], false);
  EXPECT_EQ(s["properties"]["rounds"], json::parse(R"({"type": "integer", "minimum": 0.0, "maximum": 100.0,
      "default": 10, "description": "rounds"})"));
  EXPECT_EQ(s["properties"]["level"]["exclusiveMinimum"], 0.0);
  EXPECT_EQ(s["properties"]["level"]["exclusiveMaximum"], 1.0);
  EXPECT_EQ(s["properties"]["colour"]["enum"], json({"red", "green"}));
  EXPECT_EQ(s["properties"]["methods"]["items"]["enum"], json({"a", "b"}));
  EXPECT_EQ(s["properties"]["weights"]["additionalProperties"]["maximum"], 1.0);
  EXPECT_EQ(s["properties"]["threads"]["x-truce-not-stored"], true);
  EXPECT_EQ(s["properties"]["inner"]["properties"]["depth"]["default"], 2);
  EXPECT_EQ(s["properties"]["inner"]["additionalProperties"], false);
  EXPECT_EQ(s["properties"].size(), table().fields.size());
}

}  // namespace

// The Decide exchange-model input format (#A, #P, #M, #D rows).
#include "truce/io/decide_text.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../support/shared_data.hpp"
#include "truce/core/diagnostic.hpp"
#include "truce/core/source_scale.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/io/scenario_yaml.hpp"

namespace truce {
namespace {

// Our own example (not a copy of the shared files): a 2..12 scale on one issue, power that
// differs across issues for one actor.
const char* const small = R"('#A'	'north'	'North'	'a comment'
'#A'	'south'	'South'	''
'#P'	'tax'	'Tax rate'	'percent'
'#M'	'tax'	2
'#M'	'tax'	12
'#P'	'road'	'Road'	''
'#D'	'north'	'tax'	4.5	0.8	2
'#D'	'north'	'road'	100	0.3	1
'#D'	'south'	'tax'	12	0.4	3
'#D'	'south'	'road'	0	0.9	3
)";

std::vector<Diagnostic> problems(const std::string& text) {
  try {
    parse_decide_text(text, "d.txt");
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

TEST(DecideText, ReadsActorsIssuesScalesAndPerIssuePower) {
  const Scenario sc = parse_decide_text(small, "small.txt");
  ASSERT_EQ(sc.actors.size(), 2u);
  ASSERT_EQ(sc.issues.size(), 2u);
  EXPECT_EQ(sc.actors[0].id, "north");
  EXPECT_EQ(sc.actors[0].name, "North");
  EXPECT_EQ(sc.issues[0].name, "Tax rate");
  ASSERT_EQ(sc.stances.size(), 4u);
  // (4.5 - 2) x 100 / (12 - 2) = 25 (SOURCE.md rule 1)
  EXPECT_DOUBLE_EQ(sc.stances[0].position, 25.0);
  EXPECT_DOUBLE_EQ(sc.stances[0].salience, 0.8);
  // North's power differs (2 on tax, 1 on road): its stances carry it; South's is uniform.
  ASSERT_TRUE(sc.stances[0].capability.has_value());
  EXPECT_DOUBLE_EQ(*sc.stances[0].capability, 2.0);
  EXPECT_DOUBLE_EQ(*sc.stances[1].capability, 1.0);
  EXPECT_FALSE(sc.stances[2].capability.has_value());
  EXPECT_DOUBLE_EQ(sc.actors[1].capability, 3.0);
  // The #M points become named points on 0..100, labelled with the file's values.
  ASSERT_EQ(sc.issues[0].points.size(), 2u);
  EXPECT_EQ(sc.issues[0].points[1].label, "12");
  EXPECT_DOUBLE_EQ(sc.issues[0].points[1].position, 100.0);
  const auto scale = source_scale(sc, 0);
  ASSERT_TRUE(scale.has_value());
  EXPECT_DOUBLE_EQ(scale->first, 2.0);
  EXPECT_DOUBLE_EQ(scale->second, 12.0);
  EXPECT_FALSE(source_scale(sc, 1).has_value());  // no #M rows: 0..100
}

TEST(DecideText, PerIssuePowerSurvivesTheCanonicalJson) {
  // `truce runs rerun` reloads the stored canonical JSON: the stance capability must survive it.
  const Scenario sc = parse_decide_text(small, "small.txt");
  const Scenario again = parse_scenario_yaml(canonical_scenario_json(sc), "stored.json");
  ASSERT_TRUE(again.stances[0].capability.has_value());
  EXPECT_DOUBLE_EQ(*again.stances[0].capability, 2.0);
  EXPECT_EQ(canonical_scenario_json(again), canonical_scenario_json(sc));
}

TEST(DecideText, RecognisedByContentWhateverTheExtension) {
  EXPECT_TRUE(is_decide_text(small));
  EXPECT_TRUE(is_decide_text("\n#P;x;x;x\n"));
  EXPECT_FALSE(is_decide_text("Actor,Capability,Position,Salience\n"));
  EXPECT_FALSE(is_decide_text("truce: 1\n"));
  const auto path = std::filesystem::temp_directory_path() / "truce_decide_text_test.csv";
  std::ofstream(path) << small;
  EXPECT_EQ(load_scenario_file(path.string()).actors.size(), 2u);
  std::filesystem::remove(path);
}

TEST(DecideText, SemicolonsAndSalienceOnZeroToHundred) {
  const Scenario sc = parse_decide_text("#A;a\n#A;b\n#P;p\n#D;a;p;10;80;1\n#D;b;p;90;40;1\n", "s.csv");
  EXPECT_DOUBLE_EQ(sc.stances[0].salience, 0.8);
  EXPECT_DOUBLE_EQ(sc.stances[1].position, 90.0);
  ASSERT_FALSE(sc.notes.empty());
  EXPECT_EQ(sc.notes[0], "salience was given on 0..100 and divided by 100");
}

TEST(DecideText, BadRowsAreLocatedWithWhatWasExpected) {
  auto d = problems("#A\tx\n#P\tp\n#D\ty\tp\t10\t0.5\t1\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 3);
  EXPECT_EQ(d[0].column, 4);
  EXPECT_EQ(d[0].message, "expected an actor declared by an #A row, found 'y'");

  d = problems("#A\tx\n#P\tp\n#D\tx\tp\tten\t0.5\t1\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].column, 8);  // "#D", tab, "x", tab, "p", tab: the 8th character
  EXPECT_EQ(d[0].message, "expected a position (a finite number), found 'ten'");

  d = problems("#A\tx\n#Q\tp\n");
  ASSERT_EQ(d.size(), 2u);  // the unknown row, and no #P at all
  EXPECT_EQ(d[0].line, 2);
  EXPECT_EQ(d[0].message, "expected a row starting with #A, #P, #M or #D, found '#Q'");

  d = problems("#A\tx\n#P\tp\n#M\tp\t0\n#M\tp\t10\n#D\tx\tp\t11\t0.5\t1\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 5);
  EXPECT_EQ(d[0].message, "expected a position on issue 'p' between 0 and 10, found 11");

  d = problems("#A\tx\n#P\tp\n#D\tx\tp\t1\t0.5\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message, "expected 6 fields (#D, actor, issue, position, salience, power), found 5");

  d = problems("#A\tx\n#A\tx\n#P\tp\n#D\tx\tp\t1\t0.5\t1\n#D\tx\tp\t1\t0.5\t1\n#D\tx\tp\t1\t-2\t1\n");
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].message, "expected each actor once, found 'x' a second time");
  EXPECT_EQ(d[1].line, 5);
  EXPECT_EQ(d[2].message, "expected a salience between 0 and 1 (or 0 and 100), found '-2'");
}

TEST(DecideText, LoadsTheDecideExamplesOnTheirScale) {
  TRUCE_NEEDS_SHARED("data/decide_exchange/sample_data.txt");
  const Scenario sc = load_scenario_file(::truce::testing::shared_path("data/decide_exchange/sample_data.txt"));
  ASSERT_EQ(sc.actors.size(), 10u);  // SOURCE.md: 10 actors x 6 issues
  ASSERT_EQ(sc.issues.size(), 6u);
  // tol-hoogte runs 0.5..7: Willems' 3.0 is (3 - 0.5) x 100/6.5 = 38.4615..., as input.json's
  // position_norm 38.46153846153846153846153845.
  EXPECT_NEAR(find_stance(sc, 0, 1)->position, 38.46153846153846, 1e-12);
}

}  // namespace
}  // namespace truce

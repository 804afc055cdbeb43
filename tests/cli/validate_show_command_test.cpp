// `truce validate`, `truce show`, --help and --version, run as a user runs them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../support/run_command.hpp"

namespace truce {
namespace {

using testing::run_command;
using testing::truce_binary;

const std::string seed = std::string("'") + TRUCE_SOURCE_DIR + "/tests/data/scenarios/seed.yaml'";
const std::string ktab = std::string("'") + TRUCE_SOURCE_DIR + "/data/ktab/";

TEST(ValidateCommand, AcceptsAValidScenarioAndSummarisesIt) {
  const auto r = run_command(truce_binary() + " validate " + seed);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("valid: 2 actors, 2 issues, 2 stances, 1 sources"), std::string::npos) << r.out;
}

TEST(ValidateCommand, WarnsOfStancesWithNoEvidenceAndNoNote) {
  // The reference scenario sources every stance or marks it as an estimate: no warning, and
  // a note that lists the stances resting on the analyst's estimate alone.
  const auto reference = run_command(truce_binary() + " validate '" + TRUCE_SOURCE_DIR +
                                     "/scenarios/ukraine-ceasefire-2025.yaml'");
  EXPECT_EQ(reference.exit_code, 0);
  EXPECT_EQ(reference.out.find("warning:"), std::string::npos) << reference.out;
  EXPECT_NE(reference.out.find("note: 8 stances with no evidence, marked in their note as an analyst's estimate: "
                               "russia on humanitarian, ukraine on sanctions, "),
            std::string::npos)
      << reference.out;
  // minimal.yaml's stance has neither: valid (exit 0), with a warning at the stance's line.
  const auto minimal = run_command(truce_binary() + " validate '" + TRUCE_SOURCE_DIR + "/tests/data/scenarios/minimal.yaml'");
  EXPECT_EQ(minimal.exit_code, 0);
  EXPECT_NE(minimal.out.find("minimal.yaml:15: warning: stance a on x has no evidence and no note (cite a source, or "
                             "say in a note that the numbers are an analyst's estimate)"),
            std::string::npos)
      << minimal.out;
  // A table cannot carry evidence, so it is not asked for it.
  const auto table = run_command(truce_binary() + " validate " + ktab + "SOE-Policy.csv'");
  EXPECT_EQ(table.out.find("warning:"), std::string::npos) << table.out;
}

// A note is not enough: a stance with no evidence must say its numbers are an estimate. One
// whose note gives other reasoning is warned of, with its line; one whose note says
// "estimate" is not (it is listed in a note instead). Warnings leave the exit status at 0.
TEST(ValidateCommand, WarnsOfAStanceWithNoEvidenceWhoseNoteDoesNotSayItIsAnEstimate) {
  const auto file = std::filesystem::temp_directory_path() / "truce-unsourced-stances.yaml";
  std::ofstream(file) << "truce: 1\n"
                         "name: Two stances\n"
                         "actors:\n"
                         "  - {id: a, name: A, capability: 1}\n"
                         "  - {id: b, name: B, capability: 1}\n"
                         "issues:\n"
                         "  - {id: x, name: X, kind: scale, low: nothing, high: everything}\n"
                         "stances:\n"
                         "  - actor: a\n"
                         "    issue: x\n"
                         "    position: 40\n"
                         "    salience: 0.5\n"
                         "    note: Europe backs Ukraine.\n"
                         "  - actor: b\n"
                         "    issue: x\n"
                         "    position: 60\n"
                         "    salience: 0.5\n"
                         "    note: Analyst's Estimate; no article gives it.\n";
  const auto r = run_command(truce_binary() + " validate '" + file.string() + "'");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("truce-unsourced-stances.yaml:9: warning: stance a on x has no evidence; its note should say "
                       "it is an analyst's estimate (or cite a source)"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("stance b on x has no evidence"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("note: 1 stance with no evidence, marked in its note as an analyst's estimate: b on x\n"),
            std::string::npos)
      << r.out;
  std::filesystem::remove(file);
}

TEST(ValidateCommand, AcceptsKtabActorTablesWithANoteOnSalience) {
  const auto r = run_command(truce_binary() + " validate " + ktab + "SOE-Policy.csv'");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("valid: 26 actors, 1 issues"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("note: read from a KTAB actor table: salience given on 0..100, divided by 100"),
            std::string::npos);
}

TEST(ValidateCommand, PrintsEveryProblemWithLocationAndExitsOne) {
  const auto r = run_command(truce_binary() + " validate " + ktab + "bad/dummyData_3Dim-salience-sum-over-100.csv'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("dummyData_3Dim-salience-sum-over-100.csv:3:65: error: expected a salience between 0 and 100, "
                       "found '105.91'"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("1 problem found; nothing was loaded"), std::string::npos);
  EXPECT_EQ(r.out, "");
}

TEST(ShowCommand, PrintsTablesAndCanonicalJson) {
  const auto table = run_command(truce_binary() + " show " + seed);
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("A      land   50 (half)      0.50  [25, 100]  s1"), std::string::npos) << table.out;
  const auto json = run_command(truce_binary() + " show --format json " + seed);
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_NE(json.out.find("\"truce\": 1"), std::string::npos);
  EXPECT_NE(json.out.find("\"position\": 50.0"), std::string::npos);
}

TEST(ShowCommand, SummarisesTheWarModelOfTheReferenceScenario) {
  // Numbers from the dynamics section of scenarios/ukraine-ceasefire-2025.yaml.
  const auto r = run_command(truce_binary() + " show '" + TRUCE_SOURCE_DIR + "/scenarios/ukraine-ceasefire-2025.yaml'");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Dynamics (truce simulate)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  war started 2022-02-24; month 0 is 2025-10-15\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  front line: issue 'territory' starts at 50, moves at triangular(0.5, 1.8, 4.6) a month"),
            std::string::npos);
  EXPECT_NE(r.out.find("triangular(500000, 650000, 750000)"), std::string::npos);  // Russia's forces
}

TEST(Cli, HelpVersionAndUsageErrorsBehaveLikeGitOrCmake) {
  const auto version = run_command(truce_binary() + " --version");
  EXPECT_EQ(version.exit_code, 0);
  // The version, and whether this build runs under mpirun (docs/scale.md).
  EXPECT_TRUE(version.out == "truce 0.1.0, without MPI\n" ||
              (version.out.rfind("truce 0.1.0, with MPI (", 0) == 0 && version.out.back() == '\n'))
      << version.out;
  const auto help = run_command(truce_binary() + " --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("validate"), std::string::npos);
  const auto show_help = run_command(truce_binary() + " show --help");
  EXPECT_EQ(show_help.exit_code, 0);
  EXPECT_NE(show_help.out.find("--format"), std::string::npos);
  EXPECT_EQ(run_command(truce_binary() + " frobnicate").exit_code, 2);
  EXPECT_EQ(run_command(truce_binary()).exit_code, 2);
  EXPECT_EQ(run_command(truce_binary() + " show --format xml " + seed).exit_code, 2);
}

}  // namespace
}  // namespace truce

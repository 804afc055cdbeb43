// `truce policies` end to end: the table, JSON for pandas, the run store, and the errors a
// user meets (a scenario without policies, a policy naming a number that is not there).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../support/run_command.hpp"

namespace truce {
namespace {

using testing::run_command;
using testing::truce_binary;

const std::string reference = std::string("'") + TRUCE_SOURCE_DIR + "/scenarios/ukraine-ceasefire-2025.yaml'";

TEST(PoliciesCommand, PrintsEachPolicyAgainstTheScenarioAsCoded) {
  const auto r = run_command(truce_binary() + " policies " + reference + " --runs 2000 --months 24 --no-store");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Beside each month's "signed by", the share in which a ceasefire holds (one can break down).
  EXPECT_NE(r.out.find("P(by 12)  change by 12, points [95%]  holding at 12  P(by 24)  change by 24, points [95%]  "
                       "holding at 24"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("as coded"), std::string::npos);
  EXPECT_NE(r.out.find("us-backstop: A US security guarantee to Ukraine"), std::string::npos);
  EXPECT_NE(r.out.find("  sets lever_probability.united-states.guarantee.ukraine 0.2 -> 1"), std::string::npos);
}

TEST(PoliciesCommand, JsonListsOnePolicyPerEntryAndIsRecorded) {
  const auto dir = std::filesystem::temp_directory_path() / "truce-policies-command";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string store = "'" + (dir / "runs.db").string() + "'";
  const auto r = run_command(truce_binary() + " policies " + reference + " --runs 1000 --policies us-backstop "
                             "--policies pressure-on-kyiv --format json --store " + store);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["policies"].size(), 2u);
  EXPECT_EQ(j["policies"][0]["id"], "us-backstop");
  EXPECT_EQ(j["baseline"]["id"], "baseline");
  EXPECT_EQ(j["months"], nlohmann::json({12, 36}));
  // The paired difference is the policy's probability less the baseline's.
  const auto& at = j["policies"][0]["ceasefire_by"][1];
  EXPECT_NEAR(at["difference"].get<double>(),
              at["probability"].get<double>() - j["baseline"]["ceasefire_by"][1]["probability"].get<double>(), 1e-12);
  // Recorded: runs rerun gives the same bytes.
  const auto rerun = run_command(truce_binary() + " runs rerun 1 --store " + store);
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err << rerun.out;
}

TEST(PoliciesCommand, AScenarioWithoutPoliciesOrWithAWrongNameIsAClearError) {
  const std::string two = std::string("'") + TRUCE_SOURCE_DIR + "/tests/report/fixtures/talks.yaml'";
  const auto none = run_command(truce_binary() + " policies " + two + " --no-store");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("error: the scenario defines no policies (a 'policies' list: docs/policies.md)"), std::string::npos)
      << none.err;
  EXPECT_EQ(none.out, "");
  const auto unknown = run_command(truce_binary() + " policies " + reference + " --policies nope --no-store");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no policy 'nope' in this scenario"), std::string::npos) << unknown.err;
}

// `truce validate` checks a policy's names against the scenario's parameters (the loader
// cannot: it does not know the parameter registry), so a typo is caught before any run.
TEST(PoliciesCommand, ValidateRefusesAPolicyNamingANumberTheScenarioDoesNotHave) {
  std::ifstream in(std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string good = "parameter: lever_probability.united-states.guarantee.ukraine\n";
  const auto at = text.find(good);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, good.size(), "parameter: lever_probability.united-states.guarantees.ukraine\n");
  const auto file = std::filesystem::temp_directory_path() / "truce-bad-policy.yaml";
  std::ofstream(file) << text;
  const auto r = run_command(truce_binary() + " validate '" + file.string() + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("error: policy 'us-backstop': no parameter 'lever_probability.united-states.guarantees.ukraine' in "
                       "this scenario; did you mean one of: "),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("valid:"), std::string::npos);
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace truce

// `truce space` end to end: the binary on GENIUS files and on a scenario, its formats, what-if
// options, and its exit codes on bad input.

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/run_command.hpp"
#include "../support/shared_data.hpp"

namespace {

using truce::testing::CommandOutput;

CommandOutput run(const std::string& args) {
  return truce::testing::run_command(truce::testing::truce_binary() + " " + args);
}

const std::string genius = ::truce::testing::shared_path("data/genius/");
const std::string laptop = genius + "Laptop/laptop_domain.xml " + genius + "Laptop/laptop_buyer_utility.xml " + genius +
                           "Laptop/laptop_seller_utility.xml";

std::string temp_file(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / ("truce_space_command_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}

TEST(SpaceCommand, LaptopTableShowsNegmasPoints) {
  TRUCE_NEEDS_SHARED("data/genius");
  // NegMAS's Nash point on Laptop: (25.5494, 16.2132) (task brief for issue 4).
  const auto r = run("space " + laptop + " --scoring negmas");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Pareto frontier: 4 points"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("25.5494"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("16.2132"), std::string::npos) << r.out;
}

TEST(SpaceCommand, JsonAndCsvAgree) {
  TRUCE_NEEDS_SHARED("data/genius");
  const auto j = run("space " + laptop + " --scoring negmas --format json");
  ASSERT_EQ(j.exit_code, 0);
  const auto result = nlohmann::json::parse(j.out);
  EXPECT_EQ(result["frontier_size"], 4);
  EXPECT_NEAR(result["kalai_smorodinsky"]["utility"]["laptop_buyer_utility"].get<double>(), 21.7686, 1e-4);
  const auto csv_path = (std::filesystem::temp_directory_path() / "truce_space_frontier.csv").string();
  const auto c = run("space " + laptop + " --scoring negmas --format csv --frontier-csv " + csv_path);
  ASSERT_EQ(c.exit_code, 0);
  std::ifstream in(csv_path);
  const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(file, c.out);
  EXPECT_EQ(std::count(c.out.begin(), c.out.end(), '\n'), 5);  // header + 4 points
  EXPECT_EQ(c.out.substr(0, c.out.find('\n')),
            "package,in_zopa,u_laptop_buyer_utility,u_laptop_seller_utility,Laptop,Harddisk,External Monitor");
}

TEST(SpaceCommand, ScenarioWhatIfs) {
  const auto path = temp_file("split.yaml", R"(truce: 1
name: split
actors:
  - {id: x, name: X, capability: 1, veto: true}
  - {id: y, name: Y, capability: 1, veto: true}
issues:
  - id: pick
    name: Pick
    kind: options
    options: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}]
stances:
  - {actor: x, issue: pick, position: a, salience: 1, utilities: {a: 1, b: 0.5, c: 0}, red_line: [a, b]}
  - {actor: y, issue: pick, position: c, salience: 1, utilities: {a: 0, b: 0.5, c: 1}, red_line: [c]}
)");
  // x accepts a or b, y only c: no package. Dropping y's red line opens b (both gain 0.5);
  // dropping x's leaves only c, which gives x its worst utility 0, so x's reservation must go too.
  auto r = run("space " + path + " --format json");
  ASSERT_EQ(r.exit_code, 0);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["zopa"], 0);
  ASSERT_EQ(j["blocking_sets"].size(), 2u);
  EXPECT_EQ(j["blocking_sets"][0]["remove"], nlohmann::json({"y.pick"}));
  EXPECT_EQ(j["blocking_sets"][0]["opens"]["values"]["pick"], "b");
  EXPECT_EQ(j["blocking_sets"][1]["remove"], nlohmann::json({"x.pick", "x.reservation"}));
  // Drop y's red line: b is the Nash package.
  r = run("space " + path + " --format json --relax y.pick");
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["zopa"], 1);
  EXPECT_EQ(j["nash"]["values"]["pick"], "b");
  // And make y demand more than b gives: empty again, y's reservation now blocks.
  r = run("space " + path + " --format json --relax y.pick --reservation y=0.6");
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["zopa"], 0);
  EXPECT_EQ(j["blocking_sets"][0]["remove"][0], "y.reservation");
  EXPECT_EQ(run("space " + path).exit_code, 0);
  EXPECT_EQ(run("space " + path + " --relax nobody.pick").exit_code, 2);
  EXPECT_EQ(run("space " + path + " --reservation y").exit_code, 2);
  EXPECT_EQ(run("space " + path + " --reservation nobody=1").exit_code, 2);
}

TEST(SpaceCommand, BadInputFailsWithoutOutput) {
  const auto broken = temp_file("broken.xml", "<utility_space><objective>\n<issue name=\"a\"");
  const auto r = run("space " + broken + " " + broken);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(run("space /nonexistent.yaml").exit_code, 1);
}

TEST(SpaceCommand, GeniusDomainWithoutProfilesIsABadCommandLine) {
  TRUCE_NEEDS_SHARED("data/genius");
  EXPECT_EQ(run("space " + genius + "Laptop/laptop_domain.xml").exit_code, 2);  // no profiles
}

}  // namespace

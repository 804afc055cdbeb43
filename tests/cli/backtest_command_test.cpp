// `truce backtest`: the binary end to end (TRUCE_BINARY): formats, the ensemble file, the
// capability table, located errors and exit codes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../support/run_command.hpp"

namespace {

namespace fs = std::filesystem;
using truce::testing::CommandOutput;

CommandOutput run(const std::string& args) {
  return truce::testing::run_command(truce::testing::truce_binary() + " " + args);
}

// A temporary folder, removed at the end of the test.
struct Folder {
  fs::path path = fs::temp_directory_path() / ("truce_backtest_cli_" + std::to_string(::getpid()));
  Folder() { fs::create_directories(path); }
  ~Folder() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

// Two proposals, four issues with outcomes, three actors; the weighted mean of d1i1 is
// (10 x 0.5 x 0 + 10 x 0.5 x 100 + 10 x 1 x 40) / (10 x 0.5 + 10 x 0.5 + 10) = 45 (pre-Nice
// weights of de, fr and it are all 10; 2001 is pre-Nice).
constexpr const char* deu =
    "prnr,isnr,finact,pde,pfr,pit,sde,sfr,sit,rp,out\n"
    "d1,d1i1,30-05-01,0,100,40,50,50,100,0,50\n"
    "d1,d1i2,30-05-01,20,80,60,100,50,50,,70\n"
    "d2,d2i1,01-01-00,100,0,30,100,100,100,100,30\n"
    "d2,d2i2,01-01-00,50,60,70,10,20,30,,999\n";

TEST(BacktestCommand, JsonHasOneEntryPerModelWithItsErrors) {
  Folder f;
  const auto data = f.write("deu.csv", deu);
  const auto r = run("backtest '" + data + "' --model compromise,mean --folds 2 --format json --no-store");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("scored"), 3);
  EXPECT_EQ(j.at("without_outcome"), 1);
  ASSERT_EQ(j.at("models").at(0).at("model"), "compromise");
  // Errors: |45 - 50| = 5; d1i2 (10 x 1 x 20 + 10 x 0.5 x 80 + 10 x 0.5 x 60) / 20 = 45, |45 - 70| = 25;
  // d2i1 (100 + 0 + 30) / 3 = 43.33, |43.33 - 30| = 13.33. MAE = 43.33 / 3.
  EXPECT_NEAR(j["models"][0]["mae"].get<double>(), (5 + 25 + 40.0 / 3) / 3, 1e-9);
  EXPECT_NEAR(j["models"][0]["median_ae"].get<double>(), 40.0 / 3, 1e-9);
  EXPECT_EQ(j["models"].back()["model"], "ensemble_cv");
  for (const auto& m : j["models"])
    for (const char* key : {"mae", "median_ae", "rmse", "sign_test_p", "difference_interval"}) EXPECT_TRUE(m.contains(key));
}

TEST(BacktestCommand, CsvTableAndTheEnsembleFile) {
  Folder f;
  const auto data = f.write("deu.csv", deu);
  const auto csv = run("backtest '" + data + "' --model compromise --folds 2 --format csv --no-store");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "issue,proposal,fold,outcome,actors,compromise,ensemble_cv,ensemble_cv_low,ensemble_cv_high");
  EXPECT_NE(csv.out.find("\nd1i1,d1,"), std::string::npos);
  const auto out = (f.path / "fit.json").string();
  const auto table = run("backtest '" + data + "' --model compromise --folds 2 --write-ensemble '" + out + "' --no-store");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("compromise   "), std::string::npos);
  std::ifstream in(out);
  const auto fit = nlohmann::json::parse(in);
  EXPECT_EQ(fit.at("provenance").at("cases"), 3);
  EXPECT_EQ(fit.at("provenance").at("folds"), 2);
  // Writing the ensemble over the data is refused before any work.
  const auto over = run("backtest '" + data + "' --write-ensemble '" + data + "' --no-store");
  EXPECT_NE(over.exit_code, 0);
  std::ifstream again(data);
  std::stringstream kept;
  kept << again.rdbuf();
  EXPECT_EQ(kept.str(), deu);
}

TEST(BacktestCommand, BadInputIsLocatedAndExitsNonZero) {
  Folder f;
  const auto bad = f.write("bad.csv", "isnr,finact,pde,sde,pfr,sfr,pit,sit,out\nx1,30-05-01,0,50,100,50,40,50,140\n");
  const auto r = run("backtest '" + bad + "' --no-store");
  EXPECT_EQ(r.exit_code, 1);  // invalid input
  EXPECT_NE(r.err.find("bad.csv:2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("expected an outcome"), std::string::npos) << r.err;
  // Another capability table: Italy missing from it is refused with the table's line.
  const auto data = f.write("deu.csv", deu);
  const auto caps = f.write("caps.csv", "regime,years,actor,capability\nr,up to 2010,de,2\nr,up to 2010,fr,1\n");
  const auto missing = run("backtest '" + data + "' --capabilities '" + caps + "' --no-store");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("capability for 'it' in regime 'r'"), std::string::npos) << missing.err;
  // A scenario without outcomes: a usage error that says what to add.
  const auto none = run("backtest '" + std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml' --no-store");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("give scale issues an 'outcome'"), std::string::npos) << none.err;
}

}  // namespace

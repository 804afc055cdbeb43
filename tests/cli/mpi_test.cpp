// `mpirun -np N truce COMMAND`: every command whose work is a set of independent evaluations
// prints, on rank 0 alone, the bytes the same command prints as one process, for 1, 2 and 3
// processes (oversubscribed on a small machine) and any --threads; the run store gets the run
// once; a failing rank fails the whole run with a message naming it, never a partial output.
// Skipped, saying why, when mpirun is not installed or truce was built without MPI.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/run_command.hpp"
#include "../support/shared_data.hpp"

namespace truce {
namespace {

namespace fs = std::filesystem;
using testing::CommandOutput;
using testing::run_command;
using testing::truce_binary;

const std::string source = TRUCE_SOURCE_DIR;
const std::string reference = "'" + source + "/scenarios/ukraine-ceasefire-2025.yaml'";
const std::string two = "'" + source + "/tests/data/scenarios/two-issues.yaml'";
const std::string war = "'" + source + "/tests/levers/data/war.yaml'";

// Why the MPI tests cannot run here, or "" when they can.
std::string why_not_mpi() {
  if (run_command("command -v mpirun >/dev/null").exit_code != 0) return "mpirun is not installed (openmpi-bin)";
  const auto version = run_command(truce_binary() + " --version");
  if (version.out.find("with MPI") == std::string::npos) return "truce was built without MPI: " + version.out;
  return "";
}

#define TRUCE_NEEDS_MPI()                                                   \
  if (const std::string why = why_not_mpi(); !why.empty()) GTEST_SKIP() << why

// Open MPI refuses to start as root unless told it may (containers, CI): allowed here, for the
// tests only. Oversubscribed: three processes on a machine with fewer cores.
CommandOutput mpirun(unsigned processes, const std::string& args, const std::string& environment = "") {
  return run_command("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 " + environment + " mpirun -np " +
                     std::to_string(processes) + " --oversubscribe --bind-to none " + truce_binary() + " " + args +
                     " </dev/null");
}

// The command's output under 1, 2 and 3 processes (with 1, 2, 1 threads each, for a command
// that has --threads) is that of one process, byte for byte, and so is its exit status.
void expect_same_bytes_under_mpi(const std::string& args, bool has_threads = true) {
  const auto single = run_command(truce_binary() + " " + args + (has_threads ? " --threads 1" : ""));
  ASSERT_EQ(single.exit_code, 0) << single.err;
  ASSERT_FALSE(single.out.empty());
  for (unsigned processes : {1u, 2u, 3u}) {
    const auto threads = has_threads ? std::string(" --threads ") + (processes == 2 ? "2" : "1") : std::string();
    const auto split = mpirun(processes, args + threads);
    EXPECT_EQ(split.exit_code, 0) << processes << " processes: " << split.err;
    EXPECT_EQ(split.out, single.out) << processes << " processes: " << args;
  }
}

TEST(Mpi, SimulatePrintsTheSameBytes) {
  TRUCE_NEEDS_MPI();
  expect_same_bytes_under_mpi("simulate " + reference + " --runs 301 --months 24 --no-store");
  expect_same_bytes_under_mpi("simulate " + reference + " --runs 200 --months 12 --format json --no-store");
}

TEST(Mpi, LeversTornadoAndSobolPrintTheSameBytes) {
  TRUCE_NEEDS_MPI();
  expect_same_bytes_under_mpi("levers " + two +
                              " --target forecast.border --model compromise --samples 64 --bootstrap 20 --no-store");
  expect_same_bytes_under_mpi("levers " + war + " --target p_ceasefire@12 --method tornado --format json --no-store");
}

TEST(Mpi, WhatItTakesPrintsTheSameBytes) {
  TRUCE_NEEDS_MPI();
  expect_same_bytes_under_mpi("what-it-takes " + two +
                              " --goal 'forecast.compromise.border <= 55' --levers position.broker.border=0:100 "
                              "--tolerance 0.00001 --format json --no-store");
}

TEST(Mpi, PoliciesPrintTheSameBytes) {
  TRUCE_NEEDS_MPI();
  expect_same_bytes_under_mpi("policies " + reference + " --runs 200 --months 24 --no-store");
}

TEST(Mpi, TimelinePrintsTheSameBytes) {
  TRUCE_NEEDS_MPI();
  expect_same_bytes_under_mpi("timeline " + reference + " --runs 100 --no-store");
}

TEST(Mpi, BacktestPrintsTheSameBytes) {
  TRUCE_NEEDS_MPI();
  const fs::path dir = fs::temp_directory_path() / ("truce-mpi-backtest-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "deu.csv") << "prnr,isnr,finact,pde,pfr,pit,sde,sfr,sit,rp,out\n"
                                    "d1,d1i1,30-05-01,0,100,40,50,50,100,0,50\n"
                                    "d1,d1i2,30-05-01,20,80,60,100,50,50,,70\n"
                                    "d2,d2i1,01-01-00,100,0,30,100,100,100,100,30\n"
                                    "d2,d2i2,01-01-00,50,60,70,10,20,30,,999\n";
  expect_same_bytes_under_mpi("backtest '" + (dir / "deu.csv").string() + "' --folds 2 --format json --no-store", false);
  fs::remove_all(dir);
}

TEST(Mpi, TournamentPrintsTheSameBytes) {
  TRUCE_NEEDS_MPI();
  TRUCE_NEEDS_SHARED("data/genius");
  const std::string genius = testing::shared_path("data/genius/");
  expect_same_bytes_under_mpi("tournament " + genius + "Laptop --agents boulware,conceder,tough --repetitions 2 "
                              "--steps 100 --format json --runs");
}

TEST(Mpi, TheRunStoreGetsTheRunOnce) {
  TRUCE_NEEDS_MPI();
  const fs::path dir = fs::temp_directory_path() / ("truce-mpi-store-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string store = "'" + (dir / "runs.db").string() + "'";
  const auto r = mpirun(3, "simulate " + reference + " --runs 100 --months 12 --store " + store);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("run 1 stored in"), std::string::npos) << r.err;
  const auto listed = run_command(truce_binary() + " runs list --store " + store + " --format json");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(nlohmann::json::parse(listed.out).size(), 1u) << listed.out;
  fs::remove_all(dir);
}

TEST(Mpi, AFailingRankFailsTheRunWithAClearMessageAndNoOutput) {
  TRUCE_NEEDS_MPI();
  const std::string args = "simulate " + reference + " --runs 100 --months 12 --no-store";
  const auto other = mpirun(3, args, "TRUCE_TEST_FAIL_ON_RANK=2");
  EXPECT_NE(other.exit_code, 0);
  EXPECT_EQ(other.out, "");
  EXPECT_NE(other.err.find("error: process 2 of 3 failed: a failure injected for a test of the failure path"),
            std::string::npos)
      << other.err;
  const auto first = mpirun(2, args, "TRUCE_TEST_FAIL_ON_RANK=0");
  EXPECT_NE(first.exit_code, 0);
  EXPECT_EQ(first.out, "");
  EXPECT_NE(first.err.find("error: a failure injected for a test of the failure path"), std::string::npos)
      << first.err;
  // A failure outside the split work (here every rank's, a missing file) ends every rank, its
  // message printed once, by rank 0.
  const auto missing = mpirun(2, "simulate /nonexistent/scenario.yaml --no-store");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.out, "");
  const std::string loaded = "1 problem found; nothing was loaded";
  const auto at = missing.err.find(loaded);
  EXPECT_NE(at, std::string::npos) << missing.err;
  EXPECT_EQ(missing.err.find(loaded, at + 1), std::string::npos) << missing.err;
}

TEST(Mpi, WithoutMpirunTheBinaryRunsAlone) {
  // Whatever the build: --version says whether MPI is in, and a plain run needs no launcher.
  const auto version = run_command(truce_binary() + " --version");
  ASSERT_EQ(version.exit_code, 0);
  EXPECT_TRUE(version.out.find("with MPI") != std::string::npos || version.out.find("without MPI") != std::string::npos)
      << version.out;
  const auto r = run_command(truce_binary() + " simulate " + reference + " --runs 50 --months 6 --no-store");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace truce

// truce/core/work_budget.hpp and the capped diagnostics of truce/core/diagnostic.hpp.

#include "truce/core/work_budget.hpp"

#include <gtest/gtest.h>

#include "truce/core/diagnostic.hpp"

namespace {

struct BudgetGuard {
  double saved = truce::work_budget_seconds();
  ~BudgetGuard() { truce::set_work_budget_seconds(saved); }
};

TEST(WorkBudget, WorkWithinTheBudgetPasses) {
  BudgetGuard guard;
  truce::set_work_budget_seconds(10);
  EXPECT_NO_THROW(truce::check_work_budget("a small job", 9.9, "do less"));
}

TEST(WorkBudget, WorkOverTheBudgetIsRefusedWithTheEstimateAndTheWayToGoAhead) {
  BudgetGuard guard;
  truce::set_work_budget_seconds(600);
  try {
    truce::check_work_budget("enumerating 1.22e+19 packages", 8.1e10, "narrow the scenario");
    FAIL() << "expected WorkTooLarge";
  } catch (const truce::WorkTooLarge& e) {
    EXPECT_STREQ(e.what(),
                 "enumerating 1.22e+19 packages would take about 2567 years on this machine (an estimate), over the "
                 "budget of 10 min; narrow the scenario, or pass --budget 121500000000 (or --budget 0 for no limit) to "
                 "go ahead");
  }
}

TEST(WorkBudget, ZeroMeansNoLimit) {
  BudgetGuard guard;
  truce::set_work_budget_seconds(0);
  EXPECT_NO_THROW(truce::check_work_budget("forever", 1e300, "-"));
}

TEST(WorkBudget, DurationsReadNaturally) {
  EXPECT_EQ(truce::describe_duration(2.34), "2.3 s");
  EXPECT_EQ(truce::describe_duration(600), "10 min");
  EXPECT_EQ(truce::describe_duration(5 * 3600), "5.0 hours");
  EXPECT_EQ(truce::describe_duration(10 * 86400), "10 days");
}

TEST(WorkBudget, MemoryBeyondTheMachineIsRefused) {
  EXPECT_NO_THROW(truce::check_memory_need("a little", 1e6, "-"));
  EXPECT_THROW(truce::check_memory_need("keeping 1e15 runs", 4e16, "ask for fewer runs"), truce::WorkTooLarge);
}

TEST(DiagnosticList, KeepsTheFirstHundredAndCountsTheRest) {
  truce::DiagnosticList list;
  for (int i = 1; i <= 582527; ++i) list.push_back({"f.yaml", i, 1, "expected a number"});
  EXPECT_EQ(list.size(), 582527u);
  EXPECT_EQ(list.kept().size(), truce::max_kept_diagnostics);
  EXPECT_EQ(list.omitted(), 582527u - truce::max_kept_diagnostics);
  const truce::InputError e(list);
  EXPECT_EQ(e.diagnostics().size(), 100u);
  EXPECT_EQ(e.total(), 582527u);
  const std::string what = e.what();
  EXPECT_NE(what.find("... and 582427 more problems (only the first 100 are shown)"), std::string::npos);
}

TEST(DiagnosticList, AVectorOverTheCapIsCappedToo) {
  std::vector<truce::Diagnostic> many(250, truce::Diagnostic{"f.csv", 3, 2, "bad"});
  const truce::InputError e(many);
  EXPECT_EQ(e.diagnostics().size(), 100u);
  EXPECT_EQ(e.omitted(), 150u);
}

}  // namespace

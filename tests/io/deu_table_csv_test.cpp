// The DEU issue table reader: both delimiters, the capability convention, located errors.
#include <gtest/gtest.h>

#include "truce/core/diagnostic.hpp"
#include "truce/io/deu_table_csv.hpp"

namespace truce {
namespace {

// Three issues of two proposals; finact 999 on the third takes the latest final act's year.
constexpr const char* table =
    "prnr,isnr,prname,counvte,finact,pcom,pep,pde,pfr,plu,scom,sep,sde,sfr,slu,rp,out\n"
    "d1,d1i1,first,QMV,30-05-01,100,50,0,40,,80,20,50,50,0,0,60\n"
    "d1,d1i2,first,QMV,30-05-01,0,,100,,20,50,0,90,0,100,,999\n"
    "d2,d2i1,second,Unan,999,10,20,30,,,10,20,30,0,0,5,25\n";

std::string semicolons(std::string s) {
  for (auto& c : s)
    if (c == ',') c = ';';
  return s;
}

TEST(DeuTable, ReadsIssuesOutcomesAndTheCapabilityConvention) {
  ASSERT_TRUE(is_deu_table_csv(table));
  const Scenario s = parse_deu_table_csv(table, "t.csv");
  ASSERT_EQ(s.issues.size(), 3u);
  EXPECT_EQ(s.issues[0].id, "d1i1");
  EXPECT_EQ(s.issues[0].proposal, "d1");
  EXPECT_EQ(s.issues[0].outcome, 60.0);
  EXPECT_EQ(s.issues[0].status_quo, 0.0);
  EXPECT_FALSE(s.issues[1].outcome.has_value());  // 999: no outcome
  EXPECT_EQ(s.issues[1].status_quo, std::nullopt);
  EXPECT_NE(s.issues[0].description.find("counvte=QMV"), std::string::npos);  // metadata kept
  auto stance = [&](const std::string& actor, std::size_t issue) -> const Stance* {
    for (const auto& st : s.stances)
      if (s.actors[st.actor].id == actor && st.issue == issue) return &st;
    return nullptr;
  };
  // 2001: pre-Nice weights (de 10, fr 10, lu 2); com and ep at the largest, 10.
  EXPECT_EQ(stance("de", 0)->capability, 10.0);
  EXPECT_EQ(stance("com", 0)->capability, 10.0);
  EXPECT_DOUBLE_EQ(stance("de", 0)->salience, 0.5);
  EXPECT_EQ(stance("lu", 0), nullptr);  // no position: not coded
  EXPECT_EQ(stance("lu", 1)->capability, 2.0);
  // d2i1 has no final act: the latest in the file is 2001, still pre-Nice.
  EXPECT_EQ(stance("de", 2)->capability, 10.0);
  // Semicolons read the same.
  EXPECT_EQ(parse_deu_table_csv(semicolons(table), "t.csv"), s);
}

TEST(DeuTable, CapabilityColumnsWin) {
  const Scenario s = parse_deu_table_csv("isnr,pa,sa,ca,pb,sb,cb,out\nx1,0,100,3,100,100,1,50\n", "c.csv");
  ASSERT_EQ(s.stances.size(), 2u);
  EXPECT_EQ(s.stances[0].capability, 3.0);
  EXPECT_EQ(s.stances[1].capability, 1.0);
}

void expect_error(const std::string& text, int line, const std::string& fragment) {
  try {
    parse_deu_table_csv(text, "bad.csv");
    FAIL() << "expected an error at line " << line;
  } catch (const InputError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics()[0].file, "bad.csv");
    EXPECT_EQ(e.diagnostics()[0].line, line) << e.diagnostics()[0].message;
    EXPECT_NE(e.diagnostics()[0].message.find(fragment), std::string::npos) << e.diagnostics()[0].message;
  }
}

TEST(DeuTable, BadRowsAreRejectedWithTheirLine) {
  const std::string header = "isnr,finact,pde,sde,pfr,sfr,out\n";
  expect_error(header + "x1,30-05-01,0,50,100,50,40\nx2,30-05-01,150,50,0,50,40\n", 3, "a position ('pde') from 0 to 100");
  expect_error(header + "x1,30-05-01,0,50,100,50\n", 2, "expected 7 fields");
  expect_error(header + "x1,30-05-01,0,,100,50,40\n", 2, "expected a salience ('sde')");
  expect_error(header + "x1,30-05-01,0,50,100,50,abc\n", 2, "an outcome");
  expect_error(header + "x1,30-05-01,0,50,100,50,40\nx2,30-05-01,0,50,100,50,101\n", 3, "an outcome");
  // A member state the regime has no weight for (Poland before 2004).
  expect_error("isnr,finact,ppl,spl,pfr,sfr,out\nx1,30-05-01,0,50,100,50,40\n", 2, "capability for 'pl' in regime 'pre_nice'");
  expect_error("isnr,pde,sde\nx1,0,50\n", 1, "'out' column");
}

TEST(CapabilityTable, ParsesRegimesAndRejectsBadLines) {
  const CapabilityTable& t = eu_council_capabilities();
  ASSERT_EQ(t.regimes.size(), 3u);
  EXPECT_EQ(t.regime_in(2004)->name, "pre_nice");
  EXPECT_EQ(t.regime_in(2005)->name, "nice");
  EXPECT_EQ(t.regime_in(2014)->capability.at("de"), 29.0);
  EXPECT_EQ(t.regime_in(2020)->name, "lisbon");
  try {
    parse_capability_table_csv("regime,years,actor,capability\nr,2000-2001,de,0\n", "caps.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].line, 2);
    EXPECT_NE(e.diagnostics()[0].message.find("capability greater than 0"), std::string::npos);
  }
}

}  // namespace
}  // namespace truce

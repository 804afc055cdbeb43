// The UCDP Conflict Termination loader: the real file, and bad input answered with the
// file, line, column, what was expected and what was found.
#include "truce/io/ucdp_termination_csv.hpp"

#include <gtest/gtest.h>

#include <string>

#include "truce/core/diagnostic.hpp"

namespace truce {
namespace {

// The columns the loader reads, in the file's order, and one more it ignores.
const std::string header =
    "conflictep_id,confterm,ependdate,outcome,conflict_id,year,location,side_a,side_b,type_of_conflict2,start_date2,"
    "region\n";

// Every problem of a text that does not load, one per line.
std::string problems(const std::string& text) {
  try {
    parse_ucdp_termination_csv(text, "t.csv");
  } catch (const InputError& e) {
    std::string out;
    for (const auto& d : e.diagnostics()) out += format_diagnostic(d) + "\n";
    return out;
  }
  return "loaded";
}

TEST(UcdpTerminationCsv, ReadsTheVendoredFile) {
  const auto d = load_ucdp_termination_csv(std::string(TRUCE_SOURCE_DIR) + "/data/ucdp/ucdp-term-acd-3-2021.csv");
  ASSERT_EQ(d.episodes.size(), 581u);
  // Its first episode: Bolivia 1946, from 1946-07-21 (day 17004) to the same day, side B's victory.
  const auto& e = d.episodes.front();
  EXPECT_EQ(e.episode_id, 20001);
  EXPECT_EQ(e.location, "Bolivia");
  EXPECT_EQ(e.side_b, "Popular Revolutionary Movement");
  EXPECT_EQ(e.type, history::ConflictType::intrastate);
  EXPECT_EQ(history::iso_date(e.start), "1946-07-21");
  ASSERT_TRUE(e.end);
  EXPECT_EQ(*e.end, 17004);
  EXPECT_EQ(e.ending, history::Ending::victory_side_b);
}

TEST(UcdpTerminationCsv, AssemblesEpisodesFromTheirYearsWithQuotedFieldsAndAnyColumnOrder) {
  const auto d = parse_ucdp_termination_csv(header +
                                                "101,0,,,1,2000,\"A, B\",Gov A,Gov B,2,36526,1\r\n"
                                                "101,1,36900,2,1,2001,\"A, B\",Gov A,Gov B,2,36526,1\r\n"
                                                "102,0,,,1,2003,\"A, B\",Gov A,Gov B,2,37622,1\r\n",
                                            "t.csv");
  ASSERT_EQ(d.episodes.size(), 2u);
  EXPECT_EQ(d.episodes[0].location, "A, B");
  EXPECT_EQ(d.episodes[0].first_year, 2000);
  EXPECT_EQ(d.episodes[0].last_year, 2001);
  EXPECT_EQ(history::iso_date(d.episodes[0].start), "2000-01-01");
  EXPECT_EQ(d.episodes[0].ending, history::Ending::ceasefire_agreement);
  EXPECT_FALSE(d.episodes[1].end);
  EXPECT_EQ(history::iso_date(d.observed_until), "2003-12-31");
}

TEST(UcdpTerminationCsv, AnIdReusedAfterItsEpisodeEndedIsANewEpisode) {
  // As UCDP v3-2021 does for ten episodes starting in 2020 (27402: China-India).
  const auto d = parse_ucdp_termination_csv(header +
                                                "27402,1,24837,4,274,1967,X,A,B,2,24503,3\n"
                                                "27402,0,,,274,2020,X,A,B,2,44073,3\n",
                                            "t.csv");
  ASSERT_EQ(d.episodes.size(), 2u);
  EXPECT_EQ(history::iso_date(d.episodes[1].start), "2020-08-30");
  EXPECT_FALSE(d.episodes[1].end);
}

TEST(UcdpTerminationCsv, BadInputIsAnsweredWithWhereAndWhat) {
  EXPECT_EQ(problems("conflictep_id,year\n1,2000\n"),
            "t.csv:1:1: error: expected a column 'conflict_id' in the header (the UCDP Conflict Termination Dataset, "
            "conflict level), found none\n"
            "t.csv:1:1: error: expected a column 'location' in the header (the UCDP Conflict Termination Dataset, "
            "conflict level), found none\n"
            "t.csv:1:1: error: expected a column 'side_a' in the header (the UCDP Conflict Termination Dataset, "
            "conflict level), found none\n"
            "t.csv:1:1: error: expected a column 'side_b' in the header (the UCDP Conflict Termination Dataset, "
            "conflict level), found none\n"
            "t.csv:1:1: error: expected a column 'type_of_conflict2' in the header (the UCDP Conflict Termination "
            "Dataset, conflict level), found none\n"
            "t.csv:1:1: error: expected a column 'confterm' in the header (the UCDP Conflict Termination Dataset, "
            "conflict level), found none\n"
            "t.csv:1:1: error: expected a column 'ependdate' in the header (the UCDP Conflict Termination Dataset, "
            "conflict level), found none\n"
            "t.csv:1:1: error: expected a column 'outcome' in the header (the UCDP Conflict Termination Dataset, "
            "conflict level), found none\n"
            "t.csv:1:1: error: expected a column 'start_date2' in the header (the UCDP Conflict Termination Dataset, "
            "conflict level), found none\n");
  EXPECT_EQ(problems(header), "t.csv:2:1: error: expected at least one conflict-year row after the header, found the "
                              "end of the file\n");
  EXPECT_EQ(problems(header + "1,0,,,1,2000,X,A,B,2\n"), "t.csv:2:1: error: expected 12 fields as in the header, found 10\n");
  EXPECT_EQ(problems(header + "1,0,,,1,20x0,X,A,B,2,36526,1\n"),
            "t.csv:2:9: error: expected 'year' as a whole number, found '20x0'\n");
  EXPECT_EQ(problems(header + "1,0,,,1,2000,X,A,B,5,36526,1\n"),
            "t.csv:2:20: error: expected 'type_of_conflict2' from 1 to 4, found 5\n");
  EXPECT_EQ(problems(header + "1,0,,3,1,2000,X,A,B,2,36526,1\n"),
            "t.csv:2:6: error: expected no 'outcome' in a year the episode goes on (confterm 0), found '3'\n");
  EXPECT_EQ(problems(header + "1,1,36526,7,1,2000,X,A,B,2,36526,1\n"),
            "t.csv:2:11: error: expected 'outcome' from 1 to 6, found 7\n");
  EXPECT_EQ(problems(header + "1,1,36000,1,1,2000,X,A,B,2,36526,1\n"),
            "t.csv:2:5: error: expected the episode's end (1998-07-24) on or after its start (2000-01-01), found it "
            "before\n");
  EXPECT_EQ(problems(header + "1,1,36600,1,1,2000,X,A,B,2,36526,1\n1,0,,,1,2001,X,A,B,2,36526,1\n"),
            "t.csv:3:1: error: expected no row of episode 1 after the row that ends it (line 2), found year 2001\n");
  EXPECT_EQ(problems(header + "1,0,,,1,2001,X,A,B,2,36526,1\n1,0,,,1,2001,X,A,B,2,36526,1\n"),
            "t.csv:3:1: error: expected the years of episode 1 in increasing order, found 2001 after 2001\n");
  EXPECT_EQ(problems(header + "1,0,,,1,2000,X,A,B,2,36526,1\n1,0,,,1,2001,X,A,B,2,36900,1\n"),
            "t.csv:3:22: error: expected episode 1 to go on from its start on 2000-01-01 (its rows together), found "
            "a row starting on 2001-01-09 while it has not ended\n");
  EXPECT_EQ(problems(header + "1,0,,,1,2000,X,A,B,2,36526,1\n2,0,,,1,2000,X,A,B,2,36526,1\n1,0,,,1,2001,X,A,B,2,36526,1\n"),
            "t.csv:4:1: error: expected the rows of episode 1 together, found this one after rows of another episode\n");
  EXPECT_EQ(problems(header + "1,0,,,1,2000,X,A,B,2,36526,1\n1,0,,,1,2001,X,A,B,3,36526,1\n"),
            "t.csv:3:1: error: expected every row of episode 1 with conflict 1 and type 2, found conflict 1 and type 3\n");
}

}  // namespace
}  // namespace truce

// Differences by JSON Pointer path, and the headline figure convention (run_store.hpp).

#include <gtest/gtest.h>

#include "truce/store/json_diff.hpp"

namespace truce {
namespace {

using json = nlohmann::json;

TEST(JsonDifferences, NamesEachChangedAddedAndRemovedPath) {
  const auto before = json::parse(R"({"a": 1, "b": {"c": [1, 2, 3], "d": "x"}, "gone": true})");
  const auto after = json::parse(R"({"a": 1, "b": {"c": [1, 5], "d": "x", "e": null}, "new/key": 2})");
  const auto changes = json_differences(before, after);
  ASSERT_EQ(changes.size(), 5u);
  EXPECT_EQ(changes[0].path, "/b/c/1");
  EXPECT_EQ(changes[0].before, json(2));
  EXPECT_EQ(changes[0].after, json(5));
  EXPECT_EQ(changes[1].path, "/b/c/2");  // removed
  EXPECT_EQ(changes[1].before, json(3));
  EXPECT_FALSE(changes[1].after.has_value());
  EXPECT_EQ(changes[2].path, "/b/e");  // added
  EXPECT_FALSE(changes[2].before.has_value());
  EXPECT_EQ(changes[3].path, "/gone");
  EXPECT_EQ(changes[4].path, "/new~1key");  // RFC 6901 escaping of '/'
}

TEST(JsonDifferences, EqualDocumentsHaveNone) {
  const auto doc = json::parse(R"({"x": [1, {"y": 2.5}], "z": "t"})");
  EXPECT_TRUE(json_differences(doc, doc).empty());
  EXPECT_FALSE(first_difference(doc, doc).has_value());
}

TEST(JsonDifferences, SeesWhatChangesTheCanonicalBytes) {
  // 1 and 1.0 are equal numbers but different text; a byte-for-byte rerun must name the path.
  EXPECT_EQ(first_difference(json::parse(R"({"a": {"b": 1}})"), json::parse(R"({"a": {"b": 1.0}})")), "/a/b");
  EXPECT_EQ(first_difference(json(1), json("1")), "/");
}

TEST(FirstDifference, IsTheFirstInDocumentOrder) {
  EXPECT_EQ(first_difference(json::parse(R"({"a": [0, 1], "b": 2})"), json::parse(R"({"a": [0, 9], "b": 3})")), "/a/1");
}

TEST(HeadlineFigures, AreTheDeclaredHeadlineLeavesWhenPresent) {
  const auto result = json::parse(
      R"({"headline": {"deal_exists": true, "territory": 41.7, "by": {"east": 1}}, "detail": [1, 2, 3]})");
  EXPECT_TRUE(has_declared_headline(result));
  const auto figures = headline_figures(result);
  ASSERT_EQ(figures.size(), 3u);
  EXPECT_EQ(figures[0].path, "/headline/by/east");
  EXPECT_EQ(figures[1].path, "/headline/deal_exists");
  EXPECT_EQ(figures[1].value, json(true));
  EXPECT_EQ(figures[2].path, "/headline/territory");
  EXPECT_EQ(headline_text(result), "by/east=1 deal_exists=true territory=41.7");
  EXPECT_EQ(headline_text(result, 1), "by/east=1 (+2)");
}

TEST(HeadlineFigures, AreEveryNumericLeafOtherwise) {
  const auto result = json::parse(R"({"issues": [{"id": "t", "position": 55.5}], "rounds": 12, "ok": true})");
  EXPECT_FALSE(has_declared_headline(result));
  const auto figures = headline_figures(result);
  ASSERT_EQ(figures.size(), 2u);
  EXPECT_EQ(figures[0].path, "/issues/0/position");
  EXPECT_EQ(figures[1].path, "/rounds");
  EXPECT_EQ(headline_text(result), "issues/0/position=55.5 rounds=12");
}

TEST(HeadlineMoves, GiveTheChangeOfEachFigure) {
  const auto before = json::parse(R"({"headline": {"territory": 40, "deal": false, "old": 1}})");
  const auto after = json::parse(R"({"headline": {"territory": 42.5, "deal": true, "new": 2}})");
  const auto moves = headline_moves(before, after);
  ASSERT_EQ(moves.size(), 4u);
  EXPECT_EQ(moves[0].path, "/headline/deal");
  EXPECT_TRUE(moves[0].changed());
  EXPECT_FALSE(moves[0].change.has_value());
  EXPECT_EQ(moves[1].path, "/headline/old");
  EXPECT_FALSE(moves[1].after.has_value());
  EXPECT_EQ(moves[2].path, "/headline/territory");
  EXPECT_DOUBLE_EQ(*moves[2].change, 2.5);
  EXPECT_EQ(moves[3].path, "/headline/new");
  EXPECT_FALSE(moves[3].before.has_value());
}

}  // namespace
}  // namespace truce

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

TEST(JsonDifferences, LineUpListItemsByIdentityNotIndex) {
  // simulate's blocking constraints are sorted by share: the same two constraints swap places.
  const auto before = json::parse(R"({"constraints": [
      {"constraint": "russia.reservation", "run_months": 118894, "share": 0.61},
      {"constraint": "ukraine.territory", "run_months": 40000, "share": 0.2},
      {"constraint": "russia.nato", "run_months": 100, "share": 0.01}]})");
  const auto after = json::parse(R"({"constraints": [
      {"constraint": "ukraine.territory", "run_months": 90000, "share": 0.5},
      {"constraint": "russia.reservation", "run_months": 80000, "share": 0.44},
      {"constraint": "ukraine.guarantees", "run_months": 7, "share": 0.001}]})");
  const auto changes = json_differences(before, after);
  ASSERT_EQ(changes.size(), 7u);
  EXPECT_EQ(changes[0].path, "/constraints/constraint=russia.reservation/run_months");
  EXPECT_EQ(changes[0].before, json(118894));
  EXPECT_EQ(changes[0].after, json(80000));
  EXPECT_EQ(changes[1].path, "/constraints/constraint=russia.reservation/share");
  EXPECT_EQ(changes[2].path, "/constraints/constraint=ukraine.territory/run_months");
  EXPECT_EQ(changes[2].before, json(40000));
  EXPECT_EQ(changes[2].after, json(90000));
  EXPECT_EQ(changes[3].path, "/constraints/constraint=ukraine.territory/share");
  EXPECT_EQ(changes[4].path, "/constraints/constraint=russia.nato");  // removed
  EXPECT_FALSE(changes[4].after.has_value());
  EXPECT_EQ(changes[5].path, "/constraints/constraint=ukraine.guarantees");  // added
  EXPECT_FALSE(changes[5].before.has_value());
  EXPECT_EQ((*changes[5].after)["run_months"], 7);
  // The order of the two both runs have changed too: one change at the list itself.
  EXPECT_EQ(changes[6].path, "/constraints");
  EXPECT_EQ(changes[6].before, json({"constraint=russia.reservation", "constraint=ukraine.territory"}));
  EXPECT_EQ(changes[6].after, json({"constraint=ukraine.territory", "constraint=russia.reservation"}));
}

TEST(JsonDifferences, ReorderedButEqualItemsAreStillADifference) {
  // A rerun compares bytes: the same items in another order must be named.
  const auto before = json::parse(R"([{"id": "a", "x": 1}, {"id": "b", "x": 2}])");
  const auto after = json::parse(R"([{"id": "b", "x": 2}, {"id": "a", "x": 1}])");
  EXPECT_EQ(first_difference(before, after), "/");
  EXPECT_FALSE(first_difference(before, before).has_value());
}

TEST(JsonDifferences, ListsWithoutAUniqueIdentityGoIndexByIndex) {
  // "issue" repeats (two proposals on one issue), so backtest cases are compared by index;
  // "id" wins over "name" where items have both.
  const auto cases_before = json::parse(R"([{"issue": "t", "x": 1}, {"issue": "t", "x": 2}])");
  const auto cases_after = json::parse(R"([{"issue": "t", "x": 1}, {"issue": "t", "x": 3}])");
  EXPECT_EQ(first_difference(cases_before, cases_after), "/1/x");
  const auto named_before = json::parse(R"([{"id": "e", "name": "East", "c": 2}])");
  const auto named_after = json::parse(R"([{"id": "e", "name": "East side", "c": 2}])");
  EXPECT_EQ(first_difference(named_before, named_after), "/id=e/name");
  // A '/' in an identity is escaped as RFC 6901 escapes it in a key.
  EXPECT_EQ(first_difference(json::parse(R"([{"id": "a/b", "v": 1}])"), json::parse(R"([{"id": "a/b", "v": 2}])")),
            "/id=a~1b/v");
}

TEST(HeadlineFigures, AreTheDeclaredFiguresInTheirOrder) {
  const auto result = json::parse(R"j({"headline": [
      {"name": "p_ceasefire_by_12", "label": "P(ceasefire by month 12)", "value": 0.2312, "unit": "probability"},
      {"name": "p_ceasefire_by_36", "label": "P(ceasefire by month 36)", "value": 0.5, "unit": "probability"},
      {"name": "deal_exists", "label": "Deal exists", "value": false, "unit": ""},
      {"name": "zopa_size", "label": "Zone of agreement", "value": 0, "unit": "packages"},
      {"name": "median_month", "label": "Median month", "value": null, "unit": "month"},
      {"name": "border.ensemble", "label": "Border (Ensemble)", "value": 61.23456, "unit": "position"}],
    "detail": [1, 2, 3]})j");
  EXPECT_TRUE(has_declared_headline(result));
  const auto figures = headline_figures(result);
  ASSERT_EQ(figures.size(), 6u);
  EXPECT_EQ(figures[0].name, "p_ceasefire_by_12");
  EXPECT_EQ(figures[0].label, "P(ceasefire by month 12)");
  EXPECT_EQ(figures[0].unit, "probability");
  EXPECT_EQ(figures[2].value, json(false));
  EXPECT_EQ(headline_text(result), "P(ceasefire by month 12): 23.1%; P(ceasefire by month 36): 50.0%; Deal exists: no (+3)");
  EXPECT_EQ(headline_text(result, 6),
            "P(ceasefire by month 12): 23.1%; P(ceasefire by month 36): 50.0%; Deal exists: no; "
            "Zone of agreement: 0 packages; Median month: n/a; Border (Ensemble): 61.23");
}

TEST(HeadlineFigures, OfAnOlderTruceAreTheLeavesOfItsHeadlineObject) {
  const auto result = json::parse(
      R"({"headline": {"deal_exists": true, "territory": 41.7, "by": {"east": 1}}, "detail": [1, 2, 3]})");
  EXPECT_TRUE(has_declared_headline(result));
  const auto figures = headline_figures(result);
  ASSERT_EQ(figures.size(), 3u);
  EXPECT_EQ(figures[0].name, "by/east");
  EXPECT_EQ(figures[0].label, "by/east");
  EXPECT_EQ(figures[1].name, "deal_exists");
  EXPECT_EQ(figures[1].value, json(true));
  EXPECT_EQ(figures[2].name, "territory");
  EXPECT_EQ(headline_text(result), "by/east: 1; deal_exists: yes; territory: 41.7");
  EXPECT_EQ(headline_text(result, 1), "by/east: 1 (+2)");
}

TEST(HeadlineFigures, AreEveryNumericLeafOtherwiseWithItemsNamedByIdentity) {
  const auto result = json::parse(R"({"issues": [{"id": "t", "position": 55.5}], "rounds": 12, "ok": true,
                                      "cells": [[1.25]]})");
  EXPECT_FALSE(has_declared_headline(result));
  const auto figures = headline_figures(result);
  ASSERT_EQ(figures.size(), 3u);
  EXPECT_EQ(figures[0].name, "cells/0/0");
  EXPECT_EQ(figures[1].name, "issues/id=t/position");
  EXPECT_EQ(figures[2].name, "rounds");
  EXPECT_EQ(headline_text(result), "cells/0/0: 1.25; issues/id=t/position: 55.5; rounds: 12");
}

TEST(HeadlineMoves, MatchFiguresByNameWhateverTheirPlace) {
  const auto before = json::parse(R"({"headline": [
      {"name": "top_blocking_constraint", "label": "Top", "value": "russia.reservation", "unit": ""},
      {"name": "p_ceasefire_by_12", "label": "P12", "value": 0.25, "unit": "probability"},
      {"name": "old", "label": "Old", "value": 1, "unit": ""}]})");
  const auto after = json::parse(R"({"headline": [
      {"name": "p_ceasefire_by_12", "label": "P12", "value": 0.3, "unit": "probability"},
      {"name": "top_blocking_constraint", "label": "Top", "value": "ukraine.territory", "unit": ""},
      {"name": "new", "label": "New", "value": 2, "unit": ""}]})");
  const auto moves = headline_moves(before, after);
  ASSERT_EQ(moves.size(), 4u);
  EXPECT_EQ(moves[0].name, "top_blocking_constraint");
  EXPECT_EQ(moves[0].after, json("ukraine.territory"));
  EXPECT_FALSE(moves[0].change.has_value());
  EXPECT_EQ(moves[1].name, "p_ceasefire_by_12");
  EXPECT_EQ(moves[1].unit, "probability");
  EXPECT_NEAR(*moves[1].change, 0.05, 1e-15);
  EXPECT_EQ(moves[2].name, "old");
  EXPECT_FALSE(moves[2].after.has_value());
  EXPECT_EQ(moves[3].name, "new");
  EXPECT_FALSE(moves[3].before.has_value());
}

TEST(HeadlineMoves, OfOlderRunsGiveTheChangeOfEachLeaf) {
  const auto before = json::parse(R"({"headline": {"territory": 40, "deal": false, "old": 1}})");
  const auto after = json::parse(R"({"headline": {"territory": 42.5, "deal": true, "new": 2}})");
  const auto moves = headline_moves(before, after);
  ASSERT_EQ(moves.size(), 4u);
  EXPECT_EQ(moves[0].name, "deal");
  EXPECT_TRUE(moves[0].changed());
  EXPECT_FALSE(moves[0].change.has_value());
  EXPECT_EQ(moves[1].name, "old");
  EXPECT_FALSE(moves[1].after.has_value());
  EXPECT_EQ(moves[2].name, "territory");
  EXPECT_DOUBLE_EQ(*moves[2].change, 2.5);
  EXPECT_EQ(moves[3].name, "new");
  EXPECT_FALSE(moves[3].before.has_value());
}

}  // namespace
}  // namespace truce

// The binned picture of a package space the report's agreement-space chart draws: every
// package counted once, in the bin of its two utilities, by whose counted red lines it
// crosses. Expected counts are worked out by hand below.

#include <gtest/gtest.h>

#include "truce/space/utility_density.hpp"

using namespace truce::space;

namespace {

// Two actors, two issues of two values each. Contributions (actor a, actor b):
//   issue p: value 0 -> (0.5, 0.0), value 1 -> (0.0, 0.5)
//   issue q: value 0 -> (0.5, 0.0), value 1 -> (0.0, 0.5)
// so the four packages have utilities (1,0), (0.5,0.5), (0.5,0.5), (0,1).
// a's red line forbids p=1; b's red line forbids q=0.
PackageSpace two_by_two() {
  PackageSpace s;
  s.issues = {{"p", "P", {{"p0", "p0", std::nullopt}, {"p1", "p1", std::nullopt}}},
              {"q", "Q", {{"q0", "q0", std::nullopt}, {"q1", "q1", std::nullopt}}}};
  s.actors = {{"a", "A"}, {"b", "B"}};
  s.contribution = {{0.5, 0.0, 0.0, 0.5}, {0.5, 0.0, 0.0, 0.5}};
  s.red_lines = {{0, 0, {0, 1}}, {1, 1, {1, 0}}};
  return s;
}

}  // namespace

TEST(UtilityDensity, CountsEveryPackageInItsBinByWhoseRedLinesItCrosses) {
  const auto d = utility_density(two_by_two(), {"a.p", "b.q"}, 0, 1, 2, 100);
  EXPECT_EQ(d.packages, 4u);
  ASSERT_EQ(d.cells.size(), 3u);  // (1,0) in bin (1,0); both (0.5,0.5) in bin (1,1); (0,1) in bin (0,1)
  // Cells come by y, then x. (x=1,y=0): package p0 q0 = utilities (1, 0): crosses b's line (q0).
  EXPECT_EQ(d.cells[0].x, 1);
  EXPECT_EQ(d.cells[0].y, 0);
  EXPECT_EQ(d.cells[0].crossing_y, 1u);
  EXPECT_EQ(d.cells[0].packages(), 1u);
  // (x=0,y=1): p1 q1 = (0, 1): crosses a's line (p1) only.
  EXPECT_EQ(d.cells[1].x, 0);
  EXPECT_EQ(d.cells[1].y, 1);
  EXPECT_EQ(d.cells[1].crossing_x, 1u);
  // (x=1,y=1): p0 q1 = (0.5, 0.5) crosses nothing; p1 q0 = (0.5, 0.5) crosses both lines.
  EXPECT_EQ(d.cells[2].x, 1);
  EXPECT_EQ(d.cells[2].y, 1);
  EXPECT_EQ(d.cells[2].crossing_none, 1u);
  EXPECT_EQ(d.cells[2].crossing_both, 1u);
}

TEST(UtilityDensity, RedLinesNotCountedDoNotColourAPackage) {
  const auto d = utility_density(two_by_two(), {}, 0, 1, 1, 100);
  ASSERT_EQ(d.cells.size(), 1u);
  EXPECT_EQ(d.cells[0].crossing_none, 4u);
}

TEST(UtilityDensity, RefusesASpaceLargerThanItsLimit) {
  EXPECT_THROW(utility_density(two_by_two(), {}, 0, 1, 10, 3), std::invalid_argument);
  EXPECT_THROW(utility_density(two_by_two(), {}, 0, 2, 10, 100), std::invalid_argument);
}

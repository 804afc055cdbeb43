// Tornado ranking on a model whose swings can be computed by hand.
#include <gtest/gtest.h>

#include "truce/levers/one_at_a_time.hpp"

namespace truce::levers {
namespace {

TEST(OneAtATime, RanksParametersBySwingOnAHandComputableModel) {
  // y = 3a - b^2 + 0.5c. Base (1, 2, 10) gives y = 3 - 4 + 5 = 4.
  // a in [0, 2]: y = 1 .. 7, swing 6.  b in [1, 4]: y = 7 .. -8, swing 15.
  // c in [8, 14]: y = 3 .. 6, swing 3.  d in [0, 1] unused: swing 0.
  const std::vector<Parameter> p = {{"a", 1, 0, 2, "", "", Distribution::uniform},
                                    {"b", 2, 1, 4, "", "", Distribution::uniform},
                                    {"c", 10, 8, 14, "", "", Distribution::uniform},
                                    {"d", 0.5, 0, 1, "", "", Distribution::uniform}};
  const Model model = [](const std::vector<double>& x) { return 3 * x[0] - x[1] * x[1] + 0.5 * x[2]; };
  const auto t = one_at_a_time(p, model, 3);
  EXPECT_DOUBLE_EQ(t.base_output, 4.0);
  ASSERT_EQ(t.bars.size(), 4u);
  EXPECT_EQ(t.bars[0].parameter, 1u);
  EXPECT_DOUBLE_EQ(t.bars[0].output_at_low, 7.0);
  EXPECT_DOUBLE_EQ(t.bars[0].output_at_high, -8.0);
  EXPECT_DOUBLE_EQ(t.bars[0].swing, 15.0);
  EXPECT_EQ(t.bars[1].parameter, 0u);
  EXPECT_DOUBLE_EQ(t.bars[1].swing, 6.0);
  EXPECT_EQ(t.bars[2].parameter, 2u);
  EXPECT_DOUBLE_EQ(t.bars[2].output_at_low, 3.0);
  EXPECT_DOUBLE_EQ(t.bars[2].output_at_high, 6.0);
  EXPECT_EQ(t.bars[3].parameter, 3u);
  EXPECT_DOUBLE_EQ(t.bars[3].swing, 0.0);
}

TEST(OneAtATime, KeepsParameterOrderOnTiesAndRethrowsModelErrors) {
  const std::vector<Parameter> p = {{"a", 0, -1, 1, "", "", Distribution::uniform},
                                    {"b", 0, -1, 1, "", "", Distribution::uniform}};
  const auto t = one_at_a_time(p, [](const std::vector<double>& x) { return x[0] + x[1]; });
  EXPECT_EQ(t.bars[0].parameter, 0u);
  EXPECT_EQ(t.bars[1].parameter, 1u);
  const Model failing = [](const std::vector<double>& x) -> double {
    if (x[1] > 0) throw std::invalid_argument("b too high");
    return x[0];
  };
  EXPECT_THROW(one_at_a_time(p, failing, 2), std::invalid_argument);
}

}  // namespace
}  // namespace truce::levers

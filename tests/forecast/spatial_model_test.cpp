// KTAB's Spatial Model of Politics: our port against KTAB's own outputs.
// Data: data/ktab/ (KTAB's example scenarios, MIT licence) and its reference/
// folder (position histories written by KTAB master c57b72a's smpc; KTAB's 2017 log).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "truce/forecast/spatial_model.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce {
namespace {

const std::string ktab_dir = std::string(TRUCE_SOURCE_DIR) + "/data/ktab/";

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  const auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    if (trim(line).empty()) continue;
    std::vector<std::string> row;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, ',');) row.push_back(trim(f));
    rows.push_back(row);
  }
  return rows;
}

// KTAB's history file: one row per actor and dimension, "actor, dimension, x_0, x_1, ...".
// Checks every printed value (%5.1f, trimmed) and the number of states.
void expect_ktab_history(const std::string& scenario_file, const std::string& history_file,
                         const SpatialModelOptions& options = {}) {
  const Scenario sc = load_scenario_file(ktab_dir + scenario_file);
  const auto forecast = forecast_spatial_model_detailed(sc, options);
  ASSERT_EQ(forecast.runs.size(), 1u);
  const auto& run = forecast.runs[0];
  const auto rows = read_csv(ktab_dir + "reference/" + history_file);
  ASSERT_EQ(rows.size(), sc.actors.size() * run.issues.size());
  int row = 0;
  for (std::size_t i = 0; i < run.actors.size(); ++i)
    for (std::size_t d = 0; d < run.issues.size(); ++d, ++row) {
      const auto& r = rows[row];
      ASSERT_EQ(r.size() - 2, run.run.states.size()) << "number of states, row " << row;
      for (std::size_t t = 0; t < run.run.states.size(); ++t)
        EXPECT_EQ(fmt::format("{:.1f}", 100.0 * run.run.states[t].position[i][d]), r[2 + t])
            << r[0] << " " << r[1] << " state " << t;
    }
}

// Source: reference/SOE-Policy.ktab-master.history.csv (KTAB master, 20 states).
TEST(SpatialModelKtab, SoePolicyHistoryEqualsKtabMaster) {
  expect_ktab_history("SOE-Policy.csv", "SOE-Policy.ktab-master.history.csv");
}

// Source: reference/SOE-Pol-Comp.ktab-master.history.csv (28 states, 2 dimensions).
TEST(SpatialModelKtab, SoePolCompHistoryEqualsKtabMaster) {
  expect_ktab_history("SOE-Pol-Comp.csv", "SOE-Pol-Comp.ktab-master.history.csv");
}

// Source: reference/dummyData_3Dim.ktab-master.history.csv (11 states, 3 dimensions).
TEST(SpatialModelKtab, DummyData3DimHistoryEqualsKtabMaster) {
  expect_ktab_history("dummyData_3Dim.csv", "dummyData_3Dim.ktab-master.history.csv");
}

// ------------------------------------------------------------------------------------------
// KTAB's 2017 reference run of smpc on SOE-Pol-Comp (reference/20170530_ref-SOE-Pol-Comp.txt;
// parameters Linear, Prop, Conditional, Deterministic, Mid, OneThird, SemiCommit, S2P2,
// InitOnlyInterp, our defaults). Every turn's numbers, as the log prints them.

struct LoggedChallenge {
  int initiator, target;
  std::string worth;                   // %.3f
  std::vector<std::string> estimates;  // 4 lines: "h k p gain" for (h,k) = (i,i) (i,j) (j,i) (j,j)
  std::vector<std::string> views;      // brgnIIJ, brgnJIJ, brgnIJ: "bi_1 bi_2 | bj_1 bj_2"
};
struct LoggedResolution {
  std::vector<std::pair<int, int>> queue;  // (initiator, receiver) per queued bargain
  std::vector<std::string> probability;    // %.4f per queued bargain
  std::pair<int, int> chosen{-1, -1};
};
struct LoggedTurn {
  std::map<int, LoggedChallenge> challenges;
  std::vector<int> without_target;
  std::map<int, LoggedResolution> resolutions;
  std::vector<std::string> positions;  // per actor "x_1 x_2" (%.4f), the state after the turn
};
struct LoggedRun {
  std::vector<std::vector<std::string>> risk;                   // per state, per actor (%+.3f)
  std::vector<std::vector<std::vector<std::string>>> estimate;  // per state, per h: n rows of U^h (%+.4f)
  std::vector<LoggedTurn> turns;
  std::vector<std::string> fractional_change;  // %.4f per turn
};

std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> w;
  std::stringstream ss(line);
  for (std::string x; ss >> x;) w.push_back(x);
  return w;
}

std::string joined(const std::vector<std::string>& w) {
  std::string s;
  for (const auto& x : w) s += (s.empty() ? "" : " ") + x;
  return s;
}

LoggedRun read_2017_log(int n) {
  std::ifstream in(ktab_dir + "reference/20170530_ref-SOE-Pol-Comp.txt");
  EXPECT_TRUE(in.good());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  LoggedRun log;
  std::map<long, std::pair<int, int>> bargain;  // bargain id -> (initiator, receiver)
  int turn = -1, chooser = -1;
  LoggedChallenge* challenge = nullptr;
  auto turn_of = [&](int t) -> LoggedTurn& {
    if (t != turn) {
      turn = t;
      log.turns.emplace_back();
    }
    return log.turns.back();
  };
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const std::string& s = lines[l];
    int a = 0, b = 0, c = 0, d = 0;
    long id = 0;
    char x[32] = {}, y[32] = {};
    if (s.rfind("Inferred risk attitudes:", 0) == 0) {
      log.risk.emplace_back();
      for (int i = 0; i < n; ++i) log.risk.back().push_back(trim(lines[l + 1 + i]));
      log.estimate.emplace_back();
    } else if (std::sscanf(s.c_str(), "Estimate by %d of risk-aware utility matrix", &a) == 1) {
      log.estimate.back().emplace_back();
      for (int i = 0; i < n; ++i) log.estimate.back().back().push_back(joined(words(lines[l + 1 + i])));
    } else if (std::sscanf(s.c_str(), "In turn %d actor %d has most advantageous target %d worth %31s", &a, &b, &c,
                           x) == 4) {
      challenge = &turn_of(a).challenges[b];
      *challenge = {b, c, x, {}, {}};
    } else if (std::sscanf(s.c_str(), "In turn %d Actor %d has no advantageous targets", &a, &b) == 2) {
      turn_of(a).without_target.push_back(b);
    } else if (std::sscanf(s.c_str(), "Est by %d of prob %31s that [%d>%d], with expected gain to %d of %31s", &a, x,
                           &b, &c, &d, y) == 6) {
      challenge->estimates.push_back(fmt::format("{} {} {} {}", a, d, x, y));
    } else if (std::sscanf(s.c_str(), "Bargain [%ld, %d:%d]", &id, &a, &b) == 3 ||
               std::sscanf(s.c_str(), "Power-weighted compromise [%ld, %d:%d]", &id, &a, &b) == 3) {
      bargain[id] = {a, b};
      const auto first = words(lines[l + 1]), second = words(lines[l + 2]);
      auto coords = [](const std::vector<std::string>& w) { return std::vector<std::string>(w.end() - 2, w.end()); };
      challenge->views.push_back(joined(coords(first)) + " | " + joined(coords(second)));
    } else if (std::sscanf(s.c_str(), "Bargains involving actor %d:", &a) == 1) {
      auto& res = log.turns.back().resolutions[a];
      for (std::size_t p = s.find('['); p != std::string::npos; p = s.find('[', p + 1)) {
        std::sscanf(s.c_str() + p, "[%ld, %d:%d]", &id, &b, &c);
        bargain[id] = {b, c};
        res.queue.emplace_back(b, c);
      }
    } else if (std::sscanf(s.c_str(), "Doing scalarPCE for the %d bargains of actor %d", &a, &b) == 2) {
      chooser = b;
    } else if (s.rfind("Probability Opt_i ", 0) == 0 && s.find('>') == std::string::npos) {
      auto& res = log.turns.back().resolutions[chooser];
      for (std::size_t m = 0; m < res.queue.size(); ++m) res.probability.push_back(trim(lines[l + 1 + m]));
    } else if (std::sscanf(s.c_str(), "Chosen bargain ( Deterministic ): %ld", &id) == 1) {
      log.turns.back().resolutions[chooser].chosen = bargain.at(id);
    } else if (std::sscanf(s.c_str(), "postn %d , %d :", &a, &b) == 2) {
      log.turns.back().positions.push_back(joined(words(lines[l + 1])));
    } else if (std::sscanf(s.c_str(), "Fractional change compared to first step: %31s", x) == 1) {
      log.fractional_change.push_back(x);
    }
  }
  return log;
}

std::string coordinates(const std::vector<double>& x, const char* format) {
  std::vector<std::string> w;
  for (double v : x) w.push_back(fmt::format(fmt::runtime(format), 100.0 * v));
  return joined(w);
}

TEST(SpatialModelKtab2017, ReferenceLogMatchesTurnByTurn) {
  const Scenario sc = load_scenario_file(ktab_dir + "SOE-Pol-Comp.csv");
  const SpatialModelOptions options;  // the log's parameters are KTAB's defaults
  const auto forecast = forecast_spatial_model_detailed(sc, options);
  const auto& input = forecast.runs.at(0).input;
  const auto& run = forecast.runs.at(0).run;
  const int n = static_cast<int>(input.capability.size());
  const LoggedRun log = read_2017_log(n);

  // "There were 28 states, with 27 steps between them"; one risk block per state.
  ASSERT_EQ(run.states.size(), 28u);
  ASSERT_EQ(log.turns.size(), 27u);
  ASSERT_EQ(log.risk.size(), 28u);
  ASSERT_EQ(log.fractional_change.size(), 27u);
  // The parser saw the whole log: 349 challenges plus 2 actors without a target, 27 x 13
  // resolutions (probability of every queued bargain and the choice) and positions.
  std::size_t challenges = 0, estimates = 0, views = 0, choices = 0, positions = 0;
  for (const auto& t : log.turns) {
    challenges += t.challenges.size() + t.without_target.size();
    for (const auto& [i, c] : t.challenges) estimates += c.estimates.size(), views += c.views.size();
    for (const auto& [k, r] : t.resolutions) choices += r.probability.size() == r.queue.size() && r.chosen.first >= 0;
    positions += t.positions.size();
  }
  EXPECT_EQ(challenges, 351u);
  EXPECT_EQ(estimates, 4u * 349u);
  EXPECT_EQ(views, 3u * 349u);
  EXPECT_EQ(choices, 27u * 13u);
  EXPECT_EQ(positions, 27u * 13u);

  for (std::size_t t = 0; t < run.states.size(); ++t) {
    const SpatialStateView view(input, run.states[t].position, options);
    for (int i = 0; i < n; ++i)
      EXPECT_EQ(fmt::format("{:+.3f}", run.states[t].risk_attitude[i]), log.risk[t][i]) << "state " << t << " actor " << i;
    ASSERT_EQ(log.estimate[t].size(), static_cast<std::size_t>(n));
    for (int h = 0; h < n; ++h)
      for (int i = 0; i < n; ++i) {
        std::vector<std::string> row;
        for (int j = 0; j < n; ++j) row.push_back(fmt::format("{:+.4f}", view.utility(h, i, j)));
        EXPECT_EQ(joined(row), log.estimate[t][h][i]) << "state " << t << " U^" << h << " row " << i;
      }
  }
  for (std::size_t t = 0; t < log.turns.size(); ++t) {
    const auto& logged = log.turns[t];
    const auto& turn = run.turns[t];
    const SpatialStateView view(input, run.states[t].position, options);
    EXPECT_EQ(fmt::format("{:.4f}", turn.fractional_change), log.fractional_change[t]) << "turn " << t;
    // Challenges: who targets whom, worth, the four estimates, the three bargain views.
    EXPECT_EQ(turn.challenges.size(), logged.challenges.size()) << "turn " << t;
    for (int i : logged.without_target)
      for (const auto& ch : turn.challenges) EXPECT_NE(ch.initiator, i) << "turn " << t;
    for (const auto& ch : turn.challenges) {
      ASSERT_TRUE(logged.challenges.count(ch.initiator)) << "turn " << t << " actor " << ch.initiator;
      const auto& lc = logged.challenges.at(ch.initiator);
      const int i = ch.initiator, j = ch.target;
      EXPECT_EQ(j, lc.target) << "turn " << t << " actor " << i;
      EXPECT_EQ(fmt::format("{:.3f}", ch.gain), lc.worth) << "turn " << t << " actor " << i;
      ASSERT_EQ(lc.estimates.size(), 4u);
      const int hk[4][2] = {{i, i}, {i, j}, {j, i}, {j, j}};
      for (int e = 0; e < 4; ++e) {
        const auto [p, gain] = view.challenge(hk[e][0], hk[e][1], i, j);
        EXPECT_EQ(fmt::format("{} {} {:.4f} {:+.4f}", hk[e][0], hk[e][1], p, gain), lc.estimates[e])
            << "turn " << t << " challenge " << i << ">" << j;
      }
      ASSERT_EQ(lc.views.size(), 3u);
      const SpatialBargain* views3[3] = {&ch.initiator_view, &ch.target_view, &ch.compromise};
      for (int v = 0; v < 3; ++v)
        EXPECT_EQ(coordinates(views3[v]->initiator_position, "{:.3f}") + " | " +
                      coordinates(views3[v]->receiver_position, "{:.3f}"),
                  lc.views[v])
            << "turn " << t << " challenge " << i << ">" << j << " view " << v;
    }
    // Bargain resolution: the same bargains queued (KTAB's order depends on its threads),
    // the same probability for each, the same choice.
    ASSERT_EQ(logged.resolutions.size(), static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k) {
      const auto& lr = logged.resolutions.at(k);
      const auto& res = turn.resolutions[k];
      std::map<std::pair<int, int>, std::string> ours, theirs;
      for (std::size_t m = 0; m < res.queue.size(); ++m) {
        const auto& b = turn.bargains[res.queue[m]];
        ours[{b.initiator, b.receiver}] = fmt::format("{:.4f}", res.probability[m]);
      }
      for (std::size_t m = 0; m < lr.queue.size(); ++m) theirs[lr.queue[m]] = lr.probability.at(m);
      EXPECT_EQ(ours, theirs) << "turn " << t << " actor " << k;
      const auto& chosen = turn.bargains[res.queue[res.chosen]];
      EXPECT_EQ(std::make_pair(chosen.initiator, chosen.receiver), lr.chosen) << "turn " << t << " actor " << k;
    }
    // The state after the turn, to 4 decimals (0..100 scale).
    ASSERT_EQ(logged.positions.size(), static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k)
      EXPECT_EQ(coordinates(run.states[t + 1].position[k], "{:.4f}"), logged.positions[k])
          << "turn " << t << " actor " << k;
  }
  // "final positions about 43.2 and 43.3" (XJ and LK in the log's last position block).
  EXPECT_EQ(coordinates(run.states.back().position[0], "{:.1f}"), "43.2 43.3");
  EXPECT_EQ(coordinates(run.states.back().position[1], "{:.1f}"), "43.2 43.3");
}

}  // namespace
}  // namespace truce

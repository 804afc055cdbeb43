#include "truce/timeline/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "truce/core/date.hpp"
#include "truce/dynamics/simulate.hpp"
#include "truce/forecast/forecast_analysis.hpp"
#include "truce/space/space_report.hpp"

namespace truce::timeline {

using nlohmann::json;

namespace {

const std::vector<std::string>& analysis_names() {
  static const std::vector<std::string> names{"space", "forecast", "simulate"};
  return names;
}

bool runs(const TimelineOptions& o, const std::string& name) {
  return std::find(o.analyses.begin(), o.analyses.end(), name) != o.analyses.end();
}

std::optional<std::size_t> territory_issue(const Scenario& s) {
  if (s.dynamics) return s.dynamics->territory.issue;
  if (const auto i = find_issue(s, "territory"); i && s.issues[*i].kind == IssueKind::scale) return i;
  return std::nullopt;
}

std::optional<TerritorialGap> territorial_gap(const Scenario& s) {
  const auto issue = territory_issue(s);
  if (!issue) return std::nullopt;
  std::optional<TerritorialGap> gap;
  for (const auto& st : s.stances) {
    if (st.issue != *issue || !s.actors[st.actor].veto || !st.acceptable_range) continue;
    const auto& range = *st.acceptable_range;
    const std::string& id = s.actors[st.actor].id;
    if (!gap) {
      gap = TerritorialGap{s.issues[*issue].id, id, id, range.min, range.max, 0};
      continue;
    }
    if (range.min > gap->highest_minimum) gap->highest_minimum = range.min, gap->high_actor = id;
    if (range.max < gap->lowest_maximum) gap->lowest_maximum = range.max, gap->low_actor = id;
  }
  if (gap) gap->gap = gap->highest_minimum - gap->lowest_maximum;
  return gap;
}

void add_prefixed(Headline& out, const Headline& in, const std::string& prefix) {
  for (auto f : in) {
    f.name = prefix + f.name;
    out.push_back(std::move(f));
  }
}

json figure_value(const HeadlineFigure& f) {
  return std::visit(
      [](const auto& v) -> json {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, double>) {
          if (std::isnan(v)) return nullptr;
        }
        return v;
      },
      f.value);
}

std::string percent(std::optional<double> p) { return p ? fmt::format("{:.1f}%", 100 * *p) : "-"; }

std::string number(std::optional<double> x) {
  if (!x) return "-";
  return fmt::format("{:g}", std::round(*x * 10) / 10);
}

std::string blocking_text(const std::vector<std::vector<std::string>>& sets) {
  if (sets.empty()) return "none";
  std::string text;
  for (std::size_t i = 0; i < sets.size() && i < 3; ++i) {
    text += (i ? " | " : "") + std::string("{");
    for (std::size_t k = 0; k < sets[i].size(); ++k) text += (k ? ", " : "") + sets[i][k];
    text += "}";
  }
  if (sets.size() > 3) text += fmt::format(" | ... ({} sets)", sets.size());
  return text;
}

std::string gap_text(const std::optional<TerritorialGap>& g) {
  if (!g) return "-";
  return fmt::format("{:g}", g->gap);
}

std::string forecast_value(const ForecastPoint& f) {
  if (f.option) return *f.option;
  return number(f.position);
}

json revision_json(const RevisionRef& r) {
  json evidence = json::array();
  for (const auto& e : r.evidence) evidence.push_back({{"source", e.source}, {"quote", e.quote}});
  json j{{"as_of", r.as_of}, {"change", r.change}, {"evidence", evidence}, {"published", r.published}};
  if (!r.actor.empty()) j["actor"] = r.actor;
  if (!r.issue.empty()) j["issue"] = r.issue;
  if (!r.parameter.empty()) j["parameter"] = r.parameter;
  if (!r.event.empty()) j["event"] = r.event;
  return j;
}

std::string who(const RevisionRef& r) { return revision_subject(r); }

}  // namespace

const OptionTable<TimelineOptions>& timeline_option_table() {
  using O = TimelineOptions;
  static const OptionTable<O> table = option_table<O>(
      "timeline",
      {
          with_flag(text_list_option("dates", &O::dates,
                                     "the dates to run at (YYYY-MM-DD); none: the start and every date a revision takes effect"),
                    "date"),
          with_flag(choice_list_option("analyses", &O::analyses, analysis_names(), "the analyses to run at every date"),
                    "analysis"),
          whole_number_option("months", &O::months, 0, 1200, "simulate's horizon in months"),
          whole_number_option("runs", &O::runs, 1, 1e8, "simulate's Monte Carlo runs at every date"),
          whole_number_option("seed", &O::seed, 0, std::nullopt, "simulate's seed, the same at every date"),
          not_written(whole_number_option("threads", &O::threads, 0, 1024,
                                          "threads (0: every core); the result does not depend on it")),
      },
      [](const O& o, const std::string& table, const std::string& path) {
        for (const auto& d : o.dates)
          if (!parse_date(d))
            throw std::invalid_argument(option_path(table, path.empty() ? "dates" : path + ".dates") +
                                        ": expected calendar dates YYYY-MM-DD, found '" + d + "'");
      });
  return table;
}

TimelineOptions timeline_options_from_json(const json& options) { return timeline_option_table().parse(options); }
json timeline_options_to_json(const TimelineOptions& o) { return timeline_option_table().write(o); }

std::vector<std::string> change_dates(const Scenario& scenario) {
  std::set<Date> days;
  if (const auto start = parse_date(scenario.start)) days.insert(*start);
  for (const auto& r : scenario_revisions(scenario))
    if (const auto d = parse_date(r.as_of)) days.insert(*d);
  std::vector<std::string> out;
  for (const auto& d : days) out.push_back(d.iso());
  return out;
}

TimelinePoint answers_of(const Scenario& plain, const TimelineOptions& o, const history::TerminationData* history) {
  TimelinePoint p;
  if (runs(o, "space")) {
    const auto r = space::space_analysis(plain, json::object());
    p.zopa_size = r.result.zopa;
    p.packages = r.result.packages;
    for (const auto& b : r.result.blocking) p.blocking_sets.push_back(b.ids);
    add_prefixed(p.headline, space::space_headline(r.space, r.result), "space.");
  }
  p.territorial_gap = territorial_gap(plain);
  if (p.territorial_gap)
    p.headline.push_back({"territorial_gap", "Gap between the veto actors' territorial red lines", p.territorial_gap->gap,
                          "points"});
  if (runs(o, "forecast")) {
    const auto r = forecast_analysis(plain, json::object());
    for (const auto& issue : r.issues)
      for (const auto& f : issue.forecasts) {
        ForecastPoint fp{issue.id, f.model, std::nullopt, f.option};
        if (!std::isnan(f.position)) fp.position = f.position;
        p.forecasts.push_back(std::move(fp));
      }
    add_prefixed(p.headline, forecast_headline(r), "forecast.");
  }
  if (runs(o, "simulate") && plain.dynamics) {
    // simulate_summary, not the analysis: the timeline reads the curve and the headline, not the
    // other model structures the analysis also runs (which would double its cost per date).
    const auto r = dynamics::simulate_summary(
        plain, dynamics::simulate_options_from_json(
                   json{{"months", o.months}, {"runs", o.runs}, {"seed", o.seed}, {"threads", o.threads}}),
        history);
    for (const auto& c : r.ceasefire_by_month) {
      if (c.month == 12) p.p_ceasefire_by_12 = c.probability;
      if (c.month == o.months) p.p_ceasefire_by_horizon = c.probability;
    }
    p.median_month = r.median_month_of_all_runs;
    add_prefixed(p.headline, dynamics::simulate_headline(r), "simulate.");
  }
  return p;
}

TimelineResult run_timeline(const Scenario& scenario, const TimelineOptions& o, const history::TerminationData* history) {
  TimelineResult result;
  result.options = o;
  result.options.threads = 0;  // not part of the result
  result.known_by = scenario.known_by;
  std::vector<std::string> dates = o.dates.empty() ? change_dates(scenario) : o.dates;
  std::vector<Date> days;
  for (const auto& d : dates) {
    const auto day = parse_date(d);
    if (!day) throw std::invalid_argument("timeline option 'dates': expected calendar dates YYYY-MM-DD, found '" + d + "'");
    days.push_back(*day);
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  if (days.empty()) {
    result.notes.push_back("The scenario has no dates (no start, no revisions) and none were given: nothing to run.");
    return result;
  }
  if (runs(o, "simulate") && !scenario.dynamics)
    result.notes.push_back("The scenario has no dynamics section: simulate was not run.");
  const auto all = scenario_revisions(scenario);
  std::optional<Date> previous;
  for (const auto& day : days) {
    const auto known_by = parse_date(scenario.known_by);
    const ScenarioView view = scenario_as_of(scenario, day, known_by);
    TimelinePoint p = answers_of(view.scenario, o, history);
    p.date = day.iso();
    p.kept = view.kept;
    for (const auto& r : view.applied) {
      const auto at = parse_date(r.as_of);
      if (previous && at && *at > *previous) p.revisions.push_back(r);
    }
    result.points.push_back(std::move(p));
    previous = day;
  }
  if (!all.empty() && parse_date(all.front().as_of) && days.front() >= *parse_date(all.front().as_of))
    result.notes.push_back("The first date is on or after the first revision: its answers include revisions listed nowhere "
                           "above; run from the scenario's start to see them.");
  result.notes.push_back("The war model's month 0 stays the dynamics section's as_of at every date: a dated number of the "
                         "dynamics section changes its value, not the day the simulation starts from.");
  return result;
}

Headline timeline_headline(const TimelineResult& r) {
  // Where the answers ended and where they started, then the dates: what `runs list` shows first.
  Headline h;
  if (r.points.empty()) return {{"dates", "Dates run", 0.0, "dates"}};
  const auto& first = r.points.front();
  const auto& last = r.points.back();
  if (last.p_ceasefire_by_horizon)
    h.push_back({"p_ceasefire_last", "P(ceasefire by the horizon) at the last date", *last.p_ceasefire_by_horizon, "probability"});
  if (first.p_ceasefire_by_horizon)
    h.push_back({"p_ceasefire_first", "P(ceasefire by the horizon) at the first date", *first.p_ceasefire_by_horizon, "probability"});
  if (last.zopa_size) h.push_back({"zopa_size_last", "Zone of agreement at the last date", static_cast<double>(*last.zopa_size), "packages"});
  if (first.zopa_size) h.push_back({"zopa_size_first", "Zone of agreement at the first date", static_cast<double>(*first.zopa_size), "packages"});
  h.push_back({"dates", "Dates run", static_cast<double>(r.points.size()), "dates"});
  h.push_back({"first_date", "First date", first.date, ""});
  h.push_back({"last_date", "Last date", last.date, ""});
  return h;
}

json to_json(const TimelineResult& r) {
  json points = json::array();
  for (const auto& p : r.points) {
    json revisions = json::array();
    for (const auto& rev : p.revisions) revisions.push_back(revision_json(rev));
    json kept = json::array();
    for (const auto& k : p.kept) kept.push_back({{"revision", revision_json(k.revision)}, {"why", k.why}});
    json j{{"date", p.date}, {"revisions", revisions}, {"kept_earlier", kept}};
    if (p.zopa_size) j["zopa_size"] = *p.zopa_size;
    if (p.packages) j["packages"] = *p.packages;
    j["blocking_sets"] = p.blocking_sets;
    if (p.territorial_gap) {
      const auto& g = *p.territorial_gap;
      j["territorial_gap"] = {{"issue", g.issue}, {"gap", g.gap}, {"highest_minimum", g.highest_minimum},
                              {"highest_minimum_actor", g.high_actor}, {"lowest_maximum", g.lowest_maximum},
                              {"lowest_maximum_actor", g.low_actor}};
    }
    json forecasts = json::array();
    for (const auto& f : p.forecasts) {
      json fj{{"issue", f.issue}, {"model", f.model}};
      fj["position"] = f.position ? json(*f.position) : json(nullptr);
      if (f.option) fj["option"] = *f.option;
      forecasts.push_back(fj);
    }
    j["forecasts"] = forecasts;
    j["p_ceasefire_by_12"] = p.p_ceasefire_by_12 ? json(*p.p_ceasefire_by_12) : json(nullptr);
    j["p_ceasefire_by_horizon"] = p.p_ceasefire_by_horizon ? json(*p.p_ceasefire_by_horizon) : json(nullptr);
    j["median_month"] = p.median_month ? json(*p.median_month) : json(nullptr);
    j["figures"] = headline_to_json(p.headline);
    points.push_back(j);
  }
  json j{{"analysis", "timeline"}, {"options", timeline_options_to_json(r.options)}, {"points", points},
         {"notes", r.notes}, {"headline", headline_to_json(timeline_headline(r))}};
  if (!r.known_by.empty()) j["known_by"] = r.known_by;
  return j;
}

std::string timeline_text(const TimelineResult& r) {
  std::string out;
  const auto horizon = r.options.months;
  out += fmt::format("How the deal space moved{}: {} dates\n", r.known_by.empty() ? "" : " (known by " + r.known_by + ")",
                     r.points.size());
  const TimelinePoint* prev = nullptr;
  for (const auto& p : r.points) {
    if (!prev) {
      out += fmt::format("\n{} (start): ZOPA {}; blocking sets {}; territorial gap {}; P(ceasefire by 12) {}; by {} {}\n",
                         p.date, p.zopa_size ? std::to_string(*p.zopa_size) : "-", blocking_text(p.blocking_sets),
                         gap_text(p.territorial_gap), percent(p.p_ceasefire_by_12), horizon,
                         percent(p.p_ceasefire_by_horizon));
    } else {
      std::string events;
      for (const auto& rev : p.revisions)
        if (!rev.event.empty() && events.find(rev.event) == std::string::npos) events += (events.empty() ? "" : "; ") + rev.event;
      for (const auto& k : p.kept)
        if (k.revision.as_of > prev->date && !k.revision.event.empty() && events.find(k.revision.event) == std::string::npos)
          events += (events.empty() ? "" : "; ") + k.revision.event;
      out += fmt::format("\n{}{}:\n", p.date, events.empty() ? "" : ", " + events);
      for (const auto& rev : p.revisions) out += fmt::format("  {}: {} ({})\n", who(rev), rev.change, rev.sources);
      // Revisions of this stretch that --known-by leaves out: said where they would have acted.
      std::size_t hidden = 0;
      for (const auto& k : p.kept)
        if (k.revision.as_of > prev->date) {
          out += fmt::format("  not yet known by {}: {}: {} ({})\n", r.known_by, who(k.revision), k.revision.change,
                             k.revision.sources);
          ++hidden;
        }
      if (p.revisions.empty() && hidden == 0) out += "  (no revision since the previous date)\n";
      out += fmt::format("  -> ZOPA {} -> {}; territorial gap {} -> {}; P(ceasefire by 12) {} -> {}; by {} {} -> {}\n",
                         prev->zopa_size ? std::to_string(*prev->zopa_size) : "-",
                         p.zopa_size ? std::to_string(*p.zopa_size) : "-", gap_text(prev->territorial_gap),
                         gap_text(p.territorial_gap), percent(prev->p_ceasefire_by_12), percent(p.p_ceasefire_by_12),
                         horizon, percent(prev->p_ceasefire_by_horizon), percent(p.p_ceasefire_by_horizon));
      if (prev->blocking_sets != p.blocking_sets)
        out += fmt::format("  -> blocking sets: {} -> {}\n", blocking_text(prev->blocking_sets), blocking_text(p.blocking_sets));
      // Forecasts that moved, by issue: "territory: compromise 60.2 -> 57.1, ..."
      std::string moved;
      std::string issue;
      for (std::size_t k = 0; k < p.forecasts.size() && k < prev->forecasts.size(); ++k) {
        const auto& a = prev->forecasts[k];
        const auto& b = p.forecasts[k];
        if (forecast_value(a) == forecast_value(b)) continue;
        if (b.issue != issue) {
          moved += fmt::format("{}    {}:", moved.empty() ? "" : "\n", b.issue);
          issue = b.issue;
        } else {
          moved += ",";
        }
        moved += fmt::format(" {} {} -> {}", b.model, forecast_value(a), forecast_value(b));
      }
      if (!moved.empty()) out += "  -> forecasts moved:\n" + moved + "\n";
    }
    prev = &p;
  }
  if (!r.points.empty()) {
    std::string line;
    for (const auto& f : r.points.back().headline)
      if (f.name.rfind("forecast.", 0) == 0) {
        const auto v = figure_value(f);
        line += (line.empty() ? "" : "; ") + f.name.substr(9) + " " + (v.is_number() ? number(v.get<double>()) : v.is_string() ? v.get<std::string>() : "-");
      }
    if (!line.empty()) out += "\nForecast at the last date (ensemble, else the first model), per issue:\n  " + line + "\n";
  }
  for (const auto& n : r.notes) out += "note: " + n + "\n";
  return out;
}

std::string timeline_csv(const TimelineResult& r) {
  // One row per date and figure: long form, so every model's forecast is a row of its own.
  std::string out = "date,figure,value,revisions\n";
  const auto quoted = [](const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  for (const auto& p : r.points) {
    std::string revisions;
    for (const auto& rev : p.revisions) revisions += (revisions.empty() ? "" : "; ") + who(rev) + ": " + rev.change;
    const auto row = [&](const std::string& figure, const std::string& value) {
      out += p.date + "," + quoted(figure) + "," + quoted(value) + "," + quoted(revisions) + "\n";
    };
    if (p.zopa_size) row("zopa_size", std::to_string(*p.zopa_size));
    row("blocking_sets", blocking_text(p.blocking_sets));
    if (p.territorial_gap) row("territorial_gap", fmt::format("{:g}", p.territorial_gap->gap));
    for (const auto& f : p.forecasts)
      row("forecast." + f.issue + "." + f.model, f.option ? *f.option : f.position ? fmt::format("{:.12g}", *f.position) : "");
    if (p.p_ceasefire_by_12) row("p_ceasefire_by_12", fmt::format("{:.12g}", *p.p_ceasefire_by_12));
    if (p.p_ceasefire_by_horizon)
      row(fmt::format("p_ceasefire_by_{}", r.options.months), fmt::format("{:.12g}", *p.p_ceasefire_by_horizon));
  }
  return out;
}

json complete_timeline_options(const Scenario&, const json& options) {
  return timeline_options_to_json(timeline_options_from_json(options));
}

TimelineResult timeline_analysis(const Scenario& scenario, const json& options, const history::TerminationData* history) {
  return run_timeline(scenario, timeline_options_from_json(options), history);
}

json run_timeline_analysis(const Scenario& scenario, const json& options, const history::TerminationData* history) {
  return to_json(timeline_analysis(scenario, options, history));
}

}  // namespace truce::timeline

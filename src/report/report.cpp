// The page: summary, one section per analysis, the scenario with its evidence, and how the
// report was made; the chart libraries and the specs inlined so it opens with no network.

#include "truce/report/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <type_traits>
#include <variant>

#include "sections.hpp"
#include "truce/forecast/forecast_models.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

namespace {

// Script text inside <script>: "</script" would end the element early.
std::string inline_script(std::string_view code) {
  std::string out(code);
  for (std::size_t p = 0; (p = out.find("</script", p)) != std::string::npos; p += 2) out.replace(p, 2, "<\\/");
  return out;
}

const char* page_style = R"css(
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #e3e3e3; --accent: #0b5394; --bg-soft: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Helvetica, Arial, sans-serif; }
header.page { background: #0f2740; color: #fff; padding: 22px 32px 18px; }
header.page h1 { margin: 0 0 4px; font-size: 24px; font-weight: 600; }
header.page p { margin: 0; color: #c9d6e3; font-size: 14px; }
nav.toc { padding: 10px 32px; border-bottom: 1px solid var(--rule); font-size: 14px; background: var(--bg-soft); }
nav.toc a { margin-right: 18px; color: var(--accent); text-decoration: none; white-space: nowrap; }
main { max-width: 1040px; margin: 0 auto; padding: 8px 32px 48px; }
section { margin-top: 28px; }
h2 { font-size: 20px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
h3 { font-size: 16px; margin: 20px 0 8px; }
h4 { font-size: 15px; margin: 16px 0 6px; }
.summary { background: #f2f6fb; border: 1px solid #d5e1ee; border-radius: 6px; padding: 14px 20px; }
.summary h2 { border: 0; margin-bottom: 4px; }
.summary dl { margin: 0; }
.summary dt { font-weight: 600; margin-top: 10px; color: #0f2740; }
.summary dd { margin: 2px 0 0 0; }
.summary .unavailable { color: var(--muted); font-style: italic; }
table.data { border-collapse: collapse; margin: 8px 0 14px; font-size: 14px; width: 100%; }
table.data th, table.data td { border-bottom: 1px solid var(--rule); padding: 6px 8px; text-align: left; vertical-align: top; }
table.data th { background: var(--bg-soft); font-weight: 600; }
table.data.compact { width: auto; font-size: 13px; }
td.num, span.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
td.actor { white-space: nowrap; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
.id { color: var(--muted); font-size: 12px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.small { font-size: 12px; color: var(--muted); }
.url { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; color: var(--muted); word-break: break-all; }
blockquote.evidence { margin: 0 0 6px; padding-left: 8px; border-left: 3px solid #c9d3de; font-size: 13px; }
blockquote.evidence cite { color: var(--muted); font-style: normal; }
blockquote.evidence cite a { color: var(--muted); }
p.note { margin: 2px 0; font-size: 12px; color: var(--muted); }
.issue { margin-bottom: 10px; }
.issue p { margin: 4px 0; }
ul.points { margin: 4px 0; padding-left: 20px; font-size: 14px; }
figure.chart { margin: 12px 0 18px; }
figure.chart figcaption { font-size: 13px; color: var(--muted); max-width: 820px; }
.vega-chart { min-height: 40px; }
.vega-chart .vega-actions a { font-size: 12px; }
.red-line { color: #a50e0e; font-weight: 600; }
.missing, .failed { color: #8a4b00; background: #fff6e5; border: 1px solid #f0d9a8; border-radius: 4px; padding: 8px 12px; }
pre.options { background: var(--bg-soft); padding: 8px 12px; font-size: 12px; overflow-x: auto; border-radius: 4px; }
details summary { cursor: pointer; color: var(--accent); margin: 6px 0; }
footer { color: var(--muted); font-size: 12px; margin-top: 36px; }
.caveats { border: 1px solid #e6c98f; background: #fffaf0; border-radius: 6px; padding: 10px 20px; margin-top: 14px; }
.caveats h2 { border: 0; font-size: 17px; margin-bottom: 2px; }
.caveats ul { margin: 4px 0; padding-left: 18px; font-size: 14px; }
.caveats li { margin: 3px 0; }
.summary dd.terms { margin-top: 6px; }
table.terms { table-layout: fixed; font-size: 13px; }
table.terms .red-line { font-weight: normal; }
table.forecast td, table.forecast th { padding: 4px 6px; }
table.policies { table-layout: fixed; }
table.policies th:first-child { width: 24%; }
table.policies th:last-child { width: 44%; }
table.negotiations { table-layout: fixed; font-size: 13px; }
table.negotiations td { overflow-wrap: break-word; }
table.negotiations tr.agreement td { border-top: 0; padding-top: 0; }
.appendix-title { font-size: 24px; border-bottom: 3px solid var(--ink); margin-top: 40px; }
.appendix section h2 { font-size: 18px; }
@media print {
  @page { size: A4; margin: 12mm 11mm; }
  body { font-size: 10pt; }
  header.page { background: none; color: var(--ink); padding: 0 0 6px; border-bottom: 2px solid var(--ink); }
  header.page h1 { font-size: 18pt; }
  header.page p { color: var(--muted); }
  nav.toc, .vega-embed details, .screen-only { display: none !important; }
  main { max-width: none; padding: 0; }
  section { margin-top: 12px; }
  .summary { padding: 8px 14px; font-size: 9.5pt; }
  .caveats { padding: 6px 14px; }
  .caveats ul { font-size: 9pt; }
  .summary dt { margin-top: 6px; }
  table.data { font-size: 9pt; margin: 4px 0 8px; }
  table.data th, table.data td { padding: 3px 5px; }
  /* Each analysis starts a page; the appendix too. */
  section.analysis, .appendix { break-before: page; }
  figure.chart, table.data tr, .caveats li { break-inside: avoid; }
  table.negotiations tr.agreement { break-before: avoid; }
  h2, h3, h4 { break-after: avoid; break-inside: avoid; }
  .vega-chart svg { max-width: 100%; height: auto; }
  /* On paper every note is open: a closed <details> would hide what explains the numbers. */
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; color: var(--ink); font-weight: 600; cursor: auto; }
  details > summary::-webkit-details-marker { display: none; }
  .appendix { font-size: 9pt; }
  .appendix blockquote.evidence { font-size: 8.5pt; margin-bottom: 2px; }
  .appendix table.data { font-size: 8.5pt; }
}
)css";

// Draws every chart from its inlined spec; marks the page when all are drawn (the browser
// test and the PDF printer wait for data-charts-rendered).
const char* render_script = R"js(
(function () {
  var charts = Array.prototype.slice.call(document.querySelectorAll('.vega-chart'));
  var options = {
    mode: 'vega-lite', renderer: 'svg',
    actions: { export: true, source: false, compiled: false, editor: false }
  };
  Promise.all(charts.map(function (el) {
    var spec = JSON.parse(document.getElementById(el.getAttribute('data-spec')).textContent);
    var o = Object.assign({ downloadFileName: el.id }, options);
    return vegaEmbed(el, spec, o).then(function () {
      el.setAttribute('data-rendered', 'true');
    }).catch(function (err) {
      el.setAttribute('data-rendered', 'error');
      el.textContent = 'This chart could not be drawn: ' + err.message;
      console.error('chart ' + el.id + ': ' + err.message);
    });
  })).then(function () { document.body.setAttribute('data-charts-rendered', 'true'); });
})();
)js";

std::string topic_label(SummaryTopic t) {
  switch (t) {
    case SummaryTopic::deal: return "Does a deal exist now?";
    case SummaryTopic::opens: return "What would open a deal";
    case SummaryTopic::pressure: return "What pressure would achieve";
    case SummaryTopic::ceasefire: return "A ceasefire, month by month";
    case SummaryTopic::changed: return "How the picture changed";
    case SummaryTopic::terms: return "The most likely terms";
    case SummaryTopic::other: return "Other findings";
  }
  return "";
}

// Which analyses answer a topic, best first.
std::vector<std::string> topic_sources(SummaryTopic t) {
  switch (t) {
    case SummaryTopic::deal: return {"space", "simulate"};
    case SummaryTopic::terms: return {"space", "forecast"};
    case SummaryTopic::opens: return {"space", "what-it-takes", "levers", "negotiate"};
    case SummaryTopic::pressure: return {"policies", "levers"};
    case SummaryTopic::ceasefire: return {"simulate"};
    case SummaryTopic::changed: return {"timeline"};
    case SummaryTopic::other: return {};
  }
  return {};
}

const AnalysisRun* find_run(const std::vector<AnalysisRun>& runs, const std::string& name) {
  for (const auto& r : runs)
    if (r.name == name) return &r;
  return nullptr;
}

// The analyses expected to answer a topic (a subset of topic_sources, by registry name).
std::vector<std::string> topic_answerers(SummaryTopic t) {
  switch (t) {
    case SummaryTopic::deal: return {"space"};
    case SummaryTopic::terms: return {"space", "forecast"};
    case SummaryTopic::opens: return {"what-it-takes", "levers", "space"};
    case SummaryTopic::ceasefire: return {"simulate"};
    case SummaryTopic::pressure:
    case SummaryTopic::changed:
    case SummaryTopic::other: return {};
  }
  return {};
}

// Why a topic has no answer, in plain words.
std::string why_unavailable(const std::vector<AnalysisRun>& runs, SummaryTopic t) {
  std::vector<std::string> absent, failed, silent;
  for (const auto& name : topic_answerers(t)) {
    const auto* r = find_run(runs, name);
    if (!r) absent.push_back(name);
    else if (!r->result) failed.push_back(fmt::format("the {} analysis failed ({})", escape_html(name), escape_html(r->error)));
    else silent.push_back(fmt::format("the {} analysis ran but its result does not say", escape_html(name)));
  }
  std::vector<std::string> reasons = failed;
  reasons.insert(reasons.end(), silent.begin(), silent.end());
  if (!absent.empty()) {
    std::string names;
    for (std::size_t k = 0; k < absent.size(); ++k)
      names += (k == 0 ? "" : (k + 1 == absent.size() ? " or " : ", ")) + escape_html(absent[k]);
    reasons.push_back(fmt::format("this build of truce has no {} analysis", names));
  }
  std::string text;
  for (std::size_t k = 0; k < reasons.size(); ++k) text += (k == 0 ? "" : "; ") + reasons[k];
  return fmt::format("{}: {}.", absent.size() == topic_answerers(t).size() ? "Not yet available" : "Not available", text);
}

std::string options_text(const nlohmann::json& options) {
  return options.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string compact_value(const nlohmann::json& v) {
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The options of a run that differ from the analysis' defaults, as (JSON pointer, value,
// default) rows; every option when the defaults cannot be had (an analysis that needs an
// option to run at all).
std::vector<std::array<std::string, 3>> changed_options(const Scenario& scenario, const AnalysisRun& run) {
  std::vector<std::array<std::string, 3>> out;
  if (!run.options.is_object()) return out;
  nlohmann::json defaults;
  if (const auto* a = find_analysis(run.name)) {
    try {
      defaults = a->complete_options(scenario, nlohmann::json::object());
    } catch (const std::exception&) {
      defaults = nlohmann::json();  // no defaults without options: every option is listed
    }
  }
  const auto flat = run.options.flatten();
  const auto flat_defaults = defaults.is_object() ? defaults.flatten() : nlohmann::json::object();
  for (const auto& [key, value] : flat.items()) {
    const auto d = flat_defaults.find(key);
    if (d != flat_defaults.end() && *d == value) continue;
    out.push_back({key.substr(1), compact_value(value), d == flat_defaults.end() ? "\u2014" : compact_value(*d)});
  }
  return out;
}

}  // namespace

nlohmann::json report_options(const Scenario& scenario, const std::string& analysis_name) {
  // Sobol beside the tornado, with fewer samples than the command's default so the report
  // stays quick (128 x (d + 2) model runs; the caption gives the count).
  if (analysis_name == "levers")
    return {{"target", scenario.dynamics ? "p_ceasefire@12" : "zopa_size"},
            {"methods", {"tornado", "sobol"}},
            {"samples", 128},
            {"bootstrap", 100}};
  if (analysis_name == "what-it-takes") return {{"goal", "zopa nonempty"}, {"levers", {"red_line_*"}}};
  return nlohmann::json::object();
}

const std::vector<ExpectedAnalysis>& expected_analyses() {
  static const std::vector<ExpectedAnalysis> all = {
      {"space", "whether a deal exists now, and on which terms"},
      {"forecast", "where each issue settles"},
      {"simulate", "the probability of a ceasefire month by month"},
      {"levers", "which inputs move the outcome most"},
      {"what-it-takes", "the smallest change that would open a deal"},
  };
  return all;
}

std::string model_title(const std::string& model) {
  const auto* m = find_forecast_model(model);
  return m ? m->title : model;
}

std::string model_words(const std::string& model) {
  std::string t = model_title(model);
  const bool acronym = t.size() > 1 && std::all_of(t.begin(), t.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (acronym || t == "Nash") return t;
  for (auto& c : t)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return t;
}

std::string evidence_caveat(const Scenario& scenario) {
  std::size_t quoted = 0, noted_only = 0, bare = 0, with_note = 0;
  for (const auto& st : scenario.stances) {
    if (!st.evidence.empty()) ++quoted;
    else if (!st.note.empty()) ++noted_only;
    else ++bare;
    if (!st.note.empty()) ++with_note;
  }
  const std::size_t n = scenario.stances.size();
  if (n == 0) return "";
  std::string text = fmt::format(
      "<b>The inputs are the analyst’s coding.</b> Of the {} stances, {} quote a source for the position; the "
      "numbers (positions, saliences, capabilities, red lines) are estimates coded from the quotes",
      n, quoted);
  if (with_note) text += fmt::format("; {} say{} in a note how {} coded", with_note, with_note == 1 ? "s" : "", with_note == 1 ? "it was" : "they were");
  text += ".";
  if (noted_only)
    text += fmt::format(" {} rest{} on the analyst’s judgement alone (a note, no quoted source).", noted_only,
                        noted_only == 1 ? "s" : "");
  if (bare) text += fmt::format(" {} ha{} neither a source nor a note.", bare, bare == 1 ? "s" : "ve");
  return text;
}

std::string render_summary(const Scenario& scenario, const std::vector<AnalysisRun>& runs,
                           const std::vector<Section>& sections) {
  bool deal_exists = false;
  for (const auto& s : sections) deal_exists = deal_exists || s.deal_exists.value_or(false);
  std::string h = "<section id=\"summary\" class=\"summary\">\n<h2>The answer</h2>\n<dl>\n";
  for (const auto topic : {SummaryTopic::deal, SummaryTopic::opens, SummaryTopic::pressure, SummaryTopic::ceasefire,
                           SummaryTopic::changed, SummaryTopic::terms}) {
    std::vector<const SummaryLine*> lines;
    const Section* table_from = nullptr;
    for (const auto& source : topic_sources(topic)) {
      for (const auto& s : sections)
        if (s.analysis == source) {
          for (const auto& l : s.summary)
            if (l.topic == topic) lines.push_back(&l);
          if (topic == SummaryTopic::terms && !s.terms_table.empty() && !table_from) table_from = &s;
        }
      // The best analysis that answers speaks for the topic; every one that says what would
      // open a deal is heard (they answer it differently).
      // The terms too: the bargaining point of a zone of agreement beside the forecast.
      if (!lines.empty() && topic != SummaryTopic::opens && topic != SummaryTopic::terms) break;
    }
    const bool optional_topic = topic == SummaryTopic::pressure || topic == SummaryTopic::changed;
    if (lines.empty() && optional_topic) continue;  // said only where an analysis answers it
    // With a deal on the table, the levers say what moves it, not what would open one.
    h += fmt::format("<dt>{}</dt>\n", topic == SummaryTopic::opens && deal_exists ? "What moves the outcome most"
                                                                                    : topic_label(topic));
    if (lines.empty()) h += fmt::format("<dd class=\"unavailable\">{}</dd>\n", why_unavailable(runs, topic));
    for (const auto* l : lines) h += fmt::format("<dd>{}</dd>\n", l->html);
    if (table_from) h += fmt::format("<dd class=\"terms\">{}</dd>\n", table_from->terms_table);
  }
  std::string other;
  for (const auto& s : sections)
    for (const auto& l : s.summary)
      if (l.topic == SummaryTopic::other) other += fmt::format("<dd>{}</dd>\n", l.html);
  if (!other.empty()) h += fmt::format("<dt>{}</dt>\n{}", topic_label(SummaryTopic::other), other);
  std::string failed;
  for (const auto& r : runs)
    if (!r.result) failed += fmt::format("<dd>The <a href=\"#analysis-{0}\">{0}</a> analysis failed: {1}</dd>\n", escape_html(r.name), escape_html(r.error));
  if (!failed.empty()) h += "<dt>Analyses that failed</dt>\n" + failed;
  std::string missing;
  for (const auto& e : expected_analyses())
    if (!find_run(runs, e.name)) missing += (missing.empty() ? "" : "; ") + fmt::format("{} ({})", escape_html(e.name), escape_html(e.answers));
  if (!missing.empty())
    h += fmt::format("<dt>Not yet in this build of truce</dt>\n<dd class=\"unavailable\">{}.</dd>\n", missing);
  h += "</dl>\n</section>\n";

  // The caveats box: what the numbers above rest on, from the scenario and each section.
  std::vector<std::string> caveats;
  if (const auto e = evidence_caveat(scenario); !e.empty()) caveats.push_back(e);
  for (const auto& s : sections) caveats.insert(caveats.end(), s.caveats.begin(), s.caveats.end());
  h += "<section id=\"caveats\" class=\"caveats\">\n<h2>What these numbers rest on</h2>\n<ul>\n";
  for (const auto& c : caveats) h += fmt::format("<li>{}</li>\n", c);
  h += "</ul>\n</section>\n";
  return h;
}

namespace {

// The section of one analysis that ran (its result is set).
Section render_section(const Scenario& scenario, const AnalysisRun& run, ChartSet& charts) {
  return std::visit(
    [&](const auto& result) -> Section {
      using R = std::decay_t<decltype(result)>;
      if constexpr (std::is_same_v<R, ForecastAnalysisResult>)
        return render_forecast_section(scenario, run, result, charts);
      else if constexpr (std::is_same_v<R, space::SpaceAnalysisResult>)
        return render_space_section(scenario, run, result, charts);
      else if constexpr (std::is_same_v<R, dynamics::SimulateResult>)
        return render_simulate_section(scenario, run, result, charts);
      else if constexpr (std::is_same_v<R, levers::LeversResult>)
        return render_levers_section(scenario, run, result, charts);
      else if constexpr (std::is_same_v<R, levers::PoliciesResult>)
        return render_policies_section(scenario, run, result, charts);
      else if constexpr (std::is_same_v<R, backtest::BacktestResult>)
        return render_backtest_section(scenario, run, result, charts);
      else if constexpr (std::is_same_v<R, timeline::TimelineResult>)  // timeline_section.cpp
        return render_timeline_section(scenario, run, result, charts);
      else if constexpr (std::is_same_v<R, negotiate::NegotiateResult>)
        return render_negotiate_section(scenario, run, result, charts);  // negotiate_section.cpp
      else {
        static_assert(std::is_same_v<R, levers::WhatItTakesResult>, "a result type without a section");
        return render_what_it_takes_section(scenario, run, result, charts);
      }
    },
    *run.result);
}

}  // namespace

std::string render_report(const Scenario& scenario, const std::vector<AnalysisRun>& runs, const ReportContext& context) {
  ChartSet charts;
  std::vector<Section> sections;
  for (const auto& run : runs) {
    if (!run.result) {
      Section s;
      s.analysis = run.name;
      s.id = "analysis-" + run.name;
      s.title = run.description.empty() ? run.name : fmt::format("{}: {}", run.name, run.description);
      s.html = fmt::format("<p class=\"failed\">This analysis failed, so it has no results here: {}</p>\n", escape_html(run.error));
      sections.push_back(std::move(s));
      continue;
    }
    sections.push_back(render_section(scenario, run, charts));
  }
  const Section scenario_section = render_scenario_section(scenario, charts);

  const std::string title = scenario.name.empty() ? scenario.id : scenario.name;
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += fmt::format("<meta name=\"generator\" content=\"truce {}\">\n", escape_html(context.truce_version));
  h += fmt::format("<title>truce report: {}</title>\n<style>{}</style>\n</head>\n<body>\n", escape_html(title), page_style);
  h += fmt::format("<header class=\"page\"><h1>{}</h1><p>A truce report on scenario <b>{}</b> ({} actors, {} issues, {} sources) "
                   "\u00b7 truce {}</p></header>\n",
                   escape_html(title), escape_html(scenario.id), scenario.actors.size(), scenario.issues.size(),
                   scenario.sources.size(), escape_html(context.truce_version));
  h += "<nav class=\"toc\"><a href=\"#summary\">The answer</a><a href=\"#caveats\">Caveats</a>";
  for (const auto& s : sections) h += fmt::format("<a href=\"#{}\">{}</a>", escape_html(s.id), escape_html(s.analysis));
  h += "<a href=\"#appendix\">Appendix: scenario, evidence, how this report was made</a></nav>\n<main>\n";

  h += render_summary(scenario, runs, sections);
  for (const auto& s : sections)
    h += fmt::format("<section id=\"{}\" class=\"analysis\">\n<h2>{}</h2>\n{}</section>\n", escape_html(s.id), escape_html(s.title), s.html);

  // The appendix: the scenario with its evidence, and what produced every figure above.
  h += "<div id=\"appendix\" class=\"appendix\">\n<h2 class=\"appendix-title\">Appendix</h2>\n";
  h += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", scenario_section.id, escape_html(scenario_section.title),
                   scenario_section.html);
  std::string notes;
  for (const auto& s : sections)
    if (!s.appendix_html.empty())
      notes += fmt::format("<h3>{}</h3>\n{}", escape_html(s.title), s.appendix_html);
  if (!notes.empty())
    h += "<section id=\"analysis-notes\">\n<h2>Notes on the analyses: parameters and what each model assumed</h2>\n" +
         notes + "</section>\n";
  h += "<section id=\"provenance\">\n<h2>How this report was made</h2>\n";
  h += fmt::format("<p>truce {} on scenario file <code>{}</code> (scenario id <code>{}</code>, format version {}). "
                   "Each analysis ran with its defaults except the options listed below; rerun one with "
                   "<code>truce NAME FILE</code> and these options to get the same numbers.</p>\n",
                   escape_html(context.truce_version), escape_html(context.scenario_file), escape_html(scenario.id),
                   scenario.format_version);
  if (runs.empty()) h += "<p class=\"missing\">No analysis ran: this build of truce registers none yet.</p>\n";
  h += "<table class=\"data compact\"><thead><tr><th>Analysis</th><th>Status</th><th>Seed</th><th>Options not at their "
       "default</th></tr></thead><tbody>\n";
  for (const auto& r : runs) {
    std::string seed = "\u2014";
    if (r.options.is_object() && r.options.contains("seed")) seed = r.options["seed"].dump();
    std::string changed;
    for (const auto& [key, value, default_value] : changed_options(scenario, r))
      changed += fmt::format("<code>{}</code> = <code>{}</code> <span class=\"small\">(default {})</span><br>", escape_html(key),
                             escape_html(value), escape_html(default_value));
    h += fmt::format("<tr><td><b>{}</b><br><span class=\"small\">{}</span></td><td>{}</td><td class=\"num\">{}</td>"
                     "<td>{}</td></tr>\n",
                     escape_html(r.name), escape_html(r.description),
                     r.result ? "ran" : "failed: " + escape_html(r.error), escape_html(seed),
                     changed.empty() ? "all at their defaults" : changed);
  }
  h += "</tbody></table>\n";
  // The complete options, every default written out: on screen only (an attachment, not a page).
  if (!runs.empty()) {
    h += "<details class=\"screen-only\"><summary>Complete options of every analysis (JSON)</summary>\n";
    for (const auto& r : runs)
      h += fmt::format("<h4>{}</h4><pre class=\"options\">{}</pre>\n", escape_html(r.name), escape_html(options_text(r.options)));
    h += "</details>\n";
  }
  h += "<p class=\"small\">Charts drawn with Vega-Lite, inlined in this file: it needs no network.<span "
       "class=\"screen-only\"> Each chart\u2019s \u2026 menu saves it as PNG or SVG.</span> Actor colours are the same in "
       "every chart.</p>\n</section>\n</div>\n";
  h += "<footer>Made by truce. Figures are model outputs under the stated assumptions, not predictions of fact; "
       "every input number traces to the evidence in the scenario section.</footer>\n</main>\n";

  h += fmt::format("<script>{}</script>\n", inline_script(context.assets.vega));
  h += fmt::format("<script>{}</script>\n", inline_script(context.assets.vega_lite));
  h += fmt::format("<script>{}</script>\n", inline_script(context.assets.vega_embed));
  h += fmt::format("<script>{}</script>\n</body>\n</html>\n", render_script);
  return h;
}

AnalysisSection render_analysis_section(const Scenario& scenario, const AnalysisRun& run) {
  ChartSet charts;
  const Section s = render_section(scenario, run, charts);
  AnalysisSection out{s.title, s.html, {}};
  for (const auto& line : s.summary) out.summary.push_back(line.html);
  return out;
}

}  // namespace truce::report

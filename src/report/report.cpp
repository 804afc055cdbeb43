// The page: summary, one section per analysis, the scenario with its evidence, and how the
// report was made; the chart libraries and the specs inlined so it opens with no network.

#include "truce/report/report.hpp"

#include <fmt/format.h>

#include <map>
#include <type_traits>
#include <variant>

#include "sections.hpp"
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
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 11pt; }
  header.page { background: none; color: var(--ink); padding: 0 0 8px; border-bottom: 2px solid var(--ink); }
  header.page p { color: var(--muted); }
  nav.toc, .vega-actions, .vega-embed summary { display: none !important; }
  main { max-width: none; padding: 0; }
  figure.chart, table.data tr, .summary { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; break-inside: avoid; }
  .vega-chart svg { max-width: 100%; height: auto; }
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
    case SummaryTopic::terms: return "The most likely terms";
    case SummaryTopic::opens: return "What would open a deal";
    case SummaryTopic::ceasefire: return "A ceasefire, month by month";
    case SummaryTopic::other: return "Other findings";
  }
  return "";
}

// Which analyses answer a topic, best first.
std::vector<std::string> topic_sources(SummaryTopic t) {
  switch (t) {
    case SummaryTopic::deal: return {"space", "simulate"};
    case SummaryTopic::terms: return {"space", "forecast", "simulate"};
    case SummaryTopic::opens: return {"what-it-takes", "levers", "space"};
    case SummaryTopic::ceasefire: return {"simulate"};
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

}  // namespace

nlohmann::json report_options(const Scenario& scenario, const std::string& analysis_name) {
  if (analysis_name == "levers")
    return {{"target", scenario.dynamics ? "p_ceasefire@12" : "zopa_size"}, {"methods", {"tornado"}}};
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

std::string render_summary(const Scenario& scenario, const std::vector<AnalysisRun>& runs,
                           const std::vector<Section>& sections) {
  (void)scenario;
  bool deal_exists = false;
  for (const auto& s : sections) deal_exists = deal_exists || s.deal_exists.value_or(false);
  std::string h = "<section id=\"summary\" class=\"summary\">\n<h2>Summary</h2>\n<dl>\n";
  for (const auto topic : {SummaryTopic::deal, SummaryTopic::terms, SummaryTopic::opens, SummaryTopic::ceasefire}) {
    std::vector<const SummaryLine*> lines;
    for (const auto& source : topic_sources(topic)) {
      for (const auto& s : sections)
        if (s.analysis == source)
          for (const auto& l : s.summary)
            if (l.topic == topic) lines.push_back(&l);
      // The best analysis that answers speaks for the topic; every one that says what would
      // open a deal is heard (they answer it differently).
      if (!lines.empty() && topic != SummaryTopic::opens) break;
    }
    // With a deal on the table, the levers say what moves it, not what would open one.
    h += fmt::format("<dt>{}</dt>\n", topic == SummaryTopic::opens && deal_exists ? "What moves the outcome most"
                                                                                    : topic_label(topic));
    if (lines.empty()) h += fmt::format("<dd class=\"unavailable\">{}</dd>\n", why_unavailable(runs, topic));
    for (const auto* l : lines) h += fmt::format("<dd>{}</dd>\n", l->html);
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
  return h;
}

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
    sections.push_back(std::visit(
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
          else if constexpr (std::is_same_v<R, backtest::BacktestResult>)
            return render_backtest_section(scenario, run, result, charts);
          else if constexpr (std::is_same_v<R, negotiate::NegotiateResult>)
            return Section{};  // negotiate has no report section yet (its registry entry applies to no scenario)
          else {
            static_assert(std::is_same_v<R, levers::WhatItTakesResult>, "a result type without a section");
            return render_what_it_takes_section(scenario, run, result, charts);
          }
        },
        *run.result));
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
  h += "<nav class=\"toc\"><a href=\"#summary\">Summary</a>";
  for (const auto& s : sections) h += fmt::format("<a href=\"#{}\">{}</a>", escape_html(s.id), escape_html(s.analysis));
  h += "<a href=\"#scenario\">Scenario and evidence</a><a href=\"#provenance\">How this report was made</a></nav>\n<main>\n";

  h += render_summary(scenario, runs, sections);
  for (const auto& s : sections)
    h += fmt::format("<section id=\"{}\" class=\"analysis\">\n<h2>{}</h2>\n{}</section>\n", escape_html(s.id), escape_html(s.title), s.html);
  h += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", scenario_section.id, escape_html(scenario_section.title),
                   scenario_section.html);

  // Provenance: what produced every figure above.
  h += "<section id=\"provenance\">\n<h2>How this report was made</h2>\n";
  h += fmt::format("<p>truce {} on scenario file <code>{}</code> (scenario id <code>{}</code>, format version {}). "
                   "Each analysis ran with the options below (every default written out); rerun one with "
                   "<code>truce NAME FILE</code> and these options to get the same numbers.</p>\n",
                   escape_html(context.truce_version), escape_html(context.scenario_file), escape_html(scenario.id),
                   scenario.format_version);
  if (runs.empty()) h += "<p class=\"missing\">No analysis ran: this build of truce registers none yet.</p>\n";
  h += "<table class=\"data\"><thead><tr><th>Analysis</th><th>Status</th><th>Seed</th><th>Options</th></tr></thead><tbody>\n";
  for (const auto& r : runs) {
    std::string seed = "\u2014";
    if (r.options.is_object() && r.options.contains("seed")) seed = r.options["seed"].dump();
    h += fmt::format("<tr><td><b>{}</b><br><span class=\"small\">{}</span></td><td>{}</td><td class=\"num\">{}</td>"
                     "<td><pre class=\"options\">{}</pre></td></tr>\n",
                     escape_html(r.name), escape_html(r.description),
                     r.result ? "ran" : "failed: " + escape_html(r.error), escape_html(seed),
                     escape_html(options_text(r.options)));
  }
  h += "</tbody></table>\n";
  h += "<p class=\"small\">Charts drawn with Vega-Lite, inlined in this file: it needs no network. Each chart\u2019s "
       "\u2026 menu saves it as PNG or SVG. Actor colours are the same in every chart.</p>\n</section>\n";
  h += "<footer>Made by truce. Figures are model outputs under the stated assumptions, not predictions of fact; "
       "every input number traces to the evidence in the scenario section.</footer>\n</main>\n";

  h += fmt::format("<script>{}</script>\n", inline_script(context.assets.vega));
  h += fmt::format("<script>{}</script>\n", inline_script(context.assets.vega_lite));
  h += fmt::format("<script>{}</script>\n", inline_script(context.assets.vega_embed));
  h += fmt::format("<script>{}</script>\n</body>\n</html>\n", render_script);
  return h;
}

}  // namespace truce::report

// Negotiation as a process: every variant of the scenario's negotiation section run with its
// offer trace (negotiate::scenario_negotiations), as a table of the outcomes, the offers in the
// two parties' utility space over the frontier of the packages both accept, and each party's
// concessions round by round. docs/negotiate.md, docs/report.md.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

namespace {

using negotiate::NamedNegotiation;
using negotiate::NegotiateResult;

// One row of the table: a variant, or the run's own negotiation when no variant has its settings.
struct Row {
  std::string id, name;
  const NegotiateResult* result = nullptr;
  bool is_run = false;  // the negotiate run's own negotiation (the section's defaults in the report)
};

double rounded(double x) { return std::round(x * 1e4) / 1e4; }

// The run's options as the negotiation they set: without what changes no number.
nlohmann::json settings_of(nlohmann::json options) {
  if (!options.is_object()) return options;
  for (const char* k : {"variant", "trace", "threads"}) options.erase(k);
  return options;
}

// The issues whose terms the table shows: those on which every veto actor draws a red line
// (where a deal is decided), else those on which any does, else every issue.
std::vector<std::size_t> key_issues(const Scenario& scenario) {
  std::vector<std::size_t> every, any, all;
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    std::size_t vetoes = 0, lines = 0;
    for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
      if (!scenario.actors[a].veto) continue;
      ++vetoes;
      const Stance* s = find_stance(scenario, a, i);
      if (s && s->has_red_line()) ++lines;
    }
    all.push_back(i);
    if (lines > 0) any.push_back(i);
    if (vetoes > 0 && lines == vetoes) every.push_back(i);
  }
  return !every.empty() ? every : !any.empty() ? any : all;
}

// The agreement's terms on the given issues (scenario order), HTML.
std::string terms_on(const Scenario& scenario, const NegotiateResult& r, const std::vector<std::size_t>& issues) {
  std::vector<std::pair<std::string, std::string>> keep;
  for (const auto& t : r.terms)
    for (const std::size_t i : issues)
      if (scenario.issues[i].id == t.first) keep.push_back(t);
  return describe_terms(scenario, keep);
}

// HTML (as describe_terms writes it) as plain text for tooltips (the chart library escapes).
std::string plain(const std::string& html) {
  std::string out;
  bool tag = false;
  for (const char c : html) {
    if (c == '<') tag = true;
    else if (c == '>') tag = false;
    else if (!tag) out += c;
  }
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}})
    for (std::size_t p = 0; (p = out.find(from, p)) != std::string::npos; p += to.size()) out.replace(p, from.size(), to);
  return out;
}

// The names of a group of variants without the words they all begin with ("If X gave: "),
// which the sentence says once.
std::vector<std::string> without_shared_start(const std::vector<std::string>& names) {
  if (names.size() < 2) return names;
  std::size_t common = names.front().size();
  for (const auto& n : names) {
    std::size_t k = 0;
    while (k < common && k < n.size() && n[k] == names.front()[k]) ++k;
    common = k;
  }
  // Cut after a separator every name has there (": " or ", "), else after the last one inside.
  std::size_t cut = 0;
  const bool separated = std::all_of(names.begin(), names.end(), [&](const std::string& n) {
    return n.size() > common + 2 && (n.compare(common, 2, ": ") == 0 || n.compare(common, 2, ", ") == 0);
  });
  if (separated) cut = common + 2;
  else
    for (std::size_t k = 0; k + 1 < common; ++k)
      if ((names.front()[k] == ':' || names.front()[k] == ',') && names.front()[k + 1] == ' ') cut = k + 2;
  std::vector<std::string> out;
  for (const auto& n : names) out.push_back(n.substr(cut));
  return out;
}

// Numbered notes under the table, each text once.
class Notes {
 public:
  std::string mark(const std::string& text) {
    auto it = number_.find(text);
    if (it == number_.end()) {
      it = number_.emplace(text, order_.size() + 1).first;
      order_.push_back(text);
    }
    return fmt::format("<sup>{}</sup>", it->second);
  }
  std::string html() const {
    std::string h;
    for (std::size_t k = 0; k < order_.size(); ++k)
      h += fmt::format("<p class=\"small\"><sup>{}</sup> {}</p>\n", k + 1, escape_html(order_[k]));
    return h;
  }

 private:
  std::map<std::string, std::size_t> number_;
  std::vector<std::string> order_;
};

bool from_war_model(const negotiate::NegotiationParty& p) {
  return p.reservation_from == negotiate::ReservationFrom::war_model;
}

std::string party_label(const Scenario& scenario, const std::string& id, const std::string& name) {
  if (const auto a = find_actor(scenario, id)) return actor_labels(scenario)[*a];
  return name.empty() ? id : name;
}

// Who made an offer of the trace, as the charts' colour legend names it.
std::string proposer_label(const Scenario& scenario, const NegotiateResult& r, std::size_t i) {
  if (i < r.parties.size()) return party_label(scenario, r.parties[i].id, r.parties[i].name);
  if (r.mediator) return party_label(scenario, r.mediator->id, r.mediator->name);
  return "A neutral mediator";
}

std::string protocol_words(const NegotiateResult& r) {
  return r.protocol == "single-text" ? "Single text" : "Alternating offers";
}

}  // namespace

Section render_negotiate_section(const Scenario& scenario, const AnalysisRun& run, const NegotiateResult& own,
                                 const std::vector<NamedNegotiation>& variants, ChartSet& charts) {
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = "Negotiation as a process: who concedes, how fast, and whether a deadline forces a deal";
  std::string& h = s.html;
  const auto labels = actor_labels(scenario);

  // --- The rows: every variant; the run's own negotiation is the variant with its settings
  // (for the report's run, the section's defaults), else a row of its own first.
  std::vector<Row> rows;
  std::optional<std::size_t> own_variant;
  const nlohmann::json own_settings = settings_of(run.options);
  for (std::size_t k = 0; k < variants.size() && !own_variant; ++k) try {
      if (settings_of(negotiate::complete_negotiate_analysis_options(scenario, {{"variant", variants[k].id}})) == own_settings)
        own_variant = k;
    } catch (const std::exception&) {
    }
  bool own_is_defaults = false;
  try {
    own_is_defaults = settings_of(negotiate::complete_negotiate_analysis_options(scenario, nlohmann::json::object())) == own_settings;
  } catch (const std::exception&) {
  }
  if (!own_variant)
    rows.push_back({"", own_is_defaults ? "The section\u2019s defaults" : "This run (its own options)", &own, true});
  for (std::size_t k = 0; k < variants.size(); ++k)
    rows.push_back({variants[k].id, variants[k].name, &variants[k].result, own_variant && *own_variant == k});
  if (rows.empty()) return s;

  const std::vector<std::size_t> issues = key_issues(scenario);
  // The table's terms: the first key issue, and every other on which the agreements differ.
  std::vector<std::size_t> shown = {issues.front()};
  for (std::size_t k = 1; k < issues.size(); ++k) {
    std::set<std::string> values;
    for (const auto& row : rows)
      if (row.result->agreement) values.insert(terms_on(scenario, *row.result, {issues[k]}));
    if (values.size() > 1) shown.push_back(issues[k]);
  }
  std::string issue_names;
  for (std::size_t k = 0; k < shown.size(); ++k)
    issue_names += (k == 0 ? "" : (k + 1 == shown.size() ? " and " : ", ")) + escape_html(scenario.issues[shown[k]].name);

  // The parties (veto actors, scenario order) as every result has them.
  const auto& parties = own.parties;
  const std::size_t n = parties.size();

  // --- The table.
  Notes notes;
  // Fixed column widths (percent), so the table fits the page: the parties share 26%; an
  // agreement's terms go in a row of their own under it.
  const double party_width = n ? 26.0 / static_cast<double>(n) : 0.0;
  std::string table = "<table class=\"data negotiations\"><thead><tr><th style=\"width:31%\">Variant</th><th "
                      "style=\"width:22%\">Set-up</th><th style=\"width:11%\">Deal</th>";
  for (const auto& p : parties) {
    const auto a = find_actor(scenario, p.id);
    table += fmt::format("<th style=\"width:{}%\"><span class=\"swatch\" style=\"background:{}\"></span>{}</th>",
                         format_number(party_width, 1), a ? actor_colour(*a) : std::string("#999"),
                         escape_html(party_label(scenario, p.id, p.name)));
  }
  table += "<th style=\"width:10%\">To frontier / Nash</th></tr></thead><tbody>\n";
  for (const auto& row : rows) {
    const NegotiateResult& r = *row.result;
    const std::string key = "negotiate." + (row.id.empty() ? std::string("run") : row.id);
    std::string setup = fmt::format("{}, {} rounds", protocol_words(r), format_number(r.steps, 0));
    if (r.protocol == "single-text") {
      setup += "<br><span class=\"small\">mediator: " +
               (r.mediator ? escape_html(party_label(scenario, r.mediator->id, r.mediator->name)) : std::string("neutral")) +
               "</span>";
    } else {
      std::string agents;
      for (const auto& p : r.parties)
        agents += fmt::format("{}{} {}", agents.empty() ? "" : ", ", escape_html(party_label(scenario, p.id, p.name)),
                              escape_html(p.agent));
      setup += "<br><span class=\"small\">" + agents + "</span>";
    }
    const char* offered = r.protocol == "single-text" ? "text" : "offer";
    const std::string offers = fmt::format("{} {}{}", format_number(r.offers, 0), offered, r.offers == 1 ? "" : "s");
    const std::string deal =
        r.agreement ? fmt::format("<b>Yes</b>, round {}<br><span class=\"small\">{}</span>",
                                  stated(key + ".round", format_number(r.round, 0)), offers)
                    : fmt::format("<b>No</b>{}<br><span class=\"small\">{}</span>", notes.mark(r.why), offers);
    std::string cells;
    for (std::size_t p = 0; p < r.parties.size(); ++p) {
      const auto& party = r.parties[p];
      using negotiate::ReservationFrom;
      std::string source = party.reservation_from == ReservationFrom::scenario ? "as coded"
                           : party.reservation_from == ReservationFrom::option ? "set"
                           : from_war_model(party)               ? "war-model estimate"
                                                                  : escape_html(party.reservation_source);
      // The war model's source in general under the table; each variant's month and runs in the appendix.
      if (from_war_model(party))
        source += notes.mark("War model: each side’s value of fighting on at the month the variant names (with the "
                             "risk of breakdown), as the lowest utility of a package it accepts, the mean over the "
                             "model’s runs still fighting then. An estimate: the runs, month and policy of each "
                             "variant are in the appendix.");
      else if (party.reservation_from != ReservationFrom::scenario && party.reservation_from != ReservationFrom::option)
        source += notes.mark(party.reservation_source);
      // Without a deal on an empty zone: the most a package the other side accepts gives this
      // party, when its value of no deal is above it (what blocks a deal on its own).
      if (!r.agreement && party.best_the_others_accept && *party.best_the_others_accept < party.reservation)
        source += fmt::format("; at most <span class=\"num\">{}</span> from a package the other side accepts",
                              format_number(*party.best_the_others_accept, 3));
      cells += fmt::format("<td><span class=\"num\">{}</span><br><span class=\"small\">no deal: <span class=\"num\">{}</span>, "
                           "{}</span></td>",
                           r.agreement ? stated(key + ".utility." + party.id, format_number(party.utility, 3))
                                       : std::string("\u2014"),
                           stated(key + ".reservation." + party.id, format_number(party.reservation, 3)), source);
    }
    const std::string distances =
        r.pareto_distance
            ? fmt::format("<span class=\"num\">{}</span> / <span class=\"num\">{}</span>", format_number(*r.pareto_distance, 3),
                          r.nash_distance ? format_number(*r.nash_distance, 3) : std::string("\u2014"))
            : std::string("\u2014");
    table += fmt::format(
        "<tr id=\"negotiation-{}\"><td><b>{}</b>{}</td><td>{}</td><td>{}</td>{}<td>{}</td></tr>\n",
        escape_html(row.id.empty() ? "run" : row.id), escape_html(row.name),
        !row.is_run       ? ""
        : own_is_defaults ? " <span class=\"small\">(the section\u2019s defaults: the <code>negotiate</code> run)</span>"
                          : " <span class=\"small\">(the <code>negotiate</code> run)</span>",
        setup, deal, cells, distances);
    if (r.agreement)
      table += fmt::format("<tr class=\"agreement\"><td></td><td colspan=\"{}\" class=\"small\">Agreed: {}</td></tr>\n", n + 3,
                           terms_on(scenario, r, shown));
  }
  table += "</tbody></table>\n";

  const std::size_t with_deal = std::count_if(rows.begin(), rows.end(), [](const Row& r) { return r.result->agreement; });
  h += fmt::format(
      "<p>The scenario\u2019s negotiation section names {} set-up{} of the talks (protocol, deadline, an agent per "
      "party, outside options); each was run until a deal or its deadline{}. {} of them reach{} a deal. Utilities are 0..1 for "
      "each party (its worst package to its best), its value of no deal beneath; the distances are in those units, "
      "from the outcome to the Pareto frontier of the packages both parties accept and to its Nash point "
      "(\u2014: no package both accept). Under each deal, its terms on {} (every term <a "
      "href=\"#analysis-notes\">in the appendix</a>).</p>\n",
      variants.size(), variants.size() == 1 ? "" : "s",
      rows.front().is_run && !own_variant ? ", beside the run\u2019s own settings (first row)" : "",
      with_deal == 0 ? std::string("None") : format_number(static_cast<double>(with_deal), 0),
      with_deal == 1 ? "es" : "", issue_names);
  h += table + notes.html();

  // --- The charts: variants with an agreement and a trace.
  std::vector<const Row*> drawn;
  for (const auto& row : rows)
    if (row.result->agreement && !row.result->trace.empty() && row.result->parties.size() >= 2) drawn.push_back(&row);
  if (n >= 2 && !drawn.empty()) {
    const auto a0 = find_actor(scenario, parties[0].id), a1 = find_actor(scenario, parties[1].id);
    const std::string l0 = party_label(scenario, parties[0].id, parties[0].name);
    const std::string l1 = party_label(scenario, parties[1].id, parties[1].name);
    // Proposer colours: the actors' (those that propose here, in scenario order), grey for a
    // neutral mediator.
    std::set<std::size_t> proposers;
    bool neutral = false;
    for (const Row* row : drawn) {
      for (const auto& p : row->result->parties)
        if (const auto a = find_actor(scenario, p.id)) proposers.insert(*a);
      if (row->result->protocol == "single-text") {
        if (!row->result->mediator) neutral = true;
        else if (const auto a = find_actor(scenario, row->result->mediator->id)) proposers.insert(*a);
      }
    }
    nlohmann::json colour = {{"domain", nlohmann::json::array()}, {"range", nlohmann::json::array()}};
    for (const std::size_t a : proposers) {
      colour["domain"].push_back(labels[a]);
      colour["range"].push_back(actor_colour(a));
    }
    if (neutral) {
      colour["domain"].push_back("A neutral mediator");
      colour["range"].push_back("#555555");
    }
    const nlohmann::json colour_enc = {{"field", "proposer"}, {"type", "nominal"}, {"title", "Offer by"}, {"scale", colour},
                                       {"legend", {{"orient", "bottom"}, {"direction", "horizontal"}}}};
    auto title_of = [](const Row& row) { return wrap_words(row.name, 30); };
    auto unit_axis = [](const std::string& field, const std::string& title, const std::string& colour_hex) {
      return nlohmann::json{{"field", field}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}, {"nice", false}}},
                            {"title", title}, {"axis", {{"titleColor", colour_hex}, {"tickCount", 5}}}};
    };
    auto filter = [](const char* kind) {
      return nlohmann::json::array({{{"filter", fmt::format("datum.kind === '{}'", kind)}}});
    };

    // Offers in the two parties' utility space.
    nlohmann::json panels = nlohmann::json::array();
    std::size_t offer_points = 0;
    for (const Row* row : drawn) {
      const NegotiateResult& r = *row->result;
      nlohmann::json data = nlohmann::json::array();
      std::vector<std::vector<double>> frontier = r.frontier;
      std::sort(frontier.begin(), frontier.end());
      for (const auto& f : frontier) data.push_back({{"kind", "frontier"}, {"x", rounded(f[0])}, {"y", rounded(f[1])}});
      // Each package a proposer put forward once, at the round it first did (repeats counted).
      std::map<std::pair<std::size_t, std::uint64_t>, std::size_t> seen;
      for (const auto& o : r.trace) {
        const auto at = seen.find({o.proposer, o.package});
        if (at != seen.end()) {
          data[at->second]["times"] = data[at->second]["times"].get<int>() + 1;
          continue;
        }
        seen[{o.proposer, o.package}] = data.size();
        data.push_back({{"kind", "offer"}, {"x", rounded(o.utility[0])}, {"y", rounded(o.utility[1])}, {"round", o.round},
                        {"times", 1}, {"proposer", proposer_label(scenario, r, o.proposer)}});
        ++offer_points;
      }
      if (!r.nash_utility.empty())
        data.push_back({{"kind", "nash"}, {"x", rounded(r.nash_utility[0])}, {"y", rounded(r.nash_utility[1])},
                        {"point", "Nash point"}});
      data.push_back({{"kind", "agreement"}, {"x", rounded(r.parties[0].utility)}, {"y", rounded(r.parties[1].utility)},
                      {"point", "Agreement"}, {"round", r.round},
                      {"terms", plain(terms_on(scenario, r, shown))}});
      const nlohmann::json x = unit_axis("x", "utility to " + l0, a0 ? actor_colour(*a0) : "#333");
      const nlohmann::json y = unit_axis("y", "utility to " + l1, a1 ? actor_colour(*a1) : "#333");
      nlohmann::json layers = nlohmann::json::array();
      if (frontier.size() > 1)
        layers.push_back({{"transform", filter("frontier")},
                          {"mark", {{"type", "line"}, {"color", "#333"}, {"strokeWidth", 1.5}, {"interpolate", "linear"}}},
                          {"encoding", {{"x", x}, {"y", y}, {"order", {{"field", "x"}, {"type", "quantitative"}}}}}});
      layers.push_back({{"transform", filter("offer")},
                        {"mark", {{"type", "point"}, {"filled", true}, {"size", 22}, {"opacity", 0.7}}},
                        {"encoding",
                         {{"x", x},
                          {"y", y},
                          {"color", colour_enc},
                          {"tooltip", nlohmann::json::array({{{"field", "proposer"}, {"title", "Offer by"}},
                                                             {{"field", "round"}, {"title", "First in round"}},
                                                             {{"field", "times"}, {"title", "Times offered"}},
                                                             {{"field", "x"}, {"title", "Utility to " + l0}, {"format", ".3f"}},
                                                             {{"field", "y"}, {"title", "Utility to " + l1}, {"format", ".3f"}}})}}}});
      layers.push_back({{"transform", filter("nash")},
                        {"mark", {{"type", "point"}, {"shape", "diamond"}, {"filled", true}, {"size", 150}, {"color", "#000"},
                                  {"stroke", "#fff"}, {"strokeWidth", 1}}},
                        {"encoding", {{"x", x}, {"y", y},
                                      {"tooltip", nlohmann::json::array({{{"field", "point"}, {"title", "Point"}},
                                                                         {{"field", "x"}, {"title", "Utility to " + l0}, {"format", ".3f"}},
                                                                         {{"field", "y"}, {"title", "Utility to " + l1}, {"format", ".3f"}}})}}}});
      layers.push_back({{"transform", filter("agreement")},
                        {"mark", {{"type", "point"}, {"shape", "cross"}, {"filled", true}, {"size", 220}, {"color", "#000"},
                                  {"stroke", "#fff"}, {"strokeWidth", 1}}},
                        {"encoding", {{"x", x}, {"y", y},
                                      {"tooltip", nlohmann::json::array({{{"field", "point"}, {"title", "Point"}},
                                                                         {{"field", "round"}, {"title", "Round"}},
                                                                         {{"field", "x"}, {"title", "Utility to " + l0}, {"format", ".3f"}},
                                                                         {{"field", "y"}, {"title", "Utility to " + l1}, {"format", ".3f"}},
                                                                         {{"field", "terms"}, {"title", "Terms"}}})}}}});
      panels.push_back({{"title", {{"text", title_of(*row)}, {"fontSize", 12}}},
                        {"width", 170},
                        {"height", 170},
                        {"data", {{"values", data}}},
                        {"layer", layers}});
    }
    const int columns = static_cast<int>(std::min<std::size_t>(3, panels.size()));
    const nlohmann::json offers_spec = {{"config", chart_config()}, {"columns", columns}, {"concat", panels},
                                        {"spacing", 24}};
    std::vector<std::string> marks = {"symbol"};
    if (std::any_of(drawn.begin(), drawn.end(), [](const Row* r) { return r->result->frontier.size() > 1; }))
      marks.push_back("line");
    h += charts.figure(
        offers_spec,
        fmt::format("The offers of each variant that reaches a deal, in the two parties\u2019 utilities ({} across, {} "
                    "up), one colour per proposer (each package once, at the round it was first offered); the line "
                    "is the Pareto frontier of the packages both accept under that variant\u2019s red lines and "
                    "values of no deal, the diamond its Nash point, the cross the agreement.<span "
                    "class=\"screen-only\"> Hover for an offer\u2019s round and utilities.</span>",
                    escape_html(l0), escape_html(l1)),
        marks);

    // Concession curves: each party's utility of its own offers, round by round.
    nlohmann::json curves = nlohmann::json::array();
    for (const Row* row : drawn) {
      const NegotiateResult& r = *row->result;
      if (r.protocol == "single-text") continue;
      nlohmann::json data = nlohmann::json::array();
      // A point where the utility changes, and the last offer: the step line is exact.
      std::vector<std::optional<double>> last(r.parties.size());
      std::vector<std::optional<std::uint32_t>> last_round(r.parties.size());
      std::vector<double> last_value(r.parties.size(), 0.0);
      for (const auto& o : r.trace) {
        if (o.proposer >= r.parties.size()) continue;
        const double u = rounded(o.utility[o.proposer]);
        last_round[o.proposer] = o.round;
        last_value[o.proposer] = u;
        if (last[o.proposer] && *last[o.proposer] == u) continue;
        last[o.proposer] = u;
        data.push_back({{"round", o.round}, {"utility", u}, {"proposer", proposer_label(scenario, r, o.proposer)}});
      }
      for (std::size_t p = 0; p < r.parties.size(); ++p)
        if (last_round[p] && !data.empty())
          data.push_back({{"round", *last_round[p]}, {"utility", last_value[p]},
                          {"proposer", proposer_label(scenario, r, p)}, {"last", true}});
      const nlohmann::json x = {{"field", "round"}, {"type", "quantitative"}, {"title", "round"},
                                {"scale", {{"domain", {0, r.steps}}, {"nice", false}}}};
      const nlohmann::json y = {{"field", "utility"}, {"type", "quantitative"}, {"title", "its utility of its own offer"},
                                {"scale", {{"domain", {0, 1}}, {"nice", false}}}, {"axis", {{"tickCount", 5}}}};
      nlohmann::json layers = nlohmann::json::array(
          {{{"mark", {{"type", "line"}, {"interpolate", "step-after"}, {"strokeWidth", 1.5}}},
            {"encoding", {{"x", x}, {"y", y}, {"color", colour_enc}, {"order", {{"field", "round"}, {"type", "quantitative"}}}}}},
           {{"transform", nlohmann::json::array({{{"filter", "!datum.last"}}})},
            {"mark", {{"type", "point"}, {"filled", true}, {"size", 14}}},
            {"encoding", {{"x", x}, {"y", y}, {"color", colour_enc},
                          {"tooltip", nlohmann::json::array({{{"field", "proposer"}, {"title", "Offer by"}},
                                                             {{"field", "round"}, {"title", "From round"}},
                                                             {{"field", "utility"}, {"title", "Its utility"}, {"format", ".3f"}}})}}}},
           {{"data", {{"values", nlohmann::json::array({{{"round", r.round}, {"label", "agreement"}}})}}},
            {"mark", {{"type", "rule"}, {"color", "#000"}, {"strokeDash", {4, 3}}}},
            {"encoding", {{"x", {{"field", "round"}, {"type", "quantitative"}}},
                          {"tooltip", nlohmann::json::array({{{"field", "label"}, {"title", "Agreement in round"}},
                                                             {{"field", "round"}, {"title", "Round"}}})}}}}});
      curves.push_back({{"title", {{"text", title_of(*row)}, {"fontSize", 12}}},
                        {"width", 170},
                        {"height", 130},
                        {"data", {{"values", data}}},
                        {"layer", layers}});
    }
    if (!curves.empty()) {
      // The parties' colours only: a mediator makes no concessions here.
      nlohmann::json party_colour = {{"domain", nlohmann::json::array()}, {"range", nlohmann::json::array()}};
      for (const auto& p : parties)
        if (const auto a = find_actor(scenario, p.id)) {
          party_colour["domain"].push_back(labels[*a]);
          party_colour["range"].push_back(actor_colour(*a));
        }
      for (auto& panel : curves)
        for (auto& layer : panel["layer"])
          if (layer["encoding"].contains("color")) layer["encoding"]["color"]["scale"] = party_colour;
      const nlohmann::json spec = {{"config", chart_config()}, {"columns", static_cast<int>(std::min<std::size_t>(3, curves.size()))},
                                   {"concat", curves}, {"spacing", 24},
                                   {"resolve", {{"scale", {{"x", "independent"}}}}}};
      h += charts.figure(spec,
                         "Concessions: each party\u2019s utility of its own offers, round by round, for the "
                         "alternating-offers variants that reach a deal (a stalling party\u2019s line stays at its "
                         "best until its round; the dashed rule is the agreement\u2019s round). A mediator\u2019s "
                         "single text has no concessions of the parties\u2019 own.",
                         {"line", "symbol", "rule"});
    }
  }

  // --- Appendix: the agreements' full terms, and what each variant sets and rests on.
  if (scenario.negotiation) {
    std::string a = "<table class=\"data compact\"><thead><tr><th>Variant</th><th>What it is</th><th>Agreement (every "
                    "term)</th></tr></thead><tbody>\n";
    for (const auto& row : rows) {
      std::string what, quotes;
      for (const auto& v : scenario.negotiation->variants)
        if (v.id == row.id) {
          what = escape_html(v.description);
          for (const auto& e : v.evidence)
            quotes += fmt::format("<blockquote class=\"evidence\">\u201c{}\u201d <cite><a href=\"#source-{}\">{}</a></cite></blockquote>",
                                  escape_html(e.quote), escape_html(e.source), escape_html(e.source));
        }
      for (const auto& p : row.result->parties)
        if (from_war_model(p))
          what += fmt::format("{}{}’s value of no deal: {}.", what.empty() ? "" : " ",
                              escape_html(party_label(scenario, p.id, p.name)), escape_html(p.reservation_source));
      a += fmt::format("<tr><td><b>{}</b><br><span class=\"id\">{}</span></td><td class=\"small\">{}{}</td><td class=\"small\">{}</td></tr>\n",
                       escape_html(row.name), escape_html(row.id), what, quotes,
                       row.result->agreement ? describe_terms(scenario, row.result->terms) : std::string("no agreement"));
    }
    a += "</tbody></table>\n";
    if (!scenario.negotiation->note.empty())
      a += fmt::format("<p class=\"small\"><b>The section\u2019s agents:</b> {}</p>\n", escape_html(scenario.negotiation->note));
    for (const auto& e : scenario.negotiation->evidence)
      a += fmt::format("<blockquote class=\"evidence\">\u201c{}\u201d <cite><a href=\"#source-{}\">{}</a></cite></blockquote>\n",
                       escape_html(e.quote), escape_html(e.source), escape_html(e.source));
    s.appendix_html += a;
  }

  // --- Page one: one sentence, grouped by the red lines each variant drops.
  std::map<std::vector<std::string>, std::vector<const Row*>> by_relaxed;
  for (const auto& row : rows) by_relaxed[row.result->relaxed_red_lines].push_back(&row);
  std::string sentence;
  for (const auto& group : by_relaxed) {
    const auto& relaxed = group.first;
    const auto& members = group.second;
    std::vector<const Row*> deals;
    std::size_t empty_zone = 0, war_zone = 0, at_deadline = 0, broken = 0;
    for (const Row* row : members) {
      const auto& ps = row->result->parties;
      if (row->result->agreement) deals.push_back(row);
      else if (!row->result->pareto_distance) ++(std::any_of(ps.begin(), ps.end(), from_war_model) ? war_zone : empty_zone);
      else if (row->result->ending == "deadline") ++at_deadline;
      else ++broken;
    }
    std::string where;
    if (relaxed.empty()) {
      where = "on the red lines as coded";
    } else {
      std::string list;
      for (std::size_t k = 0; k < relaxed.size(); ++k)
        list += (k == 0 ? "" : (k + 1 == relaxed.size() ? " and " : ", ")) + constraint_label(scenario, relaxed[k]);
      where = "if " + list + " gave";
    }
    const std::size_t m = members.size();
    std::string text =
        m == 1 ? fmt::format("{}, the one {} a deal", where, deals.empty() ? "does not reach" : "reaches")
        : deals.empty()
            ? fmt::format("{}, none of {} reaches a deal", where, m)
            : fmt::format("{}, {} of {} do", where, format_number(static_cast<double>(deals.size()), 0), m);
    if (!deals.empty()) {
      std::vector<std::string> names;
      for (const Row* row : members) names.push_back(row->name);
      names = without_shared_start(names);
      // Page one names the first deal only (the section has them all): it must stay short.
      std::string list;
      for (const Row* row : {deals.front()}) {
        const NegotiateResult& r = *row->result;
        const std::string& name = names[static_cast<std::size_t>(std::find(members.begin(), members.end(), row) - members.begin())];
        const std::string key = "negotiate." + (row->id.empty() ? std::string("run") : row->id);
        // The parties are named with the first deal's utilities only (the same order after).
        std::string us;
        for (const auto& p : r.parties)
          us += fmt::format("{}{}{}", us.empty() ? "" : ", ",
                            list.empty() ? escape_html(party_label(scenario, p.id, p.name)) + " " : std::string(),
                            stated(key + ".utility." + p.id, format_number(p.utility, 3)));
        list += fmt::format("{}<a href=\"#negotiation-{}\">{}</a> (round {}: {})", list.empty() ? "" : "; ",
                            escape_html(row->id.empty() ? "run" : row->id), escape_html(name),
                            stated(key + ".round", format_number(r.round, 0)), us);
      }
      text += (deals.size() == 1 ? ": " : ", first ") + list;
    }
    // Why the others reach none: one reason alone, else each with its count.
    std::vector<std::pair<std::size_t, std::string>> reasons;
    if (empty_zone) reasons.push_back({empty_zone, "no package both accept"});
    if (war_zone) reasons.push_back({war_zone, "no package beats fighting on for both"});
    if (at_deadline) reasons.push_back({at_deadline, "out of time"});
    if (broken) reasons.push_back({broken, "broken off"});
    std::string why;
    for (const auto& reason : reasons)
      why += (why.empty() ? "" : ", ") +
             (reasons.size() == 1 ? reason.second
                                  : fmt::format("{}: {}", format_number(static_cast<double>(reason.first), 0), reason.second));
    if (!why.empty()) text += deals.empty() ? " (" + why + ")" : (reasons.size() == 1 ? "; the others: " : "; of the others, ") + why;
    sentence += (sentence.empty() ? "" : "; ") + text;
  }
  s.summary.push_back({SummaryTopic::opens,
                       fmt::format("<b><a href=\"#{}\">Negotiation variants</a></b>: {}.", s.id, sentence)});

  // --- What these numbers rest on.
  const bool any_war = std::any_of(rows.begin(), rows.end(), [](const Row& r) {
    return std::any_of(r.result->parties.begin(), r.result->parties.end(), from_war_model);
  });
  // In the section, beside its numbers, not in page one's caveats box: page one must stay two
  // pages, and the box is about the answer's inputs; the section's numbers are what-ifs.
  s.html = fmt::format("<p class=\"small\"><b>Negotiating agents and deadlines are coded, not estimated</b>{}.</p>\n",
                       any_war ? "; war-model values of no deal are estimates" : "") +
           s.html;
  return s;
}

Section render_negotiate_section(const Scenario& scenario, const AnalysisRun& run, const NegotiateResult& result,
                                 ChartSet& charts) {
  std::vector<NamedNegotiation> variants;
  try {
    variants = negotiate::scenario_negotiations(scenario);
  } catch (const std::exception& e) {
    Section s = render_negotiate_section(scenario, run, result, {}, charts);
    s.html = fmt::format("<p class=\"failed\">The negotiation section\u2019s variants could not be run: {}</p>\n",
                         escape_html(e.what())) +
             s.html;
    return s;
  }
  return render_negotiate_section(scenario, run, result, variants, charts);
}

}  // namespace truce::report

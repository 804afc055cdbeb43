#include "truce/io/deu_table_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "truce/core/diagnostic.hpp"
#include "truce/io/delimited_text.hpp"
#include "truce/io/input_text.hpp"
#include "truce/shipped_data.hpp"

namespace truce {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string_view without_bom(std::string_view line) {
  if (line.size() >= 3 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  return line;
}

// The official DEU III files use ';', Winzen's transcription ','.
char delimiter_of(std::string_view header) {
  return header.find(';') != std::string_view::npos && header.find(',') == std::string_view::npos ? ';' : ',';
}

bool id_like(const std::string& id) {
  if (id.empty() || id.size() > 64 || !std::isalpha(static_cast<unsigned char>(id[0]))) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; });
}

// Names for the DEU actor codes; an unknown code is its own name.
std::string actor_name(const std::string& code) {
  static const std::map<std::string, std::string> names = {
      {"com", "European Commission"}, {"ep", "European Parliament"}, {"at", "Austria"}, {"be", "Belgium"},
      {"bu", "Bulgaria"}, {"cr", "Croatia"}, {"cy", "Cyprus"}, {"cz", "Czech Republic"}, {"dk", "Denmark"},
      {"ee", "Estonia"}, {"fi", "Finland"}, {"fr", "France"}, {"de", "Germany"}, {"el", "Greece"},
      {"hu", "Hungary"}, {"ie", "Ireland"}, {"it", "Italy"}, {"lv", "Latvia"}, {"lt", "Lithuania"},
      {"lu", "Luxembourg"}, {"mt", "Malta"}, {"nl", "Netherlands"}, {"pl", "Poland"}, {"pt", "Portugal"},
      {"ro", "Romania"}, {"si", "Slovenia"}, {"sk", "Slovakia"}, {"es", "Spain"}, {"se", "Sweden"},
      {"uk", "United Kingdom"}};
  const auto it = names.find(code);
  return it == names.end() ? code : it->second;
}

bool institution(const std::string& actor) { return actor == "com" || actor == "ep"; }

// "30-05-01" -> 2001 (two-digit years: below 50 are 20xx); nullopt for 999, empty or bad.
std::optional<int> year_of(const std::string& date) {
  const auto dash = date.rfind('-');
  if (dash == std::string::npos) return std::nullopt;
  const auto yy = finite_number(date.substr(dash + 1));
  if (!yy || *yy < 0 || *yy > 9999 || *yy != std::floor(*yy)) return std::nullopt;
  const int y = static_cast<int>(*yy);
  if (y >= 100) return y;
  return y < 50 ? 2000 + y : 1900 + y;
}

}  // namespace

const CapabilityRegime* CapabilityTable::regime_in(int year) const {
  for (const auto& r : regimes)
    if (year >= r.first_year && year <= r.last_year) return &r;
  return nullptr;
}

CapabilityTable parse_capability_table_csv(std::string_view text, const std::string& file_name) {
  check_input_text(text, file_name);
  DiagnosticList problems;
  auto fail = [&](std::size_t line, int column, std::string message) {
    problems.push_back({file_name, static_cast<int>(line), column, std::move(message)});
  };
  const auto lines = text_lines(text);
  const std::vector<std::string> expected = {"regime", "years", "actor", "capability"};
  std::vector<std::string> header;
  if (!lines.empty())
    for (const auto& f : comma_fields(without_bom(lines[0]))) header.push_back(lower(f.text));
  if (header != expected) {
    fail(1, 1, fmt::format("expected the header 'regime,years,actor,capability', found '{}'",
                           lines.empty() ? "" : trim_space(lines[0])));
    throw InputError(problems);
  }
  CapabilityTable table;
  std::map<std::string, std::size_t> index;
  for (std::size_t l = 1; l < lines.size(); ++l) {
    const std::size_t line = l + 1;
    const auto f = delimited_fields(lines[l], ',');
    if (f.size() != 4) {
      fail(line, 1, fmt::format("expected 4 fields (regime, years, actor, capability), found {}", f.size()));
      continue;
    }
    const std::string years = lower(f[1].text);
    int first = -1000000, last = 1000000;
    std::optional<double> a, b;
    // A year is a whole number from 0 to 9999 (anything else would not fit an int either).
    auto year = [](std::optional<double> y) { return y && *y >= 0 && *y <= 9999 && *y == std::floor(*y) ? y : std::nullopt; };
    if (years.rfind("up to ", 0) == 0 && (b = year(finite_number(years.substr(6))))) {
      last = static_cast<int>(*b);
    } else if (years.rfind("from ", 0) == 0 && (a = year(finite_number(years.substr(5))))) {
      first = static_cast<int>(*a);
    } else if (const auto dash = years.find('-');
               dash != std::string::npos && (a = year(finite_number(years.substr(0, dash)))) &&
               (b = year(finite_number(years.substr(dash + 1)))) && *a <= *b) {
      first = static_cast<int>(*a);
      last = static_cast<int>(*b);
    } else {
      fail(line, f[1].column, fmt::format("expected years as 'up to YYYY', 'YYYY-YYYY' or 'from YYYY' (years 0 to 9999), found '{}'",
                                          f[1].text));
      continue;
    }
    const auto capability = finite_number(f[3].text);
    if (!capability || !(*capability > 0) || *capability > max_capability) {
      fail(line, f[3].column, fmt::format("expected a capability greater than 0, found '{}'", f[3].text));
      continue;
    }
    const std::string actor = lower(f[2].text);
    if (!id_like(actor)) {
      fail(line, f[2].column, fmt::format("expected an actor code (a letter, then letters or digits), found '{}'", f[2].text));
      continue;
    }
    auto [it, fresh] = index.emplace(f[0].text, table.regimes.size());
    if (fresh) table.regimes.push_back({f[0].text, first, last, {}});
    auto& regime = table.regimes[it->second];
    if (regime.first_year != first || regime.last_year != last) {
      fail(line, f[1].column, fmt::format("expected the years of regime '{}' to be the same on every line, found '{}'",
                                          regime.name, f[1].text));
      continue;
    }
    if (!regime.capability.emplace(actor, *capability).second)
      fail(line, f[2].column, fmt::format("expected actor '{}' once in regime '{}', found it again", actor, regime.name));
  }
  if (table.regimes.empty()) fail(lines.size() + 1, 1, "expected at least one capability line, found the end of the file");
  if (!problems.empty()) throw InputError(problems);
  return table;
}

const CapabilityTable& eu_council_capabilities() {
  static const CapabilityTable table =
      parse_capability_table_csv(shipped_council_capabilities_csv, "data/deu/council_capabilities.csv");
  return table;
}

bool is_deu_table_csv(std::string_view text) {
  const auto end = text.find('\n');
  auto first = without_bom(text.substr(0, end));
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  std::set<std::string> columns;
  for (const auto& f : delimited_fields(first, delimiter_of(first))) columns.insert(lower(f.text));
  if (!columns.count("out")) return false;
  for (const auto& c : columns)
    if (c.size() > 1 && c[0] == 'p' && columns.count("s" + c.substr(1))) return true;
  return false;
}

Scenario parse_deu_table_csv(std::string_view text, const std::string& file_name, const CapabilityTable& capabilities) {
  check_input_text(text, file_name);
  DiagnosticList problems;
  auto fail = [&](std::size_t line, int column, std::string message) {
    problems.push_back({file_name, static_cast<int>(line), column, std::move(message)});
  };
  const auto lines = text_lines(text);
  if (lines.empty() || !is_deu_table_csv(lines[0])) {
    fail(1, 1, "expected a DEU header with an 'out' column and p<actor>/s<actor> column pairs");
    throw InputError(problems);
  }
  const char delimiter = delimiter_of(without_bom(lines[0]));
  const auto header = delimited_fields(without_bom(lines[0]), delimiter);
  std::map<std::string, std::size_t> column;
  for (std::size_t c = 0; c < header.size(); ++c)
    if (!column.emplace(lower(header[c].text), c).second)
      fail(1, header[c].column, fmt::format("expected each column once, found '{}' again", header[c].text));
  if (!problems.empty()) throw InputError(problems);

  // Actors: every p<code> with an s<code>, in column order; c<code> gives its capability.
  struct ActorColumns {
    std::string code;
    std::size_t position, salience;
    std::optional<std::size_t> capability;
  };
  std::vector<ActorColumns> actor_columns;
  std::set<std::size_t> actor_cells;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string name = lower(header[c].text);
    if (name.size() < 2 || name[0] != 'p' || !column.count("s" + name.substr(1))) continue;
    ActorColumns a{name.substr(1), c, column.at("s" + name.substr(1)), std::nullopt};
    if (!id_like(a.code)) continue;
    if (column.count("c" + a.code)) a.capability = column.at("c" + a.code);
    actor_cells.insert({a.position, a.salience});
    if (a.capability) actor_cells.insert(*a.capability);
    actor_columns.push_back(a);
  }
  const bool capability_columns = std::any_of(actor_columns.begin(), actor_columns.end(),
                                              [](const ActorColumns& a) { return a.capability.has_value(); });
  auto cell = [&](const std::vector<TextField>& f, const char* name) -> const TextField* {
    const auto it = column.find(name);
    return it == column.end() ? nullptr : &f[it->second];
  };

  // Issues decided after the data were coded (no final act) take the regime of the latest
  // final act in the file: they cannot have been decided earlier than that.
  std::vector<std::vector<TextField>> rows(lines.size());
  std::optional<int> latest_final_act;
  for (std::size_t l = 1; l < lines.size(); ++l) {
    rows[l] = delimited_fields(lines[l], delimiter);
    if (rows[l].size() != header.size()) {
      fail(l + 1, 1, fmt::format("expected {} fields as in the header, found {}", header.size(), rows[l].size()));
      continue;
    }
    if (const auto* f = cell(rows[l], "finact"))
      if (const auto y = year_of(f->text)) latest_final_act = std::max(latest_final_act.value_or(*y), *y);
  }
  if (!problems.empty()) throw InputError(problems);

  Scenario sc;
  const std::string stem = std::filesystem::path(file_name).stem().string();
  sc.id = id_like(stem) ? stem : "deu";
  sc.name = fmt::format("DEU table {}", std::filesystem::path(file_name).filename().string());
  sc.description = "EU legislative decisions with expert-coded positions, saliences and outcomes (DEU format)";
  sc.notes.emplace_back("salience was given on 0..100 and divided by 100");
  sc.notes.emplace_back(capability_columns ? "capabilities from the table's c<actor> columns"
                                           : "capabilities: Council voting weight of the regime in force in the year of "
                                             "the final act; Commission and Parliament at the issue's largest member-state weight");
  std::map<std::string, std::size_t> actor_index;
  std::set<std::string> issue_ids;
  const std::set<std::string> known = {"out", "rp", "isnr", "prnr", "prname"};
  for (std::size_t l = 1; l < lines.size(); ++l) {
    const std::size_t line = l + 1;
    const auto& f = rows[l];
    if (std::all_of(f.begin(), f.end(), [](const TextField& x) { return x.text.empty(); })) continue;
    auto number = [&](const TextField& x, const char* what, double lo, double hi) -> std::optional<double> {
      const auto v = finite_number(x.text);
      if (!v || *v < lo || *v > hi) {
        fail(line, x.column, fmt::format("expected {} from {} to {}, found '{}'", what, lo, hi, x.text));
        return std::nullopt;
      }
      return v;
    };
    Issue issue;
    const auto* isnr = cell(f, "isnr");
    std::string id = isnr && id_like(isnr->text) ? isnr->text : fmt::format("issue{}", line);
    for (int k = 2; !issue_ids.insert(id).second; ++k) id = fmt::format("{}-{}", isnr ? isnr->text : "issue", k);
    issue.id = id;
    const auto* prname = cell(f, "prname");
    issue.name = prname && !prname->text.empty() ? fmt::format("{} ({})", prname->text, issue.id) : issue.id;
    if (const auto* prnr = cell(f, "prnr")) issue.proposal = prnr->text;
    std::string metadata;
    for (std::size_t c = 0; c < header.size(); ++c)
      if (!actor_cells.count(c) && !known.count(lower(header[c].text)) && !f[c].text.empty())
        metadata += fmt::format("{}{}={}", metadata.empty() ? "" : "; ", header[c].text, f[c].text);
    issue.description = metadata;
    issue.low_meaning = "0 on the DEU scale";
    issue.high_meaning = "100 on the DEU scale";
    const TextField& out = f[column.at("out")];
    if (!out.text.empty() && out.text != "999") issue.outcome = number(out, "an outcome ('out', or 999 for none)", 0, 100);
    if (const auto* rp = cell(f, "rp"); rp && !rp->text.empty() && rp->text != "999")
      issue.status_quo = number(*rp, "a reference point ('rp')", 0, 100);

    // The capability regime of this row, where the table gives no capability column.
    const CapabilityRegime* regime = nullptr;
    if (!capability_columns) {
      const auto* finact = cell(f, "finact");
      std::optional<int> year = finact ? year_of(finact->text) : std::nullopt;
      if (!year) year = latest_final_act;
      if (!year)
        if (const auto* intro = cell(f, "intro")) year = year_of(intro->text);
      if (!year) {
        fail(line, finact ? finact->column : 1,
             "expected a final-act date ('finact', dd-mm-yy) to choose the capability regime, or c<actor> columns");
        continue;
      }
      regime = capabilities.regime_in(*year);
      if (!regime) {
        fail(line, finact ? finact->column : 1, fmt::format("expected a capability regime covering {}, found none", *year));
        continue;
      }
    }
    struct Coded {
      std::string code;
      double position, salience;
      std::optional<double> capability;
    };
    std::vector<Coded> coded;
    for (const auto& a : actor_columns) {
      const TextField& p = f[a.position];
      const TextField& s = f[a.salience];
      if (p.text.empty()) continue;  // not coded (or not a member)
      const auto position = number(p, fmt::format("a position ('p{}')", a.code).c_str(), 0, 100);
      if (s.text.empty()) {
        fail(line, s.column, fmt::format("expected a salience ('s{}') where the position is given, found an empty field", a.code));
        continue;
      }
      const auto salience = number(s, fmt::format("a salience ('s{}')", a.code).c_str(), 0, 100);
      std::optional<double> capability;
      if (capability_columns) {
        if (!a.capability) {
          fail(line, p.column, fmt::format("expected a capability column 'c{}' (the table has capability columns)", a.code));
          continue;
        }
        capability = number(f[*a.capability], fmt::format("a capability ('c{}')", a.code).c_str(), 1e-12, max_capability);
        if (!capability) continue;
      } else if (!institution(a.code)) {
        const auto it = regime->capability.find(a.code);
        if (it == regime->capability.end()) {
          fail(line, p.column, fmt::format("expected a capability for '{}' in regime '{}', found none", a.code, regime->name));
          continue;
        }
        capability = it->second;
      }
      if (position && salience) coded.push_back({a.code, *position, *salience / 100.0, capability});
    }
    if (!capability_columns) {
      double largest = 0;
      for (const auto& c : coded)
        if (c.capability) largest = std::max(largest, *c.capability);
      for (auto& c : coded)
        if (!c.capability) {
          if (largest > 0) c.capability = largest;
          else fail(line, 1, fmt::format("expected a member state coded beside '{}' to give it a capability, found none", c.code));
        }
    }
    const std::size_t k = sc.issues.size();
    for (const auto& c : coded) {
      if (!c.capability) continue;
      auto [it, fresh] = actor_index.emplace(c.code, sc.actors.size());
      if (fresh) {
        Actor actor;
        actor.id = c.code;
        actor.name = actor_name(c.code);
        sc.actors.push_back(std::move(actor));
      }
      Stance st;
      st.actor = it->second;
      st.issue = k;
      st.position = c.position;
      st.salience = c.salience;
      st.capability = c.capability;
      sc.stances.push_back(std::move(st));
    }
    sc.issues.push_back(std::move(issue));
  }
  if (sc.issues.empty()) fail(lines.size() + 1, 1, "expected at least one issue row, found the end of the file");
  if (!problems.empty()) throw InputError(problems);
  std::sort(sc.stances.begin(), sc.stances.end(),
            [](const Stance& a, const Stance& b) { return std::tie(a.actor, a.issue) < std::tie(b.actor, b.issue); });
  return sc;
}

}  // namespace truce

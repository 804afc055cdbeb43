#include "truce/io/decide_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "truce/core/diagnostic.hpp"
#include "truce/core/source_scale.hpp"
#include "truce/io/delimited_text.hpp"
#include "truce/io/input_text.hpp"

namespace truce {

namespace {

// Decide's reader sniffs the dialect; these files use tabs, others ';' or ','.
char delimiter_of(std::string_view text) {
  if (text.find('\t') != std::string_view::npos) return '\t';
  if (text.find(';') != std::string_view::npos) return ';';
  return ',';
}

// Fields of one row: split at the delimiter outside quotes, trimmed, quotes removed.
std::vector<TextField> fields_of(std::string_view line, char delimiter) {
  std::vector<TextField> out;
  std::size_t k = 0;
  while (k <= line.size()) {
    std::size_t start = k;
    while (start < line.size() && (line[start] == ' ' || line[start] == '\r')) ++start;
    TextField f;
    f.column = static_cast<int>(start) + 1;
    std::size_t end = start;
    if (start < line.size() && (line[start] == '\'' || line[start] == '"')) {
      const char quote = line[start];
      const std::size_t close = line.find(quote, start + 1);
      if (close != std::string_view::npos) {
        f.text = std::string(line.substr(start + 1, close - start - 1));
        end = line.find(delimiter, close + 1);
        if (end == std::string_view::npos) end = line.size();
        out.push_back(std::move(f));
        k = end + 1;
        continue;
      }
    }
    end = line.find(delimiter, start);
    if (end == std::string_view::npos) end = line.size();
    f.text = trim_space(line.substr(start, end - start));
    out.push_back(std::move(f));
    k = end + 1;
  }
  while (!out.empty() && out.back().text.empty()) out.pop_back();  // trailing delimiters
  return out;
}

std::string to_id(const std::string& name, const char* fallback, std::size_t index) {
  std::string id;
  for (char ch : name) id += std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' ? ch : '-';
  while (!id.empty() && id.back() == '-') id.pop_back();
  if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0])))
    id = fmt::format("{}{}", fallback, index + 1) + (id.empty() ? "" : "-" + id);
  return id.substr(0, 64);
}

struct Row {
  std::size_t line = 0;
  std::vector<TextField> f;
};

}  // namespace

bool is_decide_text(std::string_view text) {
  for (const auto line : text_lines(text)) {
    if (trim_space(line).empty()) continue;
    const auto f = fields_of(line, delimiter_of(text));
    if (f.empty()) return false;
    const std::string& kind = f[0].text;
    return kind == "#A" || kind == "#P" || kind == "#M" || kind == "#D";
  }
  return false;
}

Scenario parse_decide_text(std::string_view text, const std::string& file_name) {
  check_input_text(text, file_name);
  DiagnosticList problems;
  auto fail = [&](std::size_t line, int column, std::string message) {
    problems.push_back({file_name, static_cast<int>(line), column, std::move(message)});
  };
  const char delimiter = delimiter_of(text);
  const auto lines = text_lines(text);

  struct ActorRow { std::string key, name, comment; };
  struct IssueRow { std::string key, name, description; std::vector<std::pair<double, std::string>> points; };
  struct StanceRow { std::size_t actor, issue; double position, salience, power; std::size_t line; int position_column; };
  std::vector<ActorRow> actors;
  std::vector<IssueRow> issues;
  std::map<std::string, std::size_t> actor_of, issue_of;
  std::vector<StanceRow> stances;
  std::set<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<Row> later;  // #M and #D rows, read once every #A and #P is known

  for (std::size_t l = 0; l < lines.size(); ++l) {
    const std::size_t line = l + 1;
    if (trim_space(lines[l]).empty()) continue;
    auto f = fields_of(lines[l], delimiter);
    const std::string kind = f.empty() ? "" : f[0].text;
    if (kind == "#A" || kind == "#P") {
      if (f.size() < 2 || f[1].text.empty()) {
        fail(line, f.size() < 2 ? static_cast<int>(lines[l].size()) + 1 : f[1].column,
             fmt::format("expected an {} id after {}, found {}", kind == "#A" ? "actor" : "issue", kind,
                         f.size() < 2 ? "the end of the line" : "an empty field"));
        continue;
      }
      const std::string key = f[1].text;
      const std::string name = f.size() > 2 && !f[2].text.empty() ? f[2].text : key;
      const std::string more = f.size() > 3 ? f[3].text : "";
      auto& index = kind == "#A" ? actor_of : issue_of;
      if (index.count(key)) {
        fail(line, f[1].column, fmt::format("expected each {} once, found '{}' a second time",
                                            kind == "#A" ? "actor" : "issue", key));
        continue;
      }
      if (kind == "#A") {
        index[key] = actors.size();
        actors.push_back({key, name, more});
      } else {
        index[key] = issues.size();
        issues.push_back({key, name, more, {}});
      }
    } else if (kind == "#M" || kind == "#D") {
      later.push_back({line, std::move(f)});
    } else {
      fail(line, f.empty() ? 1 : f[0].column,
           fmt::format("expected a row starting with #A, #P, #M or #D, found '{}'", kind));
    }
  }
  for (const Row& row : later) {
    const auto& f = row.f;
    if (f[0].text == "#M") {
      if (f.size() < 3) {
        fail(row.line, f.back().column, fmt::format("expected #M, an issue id and a value, found {} fields", f.size()));
        continue;
      }
      const auto issue = issue_of.find(f[1].text);
      if (issue == issue_of.end()) {
        fail(row.line, f[1].column, fmt::format("expected an issue declared by a #P row, found '{}'", f[1].text));
        continue;
      }
      const auto v = finite_number(f[2].text);
      if (!v) {
        fail(row.line, f[2].column, fmt::format("expected a scale value (a finite number), found '{}'", f[2].text));
        continue;
      }
      issues[issue->second].points.emplace_back(*v, f.size() > 3 && !f[3].text.empty() ? f[3].text : f[2].text);
      continue;
    }
    if (f.size() != 6) {
      fail(row.line, f.size() > 6 ? f[6].column : 1,
           fmt::format("expected 6 fields (#D, actor, issue, position, salience, power), found {}", f.size()));
      continue;
    }
    const auto actor = actor_of.find(f[1].text);
    const auto issue = issue_of.find(f[2].text);
    if (actor == actor_of.end())
      fail(row.line, f[1].column, fmt::format("expected an actor declared by an #A row, found '{}'", f[1].text));
    if (issue == issue_of.end())
      fail(row.line, f[2].column, fmt::format("expected an issue declared by a #P row, found '{}'", f[2].text));
    const char* what[] = {"a position", "a salience", "a power"};
    double values[3] = {0, 0, 0};
    bool ok = actor != actor_of.end() && issue != issue_of.end();
    for (int k = 0; k < 3; ++k) {
      const auto v = finite_number(f[3 + k].text);
      if (!v) {
        fail(row.line, f[3 + k].column, fmt::format("expected {} (a finite number), found '{}'", what[k], f[3 + k].text));
        ok = false;
      } else {
        values[k] = *v;
      }
    }
    if (!ok) continue;
    if (values[1] < 0 || values[1] > 100) {
      fail(row.line, f[4].column, fmt::format("expected a salience between 0 and 1 (or 0 and 100), found '{}'", f[4].text));
      continue;
    }
    if (values[2] < 0 || values[2] > max_capability) {
      fail(row.line, f[5].column, fmt::format("expected a power of at least 0, found '{}'", f[5].text));
      continue;
    }
    if (!pairs.emplace(actor->second, issue->second).second) {
      fail(row.line, f[1].column, fmt::format("expected one #D row per actor and issue, found a second for '{}' on '{}'",
                                             f[1].text, f[2].text));
      continue;
    }
    stances.push_back({actor->second, issue->second, values[0], values[1], values[2], row.line, f[3].column});
  }
  if (actors.empty()) fail(lines.empty() ? 1 : lines.size(), 1, "expected at least one #A row (an actor), found none");
  if (issues.empty()) fail(lines.empty() ? 1 : lines.size(), 1, "expected at least one #P row (an issue), found none");
  if (!problems.empty()) throw InputError(problems);

  // rule 1: lower = the smallest #M, upper = the largest (0 and 100 without #M rows).
  std::vector<double> lower(issues.size(), 0.0), upper(issues.size(), 100.0);
  for (std::size_t k = 0; k < issues.size(); ++k) {
    if (issues[k].points.empty()) continue;
    lower[k] = upper[k] = issues[k].points.front().first;
    for (const auto& [v, label] : issues[k].points) lower[k] = std::min(lower[k], v), upper[k] = std::max(upper[k], v);
    if (!(upper[k] > lower[k]))
      fail(1, 1, fmt::format("expected the #M values of issue '{}' to span a range, found only {}", issues[k].key, lower[k]));
  }
  for (const auto& s : stances)
    if (s.position < lower[s.issue] || s.position > upper[s.issue])
      fail(s.line, s.position_column, fmt::format("expected a position on issue '{}' between {} and {}, found {}",
                                                  issues[s.issue].key, lower[s.issue], upper[s.issue], s.position));
  if (!problems.empty()) throw InputError(problems);

  const bool fractions = std::all_of(stances.begin(), stances.end(), [](const StanceRow& s) { return s.salience <= 1; });
  Scenario sc;
  sc.name = std::filesystem::path(file_name).stem().string();
  sc.description = "Decide exchange-model input (#A actors, #P issues, #M scale points, #D actor-issue rows)";
  if (!fractions) sc.notes.emplace_back("salience was given on 0..100 and divided by 100");
  std::set<std::string> ids;
  auto unique = [&](std::string id) {
    const std::string base = id;
    for (int k = 2; !ids.insert(id).second; ++k) id = fmt::format("{}-{}", base, k);
    return id;
  };
  for (std::size_t k = 0; k < issues.size(); ++k) {
    Issue issue;
    issue.id = unique(to_id(issues[k].key, "issue", k));
    issue.name = issues[k].name;
    issue.description = issues[k].description;
    const double factor = 100.0 / (upper[k] - lower[k]);  // Decide's step size
    issue.low_meaning = fmt::format("{} on the issue's own scale", lower[k]);
    issue.high_meaning = fmt::format("{} on the issue's own scale", upper[k]);
    if (lower[k] != 0 || upper[k] != 100)
      sc.notes.push_back(source_scale_note(issue.id, fmt::format("{}", lower[k]), fmt::format("{}", upper[k])));
    std::set<double> seen;
    auto points = issues[k].points;
    std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [v, label] : points) {
      if (!seen.insert(v).second) continue;
      issue.points.push_back({fmt::format("scale-{}", v), label, (v - lower[k]) * factor});
    }
    sc.issues.push_back(std::move(issue));
  }
  ids.clear();
  for (std::size_t a = 0; a < actors.size(); ++a) {
    Actor actor;
    actor.id = unique(to_id(actors[a].key, "actor", a));
    actor.name = actors[a].name;
    actor.description = actors[a].comment;
    double lo = max_capability, hi = 0;
    for (const auto& s : stances)
      if (s.actor == a) lo = std::min(lo, s.power), hi = std::max(hi, s.power);
    actor.capability = hi > 0 ? hi : 1.0;
    sc.actors.push_back(std::move(actor));
  }
  std::vector<bool> uniform(actors.size(), true);
  for (const auto& s : stances)
    if (s.power != sc.actors[s.actor].capability) uniform[s.actor] = false;
  auto sorted = stances;
  std::sort(sorted.begin(), sorted.end(),
            [](const StanceRow& a, const StanceRow& b) { return std::pair(a.actor, a.issue) < std::pair(b.actor, b.issue); });
  for (const auto& r : sorted) {
    Stance s;
    s.actor = r.actor;
    s.issue = r.issue;
    s.position = (r.position - lower[r.issue]) * (100.0 / (upper[r.issue] - lower[r.issue]));  // rule 1
    s.salience = fractions ? r.salience : r.salience / 100.0;
    if (!uniform[r.actor]) s.capability = r.power;
    sc.stances.push_back(std::move(s));
  }
  if (std::find(uniform.begin(), uniform.end(), false) != uniform.end())
    sc.notes.emplace_back("power differs across issues for some actors: their stances carry it");
  return sc;
}

}  // namespace truce

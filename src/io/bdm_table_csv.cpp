#include "truce/io/bdm_table_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>

#include "truce/core/diagnostic.hpp"
#include "truce/io/delimited_text.hpp"
#include "truce/io/input_text.hpp"

namespace truce {

namespace {

constexpr std::string_view scaled_note = "positions were given on 0..10 and multiplied by 10";
constexpr std::string_view header_fields[] = {"actor", "capability", "position", "salience"};

bool is_header(std::string_view line) {
  if (line.size() >= 3 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // UTF-8 BOM
  const auto f = comma_fields(line);
  if (f.size() != 4) return false;
  for (std::size_t i = 0; i < 4; ++i) {
    std::string lower = f[i].text;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower != header_fields[i]) return false;
  }
  return true;
}

std::string to_id(const std::string& name, std::size_t index) {
  std::string id;
  for (char ch : name) id += std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' ? ch : '-';
  while (!id.empty() && id.back() == '-') id.pop_back();
  if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0])))
    id = fmt::format("actor{}", index + 1) + (id.empty() ? "" : "-" + id);
  return id.substr(0, 64);
}

}  // namespace

bool is_bdm_table_csv(std::string_view text) {
  const auto end = text.find('\n');
  auto first = text.substr(0, end);
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  return is_header(first);
}

double bdm_table_position_factor(const Scenario& scenario) {
  return std::find(scenario.notes.begin(), scenario.notes.end(), std::string(scaled_note)) != scenario.notes.end() ? 10.0
                                                                                                                  : 1.0;
}

Scenario parse_bdm_table_csv(std::string_view text, const std::string& file_name) {
  check_input_text(text, file_name);
  DiagnosticList problems;
  auto fail = [&](std::size_t line, int column, std::string message) {
    problems.push_back({file_name, static_cast<int>(line), column, std::move(message)});
  };
  const auto lines = text_lines(text);
  if (lines.empty() || !is_header(lines[0])) {
    fail(1, 1, fmt::format("expected the header 'Actor,Capability,Position,Salience', found '{}'",
                           lines.empty() ? "" : trim_space(lines[0])));
    throw InputError(problems);
  }
  if (lines.size() < 2) {
    fail(2, 1, "expected at least one actor line, found the end of the file");
    throw InputError(problems);
  }

  struct Row {
    std::string name;
    double capability = 1, position = 0, salience = 0;
    std::size_t line = 0;
    int position_column = 1, salience_column = 1;
  };
  std::vector<Row> rows;
  // truce's extension: a last line "Outcome,,<position>," gives the outcome reached (for
  // truce backtest), on the same scale as the positions.
  std::optional<double> outcome;
  std::size_t last = lines.size();
  if (lines.size() > 2) {
    const auto f = comma_fields(lines.back());
    std::string first = f.empty() ? "" : f[0].text;
    for (auto& ch : first) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (first == "outcome") {
      --last;
      const auto v = f.size() >= 3 ? finite_number(f[2].text) : std::nullopt;
      if (!v || *v < 0 || *v > 100)
        fail(lines.size(), f.size() >= 3 ? f[2].column : 1,
             fmt::format("expected the outcome's position (0..100, or 0..10 with the table) in the third field, found '{}'",
                         f.size() >= 3 ? f[2].text : ""));
      else
        outcome = *v;
    }
  }
  for (std::size_t l = 1; l < last; ++l) {
    const std::size_t line = l + 1;
    if (trim_space(lines[l]).empty()) {
      fail(line, 1, "expected an actor line (actor, capability, position, salience), found an empty line");
      continue;
    }
    const auto f = comma_fields(lines[l]);
    if (f.size() != 4) {
      fail(line, 1, fmt::format("expected 4 fields (actor, capability, position, salience), found {}", f.size()));
      continue;
    }
    Row row;
    row.line = line;
    row.name = f[0].text;
    if (row.name.empty()) fail(line, f[0].column, "expected an actor name, found an empty field");
    const char* what[] = {"", "a capability", "a position", "a salience"};
    double values[4] = {0, 0, 0, 0};
    bool ok = true;
    for (int k = 1; k < 4; ++k) {
      const auto v = finite_number(f[k].text);
      if (!v) {
        fail(line, f[k].column, fmt::format("expected {} (a finite number), found '{}'", what[k], f[k].text));
        ok = false;
      } else {
        values[k] = *v;
      }
    }
    if (!ok) continue;
    if (!(values[1] > 0)) fail(line, f[1].column, fmt::format("expected a capability greater than 0, found '{}'", f[1].text));
    if (values[2] < 0 || values[2] > 100)
      fail(line, f[2].column, fmt::format("expected a position between 0 and 100, found '{}'", f[2].text));
    if (values[3] < 0 || values[3] > 100)
      fail(line, f[3].column, fmt::format("expected a salience between 0 and 1 (or 0 and 100), found '{}'", f[3].text));
    row.capability = values[1];
    row.position = values[2];
    row.salience = values[3];
    row.position_column = f[2].column;
    row.salience_column = f[3].column;
    rows.push_back(row);
  }
  if (!problems.empty()) throw InputError(problems);

  const bool tenths = std::all_of(rows.begin(), rows.end(), [](const Row& r) { return r.position <= 10; });
  const bool fractions = std::all_of(rows.begin(), rows.end(), [](const Row& r) { return r.salience <= 1; });
  const double factor = tenths ? 10.0 : 1.0;

  Scenario sc;
  sc.name = std::filesystem::path(file_name).stem().string();
  sc.description = "Expected-utility actor table (actor, capability, position, salience)";
  if (tenths) sc.notes.emplace_back(scaled_note);
  if (!fractions) sc.notes.emplace_back("salience was given on 0..100 and divided by 100");
  Issue issue;
  issue.id = "issue";
  issue.name = "Position";
  issue.low_meaning = "0 on the table's scale";
  issue.high_meaning = tenths ? "10 on the table's scale (positions multiplied by 10)" : "100 on the table's scale";
  std::set<double> distinct;
  for (const auto& r : rows) distinct.insert(r.position);
  for (double v : distinct)
    issue.points.push_back({fmt::format("table-{}", v), fmt::format("{} (table)", v), v * factor});
  if (outcome) issue.outcome = *outcome * factor;
  sc.issues.push_back(std::move(issue));

  std::set<std::string> ids;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Actor a;
    a.name = rows[i].name;
    std::string id = to_id(a.name, i);
    for (int k = 2; !ids.insert(id).second; ++k) id = fmt::format("{}-{}", to_id(a.name, i), k);
    a.id = id;
    a.capability = rows[i].capability;
    sc.actors.push_back(std::move(a));
    Stance s;
    s.actor = i;
    s.issue = 0;
    s.position = rows[i].position * factor;
    s.salience = fractions ? rows[i].salience : rows[i].salience / 100.0;
    sc.stances.push_back(std::move(s));
  }
  return sc;
}

}  // namespace truce

#include "truce/io/actor_table_csv.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

#include "truce/core/diagnostic.hpp"
#include "truce/io/delimited_text.hpp"
#include "truce/io/input_text.hpp"

namespace truce {

namespace {

// A name made into an id: letters, digits, '-', '_' kept, anything else becomes '-'.
std::string to_id(const std::string& name, const std::string& fallback) {
  std::string id;
  for (char c : name) id += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '-';
  while (!id.empty() && id.back() == '-') id.pop_back();
  if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0]))) id = fallback + (id.empty() ? "" : "-" + id);
  return id.substr(0, 64);
}

std::string unique(std::string id, std::set<std::string>& taken) {
  const std::string base = id;
  for (int k = 2; !taken.insert(id).second; ++k) id = fmt::format("{}-{}", base, k);
  return id;
}

class ActorTableParser {
 public:
  explicit ActorTableParser(std::string file) : file_(std::move(file)) {}

  Scenario parse(std::string_view text) {
    const std::vector<std::string_view> lines = text_lines(text);

    if (lines.empty()) {
      fail(1, 1, "expected an actor table, found only blank space");
      throw InputError(problems_);
    }
    const auto head = comma_fields(lines[0]);
    if (head.size() < 4) {
      fail(1, 1, fmt::format("expected 'name, description, number of actors, number of dimensions', found {} fields",
                             head.size()));
      throw InputError(problems_);
    }
    const auto n_actors = count(head[2], 1, "the number of actors", 1, 10000);
    const auto n_dims = count(head[3], 1, "the number of dimensions", 1, 1000);
    if (!n_actors || !n_dims) throw InputError(problems_);

    Scenario sc;
    sc.name = head[0].text;
    sc.description = head[1].text;
    sc.notes.push_back("read from a KTAB actor table: salience given on 0..100, divided by 100");

    if (lines.size() < 2) {
      fail(2, 1, "expected the header line, found the end of the file");
      throw InputError(problems_);
    }
    const auto header = comma_fields(lines[1]);
    const std::size_t width = 3 + 2 * *n_dims;
    if (header.size() < width)
      fail(2, 1, fmt::format("expected {} header fields (actor, description, capability, then position and salience "
                             "for {} dimensions), found {}",
                             width, *n_dims, header.size()));
    std::set<std::string> issue_ids;
    for (std::size_t d = 0; d < *n_dims; ++d) {
      Issue issue;
      const std::size_t col = 3 + 2 * d;
      issue.name = col < header.size() && !header[col].text.empty() ? header[col].text : fmt::format("Dimension {}", d + 1);
      issue.id = unique(to_id(issue.name, fmt::format("dim{}", d + 1)), issue_ids);
      issue.low_meaning = "0 on the actor table's scale";
      issue.high_meaning = "100 on the actor table's scale";
      sc.issues.push_back(std::move(issue));
    }

    // truce's extension: a last line "Outcome,<anything>,,<position 1>,,<position 2>,..." gives
    // the outcome reached on each dimension (for truce backtest); KTAB itself has no such line.
    std::vector<std::string_view> body(lines.begin(), lines.end());
    if (body.size() == 3 + *n_actors && is_outcome_line(body.back())) {
      outcome(sc, comma_fields(body.back()), body.size(), width);
      body.pop_back();
    }
    const std::size_t expected_lines = 2 + *n_actors;
    if (body.size() != expected_lines)
      fail(std::min(body.size(), expected_lines) + 1, 1,
           fmt::format("expected {} actor lines (as line 1 says), found {}", *n_actors,
                       body.size() >= 2 ? body.size() - 2 : 0));
    std::set<std::string> actor_ids;
    for (std::size_t i = 0; i < *n_actors && 2 + i < body.size(); ++i) actor(sc, comma_fields(body[2 + i]), 3 + i, width, actor_ids);

    if (!problems_.empty()) throw InputError(problems_);
    return sc;
  }

 private:
  std::string file_;
  DiagnosticList problems_;

  void fail(std::size_t line, int column, std::string message) {
    problems_.push_back({file_, static_cast<int>(line), column, std::move(message)});
  }

  std::optional<std::size_t> count(const TextField& f, std::size_t line, std::string_view what, double lo, double hi) {
    const auto v = finite_number(f.text);
    if (!v || *v != std::floor(*v) || *v < lo || *v > hi) {
      fail(line, f.column, fmt::format("expected {} (a whole number from {} to {}), found '{}'", what, lo, hi, f.text));
      return std::nullopt;
    }
    return static_cast<std::size_t>(*v);
  }

  std::optional<double> number(const TextField& f, std::size_t line, std::string_view what, double lo, double hi) {
    const auto v = finite_number(f.text);
    if (!v) {
      fail(line, f.column, fmt::format("expected {} (a finite number), found '{}'", what, f.text));
      return std::nullopt;
    }
    if (*v < lo || *v > hi) {
      fail(line, f.column, fmt::format("expected {} between {} and {}, found '{}'", what, lo, hi, f.text));
      return std::nullopt;
    }
    return v;
  }

  static bool is_outcome_line(std::string_view line) {
    const auto f = comma_fields(line);
    std::string first = f.empty() ? "" : f[0].text;
    for (auto& c : first) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return first == "outcome";
  }

  // The outcome line: a position per dimension (empty: none), capability and saliences empty.
  void outcome(Scenario& sc, const std::vector<TextField>& f, std::size_t line, std::size_t width) {
    // The last salience field is empty on this line, and a trailing empty field is dropped.
    if (f.size() != width && f.size() + 1 != width) {
      fail(line, 1, fmt::format("expected {} fields on the outcome line (as on an actor line), found {}", width, f.size()));
      return;
    }
    for (std::size_t d = 0; d < sc.issues.size(); ++d)
      if (!f[3 + 2 * d].text.empty())
        sc.issues[d].outcome = number(f[3 + 2 * d], line, "an outcome position", scale_min, scale_max);
  }

  void actor(Scenario& sc, const std::vector<TextField>& f, std::size_t line, std::size_t width, std::set<std::string>& ids) {
    if (f.size() != width) {
      fail(line, 1, fmt::format("expected {} fields (actor, description, capability, then position and salience per "
                                "dimension), found {}",
                                width, f.size()));
      return;
    }
    Actor a;
    a.name = f[0].text;
    if (a.name.empty()) fail(line, f[0].column, "expected an actor name, found an empty field");
    a.id = unique(to_id(a.name, fmt::format("actor{}", sc.actors.size() + 1)), ids);
    a.description = f[1].text;
    if (const auto c = number(f[2], line, "the capability", 0, max_capability)) {
      if (*c <= 0) fail(line, f[2].column, fmt::format("expected a capability greater than 0, found '{}'", f[2].text));
      a.capability = *c;
    }
    const std::size_t actor_index = sc.actors.size();
    sc.actors.push_back(std::move(a));
    double salience_sum = 0;
    for (std::size_t d = 0; d < sc.issues.size(); ++d) {
      Stance s;
      s.actor = actor_index;
      s.issue = d;
      s.position = number(f[3 + 2 * d], line, "a position", scale_min, scale_max).value_or(0);
      const auto salience = number(f[4 + 2 * d], line, "a salience", 0, 100);
      s.salience = salience.value_or(0) / 100.0;
      salience_sum += salience.value_or(0);
      sc.stances.push_back(std::move(s));
    }
    if (salience_sum > 100 + 1e-9)
      fail(line, f[4].column,
           fmt::format("expected the actor's saliences to sum to at most 100 (KTAB's rule), found {}", salience_sum));
  }
};

}  // namespace

Scenario parse_actor_table_csv(std::string_view text, const std::string& file_name) {
  check_input_text(text, file_name);
  return ActorTableParser(file_name).parse(text);
}

}  // namespace truce

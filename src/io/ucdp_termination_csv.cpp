#include "truce/io/ucdp_termination_csv.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>

#include "truce/core/diagnostic.hpp"
#include "truce/io/delimited_text.hpp"
#include "truce/io/input_text.hpp"

namespace truce {

namespace {

using history::ConflictEpisode;
using history::ConflictType;
using history::Day;
using history::Ending;

// The columns read, by header name.
enum Column { episode_id, conflict_id, year, location, side_a, side_b, type, confterm, end_date, outcome, start_date,
              column_count };
constexpr std::array<const char*, column_count> column_names = {
    "conflictep_id", "conflict_id", "year", "location", "side_a", "side_b", "type_of_conflict2", "confterm",
    "ependdate", "outcome", "start_date2"};

// The largest day number: 9999-12-31.
constexpr std::int64_t last_day = 2958465;

struct Row {
  std::size_t line = 0;
  std::int64_t episode = 0, conflict = 0;
  int year = 0;
  std::string location, side_a, side_b;
  ConflictType type = ConflictType::interstate;
  bool ends = false;
  std::optional<Day> end;
  Ending ending = Ending::ongoing;
  Day start = 0;
  int start_column = 1;
};

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  void fail(std::size_t line, int column, std::string message) {
    problems_.push_back({file_, static_cast<int>(line), column, std::move(message)});
  }
  const DiagnosticList& problems() const { return problems_; }

  // A whole number in [lo, hi] in the field, or nullopt (and a problem).
  std::optional<std::int64_t> whole(const TextField& f, std::size_t line, const char* name, std::int64_t lo,
                                    std::int64_t hi) {
    std::int64_t v = 0;
    const char* b = f.text.data();
    const char* e = b + f.text.size();
    const auto [ptr, ec] = std::from_chars(b, e, v);
    if (f.text.empty() || ec != std::errc() || ptr != e) {
      fail(line, f.column, fmt::format("expected '{}' as a whole number, found '{}'", name, f.text));
      return std::nullopt;
    }
    if (v < lo || v > hi) {
      fail(line, f.column, fmt::format("expected '{}' from {} to {}, found {}", name, lo, hi, v));
      return std::nullopt;
    }
    return v;
  }

 private:
  std::string file_;
  DiagnosticList problems_;
};

}  // namespace

history::TerminationData parse_ucdp_termination_csv(std::string_view text, const std::string& file_name) {
  check_input_text(text, file_name);
  Reader in(file_name);
  const auto lines = text_lines(text);
  std::string_view header_line = lines.empty() ? std::string_view() : lines[0];
  if (header_line.size() >= 3 && header_line.substr(0, 3) == "\xEF\xBB\xBF") header_line.remove_prefix(3);  // BOM
  const auto header = comma_fields(header_line);
  std::array<std::size_t, column_count> at{};
  for (std::size_t c = 0; c < column_count; ++c) {
    std::optional<std::size_t> found;
    for (std::size_t k = 0; k < header.size(); ++k)
      if (header[k].text == column_names[c]) found = k;
    if (found) at[c] = *found;
    else in.fail(1, 1, fmt::format("expected a column '{}' in the header (the UCDP Conflict Termination Dataset, "
                                   "conflict level), found none", column_names[c]));
  }
  if (!in.problems().empty()) throw InputError(in.problems());
  if (lines.size() < 2) {
    in.fail(2, 1, "expected at least one conflict-year row after the header, found the end of the file");
    throw InputError(in.problems());
  }

  std::vector<Row> rows;
  int last_year = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::size_t line = i + 1;
    auto f = comma_fields(lines[i]);
    // comma_fields drops an empty last field: a row whose last column is empty ends in a comma.
    const std::string tail = trim_space(lines[i]);
    if (f.size() + 1 == header.size() && !tail.empty() && tail.back() == ',')
      f.push_back({"", static_cast<int>(lines[i].size()) + 1});
    if (f.size() != header.size()) {
      in.fail(line, 1, fmt::format("expected {} fields as in the header, found {}", header.size(), f.size()));
      continue;
    }
    const std::size_t before = in.problems().size();
    Row r;
    r.line = line;
    r.episode = in.whole(f[at[episode_id]], line, column_names[episode_id], 1, INT64_MAX / 2).value_or(0);
    r.conflict = in.whole(f[at[conflict_id]], line, column_names[conflict_id], 1, INT64_MAX / 2).value_or(0);
    r.year = static_cast<int>(in.whole(f[at[year]], line, column_names[year], 1, 9999).value_or(0));
    r.location = f[at[location]].text;
    r.side_a = f[at[side_a]].text;
    r.side_b = f[at[side_b]].text;
    r.type = static_cast<ConflictType>(in.whole(f[at[type]], line, column_names[type], 1, 4).value_or(2));
    r.ends = in.whole(f[at[confterm]], line, column_names[confterm], 0, 1).value_or(0) == 1;
    const TextField& end = f[at[end_date]];
    const TextField& how = f[at[outcome]];
    if (r.ends) {
      if (const auto d = in.whole(end, line, column_names[end_date], 1, last_day)) r.end = static_cast<Day>(*d);
      if (const auto o = in.whole(how, line, column_names[outcome], 1, 6)) r.ending = static_cast<Ending>(*o);
    } else {
      // A year the episode goes on has no end and no outcome.
      if (!end.text.empty())
        in.fail(line, end.column, fmt::format("expected no 'ependdate' in a year the episode goes on (confterm 0), "
                                              "found '{}'", end.text));
      if (!how.text.empty())
        in.fail(line, how.column, fmt::format("expected no 'outcome' in a year the episode goes on (confterm 0), "
                                              "found '{}'", how.text));
    }
    r.start = static_cast<Day>(in.whole(f[at[start_date]], line, column_names[start_date], 1, last_day).value_or(1));
    r.start_column = f[at[start_date]].column;
    if (r.end && *r.end < r.start)
      in.fail(line, end.column, fmt::format("expected the episode's end ({}) on or after its start ({}), found it before",
                                            history::iso_date(*r.end), history::iso_date(r.start)));
    if (in.problems().size() != before) continue;
    last_year = std::max(last_year, r.year);
    rows.push_back(std::move(r));
  }

  // A row that did not read would make the episodes' checks report its neighbours.
  if (!in.problems().empty()) throw InputError(in.problems());

  // Rows into episodes: those of one id and one start, together, in increasing years.
  history::TerminationData data;
  data.source = file_name;
  std::map<std::int64_t, std::size_t> open;  // episode id -> index in data.episodes of its latest episode
  std::map<std::int64_t, bool> closed;       // whether that episode has ended
  const Row* previous = nullptr;
  for (const auto& r : rows) {
    const bool continues = previous && previous->episode == r.episode && previous->start == r.start;
    if (continues) {
      ConflictEpisode& e = data.episodes.back();
      if (closed[r.episode])
        in.fail(r.line, 1, fmt::format("expected no row of episode {} after the row that ends it (line {}), found "
                                       "year {}", r.episode, previous->line, r.year));
      else if (r.year <= e.last_year)
        in.fail(r.line, 1, fmt::format("expected the years of episode {} in increasing order, found {} after {}",
                                       r.episode, r.year, e.last_year));
      else if (r.conflict != e.conflict_id || r.type != e.type)
        in.fail(r.line, 1, fmt::format("expected every row of episode {} with conflict {} and type {}, found conflict "
                                       "{} and type {}", r.episode, e.conflict_id, static_cast<int>(e.type), r.conflict,
                                       static_cast<int>(r.type)));
      e.last_year = r.year;
    } else {
      if (const auto known = open.find(r.episode); known != open.end()) {
        const ConflictEpisode& earlier = data.episodes[known->second];
        if (r.start == earlier.start)
          in.fail(r.line, 1, fmt::format("expected the rows of episode {} together, found this one after rows of "
                                         "another episode", r.episode));
        else if (!closed[r.episode])
          in.fail(r.line, r.start_column,
                  fmt::format("expected episode {} to go on from its start on {} (its rows together), found a row "
                              "starting on {} while it has not ended", r.episode, history::iso_date(earlier.start),
                              history::iso_date(r.start)));
        else if (r.start <= *earlier.end)
          in.fail(r.line, r.start_column,
                  fmt::format("expected a new episode under id {} to start after the earlier one ended ({}), found "
                              "a start on {}", r.episode, history::iso_date(*earlier.end), history::iso_date(r.start)));
      }
      ConflictEpisode e;
      e.episode_id = r.episode;
      e.conflict_id = r.conflict;
      e.type = r.type;
      e.location = r.location;
      e.side_a = r.side_a;
      e.side_b = r.side_b;
      e.first_year = e.last_year = r.year;
      e.start = r.start;
      open[r.episode] = data.episodes.size();
      closed[r.episode] = false;
      data.episodes.push_back(std::move(e));
    }
    if (r.ends) {
      data.episodes.back().end = r.end;
      data.episodes.back().ending = r.ending;
      closed[r.episode] = true;
    }
    previous = &r;
  }
  if (!in.problems().empty()) throw InputError(in.problems());
  // The data cover every year up to the last one in the file: an ongoing episode is seen
  // until its 31 December.
  data.observed_until = *history::day_of(last_year, 12, 31);
  return data;
}

history::TerminationData load_ucdp_termination_csv(const std::string& path) {
  return parse_ucdp_termination_csv(read_input_file(path), path);
}

}  // namespace truce

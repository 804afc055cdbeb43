#include "truce/store/json_diff.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <set>

namespace truce {

namespace {

using json = nlohmann::json;

// RFC 6901: '~' is written "~0" and '/' "~1" inside a reference token.
std::string escape_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

// The keys that name an array item, in the order they are tried (docs/run-store.md, "runs diff").
constexpr std::array<const char*, 7> identity_keys{"id", "name", "issue", "constraint", "actor", "model", "parameter"};

// An item's identity: its `key`, a string or an integer.
bool is_identity(const json& v) { return v.is_string() || v.is_number_integer() || v.is_number_unsigned(); }

// Whether every item of `list` is an object whose `key` is an identity, each one different.
bool identifies(const json& list, const std::string& key) {
  std::set<std::string> seen;
  for (const auto& item : list) {
    if (!item.is_object()) return false;
    const auto it = item.find(key);
    if (it == item.end() || !is_identity(*it) || !seen.insert(it->dump()).second) return false;
  }
  return true;
}

// The first identity key both lists are identified by; none (index by index) otherwise, and
// for two empty lists, which have nothing to line up.
std::optional<std::string> identity_key(const json& a, const json& b) {
  if (a.empty() && b.empty()) return std::nullopt;
  for (const char* key : identity_keys)
    if (identifies(a, key) && identifies(b, key)) return std::string(key);
  return std::nullopt;
}

const json* find_item(const json& list, const std::string& key, const json& value) {
  for (const auto& item : list)
    if (item.at(key) == value) return &item;
  return nullptr;
}

// "KEY=VALUE" names the item in a path, in place of its index (escaped as a JSON Pointer token).
std::string item_token(const std::string& key, const json& item) {
  const json& v = item.at(key);
  return escape_token(key + "=" + (v.is_string() ? v.get<std::string>() : v.dump()));
}

bool same_kind(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return true;  // 1 and 1.5 are both numbers
  return a.type() == b.type();
}

void differences(const json& a, const json& b, const std::string& path, std::vector<JsonChange>& out,
                 bool stop_at_first) {
  if (stop_at_first && !out.empty()) return;
  if (a.is_object() && b.is_object()) {
    auto ia = a.begin(), ib = b.begin();
    while (ia != a.end() || ib != b.end()) {
      if (stop_at_first && !out.empty()) return;
      if (ib == b.end() || (ia != a.end() && ia.key() < ib.key())) {
        out.push_back({path + "/" + escape_token(ia.key()), *ia, std::nullopt});
        ++ia;
      } else if (ia == a.end() || ib.key() < ia.key()) {
        out.push_back({path + "/" + escape_token(ib.key()), std::nullopt, *ib});
        ++ib;
      } else {
        differences(*ia, *ib, path + "/" + escape_token(ia.key()), out, stop_at_first);
        ++ia;
        ++ib;
      }
    }
    return;
  }
  if (a.is_array() && b.is_array()) {
    if (const auto key = identity_key(a, b)) {
      // Items with an identity are lined up by it (docs/run-store.md, "runs diff"): a list
      // sorted by a figure can put a different item first in each run.
      std::vector<std::string> order_before, order_after;
      for (const auto& item : a) {
        if (stop_at_first && !out.empty()) return;
        const std::string at = path + "/" + item_token(*key, item);
        const json* match = find_item(b, *key, item[*key]);
        if (!match) {
          out.push_back({at, item, std::nullopt});
          continue;
        }
        order_before.push_back(item_token(*key, item));
        differences(item, *match, at, out, stop_at_first);
      }
      for (const auto& item : b) {
        if (stop_at_first && !out.empty()) return;
        if (!find_item(a, *key, item[*key])) out.push_back({path + "/" + item_token(*key, item), std::nullopt, item});
        else order_after.push_back(item_token(*key, item));
      }
      // The same items in another order are different bytes: say so once, at the list itself,
      // so `runs rerun` can always name where two results differ.
      if (order_before != order_after && (!stop_at_first || out.empty())) out.push_back({path, json(order_before), json(order_after)});
      return;
    }
    const std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (stop_at_first && !out.empty()) return;
      const std::string at = path + "/" + std::to_string(i);
      if (i >= b.size())
        out.push_back({at, a[i], std::nullopt});
      else if (i >= a.size())
        out.push_back({at, std::nullopt, b[i]});
      else
        differences(a[i], b[i], at, out, stop_at_first);
    }
    return;
  }
  // Scalars, or a change of type. Compared by their text, so that whatever makes the canonical
  // bytes differ (1 vs 1.0, -0.0 vs 0.0) is found as a difference too.
  if (!same_kind(a, b) || a.dump() != b.dump()) out.push_back({path, a, b});
}

// Leaves are named as differences name them: an array item by its identity where it has one.
void leaves(const json& value, const std::string& path, bool numbers_only, std::vector<ResultFigure>& out) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it)
      leaves(*it, path + "/" + escape_token(it.key()), numbers_only, out);
  } else if (value.is_array()) {
    const auto key = identity_key(value, value);
    for (std::size_t i = 0; i < value.size(); ++i)
      leaves(value[i], path + "/" + (key ? item_token(*key, value[i]) : std::to_string(i)), numbers_only, out);
  } else if (!numbers_only || value.is_number()) {
    if (!value.is_null() || !numbers_only) {
      const std::string name = path.empty() ? path : path.substr(1);
      out.push_back({name, name, value, ""});
    }
  }
}

// A declared headline of this truce: [{"name", "label", "value", "unit"}, ...].
bool is_figure_list(const json& headline) {
  if (!headline.is_array()) return false;
  for (const auto& f : headline)
    if (!f.is_object() || !f.contains("name") || !f["name"].is_string() || !f.contains("value")) return false;
  return true;
}

std::string text_of(const json& j, const char* key, const std::string& otherwise) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : otherwise;
}

}  // namespace

std::vector<JsonChange> json_differences(const json& before, const json& after) {
  std::vector<JsonChange> out;
  differences(before, after, "", out, false);
  return out;
}

std::optional<std::string> first_difference(const json& before, const json& after) {
  std::vector<JsonChange> out;
  differences(before, after, "", out, true);
  if (out.empty()) return std::nullopt;
  return out.front().path.empty() ? std::string("/") : out.front().path;
}

bool has_declared_headline(const json& result) {
  if (!result.is_object() || !result.contains("headline")) return false;
  const json& h = result["headline"];
  return h.is_object() || is_figure_list(h);
}

std::vector<ResultFigure> headline_figures(const json& result) {
  std::vector<ResultFigure> out;
  if (!has_declared_headline(result)) {
    leaves(result, "", true, out);
    return out;
  }
  const json& h = result["headline"];
  if (h.is_object()) {  // runs stored before headlines were declared as figures: its leaves
    leaves(h, "", false, out);
    return out;
  }
  for (const auto& f : h) {
    const std::string name = f["name"].get<std::string>();
    out.push_back({name, text_of(f, "label", name), f["value"], text_of(f, "unit", "")});
  }
  return out;
}

std::vector<FigureMove> headline_moves(const json& before_result, const json& after_result) {
  const auto before = headline_figures(before_result);
  const auto after = headline_figures(after_result);
  std::vector<FigureMove> moves;
  auto find = [&](const ResultFigure& f) -> FigureMove& {
    for (auto& m : moves)
      if (m.name == f.name) return m;
    moves.push_back({f.name, f.label, f.unit, std::nullopt, std::nullopt, std::nullopt});
    return moves.back();
  };
  for (const auto& f : before) find(f).before = f.value;
  for (const auto& f : after) find(f).after = f.value;
  for (auto& m : moves)
    if (m.before && m.after && m.before->is_number() && m.after->is_number())
      m.change = m.after->get<double>() - m.before->get<double>();
  return moves;
}

std::string figure_value_text(const json& value, const std::string& unit) {
  if (value.is_null()) return "n/a";
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_string()) return value.get<std::string>();
  if (!value.is_number()) return value.dump();
  const double x = value.get<double>();
  // Probabilities and shares read as percentages; four significant digits are what a reader
  // compares (the exact value is in `runs show` and `--format json`).
  if (unit == "probability" || unit == "share") return fmt::format("{:.1f}%", 100 * x);
  const bool whole = std::abs(x) < 1e15 && x == std::floor(x);
  const std::string shown = !value.is_number_float() ? value.dump() : whole ? fmt::format("{}", x) : fmt::format("{:.4g}", x);
  return unit.empty() || unit == "position" ? shown : shown + " " + unit;
}

std::string headline_text(const json& result, std::size_t max_figures) {
  const auto figures = headline_figures(result);
  std::string out;
  for (std::size_t i = 0; i < figures.size() && i < max_figures; ++i)
    out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", figures[i].label,
                       figure_value_text(figures[i].value, figures[i].unit));
  if (figures.size() > max_figures) out += fmt::format(" (+{})", figures.size() - max_figures);
  return out;
}

}  // namespace truce

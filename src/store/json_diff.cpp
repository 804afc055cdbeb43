#include "truce/store/json_diff.hpp"

#include <fmt/format.h>

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

void leaves(const json& value, const std::string& path, bool numbers_only, std::vector<HeadlineFigure>& out) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it)
      leaves(*it, path + "/" + escape_token(it.key()), numbers_only, out);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) leaves(value[i], path + "/" + std::to_string(i), numbers_only, out);
  } else if (!numbers_only || value.is_number()) {
    if (!value.is_null() || !numbers_only) out.push_back({path, value});
  }
}

// A figure's short name: its path without "/headline/" (or the leading '/').
std::string short_name(const std::string& path) {
  static const std::string headline = "/headline/";
  if (path.rfind(headline, 0) == 0) return path.substr(headline.size());
  return path.empty() ? path : path.substr(1);
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
  return result.is_object() && result.contains("headline") && result["headline"].is_object();
}

std::vector<HeadlineFigure> headline_figures(const json& result) {
  std::vector<HeadlineFigure> out;
  if (has_declared_headline(result))
    leaves(result["headline"], "/headline", false, out);
  else
    leaves(result, "", true, out);
  return out;
}

std::vector<FigureMove> headline_moves(const json& before_result, const json& after_result) {
  const auto before = headline_figures(before_result);
  const auto after = headline_figures(after_result);
  std::vector<FigureMove> moves;
  auto find = [&](const std::string& path) -> FigureMove& {
    for (auto& m : moves)
      if (m.path == path) return m;
    moves.push_back({path, std::nullopt, std::nullopt, std::nullopt});
    return moves.back();
  };
  for (const auto& f : before) find(f.path).before = f.value;
  for (const auto& f : after) find(f.path).after = f.value;
  for (auto& m : moves)
    if (m.before && m.after && m.before->is_number() && m.after->is_number())
      m.change = m.after->get<double>() - m.before->get<double>();
  return moves;
}

std::string headline_text(const json& result, std::size_t max_figures) {
  const auto figures = headline_figures(result);
  std::string out;
  for (std::size_t i = 0; i < figures.size() && i < max_figures; ++i) {
    const auto& value = figures[i].value;
    const std::string shown = value.is_string() ? value.get<std::string>() : value.dump();
    out += fmt::format("{}{}={}", out.empty() ? "" : " ", short_name(figures[i].path), shown);
  }
  if (figures.size() > max_figures) out += fmt::format(" (+{})", figures.size() - max_figures);
  return out;
}

}  // namespace truce

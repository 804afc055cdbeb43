#include "truce/report/html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace truce::report {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string json_for_script(const nlohmann::json& value) {
  // Invalid UTF-8 in scenario text must not throw mid-report: replace it.
  const std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

std::string format_number(double value, int digits) {
  if (!std::isfinite(value)) return "n/a";
  std::string s = fmt::format("{:.{}f}", value, digits);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string format_percent(double probability) {
  if (!std::isfinite(probability)) return "n/a";
  const double pct = probability * 100.0;
  return format_number(pct, std::abs(pct) < 10.0 ? 1 : 0) + "%";
}

std::string stated(std::string_view key, std::string_view shown) {
  const std::string v = escape_html(shown);
  return "<span class=\"q\" data-q=\"" + escape_html(key) + "\" data-v=\"" + v + "\">" + v + "</span>";
}

namespace {

// (key, value) of every stated figure, in page order. The attributes are written by stated()
// alone, so a plain scan for its exact prefix finds them all.
std::vector<std::pair<std::string, std::string>> statements(std::string_view html) {
  std::vector<std::pair<std::string, std::string>> out;
  constexpr std::string_view q = "data-q=\"", v = "\" data-v=\"";
  for (std::size_t p = 0; (p = html.find(q, p)) != std::string_view::npos;) {
    p += q.size();
    const auto key_end = html.find(v, p);
    if (key_end == std::string_view::npos) break;
    const auto value_start = key_end + v.size();
    const auto value_end = html.find('"', value_start);
    if (value_end == std::string_view::npos) break;
    out.emplace_back(std::string(html.substr(p, key_end - p)), std::string(html.substr(value_start, value_end - value_start)));
    p = value_end;
  }
  return out;
}

}  // namespace

std::vector<QuantityConflict> quantity_conflicts(std::string_view html) {
  std::vector<QuantityConflict> out;
  std::map<std::string, std::size_t> index;
  for (const auto& [key, value] : statements(html)) {
    auto [it, fresh] = index.emplace(key, out.size());
    if (fresh) out.push_back({key, {value}});
    auto& values = out[it->second].values;
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  }
  std::erase_if(out, [](const QuantityConflict& c) { return c.values.size() < 2; });
  return out;
}

std::map<std::string, std::size_t> quantity_statements(std::string_view html) {
  std::map<std::string, std::size_t> out;
  for (const auto& s : statements(html)) ++out[s.first];
  return out;
}

}  // namespace truce::report

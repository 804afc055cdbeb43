#include "truce/core/headline.hpp"

#include <cmath>

namespace truce {

nlohmann::json headline_to_json(const Headline& headline) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : headline) {
    nlohmann::json value;
    if (const auto* x = std::get_if<double>(&f.value))
      value = std::isfinite(*x) ? nlohmann::json(*x) : nlohmann::json(nullptr);  // JSON has no NaN
    else if (const auto* b = std::get_if<bool>(&f.value))
      value = *b;
    else
      value = std::get<std::string>(f.value);
    out.push_back({{"name", f.name}, {"label", f.label}, {"value", value}, {"unit", f.unit}});
  }
  return out;
}

}  // namespace truce

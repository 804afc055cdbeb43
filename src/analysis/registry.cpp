#include "truce/analysis/analysis.hpp"

#include "truce/forecast/forecast_analysis.hpp"

namespace truce {

// Each capability adds its entry here (explicitly: a static library drops self-registering
// objects nobody references).
const std::vector<Analysis>& analyses() {
  static const std::vector<Analysis> all = {
      {"forecast", "Where each issue settles under each forecasting model", complete_forecast_options, run_forecast},
  };
  return all;
}

const Analysis* find_analysis(const std::string& name) {
  for (const auto& a : analyses())
    if (a.name == name) return &a;
  return nullptr;
}

}  // namespace truce

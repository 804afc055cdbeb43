// Placeholder until the port of KTAB's SMP lands: keeps the interface compiling.
#include "truce/forecast/spatial_model.hpp"

#include <stdexcept>

namespace truce {

SpatialModelOptions spatial_model_options_from_json(const nlohmann::json&) { return {}; }
nlohmann::json spatial_model_options_to_json(const SpatialModelOptions&) { return nlohmann::json::object(); }
ForecastResult forecast_spatial_model(const Scenario&, const SpatialModelOptions&) {
  throw std::logic_error("the spatial model is not implemented yet");
}

}  // namespace truce

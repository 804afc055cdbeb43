// Fast engine for KTAB's SMP (temporary: the reference port).
#include "spatial_model_common.hpp"

namespace truce {
SpatialModelRun run_spatial_model(const SpatialModelInput& input, const SpatialModelOptions& options) {
  return run_spatial_model_reference(input, options);
}
}  // namespace truce

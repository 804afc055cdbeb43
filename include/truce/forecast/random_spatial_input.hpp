#pragma once
// Random actor tables for the spatial model, after KTAB's randomSMP recipe: capability
// U(10, 200), total salience U(0.75, 0.99) split over the issues by weights U(0.1, 1),
// positions U(0, 1). Every draw comes from a Philox4x64 stream keyed by `seed` and counted
// 0, 1, 2, ..., so a table is fixed by (n, m, seed). Used by tests and benchmarks.

#include <cstdint>

#include "truce/forecast/spatial_model.hpp"

namespace truce {

SpatialModelInput random_spatial_input(int actors, int issues, std::uint64_t seed);

}  // namespace truce

#pragma once
// Evaluates a model at many points on several threads, and under MPI on several processes
// (each its contiguous share, truce/core/distributed.hpp). Points are made on demand from
// their index, threads take blocks of consecutive indices, and every result is written to
// its own slot, so the output is the same for any thread and process count.

#include <cstddef>
#include <functional>
#include <vector>

#include "truce/levers/parameter.hpp"

namespace truce::levers {

// Fills `point` with the parameter values of point number `index`.
using PointMaker = std::function<void(std::size_t index, std::vector<double>& point)>;

// The model's output at points 0..count-1. threads = 0 means every hardware thread
// (resolve_thread_count, truce/core/parallel.hpp).
// If the model throws, the exception of the lowest failing index is rethrown after all
// threads have stopped (the same one for any thread count; under MPI, see
// run_process_shares).
std::vector<double> evaluate_points(std::size_t count, std::size_t dimension, const PointMaker& make_point,
                                    const Model& model, unsigned threads);

}  // namespace truce::levers

#pragma once
// Variance-based global sensitivity: Sobol first-order (S1) and total (ST) indices.
//
// Sampling (Saltelli 2002, 2010): two independent N x d matrices A and B drawn from the
// parameters' distributions, and for each parameter i the matrix AB_i = A with column i
// taken from B; N (d + 2) model runs. Random numbers come from a seeded Philox stream
// (plain Monte Carlo, not a quasi-random sequence): the error shrinks like 1/sqrt(N),
// and the bootstrap interval says how large it is.
//
// Estimators (Saltelli et al. 2010, "Variance based sensitivity analysis of model output",
// Comput. Phys. Commun. 181, Table 2, (b) and (f)):
//   S1_i = mean_j f(B)_j (f(AB_i)_j - f(A)_j) / V       (Saltelli 2010)
//   ST_i = mean_j (f(A)_j - f(AB_i)_j)^2 / (2 V)         (Jansen 1999)
// with V the variance of the 2N outputs f(A), f(B). Outputs are centred on their mean
// first, which leaves both estimators unbiased and reduces the variance of S1.
//
// Confidence intervals: percentile bootstrap over the N rows (resampled together for all
// indices), with the resampling drawn from the same seed.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "truce/levers/parameter.hpp"

namespace truce::levers {

struct SobolOptions {
  std::size_t samples = 1024;     // N, rows of A and B
  std::size_t bootstrap = 200;    // resamples for the confidence intervals (0: none)
  double confidence = 0.95;       // level of the intervals
  std::uint64_t seed = 1;
  unsigned threads = 0;           // 0: hardware concurrency; results do not depend on it
};

struct Interval {
  double low = 0.0;
  double high = 0.0;
};

struct SobolIndex {
  std::size_t parameter = 0;
  double first_order = 0.0;
  double total = 0.0;
  Interval first_order_interval;
  Interval total_interval;
};

struct SobolResult {
  std::size_t samples = 0;
  std::size_t model_runs = 0;  // N (d + 2)
  double output_mean = 0.0;
  double output_variance = 0.0;  // 0: the output does not vary; indices are NaN
  std::vector<SobolIndex> indices;  // in parameter order
};

SobolResult sobol_indices(const std::vector<Parameter>& parameters, const Model& model, const SobolOptions& options);

// The estimators on given outputs (exposed for tests): fA, fB of size N, fAB[i] of size N.
// `rows` selects the rows used (a bootstrap resample); empty = all rows in order.
struct SobolEstimate {
  std::vector<double> first_order;
  std::vector<double> total;
  double mean = 0.0;
  double variance = 0.0;
};
SobolEstimate estimate_sobol(const std::vector<double>& fA, const std::vector<double>& fB,
                             const std::vector<std::vector<double>>& fAB, const std::vector<std::size_t>& rows);

}  // namespace truce::levers

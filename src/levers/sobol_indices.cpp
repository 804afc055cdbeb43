#include "truce/levers/sobol_indices.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "truce/core/distributed.hpp"
#include "truce/core/work_budget.hpp"
#include "truce/levers/parallel_evaluation.hpp"
#include "truce/levers/philox_stream.hpp"

namespace truce::levers {

namespace {

double percentile(std::vector<double> values, double q) {
  // Linear interpolation between order statistics (type 7, as numpy's default).
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const double h = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

}  // namespace

SobolEstimate estimate_sobol(const std::vector<double>& fA, const std::vector<double>& fB,
                             const std::vector<std::vector<double>>& fAB, const std::vector<std::size_t>& rows) {
  const std::size_t n = rows.empty() ? fA.size() : rows.size();
  auto row = [&](std::size_t j) { return rows.empty() ? j : rows[j]; };
  SobolEstimate e;
  double sum = 0.0;
  for (std::size_t j = 0; j < n; ++j) sum += fA[row(j)] + fB[row(j)];
  e.mean = sum / static_cast<double>(2 * n);
  double ss = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    const double a = fA[row(j)] - e.mean, b = fB[row(j)] - e.mean;
    ss += a * a + b * b;
  }
  e.variance = ss / static_cast<double>(2 * n);
  const std::size_t d = fAB.size();
  e.first_order.assign(d, std::numeric_limits<double>::quiet_NaN());
  e.total.assign(d, std::numeric_limits<double>::quiet_NaN());
  // A relative floor, so round-off in a constant output does not read as variance.
  const double scale = std::max(1.0, e.mean * e.mean);
  if (!(e.variance > 1e-24 * scale)) return e;
  for (std::size_t i = 0; i < d; ++i) {
    double s1 = 0.0, st = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t r = row(j);
      const double a = fA[r] - e.mean, b = fB[r] - e.mean, ab = fAB[i][r] - e.mean;
      s1 += b * (ab - a);
      st += (a - ab) * (a - ab);
    }
    e.first_order[i] = s1 / static_cast<double>(n) / e.variance;
    e.total[i] = st / static_cast<double>(2 * n) / e.variance;
  }
  return e;
}

SobolResult sobol_indices(const std::vector<Parameter>& parameters, const Model& model, const SobolOptions& options) {
  check_parameters(parameters);
  if (parameters.empty()) throw std::invalid_argument("Sobol indices need at least one parameter");
  if (options.samples < 2) throw std::invalid_argument("Sobol indices need at least 2 samples");
  if (!(options.confidence > 0.0 && options.confidence < 1.0))
    throw std::invalid_argument("the confidence level must lie strictly between 0 and 1");
  const std::size_t d = parameters.size();
  const std::size_t n = options.samples;
  const PhiloxStream stream(options.seed, stream_saltelli_sample);

  // Row j of A uses numbers 2dj .. 2dj+d-1 of the stream, row j of B the next d.
  auto a_value = [&](std::size_t j, std::size_t k) { return quantile(parameters[k], stream.uniform(2 * d * j + k)); };
  auto b_value = [&](std::size_t j, std::size_t k) {
    return quantile(parameters[k], stream.uniform(2 * d * j + d + k));
  };
  // Point index: block 0 = A, block 1 = B, block 2 + i = AB_i; row j within a block.
  const auto outputs = evaluate_points(
      n * (d + 2), d,
      [&](std::size_t index, std::vector<double>& x) {
        const std::size_t blk = index / n, j = index % n;
        for (std::size_t k = 0; k < d; ++k) x[k] = blk == 1 ? b_value(j, k) : a_value(j, k);
        if (blk >= 2) x[blk - 2] = b_value(j, blk - 2);
      },
      model, options.threads);

  std::vector<double> fA(outputs.begin(), outputs.begin() + static_cast<std::ptrdiff_t>(n));
  std::vector<double> fB(outputs.begin() + static_cast<std::ptrdiff_t>(n),
                         outputs.begin() + static_cast<std::ptrdiff_t>(2 * n));
  std::vector<std::vector<double>> fAB(d);
  for (std::size_t i = 0; i < d; ++i)
    fAB[i].assign(outputs.begin() + static_cast<std::ptrdiff_t>((2 + i) * n),
                  outputs.begin() + static_cast<std::ptrdiff_t>((3 + i) * n));
  const auto undefined = static_cast<std::size_t>(
      std::count_if(outputs.begin(), outputs.end(), [](double y) { return !std::isfinite(y); }));
  if (undefined > 0)
    throw std::invalid_argument(fmt::format(
        "the output is undefined (not a finite number) at {} of the {} sample points; Sobol indices need it "
        "everywhere in the ranges",
        undefined, outputs.size()));

  const auto point = estimate_sobol(fA, fB, fAB, {});
  SobolResult result;
  result.samples = n;
  result.model_runs = outputs.size();
  result.output_mean = point.mean;
  result.output_variance = point.variance;

  // Bootstrap: resample the N rows with replacement, the same rows for every index. About
  // 4 ns per row and index on the reference machine.
  check_work_budget(fmt::format("{} bootstrap resamples of {} rows", options.bootstrap, n),
                    4e-9 * static_cast<double>(options.bootstrap) * static_cast<double>(n) * static_cast<double>(d + 2) /
                        process_count(),
                    "ask for fewer bootstrap resamples (--bootstrap)");
  check_memory_need(fmt::format("{} bootstrap resamples", options.bootstrap),
                    2.0 * sizeof(double) * static_cast<double>(options.bootstrap) * static_cast<double>(d),
                    "ask for fewer bootstrap resamples (--bootstrap)");
  // Under MPI each process computes its contiguous share of the resamples (a resample depends
  // only on its index: truce/core/distributed.hpp); every process gets all of them, in order.
  const PhiloxStream boot(options.seed, stream_bootstrap);
  const std::vector<double> resampled = gather_process_shares<double>(
      options.bootstrap,
      [&](IndexRange share) {
        std::vector<double> out;  // per resample: d first-order indices, then d total ones
        out.reserve(share.size() * 2 * d);
        std::vector<std::size_t> rows(n);
        for (std::size_t r = share.begin; r < share.end; ++r) {
          for (std::size_t j = 0; j < n; ++j)
            rows[j] = std::min(n - 1, static_cast<std::size_t>(boot.uniform(r * n + j) * static_cast<double>(n)));
          const auto e = estimate_sobol(fA, fB, fAB, rows);
          out.insert(out.end(), e.first_order.begin(), e.first_order.end());
          out.insert(out.end(), e.total.begin(), e.total.end());
        }
        return out;
      },
      2 * d);
  std::vector<std::vector<double>> boot_s1(d), boot_st(d);
  for (std::size_t r = 0; r < options.bootstrap; ++r)
    for (std::size_t i = 0; i < d; ++i) {
      boot_s1[i].push_back(resampled[r * 2 * d + i]);
      boot_st[i].push_back(resampled[r * 2 * d + d + i]);
    }
  const double lo_q = (1.0 - options.confidence) / 2.0, hi_q = 1.0 - lo_q;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < d; ++i) {
    SobolIndex index;
    index.parameter = i;
    index.first_order = point.first_order[i];
    index.total = point.total[i];
    if (options.bootstrap > 0 && !std::isnan(index.first_order)) {
      index.first_order_interval = {percentile(boot_s1[i], lo_q), percentile(boot_s1[i], hi_q)};
      index.total_interval = {percentile(boot_st[i], lo_q), percentile(boot_st[i], hi_q)};
    } else {
      index.first_order_interval = index.total_interval = {nan, nan};
    }
    result.indices.push_back(index);
  }
  return result;
}

}  // namespace truce::levers

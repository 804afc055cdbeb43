#pragma once
// Counter-based random numbers (Random123 Philox4x64-10): number i of stream s under seed k
// is a pure function of (k, s, i), so any thread can draw any number and the results do not
// depend on who draws what, or in which order.

#include <cstdint>

namespace truce::levers {

class PhiloxStream {
 public:
  PhiloxStream(std::uint64_t seed, std::uint64_t stream) : seed_(seed), stream_(stream) {}
  // 64 random bits, number `index` of this stream.
  std::uint64_t bits(std::uint64_t index) const;
  // Uniform in the open interval (0, 1), 53 bits of resolution.
  double uniform(std::uint64_t index) const;

 private:
  std::uint64_t seed_;
  std::uint64_t stream_;
};

// Streams used by the levers engine, fixed so results are reproducible from the seed alone.
inline constexpr std::uint64_t stream_saltelli_sample = 1;
inline constexpr std::uint64_t stream_bootstrap = 2;
inline constexpr std::uint64_t stream_search_probes = 3;
inline constexpr std::uint64_t stream_lever_use = 4;
// Streams of `truce backtest` (which uses this generator for the same reason).
inline constexpr std::uint64_t stream_backtest_folds = 11;
inline constexpr std::uint64_t stream_backtest_bootstrap = 12;

}  // namespace truce::levers

#pragma once
// Counter-based random numbers (Random123 Philox4x32-10; Salmon et al. 2011): the draw with
// index `draw` of run `run` under seed `seed` is a pure function of those three numbers, so
// a run's draws do not depend on which thread runs it or in what order.

#include <Random123/philox.h>

#include <cstdint>
#include <utility>

namespace truce::dynamics {

class RunStream {
 public:
  RunStream(std::uint64_t seed, std::uint64_t run) {
    key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    run_lo_ = static_cast<std::uint32_t>(run);
    run_hi_ = static_cast<std::uint32_t>(run >> 32);
  }

  // Two independent uniforms in the open interval (0, 1), 53 bits each, for draw `draw`.
  std::pair<double, double> uniforms(std::uint32_t draw) const {
    r123::Philox4x32 philox;
    const r123::Philox4x32::ctr_type counter = {{run_lo_, run_hi_, draw, 0x7275636Eu}};  // "truc"
    const auto r = philox(counter, key_);
    return {to_open_unit(r.v[0], r.v[1]), to_open_unit(r.v[2], r.v[3])};
  }

 private:
  static double to_open_unit(std::uint32_t hi, std::uint32_t lo) {
    const std::uint64_t bits = ((static_cast<std::uint64_t>(hi) << 32) | lo) >> 11;  // 53 bits
    return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
  }

  r123::Philox4x32::key_type key_;
  std::uint32_t run_lo_ = 0, run_hi_ = 0;
};

}  // namespace truce::dynamics

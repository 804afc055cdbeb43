#include "truce/levers/philox_stream.hpp"

#include <Random123/philox.h>

namespace truce::levers {

std::uint64_t PhiloxStream::bits(std::uint64_t index) const {
  // One Philox4x64 block gives four 64-bit words: numbers 4k..4k+3 share block k.
  r123::Philox4x64 generator;
  const r123::Philox4x64::ctr_type counter = {{index >> 2, stream_, 0, 0}};
  const r123::Philox4x64::key_type key = {{seed_, 0x7472756365ULL /* "truce" */}};
  const auto block = generator(counter, key);
  return block.v[index & 3];
}

double PhiloxStream::uniform(std::uint64_t index) const {
  // (k + 0.5) / 2^53 for the top 53 bits k: never 0, never 1.
  return (static_cast<double>(bits(index) >> 11) + 0.5) * 0x1.0p-53;
}

}  // namespace truce::levers

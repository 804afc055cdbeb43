#include "truce/space/utility_density.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace truce::space {

namespace {

// What a value of an issue crosses: bit 0 a counted red line of actor x, bit 1 of actor y,
// bit 2 of any other actor.
std::vector<std::vector<std::uint8_t>> crossing_bits(const PackageSpace& space, const std::vector<std::string>& counted,
                                                     std::size_t ax, std::size_t ay) {
  std::vector<std::vector<std::uint8_t>> bits(space.issues.size());
  for (std::size_t i = 0; i < space.issues.size(); ++i) bits[i].assign(space.issues[i].values.size(), 0);
  for (std::size_t k = 0; k < space.red_lines.size(); ++k) {
    if (std::find(counted.begin(), counted.end(), space.red_line_id(k)) == counted.end()) continue;
    const auto& rl = space.red_lines[k];
    const std::uint8_t bit = rl.actor == ax ? 1 : (rl.actor == ay ? 2 : 4);
    for (std::size_t v = 0; v < rl.forbidden.size(); ++v)
      if (rl.forbidden[v]) bits[rl.issue][v] |= bit;
  }
  return bits;
}

}  // namespace

UtilityDensity utility_density(const PackageSpace& space, const std::vector<std::string>& counted_red_lines,
                               std::size_t actor_x, std::size_t actor_y, int bins, std::uint64_t max_packages) {
  if (bins < 1) throw std::invalid_argument("utility density: bins must be at least 1");
  const std::size_t actors = space.actors.size();
  if (actor_x >= actors || actor_y >= actors) throw std::invalid_argument("utility density: no such actor");
  const std::uint64_t n = space.size();
  if (n > max_packages)
    throw std::invalid_argument("utility density: " + std::to_string(n) + " packages, more than " +
                                std::to_string(max_packages) + " to bin");
  const auto bits = crossing_bits(space, counted_red_lines, actor_x, actor_y);
  std::map<std::pair<int, int>, UtilityDensityBin> grid;
  auto bin_of = [bins](double u) { return std::clamp(static_cast<int>(u * bins), 0, bins - 1); };
  // Depth-first over the issues with running sums, so each package costs one addition per
  // actor at the last issue (the sums run in issue order, as utilities_of's do).
  const std::size_t issues = space.issues.size();
  std::vector<double> sx(issues + 1, 0.0), sy(issues + 1, 0.0);
  std::vector<std::uint8_t> crossed(issues + 1, 0);
  std::vector<std::size_t> value(issues, 0);
  std::size_t depth = 0;
  while (true) {
    if (depth == issues) {
      auto& cell = grid[{bin_of(sy[issues]), bin_of(sx[issues])}];
      cell.x = bin_of(sx[issues]);
      cell.y = bin_of(sy[issues]);
      const std::uint8_t c = crossed[issues];
      if (c == 0) ++cell.crossing_none;
      else if (c == 1) ++cell.crossing_x;
      else if (c == 2) ++cell.crossing_y;
      else ++cell.crossing_both;
      // Back up to the deepest issue with a value left.
      while (depth > 0 && ++value[depth - 1] == space.issues[depth - 1].values.size()) {
        value[depth - 1] = 0;
        --depth;
      }
      if (depth == 0) break;
      --depth;  // recompute from that issue with its next value
    }
    const auto& c = space.contribution[depth];
    const std::size_t v = value[depth];
    sx[depth + 1] = sx[depth] + c[v * actors + actor_x];
    sy[depth + 1] = sy[depth] + c[v * actors + actor_y];
    crossed[depth + 1] = crossed[depth] | bits[depth][v];
    ++depth;
  }
  UtilityDensity out;
  out.actor_x = actor_x;
  out.actor_y = actor_y;
  out.bins = bins;
  out.packages = n;
  for (auto& [key, cell] : grid) out.cells.push_back(cell);
  return out;
}

}  // namespace truce::space

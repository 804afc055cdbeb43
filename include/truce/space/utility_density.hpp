#pragma once
// How all the packages of a space spread over two actors' utilities: a grid of bins, each
// counting its packages by which counted red lines they cross. The agreement-space chart
// draws it, so that with no zone of agreement a reader still sees where the packages lie
// and how far apart the two sides' acceptable packages are (10^5 points would not read).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "truce/space/package_space.hpp"

namespace truce::space {

struct UtilityDensityBin {
  int x = 0, y = 0;  // bin indices: x covers utilities [x / bins, (x + 1) / bins)
  std::uint64_t crossing_none = 0;  // packages crossing no counted red line
  std::uint64_t crossing_x = 0;     // ... only red lines of the x actor
  std::uint64_t crossing_y = 0;     // ... only red lines of the y actor
  std::uint64_t crossing_both = 0;  // ... red lines of both, or of another actor
  std::uint64_t packages() const { return crossing_none + crossing_x + crossing_y + crossing_both; }
};

struct UtilityDensity {
  std::size_t actor_x = 0, actor_y = 1;
  int bins = 0;
  std::uint64_t packages = 0;
  std::vector<UtilityDensityBin> cells;  // the bins holding a package, by y then x
};

// Every package of `space` binned by the normalised utilities of actors x and y (utility 1
// goes in the last bin). `counted_red_lines` are red line ids ("ACTOR.ISSUE") as the space
// analysis counted them. Throws std::invalid_argument when the space has more than
// `max_packages` packages (the caller says why there is no picture).
UtilityDensity utility_density(const PackageSpace& space, const std::vector<std::string>& counted_red_lines,
                               std::size_t actor_x, std::size_t actor_y, int bins, std::uint64_t max_packages);

}  // namespace truce::space

#pragma once
// The chart libraries (Vega, Vega-Lite, vega-embed) the report inlines so the page opens
// with no network. They are npm packages installed by scripts/setup-report.sh into
// node_modules/; find_chart_assets looks for their minified builds.

#include <filesystem>
#include <string>
#include <vector>

namespace truce::report {

struct ChartAssets {
  std::string vega;        // node_modules/vega/build/vega.min.js
  std::string vega_lite;   // node_modules/vega-lite/build/vega-lite.min.js
  std::string vega_embed;  // node_modules/vega-embed/build/vega-embed.min.js
};

// Where to look for a node_modules folder, in order: $TRUCE_NODE_MODULES (the
// node_modules folder itself), then node_modules next to the binary and in each of its
// parent folders (so a build dir inside the source tree finds <source>/node_modules), then
// node_modules in the source dir truce was compiled from when the compiler saw its absolute path.
std::vector<std::filesystem::path> chart_asset_search_path(const std::filesystem::path& binary);

// Reads the three builds from the first folder of the search path that has all of them.
// Throws std::runtime_error naming the folders tried and the command that installs them
// (scripts/setup-report.sh) when none has.
ChartAssets find_chart_assets(const std::vector<std::filesystem::path>& search_path);

}  // namespace truce::report

#include "truce/report/chart_assets.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace truce::report {

namespace fs = std::filesystem;

namespace {

// The source tree truce was built from, when the compiler was given this file's absolute
// path (<source>/src/report/chart_assets.cpp); empty otherwise (Ninja passes paths relative
// to the build dir, which the walk up from the binary covers for a build dir inside the tree).
fs::path source_dir() {
  const fs::path file(__FILE__);
  return file.is_absolute() ? file.parent_path().parent_path().parent_path() : fs::path();
}

struct AssetFile {
  const char* package;
  const char* file;
  std::string ChartAssets::*member;
};

constexpr AssetFile asset_files[] = {
    {"vega", "vega.min.js", &ChartAssets::vega},
    {"vega-lite", "vega-lite.min.js", &ChartAssets::vega_lite},
    {"vega-embed", "vega-embed.min.js", &ChartAssets::vega_embed},
};

fs::path asset_path(const fs::path& node_modules, const AssetFile& a) {
  return node_modules / a.package / "build" / a.file;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read {}", path.string()));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::vector<fs::path> chart_asset_search_path(const fs::path& binary) {
  std::vector<fs::path> path;
  if (const char* env = std::getenv("TRUCE_NODE_MODULES"); env && *env) path.emplace_back(env);
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(binary, ec).parent_path();
  while (!dir.empty()) {
    path.push_back(dir / "node_modules");
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  if (const auto source = source_dir(); !source.empty()) path.push_back(source / "node_modules");
  return path;
}

ChartAssets find_chart_assets(const std::vector<fs::path>& search_path) {
  for (const auto& dir : search_path) {
    bool complete = true;
    for (const auto& a : asset_files) {
      std::error_code ec;
      if (!fs::is_regular_file(asset_path(dir, a), ec)) complete = false;
    }
    if (!complete) continue;
    ChartAssets assets;
    for (const auto& a : asset_files) assets.*(a.member) = read_file(asset_path(dir, a));
    return assets;
  }
  std::string tried;
  for (const auto& dir : search_path) tried += "\n  " + dir.string();
  throw std::runtime_error(fmt::format(
      "the report's chart libraries (vega, vega-lite, vega-embed) were not found; looked for "
      "node_modules/<package>/build/<package>.min.js in:{}\n"
      "Install them with: scripts/setup-report.sh (runs `npm ci` in the truce source folder), "
      "or set TRUCE_NODE_MODULES to a node_modules folder that has them.",
      tried));
}

}  // namespace truce::report

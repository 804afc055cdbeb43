#include "truce/store/store_path.hpp"

#include <cstdlib>

namespace truce {

std::optional<std::string> default_run_store_path(const char* xdg_data_home, const char* home) {
  // XDG Base Directory spec: a relative path in XDG_DATA_HOME is invalid and must be ignored.
  if (xdg_data_home && xdg_data_home[0] == '/') return std::string(xdg_data_home) + "/truce/runs.db";
  if (home && home[0] == '/') return std::string(home) + "/.local/share/truce/runs.db";
  return std::nullopt;
}

std::optional<std::string> default_run_store_path() {
  return default_run_store_path(std::getenv("XDG_DATA_HOME"), std::getenv("HOME"));
}

}  // namespace truce

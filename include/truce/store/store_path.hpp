#pragma once
// Where the run store lives when --store is not given: $XDG_DATA_HOME/truce/runs.db, falling
// back to ~/.local/share/truce/runs.db (XDG Base Directory spec: a relative or empty
// XDG_DATA_HOME is ignored).

#include <optional>
#include <string>

namespace truce {

// The default path from these environment values (null = unset); nullopt when neither gives
// an absolute folder.
std::optional<std::string> default_run_store_path(const char* xdg_data_home, const char* home);

// The same, from this process's environment.
std::optional<std::string> default_run_store_path();

}  // namespace truce

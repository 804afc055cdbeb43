#pragma once
// Data from the project's shared folder, ../shared beside the clone (cmake
// -DTRUCE_SHARED_DIR=PATH names another): what the repository may not redistribute
// (data/README.md). A benchmark that needs it and does not find it is reported as skipped,
// naming what is missing; the others run.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

namespace truce::bench {

// The shared folder's `relative` (e.g. "data/genius/Travel"), present or not.
inline std::string shared_path(const std::string& relative) { return std::string(TRUCE_SHARED_DIR) + "/" + relative; }

// True when the shared folder holds `relative`; otherwise marks `state` skipped and says why.
inline bool have_shared(benchmark::State& state, const std::string& relative) {
  if (std::filesystem::exists(shared_path(relative))) return true;
  state.SkipWithError(("needs ../shared/" + relative + " (not beside this clone: " + shared_path(relative) +
                       " does not exist)")
                          .c_str());
  return false;
}

}  // namespace truce::bench

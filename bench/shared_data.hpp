#pragma once
// Data from the project's shared folder, ../shared beside the clone (cmake
// -DTRUCE_SHARED_DIR=PATH names another): what the repository may not redistribute
// (data/README.md). A benchmark that needs it and does not find it does not run and is
// reported as "ERROR OCCURRED: 'needs ../shared/...'" (Google Benchmark 1.7 has no skip
// without an error); the others run.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

namespace truce::bench {

// The shared folder's `relative` (e.g. "data/genius/Travel"), present or not.
inline std::string shared_path(const std::string& relative) { return std::string(TRUCE_SHARED_DIR) + "/" + relative; }

// True when the shared folder holds `relative`; otherwise stops `state` and says why.
inline bool have_shared(benchmark::State& state, const std::string& relative) {
  if (std::filesystem::exists(shared_path(relative))) return true;
  state.SkipWithError(("needs ../shared/" + relative + " (not beside this clone: " + shared_path(relative) +
                       " does not exist)")
                          .c_str());
  return false;
}

}  // namespace truce::bench

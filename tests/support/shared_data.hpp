#pragma once
// Data from the project's shared folder, ../shared beside the clone (cmake
// -DTRUCE_SHARED_DIR=PATH names another): what the repository may not redistribute (the
// GENIUS domains, the BDM table, the articles the reference scenario quotes; data/README.md
// says why). Data the repository carries is read from TRUCE_SOURCE_DIR "/data/".
//
// A test that reads the shared folder starts with TRUCE_NEEDS_SHARED("data/genius"): without
// it, the test is skipped with "needs ../shared/data/genius (not beside this clone: ...)".

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace truce::testing {

// The shared folder's `relative` (e.g. "data/genius/Laptop/laptop_domain.xml"), present or not.
inline std::string shared_path(const std::string& relative) { return std::string(TRUCE_SHARED_DIR) + "/" + relative; }

// Empty when the shared folder holds `relative`; otherwise why a test that needs it skips.
inline std::string missing_shared(const std::string& relative) {
  if (std::filesystem::exists(shared_path(relative))) return "";
  return "needs ../shared/" + relative + " (not beside this clone: " + shared_path(relative) +
         " does not exist; configure with -DTRUCE_SHARED_DIR=PATH if it is elsewhere)";
}

}  // namespace truce::testing

// Skips the calling test, naming what is missing, when the shared folder lacks `relative`.
#define TRUCE_NEEDS_SHARED(relative)                                                             \
  if (const std::string truce_missing_ = ::truce::testing::missing_shared(relative); !truce_missing_.empty()) \
  GTEST_SKIP() << truce_missing_

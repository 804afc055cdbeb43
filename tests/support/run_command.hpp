#pragma once
// Runs a shell command for end-to-end tests and captures its exit code, stdout and stderr.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace truce::testing {

struct CommandOutput {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline CommandOutput run_command(const std::string& command) {
  const auto err_path = std::filesystem::temp_directory_path() /
                        ("truce-test-stderr-" + std::to_string(::getpid()) + ".txt");
  CommandOutput result;
  FILE* pipe = ::popen((command + " 2>" + err_path.string()).c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  std::stringstream ss;
  ss << err.rdbuf();
  result.err = ss.str();
  std::filesystem::remove(err_path);
  return result;
}

// The truce binary, quoted for the shell.
inline std::string truce_binary() { return std::string("'") + TRUCE_BINARY + "'"; }

}  // namespace truce::testing

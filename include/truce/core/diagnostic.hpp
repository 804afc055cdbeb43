#pragma once
// A problem found in an input file, located so a user can go straight to it.

#include <stdexcept>
#include <string>
#include <vector>

namespace truce {

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when the problem is the whole file
  int column = 0;  // 1-based; 0 when unknown
  std::string message;  // says what was expected and what was found

  bool operator==(const Diagnostic&) const = default;
};

// "file:line:column: error: message" (line and column left out where unknown).
std::string format_diagnostic(const Diagnostic& diagnostic);

// Thrown by loaders with every problem they found; nothing is half-loaded.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace truce

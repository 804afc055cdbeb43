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

// At most this many problems are kept and printed; the rest are counted. A 10 MB file of
// errors would otherwise cost half a million lines and gigabytes of memory.
inline constexpr std::size_t max_kept_diagnostics = 100;

// The problems a loader found: the first max_kept_diagnostics, and how many more there were.
class DiagnosticList {
 public:
  void push_back(Diagnostic d) {
    if (kept_.size() < max_kept_diagnostics) kept_.push_back(std::move(d));
    else ++omitted_;
  }
  bool empty() const { return kept_.empty(); }
  std::size_t size() const { return kept_.size() + omitted_; }  // all found, kept or not
  std::size_t omitted() const { return omitted_; }
  const std::vector<Diagnostic>& kept() const { return kept_; }
  auto begin() const { return kept_.begin(); }
  auto end() const { return kept_.end(); }

 private:
  std::vector<Diagnostic> kept_;
  std::size_t omitted_ = 0;
};

// Thrown by loaders with every problem they found (the first max_kept_diagnostics of them,
// and a count of the rest); nothing is half-loaded.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  explicit InputError(const DiagnosticList& diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::size_t omitted() const { return omitted_; }             // problems found but not kept
  std::size_t total() const { return diagnostics_.size() + omitted_; }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::size_t omitted_ = 0;
};

}  // namespace truce

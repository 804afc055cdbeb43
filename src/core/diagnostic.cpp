#include "truce/core/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace truce {

std::string format_diagnostic(const Diagnostic& d) {
  if (d.line <= 0) return fmt::format("{}: error: {}", d.file, d.message);
  if (d.column <= 0) return fmt::format("{}:{}: error: {}", d.file, d.line, d.message);
  return fmt::format("{}:{}:{}: error: {}", d.file, d.line, d.column, d.message);
}

namespace {
std::string summary(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += format_diagnostic(d);
  }
  return text;
}
}  // namespace

namespace {
// Problems are reported in reading order, whatever order the checks ran in.
std::vector<Diagnostic> in_file_order(std::vector<Diagnostic> diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  return diagnostics;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summary(in_file_order(diagnostics))), diagnostics_(in_file_order(std::move(diagnostics))) {}

}  // namespace truce

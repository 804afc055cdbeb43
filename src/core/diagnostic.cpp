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

std::vector<Diagnostic> capped(std::vector<Diagnostic> diagnostics) {
  if (diagnostics.size() > max_kept_diagnostics) diagnostics.resize(max_kept_diagnostics);
  return diagnostics;
}

std::size_t beyond_cap(std::size_t n) { return n > max_kept_diagnostics ? n - max_kept_diagnostics : 0; }

std::string summary_with_count(const std::vector<Diagnostic>& kept, std::size_t omitted) {
  std::string text = summary(kept);
  if (omitted > 0) text += fmt::format("\n... and {} more problem{} (only the first {} are shown)", omitted,
                                        omitted == 1 ? "" : "s", kept.size());
  return text;
}

}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summary_with_count(capped(in_file_order(diagnostics)), beyond_cap(diagnostics.size()))),
      diagnostics_(capped(in_file_order(diagnostics))),
      omitted_(beyond_cap(diagnostics.size())) {}

InputError::InputError(const DiagnosticList& diagnostics)
    : std::runtime_error(summary_with_count(in_file_order(diagnostics.kept()), diagnostics.omitted())),
      diagnostics_(in_file_order(diagnostics.kept())),
      omitted_(diagnostics.omitted()) {}

}  // namespace truce

#pragma once
// The exit statuses of `truce`, in one table: every command returns one of these, and
// `truce --help` prints the table, so the documentation cannot drift from the code.

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

namespace truce::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_invalid_input = 1;
inline constexpr int exit_usage = 2;
inline constexpr int exit_run_differs = 3;
inline constexpr int exit_store_error = 4;
inline constexpr int exit_missing_tool = 5;
inline constexpr int exit_output_error = 6;
inline constexpr int exit_too_large = 7;
inline constexpr int exit_internal_error = 8;
// A signal ends truce the shell's way, 128 + the signal's number (130 for Ctrl-C), after
// temporary files and child processes are cleaned up.

struct ExitStatus {
  int code;
  std::string_view meaning;
};

inline constexpr std::array<ExitStatus, 9> exit_statuses{{
    {exit_ok, "success"},
    {exit_invalid_input, "invalid input: every problem is printed with file:line:column; nothing is written"},
    {exit_usage, "bad command line"},
    {exit_run_differs, "`runs rerun` did not reproduce the stored result"},
    {exit_store_error, "the run store could not be used or is damaged (an analysis's output was still printed)"},
    {exit_missing_tool, "a tool the report needs (chart libraries, Chromium) is missing"},
    {exit_output_error,
     "an output could not be written (standard output, or a file: refused, disk full); no file was replaced"},
    {exit_too_large,
     "the work is larger than its budget or this machine allows (memory, threads); the message says what to change"},
    {exit_internal_error, "an internal error (a bug in truce: please report it with the command)"},
}};

// A command's failure with its exit status; main prints "truce: MESSAGE" and exits with it.
class CommandFailure : public std::runtime_error {
 public:
  CommandFailure(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

// The table for `truce --help`, one status a line.
inline std::string exit_status_help() {
  std::string text = "Exit status:";
  for (const auto& s : exit_statuses) {
    text += "\n  ";
    text += std::to_string(s.code);
    text += ' ';
    text += s.meaning;
  }
  text += "\n  128+N ended by signal N (temporary files and child processes are removed first)";
  return text;
}

}  // namespace truce::cli

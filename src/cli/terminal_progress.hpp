#pragma once
// The progress line long work draws on stderr, when stderr is a terminal (never in a pipe, a
// file or machine output): "simulate: 45% (4,500 of 10,000 runs), about 3 s left".

namespace truce::cli {

// Sets the process's progress display when stderr is a terminal; otherwise does nothing.
void show_progress_on_terminal();

}  // namespace truce::cli

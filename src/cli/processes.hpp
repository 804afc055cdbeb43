#pragma once
// The processes one `truce` command runs on. Started by mpirun (or srun) and built with MPI:
// the MPI ranks, installed as the engine's ProcessGroup (truce/core/distributed.hpp), every
// rank but 0 with its standard output and error on /dev/null, so only rank 0 prints, writes
// files and records the run. Otherwise this process alone, exactly as without MPI: a plain
// `truce` never starts MPI.

#include <string>

namespace truce::cli {

class Processes {
 public:
  Processes(int& argc, char**& argv);
  Processes(const Processes&) = delete;
  Processes& operator=(const Processes&) = delete;
  ~Processes();

  unsigned rank() const { return rank_; }

  // The exit status of this process for a command that ended with `status`. A failure every
  // process knows of (a failed share) ends in order, the status on rank 0 alone; any other
  // failure may have left the other ranks waiting for this one, so it ends them all
  // (MPI_Abort) with its status after what it printed is flushed.
  int finish(int status);

 private:
  bool started_ = false;
  unsigned rank_ = 0, size_ = 1;
};

// "with MPI (LIBRARY VERSION)" or "without MPI", for --version.
std::string mpi_description();

}  // namespace truce::cli

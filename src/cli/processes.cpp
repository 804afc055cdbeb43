#include "processes.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "truce/core/distributed.hpp"

#ifdef TRUCE_MPI
#include <fcntl.h>
#include <mpi.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <stdexcept>
#include <vector>
#endif

namespace truce::cli {

#ifdef TRUCE_MPI

namespace {

// Set by mpirun (Open MPI, MPICH/Hydra) or srun (PMI, PMIx) in every process it starts.
bool started_by_a_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(name)) return true;
  return false;
}

void check(int code, const char* what) {
  if (code != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}

// What the collective calls cost this process, for TRUCE_MPI_STATS (docs/scale.md).
struct Traffic {
  std::uint64_t operations = 0, bytes_sent = 0, bytes_received = 0;  // MPI collective operations
  double seconds = 0;  // in collective calls, waiting for slower ranks included
};

class Timed {
 public:
  Timed(Traffic& t, unsigned operations) : traffic_(t), start_(MPI_Wtime()) { traffic_.operations += operations; }
  ~Timed() { traffic_.seconds += MPI_Wtime() - start_; }

 private:
  Traffic& traffic_;
  double start_;
};

class MpiGroup : public ProcessGroup {
 public:
  MpiGroup(unsigned rank, unsigned size) : rank_(rank), size_(size) {}
  unsigned rank() const override { return rank_; }
  unsigned size() const override { return size_; }
  Traffic traffic;

  std::vector<std::string> all_gather(const std::string& mine) override {
    const Timed timed(traffic, 2);  // the lengths, then one round of bytes below 2 GB / size
    std::vector<std::uint64_t> lengths(size_);
    const std::uint64_t my_length = mine.size();
    check(MPI_Allgather(&my_length, 1, MPI_UINT64_T, lengths.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD), "Allgather");
    std::vector<std::string> all(size_);
    for (unsigned r = 0; r < size_; ++r) all[r].resize(lengths[r]);
    // MPI counts and displacements are ints: rounds of at most INT_MAX / size bytes per
    // process, as many as the longest needs (one for any result below 2 GB / size).
    const std::uint64_t chunk = INT_MAX / size_;
    const std::uint64_t longest = *std::max_element(lengths.begin(), lengths.end());
    std::vector<int> counts(size_), displacements(size_);
    std::vector<char> buffer;
    for (std::uint64_t from = 0; from == 0 || from < longest; from += chunk) {
      int total = 0;
      for (unsigned r = 0; r < size_; ++r) {
        counts[r] = static_cast<int>(lengths[r] > from ? std::min(chunk, lengths[r] - from) : 0);
        displacements[r] = total;
        total += counts[r];
      }
      buffer.resize(static_cast<std::size_t>(total));
      check(MPI_Allgatherv(mine.data() + std::min<std::uint64_t>(from, mine.size()), counts[rank_], MPI_BYTE,
                           buffer.data(), counts.data(), displacements.data(), MPI_BYTE, MPI_COMM_WORLD),
            "Allgatherv");
      for (unsigned r = 0; r < size_; ++r)
        std::copy_n(buffer.data() + displacements[r], counts[r], all[r].data() + from);
    }
    traffic.bytes_sent += mine.size() + sizeof(std::uint64_t);
    for (const auto l : lengths) traffic.bytes_received += l + sizeof(std::uint64_t);
    return all;
  }

  unsigned lowest_rank_with(bool flag) override {
    const Timed timed(traffic, 1);
    traffic.bytes_sent += sizeof(unsigned);
    traffic.bytes_received += sizeof(unsigned);
    const unsigned mine = flag ? rank_ : size_;
    unsigned lowest = size_;
    check(MPI_Allreduce(&mine, &lowest, 1, MPI_UNSIGNED, MPI_MIN, MPI_COMM_WORLD), "Allreduce");
    return lowest;
  }

 private:
  unsigned rank_, size_;
};

MpiGroup* group = nullptr;

double cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

// TRUCE_MPI_STATS (docs/scale.md, scripts/mpi-scaling.sh): on rank 0's standard error, its
// traffic, and every rank's CPU seconds, in all and outside the collective operations (a rank
// waiting in one may spin: its CPU then counts the wait). The busiest rank's CPU outside them
// is the run's critical path when the machine is shared, where wall-clock times measure the
// other users too. One more gather, after the command, only when asked.
void report_traffic() {
  const double mine[2] = {cpu_seconds(), group->traffic.seconds};
  std::vector<double> all(2 * group->size());
  MPI_Gather(mine, 2, MPI_DOUBLE, all.data(), 2, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  if (group->rank() != 0) return;
  double max = 0, sum = 0, max_outside = 0;
  for (unsigned r = 0; r < group->size(); ++r) {
    max = std::max(max, all[2 * r]);
    sum += all[2 * r];
    max_outside = std::max(max_outside, all[2 * r] - all[2 * r + 1]);
  }
  const Traffic& t = group->traffic;
  std::fprintf(stderr,
               "mpi: %u processes; rank 0: %llu collective operations, %llu bytes sent, %llu received, %.6f s in "
               "them; cpu seconds: max %.3f, sum %.3f, max outside collective operations %.3f\n",
               group->size(), static_cast<unsigned long long>(t.operations),
               static_cast<unsigned long long>(t.bytes_sent), static_cast<unsigned long long>(t.bytes_received),
               t.seconds, max, sum, std::max(0.0, max_outside));
}

}  // namespace

Processes::Processes(int& argc, char**& argv) {
  if (!started_by_a_launcher()) return;
  int provided = 0;
  // Collective calls come from the main thread only (truce/core/distributed.hpp).
  if (MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    std::cerr << "truce: MPI could not start (started by mpirun or srun, but MPI_Init failed)\n";
    std::exit(1);
  }
  started_ = true;
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  rank_ = static_cast<unsigned>(rank);
  size_ = static_cast<unsigned>(size);
  group = new MpiGroup(rank_, size_);
  install_process_group(group);
  // A test of the failure path (tests/cli/mpi_test.cpp): every share on this rank fails.
  if (const char* failing = std::getenv("TRUCE_TEST_FAIL_ON_RANK"))
    fail_shares_on_process(static_cast<unsigned>(std::strtoul(failing, nullptr, 10)));
  if (rank_ != 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
      ::close(null);
    }
  }
}

Processes::~Processes() = default;

int Processes::finish(int status) {
  if (!started_) return status;
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  if (status != 0 && !failure_known_to_every_process()) MPI_Abort(MPI_COMM_WORLD, status);
  if (std::getenv("TRUCE_MPI_STATS")) report_traffic();
  install_process_group(nullptr);
  MPI_Finalize();
  return rank_ == 0 ? status : 0;
}

std::string mpi_description() {
  char version[MPI_MAX_LIBRARY_VERSION_STRING];
  int length = 0;
  MPI_Get_library_version(version, &length);
  std::string v(version, static_cast<std::size_t>(length));
  v = v.substr(0, v.find_first_of(",\n"));
  while (!v.empty() && (v.back() == ' ' || v.back() == '\0')) v.pop_back();
  return "with MPI (" + v + ")";
}

#else

Processes::Processes(int&, char**&) {}
Processes::~Processes() = default;
int Processes::finish(int status) { return status; }
std::string mpi_description() { return "without MPI"; }

#endif

}  // namespace truce::cli

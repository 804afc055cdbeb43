#include "truce/io/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <vector>

#include "truce/core/distributed.hpp"

namespace truce {

namespace fs = std::filesystem;

namespace {

// The temporary names a signal handler must remove: fixed storage, so the handler neither
// allocates nor locks. 0 = free, 1 = a file, 2 = a folder; a slot is filled before it is marked.
constexpr std::size_t max_temporaries = 32;
constexpr std::size_t max_path = 4096;
struct Slot {
  std::atomic<int> kind{0};
  char path[max_path];
};
std::array<Slot, max_temporaries> slots;

int register_temporary(const fs::path& path, int kind) {
  const std::string p = path.string();
  if (p.size() >= max_path) return -1;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    int expected = 0;
    // Claim with a sentinel (-1) first so no handler reads a half-copied path.
    if (slots[i].kind.compare_exchange_strong(expected, -1)) {
      std::memcpy(slots[i].path, p.c_str(), p.size() + 1);
      slots[i].kind.store(kind, std::memory_order_release);
      return static_cast<int>(i);
    }
  }
  return -1;  // more than 32 at once: still cleaned up on the normal paths
}

void unregister_temporary(int slot) {
  if (slot >= 0) slots[static_cast<std::size_t>(slot)].kind.store(0, std::memory_order_release);
}

std::string reason(int error) { return std::strerror(error); }

[[noreturn]] void fail(const fs::path& target, const std::string& why) {
  throw OutputError(fmt::format("cannot write {}: {}", target.string(), why));
}

fs::path folder_of(const fs::path& target) {
  return target.parent_path().empty() ? fs::path(".") : target.parent_path();
}

// An unpredictable name beside the target; the X's are replaced by mkstemp/mkdtemp.
std::string temporary_template(const fs::path& target) {
  return (folder_of(target) / fmt::format(".{}.truce-XXXXXX", target.filename().string())).string();
}

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// The mode a newly created file would get (0666 less the umask), read without changing it
// for good.
mode_t default_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

void check_output_target(const fs::path& target, std::span<const fs::path> inputs) {
  if (target.empty()) fail(target, "no file name given");
  if (target.filename().empty() || target.filename() == "." || target.filename() == "..")
    fail(target, "expected a file name, found a folder");
  const fs::path folder = folder_of(target);
  struct stat folder_stat {};
  if (::stat(folder.c_str(), &folder_stat) != 0 || !S_ISDIR(folder_stat.st_mode))
    fail(target, fmt::format("the folder {} does not exist", folder.string()));
  struct stat st {};
  if (::lstat(target.c_str(), &st) != 0) {
    if (errno == ENOENT) return;  // a new file
    fail(target, reason(errno));
  }
  if (S_ISDIR(st.st_mode)) fail(target, "it is a folder; give a file name");
  if (S_ISLNK(st.st_mode))
    fail(target, "it is a symbolic link, which truce does not replace; give the path of a regular file");
  if (!S_ISREG(st.st_mode))
    fail(target, "it is a device, FIFO or socket, which truce does not replace; give the path of a regular file");
  for (const auto& input : inputs) {
    struct stat in {};
    if (!input.empty() && ::stat(input.c_str(), &in) == 0 && same_file(st, in))
      fail(target, fmt::format("it is the input {}; choose another output path", input.string()));
  }
}

// The temporary file of one write: exclusive (mkstemp: O_CREAT | O_EXCL, mode 0600, no symlink
// followed), registered for the signal handler, and removed unless it was renamed into place.
class TemporaryFile {
 public:
  explicit TemporaryFile(const fs::path& target) : target_(target), name_(temporary_template(target)) {
    fd_ = ::mkstemp(name_.data());
    if (fd_ < 0)
      fail(target, fmt::format("cannot create a temporary file in {}: {}", folder_of(target).string(), reason(errno)));
    slot_ = register_temporary(name_, 1);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!renamed_) ::unlink(name_.c_str());
    unregister_temporary(slot_);
  }

  // Every byte written, the file mode of a new file, on disk, and closed: or OutputError.
  void write_all(std::string_view bytes) {
    for (std::size_t done = 0; done < bytes.size();) {
      const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail(target_, reason(n < 0 ? errno : EIO));
      done += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd_, default_file_mode()) != 0 || ::fsync(fd_) != 0) fail(target_, reason(errno));
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0) fail(target_, reason(errno));
  }

  void rename_into_place() {
    if (::rename(name_.c_str(), target_.c_str()) != 0) fail(target_, reason(errno));
    renamed_ = true;
  }

 private:
  fs::path target_;
  std::string name_;
  int fd_ = -1;
  int slot_ = -1;
  bool renamed_ = false;
};

void write_output_file(const fs::path& target, std::string_view bytes, std::span<const fs::path> inputs) {
  check_output_target(target, inputs);
  // Under MPI every process runs the command (truce/core/distributed.hpp); the first alone writes.
  if (process_rank() != 0) return;
  TemporaryFile file(target);
  file.write_all(bytes);
  // Checked again just before the rename: the target may have changed while we wrote.
  check_output_target(target, inputs);
  file.rename_into_place();
}

TemporaryFolder::TemporaryFolder(const fs::path& beside) {
  std::string name = temporary_template(beside);
  if (!::mkdtemp(name.data()))
    fail(beside, fmt::format("cannot create a temporary folder in {}: {}", folder_of(beside).string(), reason(errno)));
  path_ = name;
  slot_ = register_temporary(path_, 2);
}

TemporaryFolder::~TemporaryFolder() {
  std::error_code ec;
  fs::remove_all(path_, ec);
  unregister_temporary(slot_);
}

void move_output_into_place(const fs::path& from, const fs::path& target, std::span<const fs::path> inputs) {
  check_output_target(target, inputs);
  struct stat st {};
  if (::lstat(from.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0)
    fail(target, fmt::format("the file to move there ({}) is missing or empty", from.string()));
  ::chmod(from.c_str(), default_file_mode());
  if (::rename(from.c_str(), target.c_str()) != 0) fail(target, reason(errno));
}

void remove_temporaries_now() noexcept {
  for (auto& slot : slots) {
    const int kind = slot.kind.load(std::memory_order_acquire);
    if (kind == 1) ::unlink(slot.path);
    if (kind == 2) ::rmdir(slot.path);  // only when empty: a handler cannot walk a folder safely
  }
}

}  // namespace truce

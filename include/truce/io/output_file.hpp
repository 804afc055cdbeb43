#pragma once
// Writing an output file safely (docs/security.md). A file truce writes
//   - never replaces one of the command's inputs, a folder, a device, a FIFO or a symbolic link;
//   - is written to an exclusive temporary file with an unpredictable name (mkstemp) in the
//     target's own folder, so nobody who can write that folder can redirect or read the write;
//   - appears only complete: every write, the fsync and the close are checked before the
//     rename, and a failure removes the temporary file and names the reason (disk full, ...);
//   - leaves nothing behind when truce is interrupted (the temporary names are registered for
//     the signal handler, see remove_temporaries_now).

#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace truce {

// An output could not be written; the message names the path and the reason.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws OutputError when `target` may not be written: its folder is missing, or it names an
// existing folder, device, FIFO, socket or symbolic link, or the same file as one of `inputs`.
void check_output_target(const std::filesystem::path& target, std::span<const std::filesystem::path> inputs);

// check_output_target, then writes `bytes` to `target` atomically as described above.
void write_output_file(const std::filesystem::path& target, std::string_view bytes,
                       std::span<const std::filesystem::path> inputs = {});

// A private folder (mode 0700, unpredictable name) beside `target`, for a helper program
// (Chromium) to write into; removed with everything in it on destruction and on a signal.
class TemporaryFolder {
 public:
  explicit TemporaryFolder(const std::filesystem::path& beside);
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  ~TemporaryFolder();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int slot_ = -1;
};

// Moves `from` (a file truce made, e.g. in a TemporaryFolder) onto `target` after
// check_output_target; same folder tree, so the rename is atomic.
void move_output_into_place(const std::filesystem::path& from, const std::filesystem::path& target,
                            std::span<const std::filesystem::path> inputs = {});

// Async-signal-safe: removes the registered temporary files now (and the files directly in
// registered temporary folders). For a signal handler; normal paths clean up by themselves.
void remove_temporaries_now() noexcept;

}  // namespace truce

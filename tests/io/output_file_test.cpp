// truce/io/output_file.hpp: what a written output may replace, and that a failed write leaves
// the target as it was and nothing beside it (issue: hardening, items 2, 3 and 16).

#include "truce/io/output_file.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Folder {
  fs::path path;
  Folder() {
    std::string name = (fs::temp_directory_path() / "truce-output-file-test-XXXXXX").string();
    path = ::mkdtemp(name.data());
  }
  ~Folder() { fs::remove_all(path); }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const truce::OutputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(OutputFile, WritesANewFileWithTheUsualModeAndNothingBesideIt) {
  Folder d;
  const auto target = d.path / "report.html";
  truce::write_output_file(target, "<html>");
  EXPECT_EQ(read(target), "<html>");
  EXPECT_EQ(d.names(), std::vector<std::string>{"report.html"});
  struct stat st {};
  ASSERT_EQ(::stat(target.c_str(), &st), 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0666 & ~mask);  // not mkstemp's 0600
}

TEST(OutputFile, ReplacesAnOlderOutput) {
  Folder d;
  const auto target = d.path / "f.csv";
  std::ofstream(target) << "old";
  truce::write_output_file(target, "new");
  EXPECT_EQ(read(target), "new");
}

TEST(OutputFile, RefusesToReplaceAnInput) {
  Folder d;
  const auto scenario = d.path / "s.yaml";
  std::ofstream(scenario) << "truce: 1";
  const std::vector<fs::path> inputs{scenario};
  EXPECT_EQ(error_of([&] { truce::write_output_file(scenario, "<html>", inputs); }),
            "cannot write " + scenario.string() + ": it is the input " + scenario.string() +
                "; choose another output path");
  EXPECT_EQ(read(scenario), "truce: 1");
  // Also through another name for the same file (a hard link).
  const auto alias = d.path / "alias.yaml";
  fs::create_hard_link(scenario, alias);
  EXPECT_NE(error_of([&] { truce::write_output_file(alias, "x", inputs); }).find("it is the input"), std::string::npos);
  EXPECT_EQ(read(scenario), "truce: 1");
}

TEST(OutputFile, RefusesFoldersLinksAndDevices) {
  Folder d;
  EXPECT_EQ(error_of([&] { truce::write_output_file(d.path, "x"); }),
            "cannot write " + d.path.string() + ": it is a folder; give a file name");
  const auto victim = d.path / "victim.txt";
  std::ofstream(victim) << "keep";
  const auto link = d.path / "f.csv";
  fs::create_symlink(victim, link);
  EXPECT_NE(error_of([&] { truce::write_output_file(link, "x"); }).find("it is a symbolic link"), std::string::npos);
  EXPECT_EQ(read(victim), "keep");
  EXPECT_NE(error_of([&] { truce::write_output_file("/dev/null", "x"); }).find("it is a device, FIFO or socket"),
            std::string::npos);
  const auto fifo = d.path / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_NE(error_of([&] { truce::write_output_file(fifo, "x"); }).find("it is a device, FIFO or socket"),
            std::string::npos);
  EXPECT_EQ(error_of([&] { truce::write_output_file(d.path / "missing" / "f.csv", "x"); }),
            "cannot write " + (d.path / "missing" / "f.csv").string() + ": the folder " +
                (d.path / "missing").string() + " does not exist");
}

TEST(OutputFile, APlantedLinkAtTheOldTemporaryNameIsNotFollowed) {
  // truce 0.1 wrote OUT.partial and .OUT.tmp-PID: a link planted there redirected the write.
  Folder d;
  const auto victim = d.path / "victim.txt";
  std::ofstream(victim) << "keep";
  fs::create_symlink(victim, d.path / "f.csv.partial");
  fs::create_symlink(victim, d.path / (".f.csv.tmp-" + std::to_string(::getpid())));
  truce::write_output_file(d.path / "f.csv", "a,b\n");
  EXPECT_EQ(read(victim), "keep");
  EXPECT_EQ(read(d.path / "f.csv"), "a,b\n");
}

TEST(OutputFile, AFailedWriteNamesTheReasonAndLeavesNothing) {
  // A file-size limit makes write() fail part way, as a full disk does (EFBIG, not ENOSPC).
  Folder d;
  const auto target = d.path / "f.csv";
  std::ofstream(target) << "old";
  struct rlimit saved {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto previous = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = saved;
  small.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const auto message = error_of([&] { truce::write_output_file(target, std::string(1 << 20, 'x')); });
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous);
  EXPECT_EQ(message, "cannot write " + target.string() + ": File too large");
  EXPECT_EQ(read(target), "old");
  EXPECT_EQ(d.names(), std::vector<std::string>{"f.csv"});  // no temporary file left
}

TEST(OutputFile, TemporaryFolderIsPrivateAndRemovedWithItsContents) {
  Folder d;
  fs::path kept;
  {
    const truce::TemporaryFolder work(d.path / "report.pdf");
    kept = work.path();
    struct stat st {};
    ASSERT_EQ(::stat(kept.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    std::ofstream(kept / "inside") << "x";
    fs::create_directory(kept / "profile");
    EXPECT_EQ(kept.parent_path(), d.path);
    EXPECT_EQ(kept.filename().string().rfind(".report.pdf.truce-", 0), 0u);
  }
  EXPECT_FALSE(fs::exists(kept));
  EXPECT_TRUE(d.names().empty());
}

TEST(OutputFile, MoveIntoPlaceChecksTheTargetLikeAWrite) {
  Folder d;
  const auto html = d.path / "r.html";
  std::ofstream(html) << "<html>";
  const auto made = d.path / "made.pdf";
  std::ofstream(made) << "%PDF";
  const std::vector<fs::path> inputs{html};
  EXPECT_NE(error_of([&] { truce::move_output_into_place(made, html, inputs); }).find("it is the input"),
            std::string::npos);
  EXPECT_EQ(read(html), "<html>");
  truce::move_output_into_place(made, d.path / "r.pdf", inputs);
  EXPECT_EQ(read(d.path / "r.pdf"), "%PDF");
}

}  // namespace

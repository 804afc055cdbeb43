// `truce report FILE -o report.html [--pdf report.pdf]`: runs every registered analysis
// with its default options and writes one self-contained HTML report (and a PDF of it,
// printed by headless Chromium). Files are written to a temporary name in the same folder
// and renamed, so a reader never sees a partial report.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <span>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "interrupt.hpp"
#include "run_recording.hpp"
#include "truce/format/terminal_text.hpp"
#include "truce/io/output_file.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/report/report.hpp"
#include "truce/version.hpp"

extern char** environ;

namespace truce::cli {

namespace {

namespace fs = std::filesystem;

// The chart libraries or Chromium are missing (exit_missing_tool).
class MissingTool : public CommandFailure {
 public:
  explicit MissingTool(const std::string& message) : CommandFailure(exit_missing_tool, message) {}
};

// file:// URL of an absolute path: every byte but the unreserved ones and '/' percent-encoded,
// so '#', '?' and '%' in a folder name reach Chromium as part of the path.
std::string file_url(const fs::path& path) {
  std::string url = "file://";
  for (const unsigned char c : fs::absolute(path).lexically_normal().string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') url += static_cast<char>(c);
    else url += fmt::format("%{:02X}", c);
  }
  return url;
}

std::string find_chromium() {
  if (const char* env = std::getenv("TRUCE_CHROMIUM"); env && *env) return env;
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
    if (::access(p, X_OK) == 0) return p;
  return "";
}

// Prints the HTML report to PDF with headless Chromium. Chromium writes into a private
// temporary folder beside the PDF (its profile too); the PDF is moved into place only when
// complete, and a signal kills Chromium's whole process group before the folder is removed.
void print_pdf(const fs::path& html, const fs::path& pdf, std::span<const fs::path> inputs) {
  const std::string chromium = find_chromium();
  if (chromium.empty())
    throw MissingTool(
        "--pdf needs Chromium (Debian's package `chromium`); install it with scripts/setup-report.sh, "
        "or set TRUCE_CHROMIUM to a Chromium binary");
  const TemporaryFolder work(pdf);
  const fs::path profile = work.path() / "profile";
  const fs::path printed = work.path() / "report.pdf";
  const fs::path log = work.path() / "chromium.log";
  std::vector<std::string> args = {chromium,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-quic",
                                   "--no-first-run",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--user-data-dir=" + profile.string(),
                                   "--no-pdf-header-footer",
                                   // Let the charts finish drawing (scripts run on virtual time).
                                   "--virtual-time-budget=15000",
                                   "--print-to-pdf=" + printed.string(),
                                   file_url(html)};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  // A process group of its own, so that one kill reaches every process Chromium starts.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, chromium.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  int status = 0;
  if (rc == 0) {
    const ChildProcessWatch watch(pid);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (pending_signal()) throw Interrupted{};  // unwinding removes the folder; main ends by the signal
  std::string log_text;
  {
    std::ifstream in(log);
    log_text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::error_code ec;
  const bool ok = rc == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && fs::exists(printed, ec) &&
                  fs::file_size(printed, ec) > 0;
  if (!ok) throw MissingTool(fmt::format("Chromium ({}) did not print the PDF:\n{}", chromium, log_text));
  move_output_into_place(printed, pdf, inputs);
}

}  // namespace

void add_report_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "report", "Write a self-contained HTML report (charts, summary, evidence) from every analysis, and optionally a PDF");
  auto file = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto pdf = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, "Scenario file: .yaml/.yml/.json, or a KTAB actor-table .csv")->required();
  cmd->add_option("-o,--output", *output, "The HTML report to write")->required();
  cmd->add_option("--pdf", *pdf, "Also print the report to this PDF (needs Debian's chromium)");
  const auto store = add_store_options(*cmd);  // --store, --no-store and --budget
  cmd->footer(
      "Runs every analysis truce has with its default options (levers: tornado of p_ceasefire@12 with a dynamics "
      "section, else of zopa_size; what-it-takes: "
      "--goal 'zopa nonempty' over the red lines); an analysis that fails becomes a note in the report.\n"
      "Each analysis that ran is recorded in the run store as its own run, as its command would record it "
      "(docs/run-store.md); --no-store records none.\n"
      "The chart libraries come from node_modules (scripts/setup-report.sh installs them; TRUCE_NODE_MODULES "
      "overrides where to look). Exit status 5: the chart libraries or Chromium are missing; 6: an output could not "
      "be written (the scenario, a folder, a device or a link is never replaced).");
  cmd->callback([file, output, pdf, store] {
    // Refuse a bad output path before any work: never replace the scenario, the HTML by the
    // PDF, a folder, a device or a link (docs/security.md).
    const std::vector<fs::path> inputs{*file};
    check_output_target(*output, inputs);
    const std::vector<fs::path> pdf_inputs{*file, *output};
    if (!pdf->empty()) {
      check_output_target(*pdf, pdf_inputs);
      if (fs::absolute(*pdf).lexically_normal() == fs::absolute(*output).lexically_normal())
        throw OutputError(fmt::format("cannot write {}: it is also the HTML report (-o); give the PDF another name", *pdf));
    }
    const auto scenario = load_scenario_or_report(*file);
    if (!scenario) return;  // load_scenario_or_report set the exit code
    report::ReportContext context;
    context.truce_version = truce::version;
    context.scenario_file = *file;
    try {
      std::error_code ec;
      const fs::path self = fs::read_symlink("/proc/self/exe", ec);
      context.assets = report::find_chart_assets(report::chart_asset_search_path(ec ? fs::path() : self));
    } catch (const std::exception& e) {
      throw MissingTool(e.what());
    }

    std::vector<report::AnalysisRun> runs;
    for (const auto& analysis : analyses()) {
      if (analysis.applies && !analysis.applies(*scenario)) continue;
      report::AnalysisRun run;
      run.name = analysis.name;
      run.description = analysis.description;
      try {
        run.options = analysis.complete_options(*scenario, report::report_options(*scenario, analysis.name));
        run.result = analysis.typed_run(*scenario, run.options);
      } catch (const std::exception& e) {
        run.error = e.what();
        std::cerr << fmt::format("truce report: the {} analysis failed: {} (noted in the report)\n", analysis.name,
                                 printable_for_terminal(e.what()));
      }
      runs.push_back(std::move(run));
    }

    write_output_file(*output, report::render_report(*scenario, runs, context), inputs);
    std::cout << "wrote " << *output << '\n';
    if (!pdf->empty()) {
      print_pdf(*output, *pdf, pdf_inputs);
      std::cout << "wrote " << *pdf << '\n';
    }
    // One run per analysis, recorded as its own command records it, so `runs list` shows each
    // analysis' headline and `runs rerun` can reproduce each from the registry (a single
    // "report" run would be neither). Recorded after the report is written: a store that
    // cannot take them never costs the report (exit 4 says they are missing).
    for (const auto& run : runs) {
      if (!run.result) continue;  // failed: a note in the report, nothing to reproduce
      const int stored = record_run(*store, run.name, *scenario, *file, run.options, to_json(*run.result));
      if (exit_code() == exit_ok) exit_code() = stored;
    }
  });
}

}  // namespace truce::cli

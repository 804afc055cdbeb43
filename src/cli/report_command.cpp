// `truce report FILE -o report.html [--pdf report.pdf]`: runs every registered analysis
// with its default options and writes one self-contained HTML report (and a PDF of it,
// printed by headless Chromium). Files are written to a temporary name in the same folder
// and renamed, so a reader never sees a partial report.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/report/report.hpp"
#include "truce/version.hpp"

extern char** environ;

namespace truce::cli {

namespace {

namespace fs = std::filesystem;

// Exit status when the machine lacks what the report needs (chart libraries, Chromium).
constexpr int exit_missing_tool = 5;  // 3 and 4 belong to the run store

fs::path temporary_sibling(const fs::path& target) {
  return target.parent_path() / fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid());
}

// Writes text to path atomically (temp file in the same folder, then rename).
void write_atomically(const fs::path& path, const std::string& text) {
  std::error_code exists_ec;
  const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  if (!fs::is_directory(folder, exists_ec))
    throw std::runtime_error(fmt::format("cannot write {}: folder {} does not exist", path.string(), folder.string()));
  const fs::path tmp = temporary_sibling(path);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
    out << text;
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error(fmt::format("cannot write {}: {}", path.string(), ec.message()));
  }
}

std::string find_chromium() {
  if (const char* env = std::getenv("TRUCE_CHROMIUM"); env && *env) return env;
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
    if (::access(p, X_OK) == 0) return p;
  return "";
}

// Prints the HTML report to PDF with headless Chromium; the PDF appears only when complete.
void print_pdf(const fs::path& html, const fs::path& pdf) {
  const std::string chromium = find_chromium();
  if (chromium.empty())
    throw std::runtime_error(
        "--pdf needs Chromium (Debian's package `chromium`); install it with scripts/setup-report.sh, "
        "or set TRUCE_CHROMIUM to a Chromium binary");
  char profile_template[] = "/tmp/truce-chromium-XXXXXX";
  if (!::mkdtemp(profile_template)) throw std::runtime_error("cannot create a temporary Chromium profile");
  const fs::path profile = profile_template;
  const fs::path tmp = temporary_sibling(pdf);
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
                                   "--print-to-pdf=" + tmp.string(),
                                   "file://" + fs::absolute(html).string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const fs::path log = profile / "chromium.log";
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, chromium.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  if (rc == 0) ::waitpid(pid, &status, 0);
  std::string log_text;
  {
    std::ifstream in(log);
    log_text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::error_code ec;
  fs::remove_all(profile, ec);
  const bool ok = rc == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && fs::exists(tmp) && fs::file_size(tmp) > 0;
  if (!ok) {
    fs::remove(tmp, ec);
    throw std::runtime_error(fmt::format("Chromium ({}) did not print the PDF:\n{}", chromium, log_text));
  }
  fs::rename(tmp, pdf, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error(fmt::format("cannot write {}: {}", pdf.string(), ec.message()));
  }
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
  cmd->footer(
      "Runs every analysis truce has with its default options (levers: tornado of p_ceasefire@12 with a dynamics "
      "section, else of zopa_size; what-it-takes: "
      "--goal 'zopa nonempty' over the red lines); an analysis that fails becomes a note in the report.\n"
      "The chart libraries come from node_modules (scripts/setup-report.sh installs them; TRUCE_NODE_MODULES "
      "overrides where to look). Exit status 3: the chart libraries or Chromium are missing.");
  cmd->callback([file, output, pdf] {
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
      std::cerr << "truce report: " << e.what() << '\n';
      exit_code() = exit_missing_tool;
      return;
    }

    std::vector<report::AnalysisRun> runs;
    for (const auto& analysis : analyses()) {
      report::AnalysisRun run;
      run.name = analysis.name;
      run.description = analysis.description;
      try {
        run.options = analysis.complete_options(*scenario, report::report_options(*scenario, analysis.name));
        run.result = analysis.run(*scenario, run.options);
      } catch (const std::exception& e) {
        run.error = e.what();
        std::cerr << fmt::format("truce report: the {} analysis failed: {} (noted in the report)\n", analysis.name, e.what());
      }
      runs.push_back(std::move(run));
    }

    try {
      write_atomically(*output, report::render_report(*scenario, runs, context));
    } catch (const std::exception& e) {
      std::cerr << "truce report: " << e.what() << '\n';
      exit_code() = exit_invalid_input;
      return;
    }
    std::cout << "wrote " << *output << '\n';
    if (!pdf->empty()) {
      try {
        print_pdf(*output, *pdf);
        std::cout << "wrote " << *pdf << '\n';
      } catch (const std::exception& e) {
        std::cerr << "truce report: " << e.what() << '\n';
        exit_code() = exit_missing_tool;
      }
    }
  });
}

}  // namespace truce::cli

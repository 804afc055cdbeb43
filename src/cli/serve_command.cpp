// `truce serve SCENARIO [--port P] [--host H] [--save-dir DIR]`: the browser explorer
// (docs/serve.md). Loads the scenario, prints the page's URL with its token and serves until
// interrupted; everything the page can do is in src/serve.

#include <fmt/format.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "option_flags.hpp"
#include "run_recording.hpp"
#include "truce/format/terminal_text.hpp"
#include "truce/report/chart_assets.hpp"
#include "truce/serve/explorer.hpp"
#include "truce/serve/http_server.hpp"

namespace truce::cli {

namespace {

struct ServeArgs {
  std::string file;
  std::shared_ptr<nlohmann::json> given = std::make_shared<nlohmann::json>(nlohmann::json::object());
};

std::string url_host(const std::string& host) {
  if (host == "0.0.0.0" || host == "::") return "127.0.0.1";  // every address: this machine's is one
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

int run_serve(const ServeArgs& args, const StoreOptions& store) {
  serve::ServeOptions options;
  try {
    options = serve::serve_option_table().parse(*args.given);
  } catch (const std::invalid_argument& e) {
    std::cerr << "truce serve: " << e.what() << '\n';
    return exit_usage;
  }
  if (!options.save_dir.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(options.save_dir, ec)) {
      std::cerr << fmt::format("truce serve: --save-dir '{}' is not a folder\n", printable_for_terminal(options.save_dir));
      return exit_usage;
    }
  }
  report::ChartAssets assets;
  try {
    assets = report::find_chart_assets(report::chart_asset_search_path("/proc/self/exe"));
  } catch (const std::runtime_error& e) {
    std::cerr << "truce serve: " << e.what() << '\n';
    return exit_missing_tool;
  }
  auto scenario = load_scenario_or_report(args.file);
  if (!scenario) return exit_invalid_input;

  serve::Explorer explorer;
  explorer.scenario = std::move(*scenario);
  explorer.scenario_file = args.file;
  explorer.options = options;
  if (!store.no_store) {
    explorer.store_path = store_path(store, std::cerr);
    if (!explorer.store_path) std::cerr << "truce serve: recording is off (no run store)\n";
  }
  if (!serve::is_loopback_host(options.host))
    std::cerr << fmt::format(
        "truce serve: warning: listening on {}, not 127.0.0.1: other machines that can reach it can open the "
        "explorer with the token, and its traffic is not encrypted\n",
        printable_for_terminal(options.host));

  // A page closed mid-answer must not end the server: a write to its socket fails instead.
  std::signal(SIGPIPE, SIG_IGN);
  const std::string token = serve::new_token();
  serve::ExplorerServer server(explorer, token, assets);
  const int port = server.bind(options.host, static_cast<int>(options.port));
  if (port < 0) {
    std::cerr << fmt::format("truce serve: cannot listen on {}:{} (in use, or not an address of this machine)\n",
                             printable_for_terminal(options.host), options.port);
    return exit_usage;
  }
  std::cout << fmt::format("http://{}:{}/?token={}", url_host(options.host), port, token) << std::endl;
  std::cerr << "truce serve: open the URL above in a browser; Ctrl-C stops the server\n";
  server.run();
  return exit_ok;
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "serve", "The browser explorer: move red lines, levers and policies and see at once whether a deal opens "
               "and how P(ceasefire) moves (prints a URL on 127.0.0.1)");
  auto args = std::make_shared<ServeArgs>();
  cmd->add_option("SCENARIO", args->file, "Scenario file (.yaml/.yml/.json/.csv)")->required();
  add_option_flags(*cmd, serve::serve_option_table().specs(), args->given, "Server options");
  const auto store = add_store_options(*cmd);
  cmd->callback([args, store] { exit_code() = run_serve(*args, *store); });
}

}  // namespace truce::cli

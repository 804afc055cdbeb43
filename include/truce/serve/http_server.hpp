#pragma once
// The explorer's HTTP layer (docs/serve.md, docs/security.md): a thin shell over handle_api.
// It checks what no handler should have to: the token on every request, the Host a browser
// sent (so a web page elsewhere cannot reach the explorer by renaming itself), the size of a
// body; then hands method, path and body to the pure API and writes its JSON back.

#include <memory>
#include <string>

#include "truce/report/chart_assets.hpp"
#include "truce/serve/explorer.hpp"

namespace truce::serve {

// 128 random bits as 32 hex digits, from the system's random source.
std::string new_token();

// Whether `given` is the token; compares every byte whatever the first difference (no timing
// tells how much of a guess was right).
bool token_accepted(const std::string& expected, const std::string& given);

// Whether an address is this machine's loopback (127.0.0.0/8, ::1, localhost).
bool is_loopback_host(const std::string& host);

// The Host header's name, without its port ("127.0.0.1:8765" -> "127.0.0.1", "[::1]:80" -> "::1").
std::string host_name(const std::string& host_header);

class ExplorerServer {
 public:
  // `explorer` must outlive the server.
  ExplorerServer(Explorer& explorer, std::string token, report::ChartAssets assets);
  ~ExplorerServer();
  ExplorerServer(const ExplorerServer&) = delete;
  ExplorerServer& operator=(const ExplorerServer&) = delete;

  // Binds host:port (port 0: any free one); returns the port, or -1 when it cannot bind.
  int bind(const std::string& host, int port);
  // Serves until stop() (from another thread or a signal handler's thread).
  void run();
  void stop();
  // Blocks until run() is serving (for tests that start it on a thread).
  void wait_until_ready() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace truce::serve

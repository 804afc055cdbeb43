// The socket layer of `truce serve`, on cpp-httplib (Debian's libcpp-httplib-dev): a small,
// well-known server with a thread pool, body limits and timeouts built in, so what is ours
// here is only the checks and the hand-over to handle_api.

#include "truce/serve/http_server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <random>
#include <thread>

namespace truce::serve {

std::string new_token() {
  std::random_device source;  // getrandom(2) / /dev/urandom on Linux
  static const char* const hex = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < 4; ++i) {
    const std::uint32_t word = source();
    for (int b = 0; b < 8; ++b) token += hex[(word >> (4 * b)) & 0xf];
  }
  return token;
}

bool token_accepted(const std::string& expected, const std::string& given) {
  if (expected.empty()) return false;
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i)
    difference |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
  return difference == 0;
}

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::string host_name(const std::string& host_header) {
  if (!host_header.empty() && host_header.front() == '[') {
    const auto end = host_header.find(']');
    return end == std::string::npos ? host_header : host_header.substr(1, end - 1);
  }
  return host_header.substr(0, host_header.find(':'));
}

namespace {

void write_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

// Every response: nothing cached (the token is in the URL), no referrer sent on (it carries
// the token), the page may talk only to this server, and types are what they say.
void set_safety_headers(httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  // Vega compiles its expressions with Function(), hence 'unsafe-eval'; scripts and styles
  // are inline because the page is one document with everything in it.
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
                 "img-src data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                 "frame-ancestors 'none'");
}

}  // namespace

struct ExplorerServer::Impl {
  Explorer& explorer;
  std::string token;
  std::string page;
  bool loopback = true;
  int listening_socket = -1;
  httplib::Server server;

  Impl(Explorer& x, std::string t, const report::ChartAssets& assets)
      : explorer(x), token(std::move(t)), page(explorer_page(assets)) {}

  // The token from the query (?token=, what the printed URL carries) or a header (what the
  // page's script sends).
  bool authorised(const httplib::Request& req) const {
    std::string given = req.get_param_value("token");
    if (given.empty()) given = req.get_header_value("X-Truce-Token");
    return token_accepted(token, given);
  }

  void configure() {
    server.set_payload_max_length(explorer.options.max_body_bytes);
    // Remember the listening socket (bind() widens its backlog), with httplib's own options.
    server.set_socket_options([this](socket_t sock) {
      httplib::default_socket_options(sock);
      listening_socket = sock;
    });
    server.set_read_timeout(10, 0);
    server.set_write_timeout(10, 0);
    server.set_keep_alive_timeout(2);
    server.set_keep_alive_max_count(100);
    // Enough threads that many open pages (each keeping a connection alive) do not wait on
    // each other; the Monte Carlo itself runs on its own threads.
    server.new_task_queue = [] { return new httplib::ThreadPool(64); };
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      set_safety_headers(res);
      // No compression: on the loopback it only costs time, and Debian's httplib compresses
      // with Brotli at its highest quality whenever a browser accepts it (half a second for
      // the space answer's 300 KB). httplib has no switch for it, so the request forgets it
      // asked; the request object is httplib's own, not const.
      const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
      if (loopback && !is_loopback_host(host_name(req.get_header_value("Host")))) {
        write_json(res, 403, {{"error", "this server answers only requests addressed to this machine's loopback"}});
        return httplib::Server::HandlerResponse::Handled;
      }
      if (!authorised(req)) {
        write_json(res, 401, {{"error", "missing or wrong token: open the URL truce serve printed"}});
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server.Get("/", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(page, "text/html; charset=utf-8");
    });
    const auto api = [this](const httplib::Request& req, httplib::Response& res) {
      const ApiResponse answer = handle_api(explorer, ApiRequest{req.method, req.path, req.body});
      write_json(res, answer.status, answer.body);
    };
    server.Get(R"(/api/.*)", api);
    server.Post(R"(/api/.*)", api);
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      // httplib's own refusals (413 for a body over the limit, 400 for a malformed request)
      // and unknown paths, as JSON like the rest.
      if (res.body.empty()) {
        const int status = res.status;
        write_json(res, status,
                   {{"error", status == 413 ? "the request body is larger than the limit" : "no such page"}});
      }
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr e) {
      std::string what = "unknown error";
      try {
        if (e) std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        what = ex.what();
      } catch (...) {
      }
      write_json(res, 500, {{"error", what}});
    });
  }
};

ExplorerServer::ExplorerServer(Explorer& explorer, std::string token, report::ChartAssets assets)
    : impl_(std::make_unique<Impl>(explorer, std::move(token), assets)) {
  impl_->configure();
}

ExplorerServer::~ExplorerServer() { stop(); }

int ExplorerServer::bind(const std::string& host, int port) {
  impl_->loopback = is_loopback_host(host);
  const int bound = port == 0 ? impl_->server.bind_to_any_port(host) : impl_->server.bind_to_port(host, port) ? port : -1;
  // httplib listens with a backlog of 5: many pages connecting at once would overflow it and
  // see their connections stall or drop. Calling listen again widens it.
  if (bound >= 0 && impl_->listening_socket >= 0) ::listen(impl_->listening_socket, SOMAXCONN);
  return bound;
}

void ExplorerServer::run() { impl_->server.listen_after_bind(); }

void ExplorerServer::stop() {
  if (impl_) impl_->server.stop();
}

void ExplorerServer::wait_until_ready() const {
  while (!impl_->server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace truce::serve

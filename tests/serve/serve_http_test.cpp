// The explorer over real sockets on the loopback (src/serve/http_server.cpp): the token on
// every request, the Host check, the body limit, malformed requests and connections closed
// mid-request, and a bounded load test of 50 concurrent clients moving a slider.

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "truce/analysis/scenario_changes.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/serve/http_server.hpp"
#include "truce/space/space_report.hpp"

using nlohmann::json;

namespace {

const std::string reference = std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml";
const std::string territory_red_line = "red_line_min.russia.territory";

// A server on a free loopback port, on its own thread, for one test.
struct Running {
  truce::serve::Explorer explorer;
  std::string token = truce::serve::new_token();
  std::unique_ptr<truce::serve::ExplorerServer> server;
  std::thread thread;
  int port = -1;

  Running() {
    explorer.scenario = truce::load_scenario_file(reference);
    explorer.scenario_file = reference;
    explorer.options.max_body_bytes = 4096;
    explorer.options.fast_runs = 100;
    explorer.options.refined_runs = 200;
    explorer.options.threads = 1;
    server = std::make_unique<truce::serve::ExplorerServer>(explorer, token, truce::report::ChartAssets{"", "", ""});
    port = server->bind("127.0.0.1", 0);
    thread = std::thread([this] { server->run(); });
    server->wait_until_ready();
  }
  ~Running() {
    server->stop();
    thread.join();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60, 0);
    return c;
  }
  httplib::Headers auth() const { return {{"X-Truce-Token", token}}; }
};

// Sends raw bytes and closes, reading what comes back (if anything) first when asked.
std::string raw_exchange(int port, const std::string& bytes, bool read_reply) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string reply;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    (void)!::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (read_reply) {
      char buffer[4096];
      timeval timeout{5, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
      const auto n = ::read(fd, buffer, sizeof buffer);
      if (n > 0) reply.assign(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return reply;
}

}  // namespace

TEST(ServeHttp, EveryRequestNeedsTheToken) {
  Running s;
  auto c = s.client();
  for (const std::string path : {"/", "/api/scenario", "/nothing"}) {
    auto r = c.Get(path.c_str());
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 401) << path;
    r = c.Get((path + "?token=" + std::string(32, '0')).c_str());
    EXPECT_EQ(r->status, 401) << path;
  }
  auto post = c.Post("/api/answer", json{{"analysis", "space"}}.dump(), "application/json");
  EXPECT_EQ(post->status, 401);
  EXPECT_EQ(c.Get(("/api/scenario?token=" + s.token).c_str())->status, 200);
  const auto page = c.Get(("/?token=" + s.token).c_str());
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("connect-src 'self'"), std::string::npos);
  EXPECT_EQ(c.Get("/api/scenario", s.auth())->status, 200);
  EXPECT_TRUE(truce::serve::token_accepted(s.token, s.token));
  EXPECT_FALSE(truce::serve::token_accepted(s.token, s.token.substr(1)));
  EXPECT_FALSE(truce::serve::token_accepted("", ""));
}

TEST(ServeHttp, ARequestForAnotherHostIsRefused) {
  Running s;
  auto c = s.client();
  httplib::Headers h = s.auth();
  h.emplace("Host", "attacker.example:80");
  const auto r = c.Get("/api/scenario", h);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
}

TEST(ServeHttp, AnOversizedBodyIs413AndAnInvalidOne400) {
  Running s;
  auto c = s.client();
  const std::string big = json{{"state", {{"changes", {{territory_red_line, 50}}}}}, {"pad", std::string(8000, 'x')}}.dump();
  auto r = c.Post("/api/answer", s.auth(), big, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  r = c.Post("/api/answer", s.auth(), json{{"analysis", "space"}, {"state", {{"changes", {{territory_red_line, -5}}}}}}.dump(),
             "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json::parse(r->body)["at"], "/state/changes/" + territory_red_line);
}

TEST(ServeHttp, MalformedRequestsAndClosedConnectionsLeaveItServing) {
  Running s;
  raw_exchange(s.port, "this is not HTTP\r\n\r\n", true);
  raw_exchange(s.port, std::string(100000, 'G'), false);
  // A body announced but never sent, then the connection closed.
  raw_exchange(s.port,
               "POST /api/answer?token=" + s.token + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{\"a\":",
               false);
  // An answer asked for and the connection closed before it is written.
  raw_exchange(s.port,
               "POST /api/answer?token=" + s.token +
                   " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 41\r\n\r\n"
                   "{\"analysis\":\"simulate\",\"runs\":200,\"a\":1}",
               false);
  const std::string chunked = "POST /api/answer?token=" + s.token +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
  raw_exchange(s.port, chunked, true);
  auto c = s.client();
  const auto r = c.Get("/api/scenario", s.auth());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST(ServeHttp, FiftyConcurrentClientsMovingASliderGetTheRightAnswers) {
  Running s;
  // The expected zone of agreement for each position of the slider, from the engine.
  const std::vector<double> values = {40, 50, 60, 70, 80};
  std::map<double, json> expected;
  for (const double v : values)
    expected[v] = truce::space::run_space_analysis(truce::with_parameter_values(s.explorer.scenario, {{territory_red_line, v}}),
                                                   json::object())["zopa"];
  std::atomic<int> wrong{0}, failed{0}, answered{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> clients;
  for (int k = 0; k < 50; ++k)
    clients.emplace_back([&, k] {
      auto c = s.client();
      for (int step = 0; step < 4; ++step) {
        const double v = values[(k + step) % values.size()];
        // Each client its own id and a growing generation, as the page sends them.
        const json body = {{"analysis", "space"},
                           {"client", "load-" + std::to_string(k)},
                           {"generation", step},
                           {"state", {{"changes", {{territory_red_line, v}}}}}};
        const auto r = c.Post("/api/answer", s.auth(), body.dump(), "application/json");
        if (!r || r->status != 200) {
          if (++failed <= 3)
            ADD_FAILURE() << (r ? std::to_string(r->status) + " " + r->body : "no answer: " + httplib::to_string(r.error()));
          continue;
        }
        ++answered;
        if (json::parse(r->body)["result"]["zopa"] != expected[v]) ++wrong;
      }
    });
  for (auto& t : clients) t.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(answered.load(), 200);
  EXPECT_LT(seconds, 120.0);
}

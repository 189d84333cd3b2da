// Item 2: eight sockets that sent a POST's head and then a byte every 5 s stopped /healthz
// answering for as long as they went on. Now 64 of them leave /healthz and a signed-in read
// answering within 100 ms, and a request has a deadline on the whole of it, not on each byte.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <thread>

#include "security_support.h"

namespace trialcore::security {
namespace {

// Sockets that send a login's head announcing 1000 bytes, then one byte every `pace`.
class SlowClients {
 public:
  SlowClients(int port, int count, std::chrono::milliseconds pace) {
    for (int i = 0; i < count; ++i) {
      int socket = open_connection(port);
      if (socket < 0) continue;
      send_bytes(socket, "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
      sockets_.push_back(socket);
    }
    dripper_ = std::thread([this, pace] {
      while (!stop_) {
        for (int socket : sockets_) send_bytes(socket, " ");
        for (auto waited = 0ms; waited < pace && !stop_; waited += 10ms) std::this_thread::sleep_for(10ms);
      }
    });
  }
  ~SlowClients() {
    stop_ = true;
    dripper_.join();
    for (int socket : sockets_) close(socket);
  }
  size_t open() const { return sockets_.size(); }

 private:
  std::vector<int> sockets_;
  std::atomic<bool> stop_{false};
  std::thread dripper_;
};

TEST(SlowClientsTest, SixtyFourSlowSocketsLeaveTheServerAnswering) {
  TrialServer trial({}, {"coordinator"});
  Signed coordinator = trial.as("coordinator");
  SlowClients slow(trial.port(), 64, 5000ms);
  ASSERT_EQ(slow.open(), 64u);
  std::this_thread::sleep_for(500ms);  // every slow socket is being served
  std::vector<double> health, reads;
  for (int i = 0; i < 10; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto answer = call(trial.port(), "GET", "/healthz");
    health.push_back(milliseconds_since(start));
    ASSERT_TRUE(answer) << "/healthz did not answer";
    EXPECT_EQ(answer->status, 200);
    start = std::chrono::steady_clock::now();
    answer = call(trial.port(), "GET", "/api/patients", std::nullopt, &coordinator);
    reads.push_back(milliseconds_since(start));
    ASSERT_TRUE(answer) << "/api/patients did not answer";
    EXPECT_EQ(answer->status, 200);
  }
  std::cout << "with 64 slow clients: /healthz at most " << *std::max_element(health.begin(), health.end())
            << " ms, /api/patients at most " << *std::max_element(reads.begin(), reads.end()) << " ms\n";
  for (double ms : health) EXPECT_LT(ms, 100 * kSlowdown) << "/healthz took " << ms << " ms";
  for (double ms : reads) EXPECT_LT(ms, 100 * kSlowdown) << "/api/patients took " << ms << " ms";
}

// Bytes that keep coming, each well within any per-read timeout, do not stretch a request
// past its deadline: it is answered 408 and the connection closed.
TEST(SlowClientsTest, ARequestHasADeadlineOnTheWholeOfIt) {
  ServerProcess server({"--timeout", "2"});
  int socket = open_connection(server.port());
  ASSERT_GE(socket, 0);
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(send_bytes(socket, "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{"));
  std::optional<Answer> answer;
  while (!answer && milliseconds_since(start) < 10000) {
    send_bytes(socket, " ");  // every 200 ms
    answer = read_answer(socket, 200ms);
  }
  close(socket);
  double elapsed = milliseconds_since(start);
  ASSERT_TRUE(answer) << "no answer after 10 s";
  EXPECT_EQ(answer->status, 408) << answer->head;
  EXPECT_GE(elapsed, 1800);
  EXPECT_LT(elapsed, 4000);
  // The head alone, dripped: the same deadline.
  socket = open_connection(server.port());
  start = std::chrono::steady_clock::now();
  std::string head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + std::string(200, 'x') + "\r\n\r\n";
  answer.reset();
  for (size_t i = 0; i < head.size() && !answer && milliseconds_since(start) < 10000; ++i) {
    send_bytes(socket, head.substr(i, 1));
    answer = read_answer(socket, 100ms);
  }
  close(socket);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 408);
  EXPECT_LT(milliseconds_since(start), 4000);
  // A connection that sends nothing at all is closed after the keep-alive wait.
  socket = open_connection(server.port());
  timeval patience{20, 0};
  setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
  start = std::chrono::steady_clock::now();
  char byte;
  EXPECT_EQ(recv(socket, &byte, 1, 0), 0) << "the idle connection was not closed";
  EXPECT_LT(milliseconds_since(start), 8000);
  close(socket);
  // And the server is still well.
  EXPECT_EQ(call(server.port(), "GET", "/healthz")->status, 200);
}

}  // namespace
}  // namespace trialcore::security

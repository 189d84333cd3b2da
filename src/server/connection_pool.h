// The threads that serve connections. httplib's own pool has a fixed number of threads (8
// here), so eight slow clients hold all of them and nobody else is answered. This pool
// starts a thread whenever a connection arrives and none is idle, up to a high ceiling;
// with every request bounded by a deadline (guarded_server.h), a slow peer holds one thread
// for a bounded time and the others go on.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace trialcore::server {

class ConnectionPool : public httplib::TaskQueue {
 public:
  // Beyond `maximum_threads` busy threads, connections wait their turn in arrival order.
  explicit ConnectionPool(size_t maximum_threads) : maximum_threads_(maximum_threads) {}
  ~ConnectionPool() override { shutdown(); }

  void enqueue(std::function<void()> job) override;
  // Lets the threads finish the connections they serve and those waiting, then joins them.
  void shutdown() override;

  // For tests: how many threads were started.
  size_t threads() const;

 private:
  void work();

  size_t maximum_threads_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace trialcore::server

// Connections kept for reuse by readers: a read leases one and gives it back, so reads run
// side by side, each on a connection of its own, and never wait for the writer's commit.
// The pool grows to as many connections as reads run at once.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "base/result.h"

namespace trialcore::store {

template <class Connection>
class ConnectionPool {
 public:
  using Open = std::function<Result<std::unique_ptr<Connection>>()>;
  explicit ConnectionPool(Open open) : open_(std::move(open)) {}

  // A connection held for one read; given back when the lease ends, unless discarded.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection) : pool_(&pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease() {
      if (connection_) pool_->give_back(std::move(connection_));
    }
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }
    // The connection is not fit for reuse (broken): it is closed instead of given back.
    void discard() { connection_.reset(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  Result<Lease> lease() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<Connection> connection = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(connection));
      }
    }
    auto opened = open_();
    if (!opened.ok()) return opened.error();
    return Lease(*this, std::move(*opened));
  }

 private:
  void give_back(std::unique_ptr<Connection> connection) {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(connection));
  }

  Open open_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace trialcore::store

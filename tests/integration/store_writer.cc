// A process that appends events one transaction at a time, from THREADS threads at once
// (group commit: they share commits), and prints each sequence once its transaction has
// committed, for the crash and concurrency tests.
// Usage: store_writer LOCATION COUNT SUBJECT [THREADS]   (COUNT events a thread)
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/test_stores.h"

int main(int argc, char** argv) {
  using namespace trialcore::store;
  if (argc != 4 && argc != 5) {
    std::fprintf(stderr, "usage: store_writer LOCATION COUNT SUBJECT [THREADS]\n");
    return 2;
  }
  testing::CountingProjector projector;
  auto store = open_store(argv[1], projector);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.error().to_string().c_str());
    return 1;
  }
  long count = std::atol(argv[2]);
  int threads = argc == 5 ? std::atoi(argv[4]) : 1;
  std::mutex output;
  int failed = 0;
  auto write = [&](int thread) {
    for (long i = 0; i < count; ++i) {
      int64_t sequence = 0;
      trialcore::Status status = (*store)->transact([&](Transaction& transaction) -> trialcore::Status {
        auto appended = transaction.append(
            testing::new_event("dose-given", argv[3], {{"thread", thread}, {"index", i}, {"dose_mg", 3.27}}));
        if (!appended.ok()) return appended.error();
        sequence = appended->sequence;
        return trialcore::Status::Ok();
      });
      std::lock_guard<std::mutex> lock(output);
      if (!status.ok()) {
        std::fprintf(stderr, "%s\n", status.error().to_string().c_str());
        ++failed;
        return;
      }
      std::printf("%lld\n", static_cast<long long>(sequence));  // acknowledged: committed
      std::fflush(stdout);
    }
  };
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t) running.emplace_back(write, t);
  for (std::thread& thread : running) thread.join();
  return failed ? 1 : 0;
}

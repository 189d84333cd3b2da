// A process that appends events one transaction at a time and prints each sequence once
// its transaction has committed, for the crash and concurrency tests.
// Usage: store_writer LOCATION COUNT SUBJECT
#include <cstdio>
#include <cstdlib>
#include <string>

#include "store/test_stores.h"

int main(int argc, char** argv) {
  using namespace trialcore::store;
  if (argc != 4) {
    std::fprintf(stderr, "usage: store_writer LOCATION COUNT SUBJECT\n");
    return 2;
  }
  testing::CountingProjector projector;
  auto store = open_store(argv[1], projector);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.error().to_string().c_str());
    return 1;
  }
  long count = std::atol(argv[2]);
  for (long i = 0; i < count; ++i) {
    int64_t sequence = 0;
    trialcore::Status status = (*store)->transact([&](Transaction& transaction) -> trialcore::Status {
      auto appended = transaction.append(testing::new_event("dose-given", argv[3], {{"index", i}, {"dose_mg", 3.27}}));
      if (!appended.ok()) return appended.error();
      sequence = appended->sequence;
      return trialcore::Status::Ok();
    });
    if (!status.ok()) {
      std::fprintf(stderr, "%s\n", status.error().to_string().c_str());
      return 1;
    }
    std::printf("%lld\n", static_cast<long long>(sequence));  // acknowledged: committed
    std::fflush(stdout);
  }
  return 0;
}

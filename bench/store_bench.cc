// The trial's record under load: durable appends a second on each backend (one event a
// committed transaction, synchronous as in production), and a full rebuild of the
// projections from 100,000 events beside a plain scan of the same events as its baseline.
// PostgreSQL runs when TRIALCORE_BENCH_POSTGRES names a server (bench/run-store.sh starts
// one and runs pgbench beside it).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "store/test_stores.h"
#include "store/verify.h"
#include "trial/trial_projector.h"

namespace {

using namespace trialcore;

store::NewEvent observation(const std::string& patient, int index) {
  store::NewEvent event = store::testing::new_event("observation-recorded", patient,
      {{"observation", {{"code", "anc"}, {"value", 1.0 + index % 10}, {"unit", "10*9/L"}, {"date", "2010-07-05"}}}});
  return event;
}

void append_one_at_a_time(benchmark::State& state, const std::string& location) {
  trial::TrialProjector projector;
  auto opened = store::open_store(location, projector);
  if (!opened.ok()) {
    state.SkipWithError(opened.error().to_string().c_str());
    return;
  }
  auto& store = *opened;
  int index = 0;
  for (auto _ : state) {
    Status status = store->transact([&](store::Transaction& transaction) -> Status {
      auto appended = transaction.append(observation("P" + std::to_string(index % 100), index));
      return appended.ok() ? Status::Ok() : Status(appended.error());
    });
    if (!status.ok()) state.SkipWithError(status.error().to_string().c_str());
    ++index;
  }
  state.SetItemsProcessed(state.iterations());
}

void Appends_sqlite(benchmark::State& state) {
  std::string path = store::testing::fresh_sqlite_file();
  append_one_at_a_time(state, path);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}
BENCHMARK(Appends_sqlite)->Name("Appends/sqlite")->UseRealTime()->MinTime(3);

void Appends_postgresql(benchmark::State& state) {
  const char* server = std::getenv("TRIALCORE_BENCH_POSTGRES");
  if (!server) {
    state.SkipWithError("set TRIALCORE_BENCH_POSTGRES (bench/run-store.sh does)");
    return;
  }
  setenv("TRIALCORE_TEST_POSTGRES", server, 1);
  append_one_at_a_time(state, store::testing::fresh_postgres_database());
}
BENCHMARK(Appends_postgresql)->Name("Appends/postgresql")->UseRealTime()->MinTime(3);

// 1,000 patients of 100 events each, written in batches (the speed of writing is not what
// is measured here).
struct HundredThousand {
  std::string path = store::testing::fresh_sqlite_file();
  trial::TrialProjector projector;
  std::unique_ptr<store::Store> store;

  HundredThousand() {
    store = std::move(*store::open_store(path, projector));
    for (int patient = 0; patient < 1000; ++patient) {
      std::string id = "P" + std::to_string(patient);
      Status status = store->transact([&](store::Transaction& transaction) -> Status {
        auto registered = transaction.append(store::testing::new_event("patient-registered", id, {{"record", {{"id", id}, {"salvage", 1}}}}));
        if (!registered.ok()) return registered.error();
        for (int i = 1; i < 100; ++i) {
          auto appended = transaction.append(observation(id, i));
          if (!appended.ok()) return appended.error();
        }
        return Status::Ok();
      });
      if (!status.ok()) std::abort();
    }
  }
  ~HundredThousand() {
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

HundredThousand& hundred_thousand() {
  static HundredThousand events;
  return events;
}

void Rebuild_trialcore(benchmark::State& state) {
  HundredThousand& events = hundred_thousand();
  for (auto _ : state) {
    auto rows = store::derive_projections(*events.store, events.projector);
    benchmark::DoNotOptimize(rows);
  }
  state.SetItemsProcessed(state.iterations() * 100000);
}
BENCHMARK(Rebuild_trialcore)->Name("Rebuild/trialcore")->Unit(benchmark::kMillisecond)->UseRealTime();

// The baseline: reading the same 100,000 events, without projecting them.
void Rebuild_baseline(benchmark::State& state) {
  HundredThousand& events = hundred_thousand();
  for (auto _ : state) {
    int64_t read = 0;
    Status status = events.store->read([&](store::Transaction& transaction) -> Status {
      for (int64_t after = 0;;) {
        auto batch = transaction.events(after, 10000);
        if (!batch.ok()) return batch.error();
        read += static_cast<int64_t>(batch->size());
        if (batch->empty()) return Status::Ok();
        after = batch->back().sequence;
      }
    });
    benchmark::DoNotOptimize(read);
    if (!status.ok()) state.SkipWithError(status.error().to_string().c_str());
  }
  state.SetItemsProcessed(state.iterations() * 100000);
}
BENCHMARK(Rebuild_baseline)->Name("Rebuild/baseline")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();

// The trial's record under load: durable appends a second on each backend (one event a
// committed transaction, synchronous as in production) from one writer and from eight
// writing at once (threads sharing the store, as the server's do), and a full rebuild of
// the projections from 100,000 events (every row written) beside a plain scan of the same
// events as its baseline.
// PostgreSQL runs when TRIALCORE_BENCH_POSTGRES names a server (bench/run-store.sh starts
// one and runs pgbench beside it).
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "store/test_stores.h"
#include "store/verify.h"
#include "trial/record_projector.h"

namespace {

using namespace trialcore;

// "P" and a number (appended, not `"P" + std::to_string(n)`: GCC 12 warns falsely of that
// in an optimized build).
std::string patient_id(int number) {
  std::string id = "P";
  id += std::to_string(number);
  return id;
}

store::NewEvent observation(const std::string& patient, int index) {
  store::NewEvent event = store::testing::new_event("observation-recorded", patient,
      {{"observation", {{"code", "anc"}, {"value", 1.0 + index % 10}, {"unit", "10*9/L"}, {"date", "2010-07-05"}}}});
  return event;
}

// A fresh store for one benchmark: a SQLite file, or a database on the server that
// TRIALCORE_BENCH_POSTGRES names; empty (the benchmark skipped) without one.
std::string fresh_location(benchmark::State& state, bool postgres) {
  if (!postgres) return store::testing::fresh_sqlite_file();
  const char* server = std::getenv("TRIALCORE_BENCH_POSTGRES");
  if (!server) {
    state.SkipWithError("set TRIALCORE_BENCH_POSTGRES (bench/run-store.sh does)");
    return "";
  }
  setenv("TRIALCORE_TEST_POSTGRES", server, 1);
  return store::testing::fresh_postgres_database();
}

// `writers` threads appending at once (as the server's threads do), each event its own unit
// of work, acknowledged once committed. An iteration is one append from one writer, 25 from
// each of several.
void appends(benchmark::State& state, bool postgres, int writers) {
  std::string location = fresh_location(state, postgres);
  if (location.empty()) return;
  trial::RecordProjector projector;
  auto opened = store::open_store(location, projector);
  if (!opened.ok()) {
    state.SkipWithError(opened.error().to_string().c_str());
    return;
  }
  auto& store = *opened;
  const int each = writers == 1 ? 1 : 25;
  std::atomic<int> failed{0};
  std::atomic<int> next{0};
  auto write = [&] {
    for (int i = 0; i < each; ++i) {
      int index = next++;
      Status status = store->transact([&](store::Transaction& transaction) -> Status {
        auto appended = transaction.append(observation(patient_id(index % 100), index));
        return appended.ok() ? Status::Ok() : Status(appended.error());
      });
      if (!status.ok()) ++failed;
    }
  };
  for (auto _ : state) {
    if (writers == 1) {
      write();
      continue;
    }
    std::vector<std::thread> running;
    for (int w = 0; w < writers; ++w) running.emplace_back(write);
    for (std::thread& thread : running) thread.join();
  }
  if (failed > 0) state.SkipWithError("appends failed");
  state.SetItemsProcessed(state.iterations() * writers * each);
  store.reset();
  if (!postgres) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(location + suffix);
  }
}

void Appends_sqlite(benchmark::State& state) { appends(state, false, 1); }
BENCHMARK(Appends_sqlite)->Name("Appends/sqlite")->UseRealTime()->MinTime(3);
void Appends_postgresql(benchmark::State& state) { appends(state, true, 1); }
BENCHMARK(Appends_postgresql)->Name("Appends/postgresql")->UseRealTime()->MinTime(3);
void Appends8_sqlite(benchmark::State& state) { appends(state, false, 8); }
BENCHMARK(Appends8_sqlite)->Name("Appends8/sqlite")->UseRealTime()->MinTime(3);
void Appends8_postgresql(benchmark::State& state) { appends(state, true, 8); }
BENCHMARK(Appends8_postgresql)->Name("Appends8/postgresql")->UseRealTime()->MinTime(3);

// 1,000 patients of 100 events each, written in batches (the speed of writing is not what
// is measured here).
struct HundredThousand {
  std::string path = store::testing::fresh_sqlite_file();
  trial::RecordProjector projector;
  std::unique_ptr<store::Store> store;

  HundredThousand() {
    store = std::move(*store::open_store(path, projector));
    for (int patient = 0; patient < 1000; ++patient) {
      std::string id = patient_id(patient);
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
    // Folds the log and writes every projection row once, as `trialcore rebuild` does.
    Status status = store::rebuild_projections(*events.store, events.projector);
    if (!status.ok()) state.SkipWithError(status.error().to_string().c_str());
  }
  state.SetItemsProcessed(state.iterations() * 100000);
}
// Several rebuilds, not one: the first of a program's runs swung most from run to run.
BENCHMARK(Rebuild_trialcore)->Name("Rebuild/trialcore")->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(5);

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
BENCHMARK(Rebuild_baseline)->Name("Rebuild/baseline")->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(5);

}  // namespace

BENCHMARK_MAIN();

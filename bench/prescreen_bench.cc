// Pre-screening at scale: the same criteria over the same synthetic population, run by the
// native engine (columns in memory) and as the compiled SQL on SQLite and on PostgreSQL,
// each timed in this one run (bench/run-prescreen.sh adds DuckDB and prints the ratios).
// Prints one JSON object: persons, rows, times in seconds, memory per person.
//   trialcore_prescreen_bench --persons N --sqlite FILE [--postgres URL] --duckdb-sql FILE
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include "omop/builtin_mapping.h"
#include "omop/concept_ids.h"
#include "omop/omop_population.h"
#include "omop/synthetic_population.h"
#include "prescreen/native_engine.h"
#include "prescreen/native_parts.h"
#include "prescreen/sql_engine.h"

using namespace trialcore;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <class F>
double timed(F&& work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return seconds_since(start);
}

[[noreturn]] void die(const std::string& message) {
  std::cerr << "trialcore_prescreen_bench: " << message << "\n";
  std::exit(1);
}

// CPU seconds of this process: on a machine shared with other work, the wall clock also
// counts the time others had the cores.
double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t persons = 1000000;
  std::string sqlite_file, postgres_url, duckdb_sql;
  bool native_only = false;
  for (int i = 1; i < argc; ++i) native_only = native_only || std::string(argv[i]) == "--native-only";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string option = argv[i];
    if (option == "--persons") persons = std::stoll(argv[i + 1]);
    if (option == "--sqlite") sqlite_file = argv[i + 1];
    if (option == "--postgres") postgres_url = argv[i + 1];
    if (option == "--duckdb-sql") duckdb_sql = argv[i + 1];
  }
  auto protocol = load_builtin_protocol();
  if (!protocol.ok()) die(protocol.error().to_string());
  auto mapping = omop::load_omop_mapping(builtin_omop_mapping_text(), *protocol);
  if (!mapping.ok()) die(mapping.error().to_string());
  Date date(2010, 7, 1);
  TrialFactValues trial_facts = {{"adults_treated", expr::Value::Number(4)}};
  omop::SyntheticOptions synthetic{persons, 20100701, date};
  std::printf("{\n  \"persons\": %lld", static_cast<long long>(persons));

  // The population, generated once (kept between runs).
  bool fresh = !std::filesystem::exists(sqlite_file);
  auto sqlite = omop::open_database("sqlite:" + sqlite_file, "--sqlite", true);
  if (!sqlite.ok()) die(sqlite.error().to_string());
  if (fresh) {
    double generated = timed([&] {
      Status written = omop::write_synthetic_population(**sqlite, *mapping, *protocol, builtin_synthetic_profile_text(), synthetic);
      if (!written.ok()) die(written.error().to_string());
    });
    std::printf(",\n  \"sqlite_generate_s\": %.2f", generated);
  }
  int64_t measurements = 0;
  (*sqlite)->query("SELECT COUNT(*) FROM measurement", [&](const omop::Row& row) { measurements = row.integer(0); });
  std::printf(",\n  \"measurement_rows\": %lld", static_cast<long long>(measurements));
  auto concepts = omop::resolve_concepts(**sqlite, *mapping);
  if (!concepts.ok()) die(concepts.error().to_string());

  // Native: the load (the rows read once, columns built), then the pass, best of 5.
  Result<omop::Population> population = Error{};
  double load = timed([&] { population = omop::load_population(**sqlite, *mapping, *protocol, {}); });
  if (!population.ok()) die(population.error().to_string());
  size_t columns_bytes = population->memory_bytes();
  // The pass as the command runs it: the population in parts of consecutive persons, on
  // every core; the cut is part of the load. The whole population in one part on one
  // thread, as before, is the baseline beside it.
  std::vector<omop::Population> parts;
  double split = timed([&] { parts = omop::split_population(omop::Population(*population), prescreen::kPersonsPerPart); });
  std::printf(",\n  \"native_split_s\": %.3f,\n  \"native_parts\": %zu,\n  \"threads\": %u", split, parts.size(),
              std::thread::hardware_concurrency());
  std::vector<double> passes, cpu, whole_passes, whole_cpu;
  size_t likely = 0;
  for (int run = 0; run < 5; ++run) {
    Result<prescreen::PersonResults> whole = Error{};
    double whole_cpu_start = cpu_seconds();
    whole_passes.push_back(timed([&] { whole = prescreen::evaluate_native(*population, *mapping, *protocol, date, trial_facts); }));
    whole_cpu.push_back(cpu_seconds() - whole_cpu_start);
    if (!whole.ok()) die(whole.error().to_string());
    Result<prescreen::PersonResults> results = Error{};
    double cpu_start = cpu_seconds();
    passes.push_back(timed([&] { results = prescreen::evaluate_native_parts(parts, *mapping, *protocol, date, trial_facts); }));
    cpu.push_back(cpu_seconds() - cpu_start);
    if (!results.ok()) die(results.error().to_string());
    prescreen::ObtainFacts facts(*protocol);
    likely = 0;
    for (size_t p = 0; p < results->size(); ++p) {
      likely += prescreen::person_verdict(*results, p, facts, *mapping) == prescreen::Verdict::kLikelyEligible;
    }
  }
  for (auto* times : {&passes, &cpu, &whole_passes, &whole_cpu}) std::sort(times->begin(), times->end());
  std::printf(",\n  \"native_whole_pass_s\": %.4f,\n  \"native_whole_pass_cpu_s\": %.4f", whole_passes[0], whole_cpu[0]);
  std::printf(",\n  \"native_pass_cpu_s\": %.4f", cpu[0]);
  std::printf(",\n  \"native_load_s\": %.3f,\n  \"native_pass_s\": %.4f,\n  \"native_pass_worst_s\": %.4f", load, passes[0],
              passes.back());
  std::printf(",\n  \"likely_eligible\": %zu", likely);
  std::printf(",\n  \"columns_bytes_per_person\": %.1f", static_cast<double>(columns_bytes) / persons);
  std::printf(",\n  \"peak_rss_bytes_per_person\": %.1f", peak_rss_kb() * 1024.0 / persons);
  std::fflush(stdout);
  if (native_only) {
    std::printf("\n}\n");
    return 0;
  }

  // The compiled SQL on SQLite.
  auto sql = prescreen::compile_sql(*mapping, *concepts, *protocol, date, trial_facts, prescreen::SqlDialect::kSqlite, {});
  if (!sql.ok()) die(sql.error().to_string());
  double sqlite_time = timed([&] {
    auto results = prescreen::run_sql(**sqlite, *sql);
    if (!results.ok()) die(results.error().to_string());
  });
  std::printf(",\n  \"sqlite_sql_s\": %.2f", sqlite_time);
  std::fflush(stdout);

  // The DuckDB dialect, for the Node side (same concepts: the same data).
  if (!duckdb_sql.empty()) {
    auto duck = prescreen::compile_sql(*mapping, *concepts, *protocol, date, trial_facts, prescreen::SqlDialect::kDuckdb, {});
    if (!duck.ok()) die(duck.error().to_string());
    std::ofstream(duckdb_sql) << duck->text;
    std::ofstream(duckdb_sql + ".ddl") << omop::omop_ddl(omop::Dialect::kPostgres);
  }

  // The compiled SQL on PostgreSQL, over the same population written there.
  if (!postgres_url.empty()) {
    auto postgres = omop::open_database(postgres_url, "--postgres", true);
    if (!postgres.ok()) die(postgres.error().to_string());
    double generated = timed([&] {
      Status written = omop::write_synthetic_population(**postgres, *mapping, *protocol, builtin_synthetic_profile_text(), synthetic);
      if (!written.ok()) die(written.error().to_string());
    });
    std::printf(",\n  \"postgres_generate_s\": %.1f", generated);
    auto pg_concepts = omop::resolve_concepts(**postgres, *mapping);
    if (!pg_concepts.ok()) die(pg_concepts.error().to_string());
    auto pg_sql = prescreen::compile_sql(*mapping, *pg_concepts, *protocol, date, trial_facts, prescreen::SqlDialect::kPostgres, {});
    if (!pg_sql.ok()) die(pg_sql.error().to_string());
    double postgres_time = timed([&] {
      auto results = prescreen::run_sql(**postgres, *pg_sql);
      if (!results.ok()) die(results.error().to_string());
    });
    std::printf(",\n  \"postgres_sql_s\": %.2f", postgres_time);
  }
  std::printf("\n}\n");
  return 0;
}

// Speed of the futility-monitoring computations, each beside its simple baseline
// (stats_baselines.h). Benchmarks come in pairs named PAIR/trialcore and PAIR/baseline;
// every benchmark counts its work as items, so bench/run.sh divides items per second.
#include <cmath>

#include <benchmark/benchmark.h>

#include "stats/futility_monitoring.h"
#include "stats/monitoring_design.h"
#include "stats/monitoring_simulation.h"
#include "stats_baselines.h"

namespace trialcore::bench {
namespace {

// Small enough for the baseline to walk all 2^16 response sequences.
stats::MonitoringDesign small_design() {
  stats::MonitoringDesign design;
  design.cohort_size = 4;
  design.first_look = 4;
  design.maximum_patients = 16;
  return design;
}

void exact_operating_characteristics(benchmark::State& state,
                                     const stats::MonitoringDesign& design) {
  const auto boundaries = *stats::stopping_boundaries(design);
  for (auto _ : state) {
    auto result = stats::exact_operating_characteristics(design, boundaries, 0.3);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}

void exact_by_path_enumeration(benchmark::State& state) {
  const stats::MonitoringDesign design = small_design();
  const auto boundaries = *stats::stopping_boundaries(design);
  for (auto _ : state) {
    auto result = enumerate_response_paths(design, boundaries, 0.3);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}

// Both standard and experimental priors U-shaped, Beta(0.5, 0.5): densities without bound
// at 0 and 1, where a Riemann sum converges slowly.
stats::MonitoringDesign u_shaped_design() {
  stats::MonitoringDesign design;
  design.standard = {0.5, 0.5};
  design.experimental = {0.5, 0.5};
  design.delta = 0;
  return design;
}

// Posterior probability after 8 responses in 30 patients.
void posterior_by_quadrature(benchmark::State& state, const stats::MonitoringDesign& design) {
  for (auto _ : state) benchmark::DoNotOptimize(stats::probability_of_improvement(design, 8, 30));
  state.SetItemsProcessed(state.iterations());
}

void posterior_by_riemann_sum(benchmark::State& state, const stats::MonitoringDesign& design) {
  const int points = static_cast<int>(state.range(0));
  double probability = 0;
  for (auto _ : state) {
    probability = riemann_probability_of_improvement(design, 8, 30, points);
    benchmark::DoNotOptimize(probability);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["abs_error"] =
      std::fabs(probability - *stats::probability_of_improvement(design, 8, 30));
}

void simulation(benchmark::State& state) {
  const stats::MonitoringDesign design;
  const auto boundaries = *stats::stopping_boundaries(design);
  const int64_t trials = state.range(0);
  uint64_t seed = 1;
  for (auto _ : state) {
    auto result =
        stats::simulate_operating_characteristics(design, boundaries, 0.3, trials, seed++);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations() * trials);
  state.counters["trials_per_second"] = benchmark::Counter(
      static_cast<double>(state.iterations() * trials), benchmark::Counter::kIsRate);
}

void simulation_with_posterior_at_each_look(benchmark::State& state) {
  const stats::MonitoringDesign design;
  const int64_t trials = state.range(0);
  uint64_t seed = 1;
  for (auto _ : state) {
    benchmark::DoNotOptimize(simulate_with_posterior_at_each_look(design, 0.3, trials, seed++));
  }
  state.SetItemsProcessed(state.iterations() * trials);
  state.counters["trials_per_second"] = benchmark::Counter(
      static_cast<double>(state.iterations() * trials), benchmark::Counter::kIsRate);
}

void stopping_boundaries(benchmark::State& state) {
  const stats::MonitoringDesign design;
  for (auto _ : state) benchmark::DoNotOptimize(stats::stopping_boundaries(design));
  state.SetItemsProcessed(state.iterations());
}

}  // namespace
}  // namespace trialcore::bench

int main(int argc, char** argv) {
  using namespace trialcore::bench;
  benchmark::RegisterBenchmark("exact_oc_16_patients/trialcore", exact_operating_characteristics,
                               small_design());
  benchmark::RegisterBenchmark("exact_oc_16_patients/baseline", exact_by_path_enumeration);
  // 1000 points already match the quadrature to 1e-16 on the default, smooth priors.
  benchmark::RegisterBenchmark("posterior_probability/trialcore", posterior_by_quadrature,
                               trialcore::stats::MonitoringDesign{});
  benchmark::RegisterBenchmark("posterior_probability/baseline", posterior_by_riemann_sum,
                               trialcore::stats::MonitoringDesign{})
      ->Arg(1000);
  // On U-shaped priors the sum's error (abs_error) stays large however many points it takes.
  benchmark::RegisterBenchmark("posterior_probability_u_shaped/trialcore", posterior_by_quadrature,
                               u_shaped_design());
  benchmark::RegisterBenchmark("posterior_probability_u_shaped/baseline", posterior_by_riemann_sum,
                               u_shaped_design())
      ->Arg(1000)
      ->Arg(100000);
  benchmark::RegisterBenchmark("simulation/trialcore", simulation)->Arg(100000);
  benchmark::RegisterBenchmark("simulation/baseline", simulation_with_posterior_at_each_look)
      ->Arg(200);
  // Unpaired: the default design's full computations, for scale.
  benchmark::RegisterBenchmark("exact_oc_90_patients", exact_operating_characteristics,
                               trialcore::stats::MonitoringDesign{});
  benchmark::RegisterBenchmark("stopping_boundaries_90_patients", stopping_boundaries);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

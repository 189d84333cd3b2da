#include "stats/monitoring_request.h"

#include <charconv>
#include <system_error>

#include "base/number_text.h"
#include "stats/monitoring_simulation.h"

namespace trialcore::stats {

void copy_design_member(MonitoringDesign& to, const MonitoringDesign& from, const std::string& member) {
  if (member == "standard_prior.a") to.standard.a = from.standard.a;
  if (member == "standard_prior.b") to.standard.b = from.standard.b;
  if (member == "experimental_prior.a") to.experimental.a = from.experimental.a;
  if (member == "experimental_prior.b") to.experimental.b = from.experimental.b;
  if (member == "delta") to.delta = from.delta;
  if (member == "threshold") to.threshold = from.threshold;
  if (member == "cohort_size") to.cohort_size = from.cohort_size;
  if (member == "maximum_patients") to.maximum_patients = from.maximum_patients;
  if (member == "first_look") to.first_look = from.first_look;
}

Result<MonitoringRun> complete_monitoring_request(const MonitoringRequest& request,
                                                  const std::optional<MonitoringDesign>& protocol_design) {
  MonitoringRun run;
  run.design = request.design;
  if (protocol_design) {
    for (const char* member : {"standard_prior.a", "standard_prior.b", "experimental_prior.a", "experimental_prior.b",
                               "delta", "threshold", "cohort_size", "maximum_patients", "first_look"}) {
      if (!request.given.count(member)) copy_design_member(run.design, *protocol_design, member);
    }
  } else if (!request.given.count("first_look")) {
    run.design.first_look = run.design.cohort_size;
  }
  if (Status design = check_monitoring_design(run.design); !design.ok()) return design.error();
  for (double rate : request.true_rates) {
    if (!(rate > 0 && rate < 1)) return Error{"$.true_rate", "must be between 0 and 1 (exclusive), not " + general_text(rate)};
  }
  run.true_rates = request.true_rates;
  if (run.true_rates.empty()) {
    const double standard = run.design.standard.mean();
    run.true_rates.push_back(standard);
    if (standard + run.design.delta < 1) run.true_rates.push_back(standard + run.design.delta);
  }
  const std::string& seed = request.seed;
  auto [end, failure] = std::from_chars(seed.data(), seed.data() + seed.size(), run.seed);
  if (seed.empty() || failure != std::errc() || end != seed.data() + seed.size()) {
    return Error{"$.seed", "must be a whole number from 0 to 18446744073709551615, not '" + seed + "'"};
  }
  if (request.simulated_trials) {
    run.simulated_trials = *request.simulated_trials;
    if (run.simulated_trials < 1 || run.simulated_trials > kMaximumSimulatedTrials) {
      return Error{"$.simulate", "must be from 1 to " + std::to_string(kMaximumSimulatedTrials) + " trials, not " +
                                     std::to_string(run.simulated_trials)};
    }
  }
  return run;
}

}  // namespace trialcore::stats

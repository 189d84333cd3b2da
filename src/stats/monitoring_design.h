// The design of Bayesian futility monitoring for a single-arm trial with a binary outcome,
// after Thall, Simon & Estey (1995). The standard therapy's response rate p_S has an
// informative Beta prior (what is known of it); the experimental therapy's rate p_E has a
// vague Beta prior. After x responses in n patients, p_E | data ~ Beta(a_E + x, b_E + n - x),
// and the trial stops for futility when Pr(p_E > p_S + delta | data) < threshold.
// The rule is evaluated after first_look patients and then after every cohort_size more,
// at the looks strictly before maximum_patients (where the trial ends anyway).
//
// The defaults are a sensible starting point for a single-arm phase 2 trial of a salvage
// therapy whose standard comparator responds about 30% of the time; they are no trial's
// own rule (a protocol file states its own; docs/statistics.md gives the reasons):
//  - p_S ~ Beta(30, 70): standard response rate about 30%, weighted as much as 100
//    historical patients (concentration a + b = 100);
//  - p_E ~ Beta(0.6, 1.4): the same mean, concentration 2, so the data soon dominate;
//  - delta 0.15: the experimental therapy is wanted to improve the rate by 15 points;
//  - threshold 0.025; looks after every 10 patients from the 10th, at most 90 patients.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace trialcore::stats {

// Beta(a, b): mean a / (a + b); concentration a + b, the number of patients' worth of
// information the prior carries.
struct BetaPrior {
  double a = 1;
  double b = 1;

  double mean() const { return a / (a + b); }
  double concentration() const { return a + b; }
  static BetaPrior FromMeanAndConcentration(double mean, double concentration) {
    return BetaPrior{mean * concentration, (1 - mean) * concentration};
  }
};

struct MonitoringDesign {
  BetaPrior standard{30, 70};       // p_S, informative
  BetaPrior experimental{0.6, 1.4};  // p_E, vague
  double delta = 0.15;              // the improvement over p_S the trial looks for
  double threshold = 0.025;         // stop when Pr(p_E > p_S + delta | data) < threshold
  int cohort_size = 10;             // patients between looks
  int maximum_patients = 90;        // the trial ends here
  int first_look = 10;              // patients evaluated at the first look
};

// Largest maximum_patients accepted (far beyond a phase 2 trial): with a look after every
// patient, the boundaries still take only seconds.
constexpr int kMaximumMonitoredPatients = 1000;
// Largest Beta parameter accepted: a prior worth a million patients is already certainty,
// and larger ones leave the range where the Beta functions are computed accurately.
constexpr double kLargestPriorParameter = 1e6;

// The number of patients evaluated at each look, increasing; never empty for a valid design.
std::vector<int> monitoring_looks(const MonitoringDesign& design);

// A valid design, or an Error whose path is the member at fault, as the protocol file
// names it ("standard_prior.a", "threshold", "first_look", ...).
Status check_monitoring_design(const MonitoringDesign& design);

// Reads a protocol file's "monitoring" section found at `path` (e.g. "$.monitoring"):
//   {"standard_prior": {"a": 30, "b": 70},            or {"mean": 0.3, "concentration": 100}
//    "experimental_prior": {"mean": 0.3, "concentration": 2},
//    "delta": 0.15, "threshold": 0.025, "cohort_size": 10, "maximum_patients": 90,
//    "first_look": 10, "note": "why"}
// Every member is required except first_look (default: cohort_size) and note. A "note"
// member with text is allowed in every object; any other unknown member is an Error, as is
// a value of the wrong type or out of range. Errors name the JSON path.
Result<MonitoringDesign> parse_monitoring_design(const nlohmann::json& section,
                                                 const std::string& path);

}  // namespace trialcore::stats

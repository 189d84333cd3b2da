#include "stats/monitoring_design.h"

#include <cmath>
#include <cstdint>

#include "base/object_reader.h"

namespace trialcore::stats {

namespace {

// The shortest text that reads back as the same number ("0.15", not "0.150000").
std::string number_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "infinity" : "-infinity";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<int64_t>(value));
  }
  return Json(value).dump();
}

Status check_prior_parameter(double value, const std::string& path) {
  if (!(value > 0 && value <= kLargestPriorParameter)) {
    return Error{path, "must be greater than 0 and at most " +
                           number_text(kLargestPriorParameter) + ", not " + number_text(value)};
  }
  return Status::Ok();
}

Status check_prior(const BetaPrior& prior, const std::string& name) {
  if (Status a = check_prior_parameter(prior.a, name + ".a"); !a.ok()) return a;
  return check_prior_parameter(prior.b, name + ".b");
}

// {"a", "b"} or {"mean", "concentration"} at member `key`.
BetaPrior read_prior(ObjectReader& in, const char* key) {
  const Json* found = in.given(key);
  if (!found) {
    in.fail(key, "is required");
    return {};
  }
  if (!found->is_object()) {
    in.fail(key, "must be an object ({\"a\": .., \"b\": ..} or {\"mean\": .., \"concentration\": ..}), not " +
                     json_type_name(*found));
    return {};
  }
  BetaPrior prior;
  in.nested(*found, in.path_of(key), [&](ObjectReader& members) {
    const bool by_shape = members.member("a") || members.member("b");
    const bool by_mean = members.member("mean") || members.member("concentration");
    if (by_shape && by_mean) {
      return members.fail(Error{members.path(), "give either a and b, or mean and concentration, not both"});
    }
    if (by_shape) {
      prior.a = members.required_number("a");
      prior.b = members.required_number("b");
      return;
    }
    if (!by_mean) return members.fail(Error{members.path(), "must give a and b, or mean and concentration"});
    double mean = members.required_number("mean");
    if (members.ok() && !(mean > 0 && mean < 1)) {
      members.fail("mean", "must be between 0 and 1 (exclusive), not " + number_text(mean));
    }
    double concentration = members.required_number("concentration");
    prior = BetaPrior::FromMeanAndConcentration(mean, concentration);
    if (members.ok() && (!(concentration > 0) || !check_prior(prior, "").ok())) {
      members.fail("concentration", "must be greater than 0 and give Beta parameters of at most " +
                                        number_text(kLargestPriorParameter) + ", not " + number_text(concentration));
    }
  });
  return prior;
}

// A number of patients; absent: std::nullopt, an error when `required`.
std::optional<int> read_count(ObjectReader& in, const char* key, bool required) {
  std::optional<int64_t> count = in.integer(key);
  if (!count) {
    if (required) in.fail(key, "is required");
    return std::nullopt;
  }
  if (*count < 1 || *count > kMaximumMonitoredPatients) {
    in.fail(key, "must be a whole number from 1 to " + std::to_string(kMaximumMonitoredPatients) + ", not " +
                     std::to_string(*count));
  }
  return static_cast<int>(*count);
}

}  // namespace

std::vector<int> monitoring_looks(const MonitoringDesign& design) {
  std::vector<int> looks;
  if (design.cohort_size < 1) return looks;
  for (int patients = design.first_look; patients < design.maximum_patients;
       patients += design.cohort_size) {
    looks.push_back(patients);
  }
  return looks;
}

Status check_monitoring_design(const MonitoringDesign& design) {
  if (Status standard = check_prior(design.standard, "standard_prior"); !standard.ok()) {
    return standard;
  }
  if (Status experimental = check_prior(design.experimental, "experimental_prior");
      !experimental.ok()) {
    return experimental;
  }
  if (!(design.delta >= 0 && design.delta < 1)) {
    return Error{"delta", "must be at least 0 and less than 1, not " + number_text(design.delta)};
  }
  if (!(design.threshold > 0 && design.threshold < 1)) {
    return Error{"threshold",
                 "must be between 0 and 1 (exclusive), not " + number_text(design.threshold)};
  }
  if (design.maximum_patients < 2 || design.maximum_patients > kMaximumMonitoredPatients) {
    return Error{"maximum_patients", "must be from 2 to " +
                                         std::to_string(kMaximumMonitoredPatients) + ", not " +
                                         std::to_string(design.maximum_patients)};
  }
  if (design.cohort_size < 1) {
    return Error{"cohort_size",
                 "must be at least 1 patient, not " + std::to_string(design.cohort_size)};
  }
  if (design.first_look < 1 || design.first_look >= design.maximum_patients) {
    return Error{"first_look", "must be from 1 to " +
                                   std::to_string(design.maximum_patients - 1) +
                                   " (fewer than the maximum patients), not " +
                                   std::to_string(design.first_look)};
  }
  return Status::Ok();
}

Result<MonitoringDesign> parse_monitoring_design(const nlohmann::json& section,
                                                 const std::string& path) {
  ObjectReader in(section, path);
  MonitoringDesign design;
  design.standard = read_prior(in, "standard_prior");
  design.experimental = read_prior(in, "experimental_prior");
  design.delta = in.required_number("delta");
  design.threshold = in.required_number("threshold");
  design.cohort_size = read_count(in, "cohort_size", true).value_or(0);
  design.maximum_patients = read_count(in, "maximum_patients", true).value_or(0);
  design.first_look = read_count(in, "first_look", false).value_or(design.cohort_size);
  if (in.ok()) {
    if (Status checked = check_monitoring_design(design); !checked.ok()) {
      in.fail(Error{path + "." + checked.error().path, checked.error().message});
    }
  }
  return in.finish(design);
}

}  // namespace trialcore::stats

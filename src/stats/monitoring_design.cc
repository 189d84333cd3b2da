#include "stats/monitoring_design.h"

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "base/json_fields.h"

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

// Unknown members are errors; "note" is allowed when it is text.
Status check_members(const Json& object, const std::string& path,
                     std::initializer_list<std::string_view> known) {
  if (auto note = read_text(object, "note", path); !note.ok()) return note.error();
  for (const std::string& unknown : unknown_members(object, known, path)) {
    if (unknown == member_path(path, "note")) continue;
    std::string list;
    for (std::string_view key : known) list += std::string(key) + ", ";
    return Error{unknown, "is not a member of this section (members: " + list + "note)"};
  }
  return Status::Ok();
}

Result<BetaPrior> parse_prior(const Json& section, std::string_view key, const std::string& path) {
  const std::string prior_path = member_path(path, key);
  auto found = section.find(key);
  if (found == section.end() || found->is_null()) return Error{prior_path, "is required"};
  const Json& object = *found;
  if (!object.is_object()) {
    return Error{prior_path, "must be an object ({\"a\": .., \"b\": ..} or "
                             "{\"mean\": .., \"concentration\": ..}), not " +
                                 json_type_name(object)};
  }
  if (Status members = check_members(object, prior_path, {"a", "b", "mean", "concentration"});
      !members.ok()) {
    return members.error();
  }
  const bool by_shape = object.contains("a") || object.contains("b");
  const bool by_mean = object.contains("mean") || object.contains("concentration");
  if (by_shape && by_mean) {
    return Error{prior_path, "give either a and b, or mean and concentration, not both"};
  }
  if (by_shape) {
    auto a = required(read_number(object, "a", prior_path), "a", prior_path);
    if (!a.ok()) return a.error();
    auto b = required(read_number(object, "b", prior_path), "b", prior_path);
    if (!b.ok()) return b.error();
    return BetaPrior{*a, *b};
  }
  if (!by_mean) return Error{prior_path, "must give a and b, or mean and concentration"};
  auto mean = required(read_number(object, "mean", prior_path), "mean", prior_path);
  if (!mean.ok()) return mean.error();
  if (!(*mean > 0 && *mean < 1)) {
    return Error{member_path(prior_path, "mean"),
                 "must be between 0 and 1 (exclusive), not " + number_text(*mean)};
  }
  auto concentration =
      required(read_number(object, "concentration", prior_path), "concentration", prior_path);
  if (!concentration.ok()) return concentration.error();
  BetaPrior prior = BetaPrior::FromMeanAndConcentration(*mean, *concentration);
  if (!(*concentration > 0) || !check_prior(prior, "").ok()) {
    return Error{member_path(prior_path, "concentration"),
                 "must be greater than 0 and give Beta parameters of at most " +
                     number_text(kLargestPriorParameter) + ", not " + number_text(*concentration)};
  }
  return prior;
}

Result<int> parse_count(const Json& section, std::string_view key, const std::string& path) {
  auto count = read_integer(section, key, path);
  if (!count.ok()) return count.error();
  if (!count->has_value()) return Error{member_path(path, key), "is required"};
  if (**count < 1 || **count > kMaximumMonitoredPatients) {
    return Error{member_path(path, key), "must be a whole number from 1 to " +
                                             std::to_string(kMaximumMonitoredPatients) +
                                             ", not " + std::to_string(**count)};
  }
  return static_cast<int>(**count);
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
  if (!section.is_object()) {
    return Error{path, "must be an object, not " + json_type_name(section)};
  }
  if (Status members = check_members(section, path,
                                     {"standard_prior", "experimental_prior", "delta",
                                      "threshold", "cohort_size", "maximum_patients",
                                      "first_look"});
      !members.ok()) {
    return members.error();
  }
  MonitoringDesign design;
  auto standard = parse_prior(section, "standard_prior", path);
  if (!standard.ok()) return standard.error();
  design.standard = *standard;
  auto experimental = parse_prior(section, "experimental_prior", path);
  if (!experimental.ok()) return experimental.error();
  design.experimental = *experimental;
  auto delta = required(read_number(section, "delta", path), "delta", path);
  if (!delta.ok()) return delta.error();
  design.delta = *delta;
  auto threshold = required(read_number(section, "threshold", path), "threshold", path);
  if (!threshold.ok()) return threshold.error();
  design.threshold = *threshold;
  auto cohort_size = parse_count(section, "cohort_size", path);
  if (!cohort_size.ok()) return cohort_size.error();
  design.cohort_size = *cohort_size;
  auto maximum_patients = parse_count(section, "maximum_patients", path);
  if (!maximum_patients.ok()) return maximum_patients.error();
  design.maximum_patients = *maximum_patients;
  design.first_look = design.cohort_size;
  if (auto found = section.find("first_look"); found != section.end() && !found->is_null()) {
    auto first_look = parse_count(section, "first_look", path);
    if (!first_look.ok()) return first_look.error();
    design.first_look = *first_look;
  }
  if (Status checked = check_monitoring_design(design); !checked.ok()) {
    return Error{path + "." + checked.error().path, checked.error().message};
  }
  return design;
}

}  // namespace trialcore::stats

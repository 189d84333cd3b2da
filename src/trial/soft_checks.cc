#include "trial/soft_checks.h"

#include <algorithm>

#include "expr/value.h"
#include "patient/patient_record.h"

namespace trialcore::trial {

Result<std::vector<std::string>> read_confirmations(const Json* confirm, const std::string& path) {
  std::vector<std::string> ids;
  if (!confirm || confirm->is_null()) return ids;
  if (!confirm->is_array()) return Error{path, "must be a list of the check ids confirmed, not " + json_type_name(*confirm)};
  const std::vector<std::string> known = {kHeightPlausible, kWeightPlausible, kLabUsualRange, kDoseTolerance};
  for (size_t i = 0; i < confirm->size(); ++i) {
    const Json& id = (*confirm)[i];
    std::string at = path + "[" + std::to_string(i) + "]";
    if (!id.is_string()) return Error{at, "must be a check id, not " + json_type_name(id)};
    if (std::find(known.begin(), known.end(), id.get<std::string>()) == known.end()) {
      return Error{at, "'" + id.get<std::string>() + "' is not a check (height-plausible, weight-plausible, lab-usual-range, dose-tolerance)"};
    }
    ids.push_back(id.get<std::string>());
  }
  return ids;
}

std::vector<SoftCheck> body_checks(const EditChecks& checks, double height_cm, double weight_kg) {
  std::vector<SoftCheck> fired;
  if (checks.height_cm && checks.height_cm->outside(height_cm)) {
    fired.push_back({kHeightPlausible, "$.height_cm",
                     expr::format_number(height_cm) + " cm is outside the plausible adult height (" + checks.height_cm->text() +
                         " cm): was it measured in inches, or typed wrong?"});
  }
  if (checks.weight_kg && checks.weight_kg->outside(weight_kg)) {
    fired.push_back({kWeightPlausible, "$.weight_kg",
                     expr::format_number(weight_kg) + " kg is outside the plausible adult weight (" + checks.weight_kg->text() +
                         " kg): was it weighed in pounds, or typed wrong?"});
  }
  return fired;
}

std::vector<SoftCheck> lab_checks(const Protocol& protocol, const Json& observation) {
  std::vector<SoftCheck> fired;
  std::string code = observation.is_object() ? observation.value("code", "") : "";
  auto range = protocol.edit_checks.observations.find(code);
  if (range == protocol.edit_checks.observations.end()) return fired;
  Json holder = {{"id", "check"}, {"observations", Json::array({observation})}};
  auto parsed = patient::read_patient_record(holder, protocol.record_format, "$");
  if (!parsed.ok() || parsed->record.observations.empty()) return fired;
  const auto* quantity = std::get_if<expr::Quantity>(&parsed->record.observations[0].value);
  if (!quantity || !range->second.outside(quantity->amount)) return fired;
  const patient::ObservationSpec* spec = patient::find_observation(protocol.record_format.observations, code);
  std::string unit = spec ? " " + spec->unit : "";
  fired.push_back({kLabUsualRange, "$.value",
                   code + " " + expr::format_number(quantity->amount) + unit + " is far outside its usual range (" +
                       range->second.text() + unit + "): check the value and its unit"});
  return fired;
}

std::vector<SoftCheck> dose_checks(const std::vector<treatment::Deviation>& deviations) {
  std::vector<SoftCheck> fired;
  for (const treatment::Deviation& deviation : deviations) {
    if (deviation.kind == std::string(treatment::kDoseOff)) fired.push_back({kDoseTolerance, "$.dose_mg", deviation.message});
  }
  return fired;
}

Result<Json> confirmation_of(const std::vector<SoftCheck>& fired, const std::vector<std::string>& confirmed) {
  Json recorded = Json::array();
  std::vector<SoftCheck> open;
  for (const SoftCheck& check : fired) {
    if (std::find(confirmed.begin(), confirmed.end(), check.check) == confirmed.end()) {
      open.push_back(check);
    } else {
      recorded.push_back({{"check", check.check}, {"message", check.message}});
    }
  }
  if (open.empty()) return recorded;
  std::vector<std::string> reasons;
  for (const SoftCheck& check : open) reasons.push_back(check.check + ": " + check.message);
  Error error{open.front().path, "confirmation needed: " + open.front().message, ErrorKind::kRefused, reasons};
  error.to_confirm = std::move(open);
  return error;
}

}  // namespace trialcore::trial

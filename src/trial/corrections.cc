// Corrections: a new event that replaces the content of an earlier one, built from the
// same input the original command takes and checked the same way, with the reason.
#include "trial/adverse_event_service.h"
#include "trial/event_kinds.h"
#include "trial/service_support.h"

namespace trialcore::trial {

Result<Recorded> TrialService::correct(const Actor& actor, int64_t sequence, const std::string& reason, const Json& input) {
  if (reason.empty()) return Error{"$.reason", "a correction says why"};
  if (!input.is_object()) return Error{"$.payload", "must be the corrected input, a JSON object"};
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto original = transaction.event(sequence);
    if (!original.ok()) return original.error();
    if (!original->has_value()) return Error{"$.corrects", "event " + std::to_string(sequence) + " does not exist", ErrorKind::kNotFound};
    const store::Event& event = **original;
    const std::string& id = event.subject;
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return Error{"$.corrects", "event " + std::to_string(sequence) + " is not about a patient"};
    auto voided = void_of(transaction, event);
    if (!voided.ok()) return voided.error();
    if (voided->has_value()) {
      return Error{"$.corrects", "event " + std::to_string(sequence) + " is voided (event " + std::to_string(**voided) + "): record a new event instead"};
    }
    Result<Json> replacement = Error{"$.corrects", "a " + event.kind + " event cannot be corrected: record a new event instead"};
    if (event.kind == kPatientRegistered || event.kind == kRecordAmended) {
      replacement = record_payload(protocol_, id, input.value("record", input));
    } else if (event.kind == kObservationRecorded) {
      replacement = observation_payload(protocol_, input.value("observation", input));
    } else if (event.kind == kBodyMeasured) {
      auto date = required(read_date(input, "date", "$.payload"), "date", "$.payload");
      auto height = required(read_number(input, "height_cm", "$.payload"), "height_cm", "$.payload");
      auto weight = required(read_number(input, "weight_kg", "$.payload"), "weight_kg", "$.payload");
      if (!date.ok()) return date.error();
      if (!height.ok()) return height.error();
      if (!weight.ok()) return weight.error();
      replacement = body_payload(*height, *weight);
      if (replacement.ok()) (*replacement)["date"] = date->to_string();
    } else if (event.kind == kDoseGiven) {
      ObjectReader in(input, "$.payload");
      DoseInput dose = read_dose_input(in);
      Status read = in.finish();
      if (!read.ok()) return read.error();
      auto checked = check_dose(protocol_, *patient, dose, sequence);
      if (!checked.ok()) return checked.error();
      replacement = checked->payload;
    } else if (event.kind == kMarrowAssessed) {
      auto course = required(read_integer(input, "course", "$.payload"), "course", "$.payload");
      auto date = required(read_date(input, "date", "$.payload"), "date", "$.payload");
      if (!course.ok()) return course.error();
      if (!date.ok()) return date.error();
      Json assessment = input;
      assessment.erase("course");
      assessment.erase("date");
      replacement = marrow_payload(protocol_, static_cast<int>(*course), assessment, nullptr);
      if (replacement.ok()) (*replacement)["date"] = date->to_string();
    } else if (event.kind == kAdverseEventRecorded) {
      replacement = corrected_adverse_event(transaction, protocol_, actor, *patient, input);
    }
    if (!replacement.ok()) return replacement.error();
    if (Status now = payload_not_in_future(actor, *replacement, "$.payload"); !now.ok()) return now.error();
    store::NewEvent correction = make_event(kCorrection, id, actor, std::nullopt, reason,
                                            {{"corrected_kind", event.kind}, {"replacement", *replacement}});
    correction.corrects = sequence;
    return append_one(transaction, correction);
  });
}

}  // namespace trialcore::trial

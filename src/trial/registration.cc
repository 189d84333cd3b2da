// Patients, their records, screening, consent and enrollment.
#include "eligibility/screening_output.h"
#include "patient/patient_id.h"
#include "trial/event_kinds.h"
#include "trial/patient_form.h"
#include "trial/patient_view.h"
#include "trial/service_support.h"
#include "trial/soft_checks.h"

namespace trialcore::trial {

namespace {

// The reasons a screening stands in the way of enrollment, one sentence each.
std::vector<std::string> blocking(const Screening& screening) {
  std::vector<std::string> reasons;
  for (const CriterionScreening& criterion : screening.criteria) {
    if (criterion.result == CriterionResult::kFail || criterion.result == CriterionResult::kUnknown) {
      std::string reason = criterion.id + ": " + result_name(criterion.result) + ", " + criterion.reason;
      if (!criterion.missing.empty()) {
        reason += " (obtain:";
        for (const std::string& fact : criterion.missing) reason += " " + fact;
        reason += ")";
      }
      reasons.push_back(reason);
    }
  }
  return reasons;
}

// The screening as of `date`, the trial's facts counted from the patients as they stood then.
Result<Screening> screen_among(const Protocol& protocol, const PatientState& patient, Date date,
                               const std::vector<PatientSummary>& trial_as_of_date) {
  auto record = record_of(protocol, patient);
  if (!record.ok()) return record.error();
  return trialcore::screen(protocol, *record, date, derived_trial_facts(protocol, trial_as_of_date, date));
}

store::NewEvent screened_event(const Protocol& protocol, const std::string& id, const Actor& actor, Date date,
                               const Screening& screening) {
  return make_event(kPatientScreened, id, actor, date, "",
                    {{"screening", Json::parse(screening_json(screening).dump())},
                     {"protocol_id", protocol.id},
                     {"protocol_version", protocol.version}});
}

}  // namespace

Result<Recorded> TrialService::register_patient(const Actor& actor, const Json& record) {
  if (!record.is_object()) return Error{"$.record", "a patient record must be a JSON object"};
  auto id = required(read_text(record, "id", "$.record"), "id", "$.record");
  if (!id.ok()) return id.error();
  // The pattern has no ':', so no id is taken for a user's events ("user:...").
  if (Status valid = patient::check_patient_id(*id, "$.record.id"); !valid.ok()) return valid.error();
  auto payload = record_payload(protocol_, *id, record);
  if (!payload.ok()) return payload.error();
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto existing = transaction.row(kPatientsTable, *id);
    if (!existing.ok()) return existing.error();
    if (existing->has_value()) return refused("patient '" + *id + "' is already registered");
    return append_one(transaction, make_event(kPatientRegistered, *id, actor, std::nullopt, "", *payload));
  });
}

Result<Recorded> TrialService::amend_record(const Actor& actor, const std::string& id, const Json& record,
                                            const std::string& reason) {
  auto payload = record_payload(protocol_, id, record);
  if (!payload.ok()) return payload.error();
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    return append_one(transaction, make_event(kRecordAmended, id, actor, std::nullopt, reason, *payload));
  });
}

Result<ObservationRecorded> TrialService::record_observation(const Actor& actor, const std::string& id,
                                                             const Json& observation,
                                                             const std::vector<std::string>& confirm) {
  auto payload = observation_payload(protocol_, observation);
  if (!payload.ok()) return payload.error();
  auto confirmed = confirmation_of(lab_checks(protocol_, observation), confirm);
  if (!confirmed.ok()) return confirmed.error();
  if (!confirmed->empty()) (*payload)["confirmed"] = *confirmed;
  auto date = Date::Parse(observation.value("date", ""));
  if (Status now = not_in_future(actor, *date, "$.date"); !now.ok()) return now.error();
  return in_transaction<ObservationRecorded>(store_, [&](store::Transaction& transaction) -> Result<ObservationRecorded> {
    auto patient = patient_in(transaction, id);
    if (!patient.ok()) return patient.error();
    Status active = still_in_trial(**patient);
    if (!active.ok()) return active.error();
    // The grade is read from the state as it stood before the lab (its doses, adverse
    // events and going off study, which the lab does not change), so the answer needs no
    // second read of the patient once committed.
    ObservationEntry entry{0, observation.value("code", ""), *date, (*payload)["observation"]};
    auto appended = transaction.append(make_event(kObservationRecorded, id, actor, *date, "", *payload));
    if (!appended.ok()) return appended.error();
    entry.sequence = appended->sequence;
    return ObservationRecorded{*appended, lab_proposal_of(protocol_, **patient, entry)};
  });
}

Result<Recorded> TrialService::record_body(const Actor& actor, const std::string& id, Date date, double height_cm,
                                           double weight_kg, const std::vector<std::string>& confirm) {
  if (Status now = not_in_future(actor, date, "$.date"); !now.ok()) return now.error();
  auto payload = body_payload(height_cm, weight_kg);
  if (!payload.ok()) return payload.error();
  (*payload)["date"] = date.to_string();
  auto confirmed = confirmation_of(body_checks(protocol_.edit_checks, height_cm, weight_kg), confirm);
  if (!confirmed.ok()) return confirmed.error();
  if (!confirmed->empty()) (*payload)["confirmed"] = *confirmed;
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    Status active = still_in_trial(*patient);
    if (!active.ok()) return active.error();
    return append_one(transaction, make_event(kBodyMeasured, id, actor, date, "", *payload));
  });
}

Result<Recorded> TrialService::grant_waiver(const Actor& actor, const std::string& id, const std::string& criterion,
                                            Date date, const std::string& reason) {
  const Criterion* found = protocol_.find_criterion(criterion);
  if (!found) return Error{"$.criterion", "'" + criterion + "' is not a criterion of " + protocol_.id};
  if (!found->waivable) return Error{"$.criterion", "'" + criterion + "' cannot be waived"};
  if (reason.empty()) return Error{"$.reason", "a waiver says why"};
  if (Status now = not_in_future(actor, date, "$.date"); !now.ok()) return now.error();
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    return append_one(transaction, make_event(kWaiverGranted, id, actor, date, reason, {{"criterion", criterion}}));
  });
}

Result<ScreeningRecorded> TrialService::screen(const Actor& actor, const std::string& id, Date date) {
  if (Status now = not_in_future(actor, date, "$.date"); !now.ok()) return now.error();
  return in_transaction<ScreeningRecorded>(store_, [&](store::Transaction& transaction) -> Result<ScreeningRecorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    auto trial = summaries_in(transaction, protocol_, date);
    if (!trial.ok()) return trial.error();
    auto screening = screen_among(protocol_, *patient, date, *trial);
    if (!screening.ok()) return screening.error();
    auto appended = transaction.append(screened_event(protocol_, id, actor, date, *screening));
    if (!appended.ok()) return appended.error();
    return ScreeningRecorded{*appended, *screening};
  });
}

Result<Recorded> TrialService::sign_consent(const Actor& actor, const std::string& id, Date date) {
  if (Status now = not_in_future(actor, date, "$.date"); !now.ok()) return now.error();
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    return append_one(transaction, make_event(kConsentSigned, id, actor, date, "", Json::object()));
  });
}

Result<Enrollment> TrialService::enroll(const Actor& actor, const std::string& id, Date date) {
  if (Status now = not_in_future(actor, date, "$.date"); !now.ok()) return now.error();
  return in_transaction<Enrollment>(store_, [&](store::Transaction& transaction) -> Result<Enrollment> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    if (patient->enrolled()) {
      return refused(id + " is already enrolled (" + patient->period + ", " + patient->enrolled_on->to_string() + ")");
    }
    std::vector<std::string> reasons;
    if (!patient->consent_date || date < *patient->consent_date) {
      reasons.push_back("consent: no consent signed on or before " + date.to_string());
    }
    auto trial = summaries_in(transaction, protocol_, date);
    if (!trial.ok()) return trial.error();
    auto screening = screen_among(protocol_, *patient, date, *trial);
    if (!screening.ok()) return screening.error();
    if (screening->eligible != Eligibility::kYes) {
      std::vector<std::string> criteria = blocking(*screening);
      reasons.insert(reasons.end(), criteria.begin(), criteria.end());
    }
    auto periods = transaction.row("trial", "periods");
    if (!periods.ok()) return periods.error();
    std::optional<std::string> period = period_open_on(protocol_, periods->value_or(Json::object()), date);
    if (!period) reasons.push_back("period: no period of the protocol is open on " + date.to_string());
    if (protocol_.rules.accrual_target) {
      // Every enrollment on record counts, whatever its date: the target caps the trial.
      auto states = patient_states_in(transaction);
      if (!states.ok()) return states.error();
      int enrolled = 0;
      for (const PatientState& other : *states) enrolled += other.enrolled() ? 1 : 0;
      if (enrolled >= *protocol_.rules.accrual_target) {
        reasons.push_back("accrual: the target of " + std::to_string(*protocol_.rules.accrual_target) +
                          " patients is reached; enrollment past it needs a protocol amendment");
      }
    }
    if (!reasons.empty()) return refused(id + " cannot be enrolled on " + date.to_string(), reasons);

    auto screened = transaction.append(screened_event(protocol_, id, actor, date, *screening));
    if (!screened.ok()) return screened.error();
    auto enrolled = transaction.append(make_event(kPatientEnrolled, id, actor, date, "",
                                                  {{"period", *period}, {"screening_sequence", screened->sequence}}));
    if (!enrolled.ok()) return enrolled.error();
    // The record's height and weight are the first measurement doses are computed from.
    const Json& record = patient->record;
    if (patient->body.empty() && record.contains("height") && record.contains("weight")) {
      auto parsed = record_of(protocol_, *patient);
      if (parsed.ok()) {
        const expr::Value& h = parsed->fact(protocol_.record_format, "height");
        const expr::Value& w = parsed->fact(protocol_.record_format, "weight");
        if (h.known() && w.known()) {
          auto body = body_payload(h.quantity().amount, w.quantity().amount);
          if (body.ok()) {
            (*body)["date"] = date.to_string();
            auto measured = transaction.append(
                make_event(kBodyMeasured, id, actor, date, "the height and weight of the registered record", *body));
            if (!measured.ok()) return measured.error();
          }
        }
      }
    }
    return Enrollment{*enrolled, *period, *screening};
  });
}

}  // namespace trialcore::trial

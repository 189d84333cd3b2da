// Adverse events: recorded, followed up, corrected, serious ones reported on their clock;
// transplants after the trial followed up for veno-occlusive disease.
#include "accounts/account_record.h"
#include "trial/adverse_event_service.h"
#include "trial/event_kinds.h"
#include "trial/service_support.h"

namespace trialcore::trial {

namespace {

constexpr const char* kSigningRole = "investigator";

// An adverse event of `patient` by its recording's sequence, or an Error naming `path`; a
// voided one is named as such, so that the user knows why it is gone and what to do.
Result<const AdverseEventEntry*> find_adverse_event(const PatientState& patient, int64_t sequence, const char* path) {
  const AdverseEventEntry* entry = patient.adverse_event(sequence);
  if (!entry) {
    for (const VoidEntry& voided : patient.voids) {
      if (voided.voids != sequence || voided.kind != kAdverseEventRecorded) continue;
      return Error{path,
                   "adverse event " + std::to_string(sequence) + " of " + patient.id + " is voided (event " +
                       std::to_string(voided.sequence) + "): record a new adverse event instead",
                   ErrorKind::kNotFound};
    }
    return Error{path, "event " + std::to_string(sequence) + " is not an adverse event of " + patient.id, ErrorKind::kNotFound};
  }
  return entry;
}

// Recorded from enrollment on: an event before it is the patient's history, not the trial's.
Status may_record_for(const PatientState& patient, std::optional<Date> start) {
  if (!patient.enrolled_on) return refused(patient.id + " is not enrolled: adverse events are recorded from enrollment on");
  if (start && *start < *patient.enrolled_on) {
    return Error{"$.start", start->to_string() + " is before " + patient.id + "'s enrollment on " +
                                patient.enrolled_on->to_string() + ": record it in the patient's history instead"};
  }
  return Status::Ok();
}

// The grade and the outcome agree once a follow-up is applied: grade 5 is death.
Status consistent(int grade, const std::string& outcome, Date start, std::optional<Date> end) {
  if ((grade == 5) != (outcome == "fatal")) {
    return Error{grade == 5 ? "$.outcome" : "$.grade", grade == 5 ? "grade 5 is death: the outcome is fatal, not " + outcome
                                                                  : "a fatal outcome is grade 5, not grade " + std::to_string(grade)};
  }
  if (end && *end < start) return Error{"$.end", end->to_string() + " is before the start " + start.to_string()};
  return Status::Ok();
}

}  // namespace

Result<std::string> signing_role(store::Transaction& transaction, const Actor& actor) {
  std::string role = actor.role;
  auto account = accounts::find_account(transaction, actor.user);
  if (!account.ok()) return account.error();
  if (account->has_value()) {
    std::string recorded = (*account)->role;
    if (!role.empty() && role != recorded) {
      return Error{"$.role", actor.user + " is " + (recorded.empty() ? "a user" : "a " + recorded) +
                                 " in the trial's record, not " + (role.empty() ? "" : "a ") + role,
                   ErrorKind::kForbidden};
    }
    role = recorded;
  }
  return role;
}

Result<Json> signed_payload(store::Transaction& transaction, const Actor& actor, const safety::AdverseEventContent& content) {
  Json payload = safety::adverse_event_json(content);
  if (!content.needs_signature()) return payload;
  auto role = signing_role(transaction, actor);
  if (!role.ok()) return role.error();
  if (*role != kSigningRole) {
    std::string what = content.attribution.empty() ? "seriousness" : content.serious ? "attribution and seriousness" : "attribution";
    std::string acting = role->empty() ? "in no role the record knows (give the role the user acts in)" : "as a " + *role;
    return Error{content.attribution.empty() ? "$.serious" : "$.attribution",
                 what + " of an adverse event " + (what.find(" and ") == std::string::npos ? "is" : "are") +
                     " signed by an investigator; " + actor.user + " acts " + acting,
                 ErrorKind::kForbidden};
  }
  payload["signed_by"] = {{"by", actor.user}, {"role", *role}};
  return payload;
}

Result<Json> corrected_adverse_event(store::Transaction& transaction, const Protocol& protocol, const Actor& actor,
                                     const PatientState& patient, const Json& input) {
  ObjectReader in(input, "$.payload");
  safety::AdverseEventContent content = safety::read_adverse_event(in, protocol.safety, protocol_drugs(protocol), false);
  Status read = in.finish();
  if (!read.ok()) return read.error();
  Status allowed = may_record_for(patient, content.start);
  if (!allowed.ok()) return allowed.error();
  return signed_payload(transaction, actor, content);
}

std::vector<std::string> protocol_drugs(const Protocol& protocol) {
  std::vector<std::string> drugs;
  for (const treatment::Drug& drug : protocol.treatment.drugs) drugs.push_back(drug.id);
  return drugs;
}

Result<Recorded> TrialService::record_adverse_event(const Actor& actor, const std::string& id,
                                                    const safety::AdverseEventContent& content) {
  if (protocol_.safety.empty()) return Error{"", "the protocol has no safety section: it names no adverse-event terms"};
  if (!content.term || !content.grade || !content.start) return Error{"$", "an adverse event has a term, a grade and a start"};
  if (Status now = not_in_future(actor, content.start, "$.start"); !now.ok()) return now.error();
  if (Status now = not_in_future(actor, content.end, "$.end"); !now.ok()) return now.error();
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    Status allowed = may_record_for(*patient, content.start);
    if (!allowed.ok()) return allowed.error();
    if (content.observation) {
      bool found = false;
      for (const ObservationEntry& observation : patient->observations) found = found || observation.sequence == *content.observation;
      if (!found) {
        return Error{"$.observation", "event " + std::to_string(*content.observation) + " is not a lab recorded for " + id,
                     ErrorKind::kNotFound};
      }
    }
    auto payload = signed_payload(transaction, actor, content);
    if (!payload.ok()) return payload.error();
    return append_one(transaction, make_event(kAdverseEventRecorded, id, actor, content.start, "", *payload));
  });
}

Result<Recorded> TrialService::update_adverse_event(const Actor& actor, const std::string& id, int64_t adverse_event,
                                                    const safety::AdverseEventContent& content, const std::string& reason) {
  Json changes = safety::adverse_event_json(content);
  if (changes.empty()) return Error{"$", "a follow-up gives at least one of grade, end, serious, attribution, action, outcome"};
  if (Status now = not_in_future(actor, content.end, "$.end"); !now.ok()) return now.error();
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    auto entry = find_adverse_event(*patient, adverse_event, "$.adverse_event");
    if (!entry.ok()) return entry.error();
    const AdverseEventEntry& current = **entry;
    const safety::Term* term = protocol_.safety.find_term(current.term);
    if (content.specify && !(term && term->other_specify)) {
      return Error{"$.specify", "is only for an 'Other, specify' term; '" + current.term + "' is a term of its own"};
    }
    Status agrees = consistent(content.grade.value_or(current.grade), content.outcome.value_or(current.outcome), current.start,
                               content.end ? content.end : current.end);
    if (!agrees.ok()) return agrees.error();
    auto payload = signed_payload(transaction, actor, content);
    if (!payload.ok()) return payload.error();
    (*payload)["adverse_event"] = adverse_event;
    return append_one(transaction, make_event(kAdverseEventUpdated, id, actor, std::nullopt, reason, *payload));
  });
}

Result<Recorded> TrialService::report_serious_event(const Actor& actor, const std::string& id, int64_t adverse_event,
                                                    const std::string& reported_at, const std::string& to) {
  auto at = safety::utc_seconds(reported_at, "$.reported_at");
  if (!at.ok()) return at.error();
  auto now = safety::utc_seconds(actor.now, "now");
  if (now.ok() && *at > *now) return Error{"$.reported_at", reported_at + " is after now (" + actor.now + ")"};
  if (to.empty()) return Error{"$.to", "say to whom it was reported (the sponsor, the IRB, the FDA)"};
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    auto entry = find_adverse_event(*patient, adverse_event, "$.adverse_event");
    if (!entry.ok()) return entry.error();
    if (!(*entry)->is_serious()) {
      return refused("adverse event " + std::to_string(adverse_event) + " of " + id +
                     " is not serious: an investigator records its seriousness first");
    }
    return append_one(transaction, make_event(kSaeReported, id, actor, std::nullopt, "",
                                              {{"adverse_event", adverse_event}, {"reported_at", reported_at}, {"to", to}}));
  });
}

Result<Recorded> TrialService::record_transplant(const Actor& actor, const std::string& id, Date date, std::optional<bool> vod,
                                                 std::optional<Date> vod_date) {
  if (vod_date && vod != true) return Error{"$.vod_date", "is the date veno-occlusive disease was diagnosed: it needs vod to be yes"};
  if (vod_date && *vod_date < date) return Error{"$.vod_date", vod_date->to_string() + " is before the transplant " + date.to_string()};
  if (Status now = not_in_future(actor, date, "$.date"); !now.ok()) return now.error();
  if (Status now = not_in_future(actor, vod_date, "$.vod_date"); !now.ok()) return now.error();
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    if (!patient->enrolled_on) return refused(id + " was never enrolled: the trial follows up its own patients");
    if (date < *patient->enrolled_on) {
      return Error{"$.date", date.to_string() + " is before " + id + "'s enrollment: a transplant before the trial is history"};
    }
    Json payload = {{"date", date.to_string()}};
    if (vod) payload["vod"] = *vod;
    if (vod_date) payload["vod_date"] = vod_date->to_string();
    return append_one(transaction, make_event(kTransplantRecorded, id, actor, date, "", payload));
  });
}

Result<std::vector<SeriousEventClock>> TrialService::serious_events(const std::string& now) {
  auto seconds = safety::utc_seconds(now, "now");
  if (!seconds.ok()) return seconds.error();
  auto states = patient_states();
  if (!states.ok()) return states.error();
  return serious_event_clocks(*states, protocol_.safety.sae_report_hours, *seconds);
}

}  // namespace trialcore::trial

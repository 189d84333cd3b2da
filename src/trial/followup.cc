// Marrow assessments and their response, the investigator's adjudication, vital status,
// going off study, and the periods.
#include "trial/event_kinds.h"
#include "trial/patient_view.h"
#include "trial/service_support.h"

namespace trialcore::trial {

Result<MarrowRecorded> TrialService::record_marrow(const Actor& actor, const std::string& id, int course, Date date,
                                                   const Json& assessment) {
  if (Status now = not_in_future(actor, date, "$.date"); !now.ok()) return now.error();
  response::Response response;
  auto payload = marrow_payload(protocol_, course, assessment, &response);
  if (!payload.ok()) return payload.error();
  (*payload)["date"] = date.to_string();
  return in_transaction<MarrowRecorded>(store_, [&](store::Transaction& transaction) -> Result<MarrowRecorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    Status active = still_in_trial(*patient);
    if (!active.ok()) return active.error();
    if (patient->status != PatientStatus::kEnrolled) return refused(id + " is not enrolled");
    auto appended = transaction.append(make_event(kMarrowAssessed, id, actor, date, "", *payload));
    if (!appended.ok()) return appended.error();
    return MarrowRecorded{*appended, response};
  });
}

Result<Recorded> TrialService::adjudicate(const Actor& actor, const std::string& id, int course,
                                          const std::string& category, const std::string& reason) {
  if (!protocol_.response.find(category) && category != protocol_.response.not_evaluable) {
    std::string categories;
    for (const response::Category& each : protocol_.response.categories) categories += each.id + ", ";
    return Error{"$.category", "'" + category + "' is not a response category (" + categories + protocol_.response.not_evaluable + ")"};
  }
  if (reason.empty()) return Error{"$.reason", "an adjudication says why"};
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    bool assessed = false;
    for (const AssessmentEntry& assessment : patient->assessments) assessed = assessed || assessment.course == course;
    if (!assessed) return refused("course " + std::to_string(course) + " of " + id + " has no marrow assessment to adjudicate");
    return append_one(transaction, make_event(kResponseAdjudicated, id, actor, std::nullopt, reason,
                                              {{"course", course}, {"category", category}}));
  });
}

Result<Recorded> TrialService::record_vital_status(const Actor& actor, const std::string& id, Date date, bool alive) {
  if (Status now = not_in_future(actor, date, "$.date"); !now.ok()) return now.error();
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    if (patient->died()) {
      return refused(id + "'s death is already recorded; correct that event if it is wrong");
    }
    return append_one(transaction, make_event(kVitalStatus, id, actor, date, "", {{"alive", alive}}));
  });
}

Result<Recorded> TrialService::take_off_study(const Actor& actor, const std::string& id, Date date, const std::string& reason) {
  if (reason.empty()) return Error{"$.reason", "say why the patient goes off study"};
  if (Status now = not_in_future(actor, date, "$.date"); !now.ok()) return now.error();
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    Status active = still_in_trial(*patient);
    if (!active.ok()) return active.error();
    return append_one(transaction, make_event(kWentOffStudy, id, actor, date, reason, Json::object()));
  });
}

namespace {

int period_index(const Protocol& protocol, const std::string& period) {
  for (size_t i = 0; i < protocol.periods.size(); ++i) {
    if (protocol.periods[i].id == period) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

Result<Recorded> TrialService::open_period(const Actor& actor, const std::string& period, Date date) {
  int index = period_index(protocol_, period);
  if (index < 0) return Error{"$.period", "'" + period + "' is not a period of the protocol"};
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto periods = transaction.row("trial", "periods");
    if (!periods.ok()) return periods.error();
    Json recorded = periods->value_or(Json::object());
    if (recorded.value(period, Json::object()).contains("opened")) return refused(period + " was opened already");
    std::optional<std::string> open = period_open_on(protocol_, recorded, date);
    if (open && period_index(protocol_, *open) > index) {
      return refused("periods open in protocol order: " + *open + " is open, after " + period);
    }
    if (open && *open == period) return refused(period + " is open already");
    if (open) {
      // An amendment moves the trial from one period to the next on one day.
      auto closed = transaction.append(make_event(kPeriodClosed, "", actor, date, "opening " + period, {{"period", *open}}));
      if (!closed.ok()) return closed.error();
    }
    return append_one(transaction, make_event(kPeriodOpened, "", actor, date, "", {{"period", period}}));
  });
}

Result<Recorded> TrialService::close_period(const Actor& actor, const std::string& period, Date date) {
  if (period_index(protocol_, period) < 0) return Error{"$.period", "'" + period + "' is not a period of the protocol"};
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto periods = transaction.row("trial", "periods");
    if (!periods.ok()) return periods.error();
    std::optional<std::string> open = period_open_on(protocol_, periods->value_or(Json::object()), date);
    if (!open || *open != period) return refused(period + " is not open on " + date.to_string());
    return append_one(transaction, make_event(kPeriodClosed, "", actor, date, "", {{"period", period}}));
  });
}

}  // namespace trialcore::trial

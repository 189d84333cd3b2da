// Safety: record-ae, update-ae, report-sae, record-transplant (docs/adverse-events.md).
#include "commands/command_areas.h"
#include "trial/adverse_event_service.h"

namespace trialcore::commands {

namespace {

// The members an adverse event and its follow-up share.
std::vector<Member> follow_up_members() {
  return {optional_member("grade", Kind::kInteger, "The grade, 1-5, of the protocol's grading scale (CTCAE)"),
          optional_member("end", Kind::kDate, "The date it resolved"),
          optional_member("serious", Kind::kText,
                          "The criteria that make it serious (death, life-threatening, hospitalization, disability, "
                          "congenital-anomaly, other-important), comma-separated, or none; signed by an investigator",
                          "", "CRITERIA"),
          optional_member("attribution", Kind::kText,
                          "Attribution to each drug, DRUG=unrelated|unlikely|possible|probable|definite, comma-separated; "
                          "signed by an investigator",
                          "", "DRUG=LEVEL"),
          optional_member("action", Kind::kText,
                          "The action taken with each drug, DRUG=dose-not-changed|dose-reduced|drug-interrupted|"
                          "drug-withdrawn|not-applicable|unknown, comma-separated",
                          "", "DRUG=ACTION"),
          optional_member("aware_at", Kind::kText,
                          "When the site learned of it (UTC, 2010-07-01T09:30:00Z): a serious event's reporting clock "
                          "starts then (default: when it is recorded)",
                          "", "TIME")};
}

// The answer of a recorded adverse event: the event, and for a serious one its deadline.
Answer adverse_event_answer(trial::TrialService& service, const store::Event& event, const std::string& id, int64_t sequence) {
  Answer answer = recorded(event);
  auto patient = service.patient_state(id);
  if (!patient.ok()) return answer;
  auto clocks = trial::serious_event_clocks({*patient}, service.protocol().safety.sae_report_hours, 0);
  for (const trial::SeriousEventClock& clock : clocks) {
    if (clock.event.stamp.sequence != sequence) continue;
    answer.json["report_by"] = clock.deadline;
    answer.text = "SERIOUS: report it by " + clock.deadline + " (trialcore report-sae " + id + " --ae " +
                  std::to_string(sequence) + " --reported-at TIME --to WHOM)\n" + answer.text;
  }
  return answer;
}

Command record_command() {
  Command command = declared("record-ae",
                             "Record an adverse event: term, grade, dates, seriousness, attribution, action, outcome",
                             Action::kRecordFollowUp, "/api/patients/{id}/adverse-events", Subject::kPatient);
  command.footer =
      "Terms are the protocol's (trialcore protocol --json lists them under safety.terms); an event the list\n"
      "lacks takes its organ system's 'Other, specify' term with --specify. Attribution and seriousness are\n"
      "signed by an investigator (on the command line, --role investigator or a user the record knows as one).\n"
      "A serious event must be reported within the protocol's hours (report-sae); status lists the clock.";
  command.members = {member("term", Kind::kText, "The term of the grading scale (\"Blood bilirubin increased\")"),
                     optional_member("specify", Kind::kText, "What the event is, for an 'Other, specify' term"),
                     member("grade", Kind::kInteger, "The grade, 1-5, of the protocol's grading scale (CTCAE)"),
                     member("start", Kind::kDate, "The date it began"),
                     member("outcome", Kind::kText,
                            "recovered, recovered-with-sequelae, recovering, not-recovered, fatal or unknown")};
  for (Member& shared : follow_up_members()) {
    if (shared.name != "grade") command.members.push_back(std::move(shared));
  }
  command.members.push_back(
      optional_member("observation", Kind::kInteger, "The lab event it was proposed from", "--from-lab", "EVENT"));
  command.prepare = reading([](const Protocol& served, const std::string& id, ObjectReader& in) -> Execution {
    safety::AdverseEventContent content =
        safety::read_adverse_event(in, served.safety, trial::protocol_drugs(served), false);
    return [id, content](trial::TrialService& service, const trial::Actor& actor) -> Result<Answer> {
      auto recorded_event = service.record_adverse_event(actor, id, content);
      if (!recorded_event.ok()) return recorded_event.error();
      return adverse_event_answer(service, recorded_event->event, id, recorded_event->event.sequence);
    };
  });
  return command;
}

Command update_command() {
  Command command = declared("update-ae",
                             "Follow an adverse event up: a new grade, its end, seriousness, attribution, action or outcome",
                             Action::kRecordFollowUp, "/api/patients/{id}/adverse-event-follow-ups", Subject::kPatient);
  command.footer =
      "Only what is given changes; the event keeps its history. A recording that was wrong is corrected\n"
      "with `trialcore correct EVENT --payload ...` (the whole corrected input, checked as record-ae).";
  command.members = {member("adverse_event", Kind::kInteger, "The adverse event's event number", true, "--ae", "EVENT"),
                     optional_member("specify", Kind::kText, "What the event is, for an 'Other, specify' term"),
                     optional_member("outcome", Kind::kText,
                                     "recovered, recovered-with-sequelae, recovering, not-recovered, fatal or unknown")};
  for (Member& shared : follow_up_members()) command.members.push_back(std::move(shared));
  command.members.push_back(optional_member("reason", Kind::kText, "Why (what the follow-up learned)"));
  command.prepare = reading([](const Protocol& served, const std::string& id, ObjectReader& in) -> Execution {
    int64_t event = in.required_integer("adverse_event");
    safety::AdverseEventContent content =
        safety::read_adverse_event(in, served.safety, trial::protocol_drugs(served), true);
    std::string reason = in.text("reason").value_or("");
    return [=](trial::TrialService& service, const trial::Actor& actor) -> Result<Answer> {
      auto updated = service.update_adverse_event(actor, id, event, content, reason);
      if (!updated.ok()) return updated.error();
      return adverse_event_answer(service, updated->event, id, event);
    };
  });
  return command;
}

Command report_command() {
  Command command = declared("report-sae", "Record that a serious adverse event was reported: when and to whom",
                             Action::kRecordFollowUp, "/api/patients/{id}/sae-reports", Subject::kPatient);
  command.members = {member("adverse_event", Kind::kInteger, "The adverse event's event number", true, "--ae", "EVENT"),
                     member("reported_at", Kind::kText, "When it was reported, UTC (2010-07-01T09:30:00Z)", true, "", "TIME"),
                     member("to", Kind::kText, "To whom (the sponsor, the IRB, the FDA)", true, "", "WHOM")};
  command.prepare = reading([](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    int64_t event = in.required_integer("adverse_event");
    std::string at = in.required_text("reported_at");
    if (in.ok()) in.take(safety::utc_seconds(at, in.path_of("reported_at")));
    std::string to = in.required_text("to");
    return recording([=](trial::TrialService& service, const trial::Actor& actor) {
      return service.report_serious_event(actor, id, event, at, to);
    });
  });
  return command;
}

Command transplant_command() {
  Command command = declared("record-transplant",
                             "Follow a patient up after the trial: a stem-cell transplant, and veno-occlusive disease after it",
                             Action::kRecordFollowUp, "/api/patients/{id}/transplants", Subject::kPatient);
  command.footer = "Recorded again with the same --date, it follows that transplant up (--vod yes --vod-date D).";
  Member vod_member = optional_member("vod", Kind::kBoolean, "Whether veno-occlusive disease followed (yes or no)", "", "yes|no");
  vod_member.words = {"yes", "no"};
  command.members = {member("date", Kind::kDate, "The date of the transplant"), vod_member,
                     optional_member("vod_date", Kind::kDate, "When veno-occlusive disease was diagnosed")};
  command.prepare = reading([](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    Date date = in.required_date("date");
    std::optional<bool> vod = in.boolean("vod");
    std::optional<Date> vod_date = in.date("vod_date");
    return recording([=](trial::TrialService& service, const trial::Actor& actor) {
      return service.record_transplant(actor, id, date, vod, vod_date);
    });
  });
  return command;
}

}  // namespace

void add_safety_commands(std::vector<Command>& commands, const Protocol&) {
  commands.push_back(record_command());
  commands.push_back(update_command());
  commands.push_back(report_command());
  commands.push_back(transplant_command());
}

}  // namespace trialcore::commands

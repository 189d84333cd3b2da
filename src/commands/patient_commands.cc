// Patients from registration to enrollment, and what happens to them as a whole: register,
// consent, screen-patient, enroll, waive, off-study, record-vital-status.
#include "commands/command_areas.h"
#include "eligibility/screening_output.h"
#include "patient/patient_record.h"

namespace trialcore::commands {

namespace {

Command register_command() {
  Command command =
      declared("register", "Register a patient record on the trial's record", Action::kRegister, "/api/patients");
  command.creates_record = true;
  command.members = {member("record", Kind::kDocument, "The patient record (JSON; - reads stdin)", true, "FILE", "FILE")};
  command.prepare = reading([](const Protocol& protocol, const std::string&, ObjectReader& in) -> Execution {
    const Json* record = in.given("record");
    if (!record) {
      in.fail("record", "is required");
      return nullptr;
    }
    auto parsed = patient::read_patient_record(*record, protocol.record_format, in.path_of("record"));
    if (!in.take(parsed)) return nullptr;
    std::vector<std::string> warnings = parsed->warnings;
    return [record = *record, warnings](trial::TrialService& service, const trial::Actor& actor) -> Result<Answer> {
      auto registered = service.register_patient(actor, record);
      if (!registered.ok()) return registered.error();
      Answer answer = recorded(registered->event);
      answer.json["id"] = registered->event.subject;
      answer.warnings = warnings;
      return answer;
    };
  });
  return command;
}

// A command on a patient that takes a date and records one event.
Command dated(std::string name, std::string help, Action action, std::string route, std::string date_help,
              Result<trial::Recorded> (trial::TrialService::*record)(const trial::Actor&, const std::string&, Date)) {
  Command command = declared(std::move(name), std::move(help), action, std::move(route), Subject::kPatient);
  command.members = {member("date", Kind::kDate, std::move(date_help))};
  command.prepare = reading([record](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    Date date = in.required_date("date");
    return recording([=](trial::TrialService& service, const trial::Actor& actor) {
      return (service.*record)(actor, id, date);
    });
  });
  return command;
}

Command screen_command() {
  Command command = declared("screen-patient",
                             "Screen a registered patient as of a date, with the trial's own counts, and record it",
                             Action::kRegister, "/api/patients/{id}/screenings", Subject::kPatient);
  command.members = {member("date", Kind::kDate, "The evaluation date")};
  command.prepare = reading([](const Protocol& protocol, const std::string& id, ObjectReader& in) -> Execution {
    Date date = in.required_date("date");
    return [&protocol, id, date](trial::TrialService& service, const trial::Actor& actor) -> Result<Answer> {
      auto screened = service.screen(actor, id, date);
      if (!screened.ok()) return screened.error();
      Answer answer = recorded(screened->event);
      answer.text = screening_checklist(screened->screening, protocol) + answer.text;
      OrderedJson screening = screening_json(screened->screening);
      screening["sequence"] = screened->event.sequence;
      answer.json = std::move(screening);
      return answer;
    };
  });
  return command;
}

Command enroll_command() {
  Command command = declared("enroll", "Enroll a patient: screens again on the date and assigns the open period",
                             Action::kEnroll, "/api/patients/{id}/enrollment", Subject::kPatient);
  command.footer =
      "Refused (exit 1, every reason listed) when the patient is not eligible on the date (a waived\n"
      "criterion counts as met), has not signed consent, no period is open, or the accrual\n"
      "target is reached. A refused enrollment records nothing.";
  command.members = {member("date", Kind::kDate, "The enrollment date")};
  command.prepare = reading([](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    Date date = in.required_date("date");
    return [id, date](trial::TrialService& service, const trial::Actor& actor) -> Result<Answer> {
      auto enrolled = service.enroll(actor, id, date);
      if (!enrolled.ok()) return enrolled.error();
      Answer answer = recorded(enrolled->event);
      answer.json["period"] = enrolled->period;
      answer.text = id + " enrolled in " + enrolled->period + "\n" + answer.text;
      return answer;
    };
  });
  return command;
}

Command waive_command() {
  Command command = declared("waive", "Record an investigator's waiver of a waivable criterion",
                             Action::kWaive, "/api/patients/{id}/waivers", Subject::kPatient);
  command.members = {member("criterion", Kind::kText, "The criterion waived", true, "", "ID"),
                     member("date", Kind::kDate, "The date of the waiver"),
                     member("reason", Kind::kText, "Why (e.g. rapidly progressive disease)")};
  command.prepare = reading([](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    std::string criterion = in.required_text("criterion");
    Date date = in.required_date("date");
    std::string reason = in.required_text("reason");
    return recording([=](trial::TrialService& service, const trial::Actor& actor) {
      return service.grant_waiver(actor, id, criterion, date, reason);
    });
  });
  return command;
}

Command off_study_command() {
  Command command = declared("off-study", "Record that a patient went off study, and why",
                             Action::kRecordFollowUp, "/api/patients/{id}/off-study", Subject::kPatient);
  command.members = {member("date", Kind::kDate, "The date"),
                     member("reason", Kind::kText, "Why (progression, toxicity, withdrawal, ...)")};
  command.prepare = reading([](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    Date date = in.required_date("date");
    std::string reason = in.required_text("reason");
    return recording([=](trial::TrialService& service, const trial::Actor& actor) {
      return service.take_off_study(actor, id, date, reason);
    });
  });
  return command;
}

Command vital_status_command() {
  Command command = declared("record-vital-status", "Record that a patient was alive, or died, on a date",
                             Action::kRecordFollowUp, "/api/patients/{id}/vital-status", Subject::kPatient);
  Member alive = member("alive", Kind::kBoolean, "alive or dead", true, "--status");
  alive.words = {"alive", "dead"};
  alive.type_name = "alive|dead";
  command.members = {member("date", Kind::kDate, "The date"), alive};
  command.prepare = reading([](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    Date date = in.required_date("date");
    bool is_alive = in.required_boolean("alive");
    return recording([=](trial::TrialService& service, const trial::Actor& actor) {
      return service.record_vital_status(actor, id, date, is_alive);
    });
  });
  return command;
}

}  // namespace

void add_patient_commands(std::vector<Command>& commands, const Protocol&) {
  commands.push_back(register_command());
  commands.push_back(dated("consent", "Record that the patient signed the consent", Action::kRegister,
                           "/api/patients/{id}/consent", "The date of signing", &trial::TrialService::sign_consent));
  commands.push_back(screen_command());
  commands.push_back(enroll_command());
  commands.push_back(waive_command());
  commands.push_back(off_study_command());
  commands.push_back(vital_status_command());
}

}  // namespace trialcore::commands

// Treatment: record-body, record-lab, verify-dose, record-dose, explain-deviation,
// start-add-on.
#include "commands/command_areas.h"
#include "trial/lab_proposals.h"
#include "trial/soft_checks.h"

namespace trialcore::commands {

namespace {

Command body_command() {
  Command command = declared("record-body", "Record a height and weight (doses of later courses follow it)",
                             Action::kRecordClinical, "/api/patients/{id}/body", Subject::kPatient);
  command.members = {member("date", Kind::kDate, "The date measured"),
                     member("height_cm", Kind::kNumber, "Height in cm", true, "--height", "CM"),
                     member("weight_kg", Kind::kNumber, "Weight in kg", true, "--weight", "KG"),
                     confirm_member("height-plausible, weight-plausible")};
  command.prepare = reading([](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    Date date = in.required_date("date");
    double height = in.required_number("height_cm");
    double weight = in.required_number("weight_kg");
    std::vector<std::string> confirm = confirmations(in);
    return recording([=](trial::TrialService& service, const trial::Actor& actor) {
      return service.record_body(actor, id, date, height, weight, confirm);
    });
  });
  return command;
}

Command lab_command() {
  Command command = declared("record-lab", "Record a laboratory value or test result",
                             Action::kRecordClinical, "/api/patients/{id}/observations", Subject::kPatient);
  command.members = {member("code", Kind::kText, "The observation code (bilirubin, alt, anc, ...)"),
                     member("value", Kind::kNumberOrText, "The value (a number, or a result such as negative)"),
                     optional_member("unit", Kind::kText, "The unit (mg/dL, umol/L, U/L, 10*9/L, /uL, %)"),
                     optional_member("uln", Kind::kNumber, "The laboratory's upper limit of normal, where the protocol asks for it"),
                     member("date", Kind::kDate, "The date of the sample"),
                     optional_member("method", Kind::kText, "How it was measured (echo, MUGA, ...)"),
                     confirm_member("lab-usual-range")};
  command.prepare = [](const Protocol&, const std::string& id, const Json& input) {
    return read_input(input, [&](ObjectReader& in) -> Execution {
      // The catalogue decides the rest (units, the ULN, the values of a text result) when
      // the service reads the observation; here only that nothing unknown comes with it.
      in.required_text("code");
      if (!in.given("value")) in.fail("value", "is required");
      in.text("unit");
      in.number("uln");
      in.required_date("date");
      in.text("method");
      std::vector<std::string> confirm = confirmations(in);
      Json observation = input;
      observation.erase("confirm");  // the write's, not the observation's
      return [id, observation, confirm](trial::TrialService& service, const trial::Actor& actor) -> Result<Answer> {
        auto observed = service.record_observation(actor, id, observation, confirm);
        if (!observed.ok()) return observed.error();
        Answer answer = recorded(observed->event);
        // The grade the lab implies, by the protocol's grading rules, when on treatment.
        if (observed->proposal) {
          const trial::LabProposal& proposal = *observed->proposal;
          answer.json["proposed_adverse_event"] = trial::lab_proposal_json(proposal);
          const safety::LabGrade& grade = proposal.grade;
          std::string text = grade.grade ? "grade " + std::to_string(*grade.grade) + " " + grade.term : "ungraded: " + grade.reason;
          if (grade.grade && !grade.reported) {
            text = "expected, not reported (the protocol's assumption): " + text;
          } else if (grade.grade) {
            text = "proposed adverse event: " + text + " (record it: trialcore record-ae " + id + " --from-lab " +
                   std::to_string(proposal.observation) + " ...)";
          }
          answer.text = text + "\n  " + grade.reason + "\n" + answer.text;
        }
        return answer;
      };
    });
  };
  return command;
}

// The course, day, drug and mg of a dose, as verify-dose and record-dose take them.
std::vector<Member> dose_members() {
  return {member("course", Kind::kInteger, "The course"), member("day", Kind::kInteger, "The day of the course"),
          member("drug", Kind::kText, "The drug"), member("dose_mg", Kind::kNumber, "The dose in mg", true, "", "MG")};
}

Command verify_command() {
  Command command = declared("verify-dose", "A pharmacist's check of a dose against the plan before it is given",
                             Action::kVerifyDose, "/api/patients/{id}/dose-verifications", Subject::kPatient);
  command.members = dose_members();
  command.prepare = reading([](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    int course = static_cast<int>(in.required_integer("course"));
    int day = static_cast<int>(in.required_integer("day"));
    std::string drug = in.required_text("drug");
    double mg = in.required_number("dose_mg");
    return [=](trial::TrialService& service, const trial::Actor& actor) -> Result<Answer> {
      auto verified = service.verify_dose(actor, id, course, day, drug, mg);
      if (!verified.ok()) return verified.error();
      Answer answer = recorded(verified->event);
      answer.json["planned_mg"] = verified->planned_mg;
      answer.json["off_percent"] = verified->off_percent;
      answer.text = "verified: " + expr::format_number(mg) + " mg, planned " + expr::format_number(verified->planned_mg) +
                    " mg\n" + answer.text;
      return answer;
    };
  });
  return command;
}

Command dose_command() {
  Command command = declared("record-dose",
                             "Record a dose given; deviations from the plan are listed and stay open until explained",
                             Action::kRecordClinical, "/api/patients/{id}/doses", Subject::kPatient);
  command.members = dose_members();
  command.members.push_back(member("date", Kind::kDate, "The date given"));
  command.members.push_back(optional_member("start_time", Kind::kText, "When the infusion started, HH:MM", "", "HH:MM"));
  command.members.push_back(optional_member("infusion_minutes", Kind::kNumber, "How long the infusion took", "", "MIN"));
  command.members.push_back(
      optional_member("explanation", Kind::kText, "Why a dose departs from the plan (closes its deviations)"));
  command.members.push_back(confirm_member("dose-tolerance"));
  command.prepare = reading([](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    trial::DoseInput dose = trial::read_dose_input(in);
    return [id, dose](trial::TrialService& service, const trial::Actor& actor) -> Result<Answer> {
      auto given = service.record_dose(actor, id, dose);
      if (!given.ok()) return given.error();
      Answer answer = recorded(given->event);
      answer.json["planned_mg"] = given->planned_mg;
      OrderedJson deviations = OrderedJson::array();
      std::string text;
      for (const treatment::Deviation& deviation : given->deviations) {
        deviations.push_back(treatment::deviation_json(deviation));
        text += "DEVIATION " + deviation.kind + ": " + deviation.message + "\n";
      }
      answer.json["deviations"] = std::move(deviations);
      if (!given->deviations.empty() && dose.explanation.empty()) {
        text += "explain it: trialcore explain-deviation " + id + " --dose " + std::to_string(given->event.sequence) +
                " --explanation '...'\n";
      }
      answer.text = text + answer.text;
      return answer;
    };
  });
  return command;
}

Command explain_command() {
  Command command = declared("explain-deviation", "Explain the deviations of a recorded dose",
                             Action::kRecordFollowUp, "/api/patients/{id}/deviation-explanations", Subject::kPatient);
  command.members = {member("dose_sequence", Kind::kInteger, "The dose's event number", true, "--dose", "EVENT"),
                     member("explanation", Kind::kText, "The explanation")};
  command.prepare = reading([](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    int64_t dose = in.required_integer("dose_sequence");
    std::string explanation = in.required_text("explanation");
    return recording([=](trial::TrialService& service, const trial::Actor& actor) {
      return service.explain_deviation(actor, id, dose, explanation);
    });
  });
  return command;
}

Command add_on_command() {
  Command command = declared("start-add-on",
                             "The investigator starts an add-on of the protocol (answering a signal it raised)",
                             Action::kStartAddOn, "/api/patients/{id}/add-ons", Subject::kPatient);
  command.footer =
      "Started before the signal that proposes it was raised, the add-on is recorded as an override\n"
      "of the protocol's rule, with the reason, and shown as such in the history and the calendar.";
  command.members = {member("add_on", Kind::kText, "The add-on of the protocol"),
                     member("from_course", Kind::kInteger, "The first course it is given in"),
                     member("reason", Kind::kText, "Why")};
  command.prepare = reading([](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    std::string add_on = in.required_text("add_on");
    int from = static_cast<int>(in.required_integer("from_course"));
    std::string reason = in.required_text("reason");
    return [=](trial::TrialService& service, const trial::Actor& actor) -> Result<Answer> {
      auto started = service.start_add_on(actor, id, add_on, from, reason);
      if (!started.ok()) return started.error();
      Answer answer = recorded(started->event);
      const Json& payload = started->event.payload;
      if (payload.contains("override")) {
        answer.json["override"] = payload["override"];
        answer.text = "override: started before the signal " + payload["override"].value("signal", "") +
                      " was raised (" + reason + ")\n" + answer.text;
      }
      return answer;
    };
  });
  return command;
}

}  // namespace

void add_treatment_commands(std::vector<Command>& commands, const Protocol&) {
  commands.push_back(body_command());
  commands.push_back(lab_command());
  commands.push_back(verify_command());
  commands.push_back(dose_command());
  commands.push_back(explain_command());
  commands.push_back(add_on_command());
}

}  // namespace trialcore::commands

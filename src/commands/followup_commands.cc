// Response: record-marrow and adjudicate.
#include "commands/command_areas.h"

namespace trialcore::commands {

namespace {

Command marrow_command(const std::vector<std::string>& facts) {
  Command command = declared("record-marrow", "Record a bone-marrow assessment; the response is computed",
                             Action::kRecordClinical, "/api/patients/{id}/marrow", Subject::kPatient);
  command.members = {member("course", Kind::kInteger, "The course it follows"),
                     member("date", Kind::kDate, "The date of the marrow")};
  for (const std::string& fact : facts) {
    command.members.push_back(optional_member(fact, Kind::kNumberOrText, "The assessment's " + fact + " (as in trialcore assess)"));
  }
  command.prepare = reading([facts](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    int course = static_cast<int>(in.required_integer("course"));
    Date date = in.required_date("date");
    // The response section decides what the facts must be when the service reads them.
    Json assessment = Json::object();
    for (const std::string& fact : facts) {
      if (const Json* value = in.member(fact)) assessment[fact] = *value;
    }
    if (assessment.empty()) {
      std::string names;
      for (const std::string& fact : facts) names += (names.empty() ? "" : ", ") + fact;
      in.fail(Error{"$", "a marrow assessment gives at least one of its values (" + names + ")"});
    }
    return [=](trial::TrialService& service, const trial::Actor& actor) -> Result<Answer> {
      auto assessed = service.record_marrow(actor, id, course, date, assessment);
      if (!assessed.ok()) return assessed.error();
      Answer answer = recorded(assessed->event);
      answer.json["response"] = assessed->response.category;
      answer.json["reason"] = assessed->response.reason;
      answer.text = "response: " + assessed->response.category + " (" + assessed->response.reason + ")\n" + answer.text;
      return answer;
    };
  });
  return command;
}

Command adjudicate_command() {
  Command command = declared("adjudicate", "The investigator decides a course's response",
                             Action::kAdjudicate, "/api/patients/{id}/responses", Subject::kPatient);
  command.members = {member("course", Kind::kInteger, "The course"),
                     member("category", Kind::kText, "The response category (CR, CRi, PR, NR, NE)", true, "--response"),
                     member("reason", Kind::kText, "Why")};
  command.prepare = reading([](const Protocol&, const std::string& id, ObjectReader& in) -> Execution {
    int course = static_cast<int>(in.required_integer("course"));
    std::string category = in.required_text("category");
    std::string reason = in.required_text("reason");
    return recording([=](trial::TrialService& service, const trial::Actor& actor) {
      return service.adjudicate(actor, id, course, category, reason);
    });
  });
  return command;
}

}  // namespace

void add_followup_commands(std::vector<Command>& commands, const Protocol& protocol) {
  std::vector<std::string> facts;
  for (const auto& fact : protocol.response.facts) facts.push_back(fact.name);
  commands.push_back(marrow_command(facts));
  commands.push_back(adjudicate_command());
}

}  // namespace trialcore::commands

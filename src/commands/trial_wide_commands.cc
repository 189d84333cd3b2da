// The trial as a whole: open-period, close-period, correct, void.
#include "commands/command_areas.h"

namespace trialcore::commands {

namespace {

Command period_command(bool opening) {
  Command command = declared(opening ? "open-period" : "close-period",
                             opening ? "Open a period (an amendment); the period open before closes the same day" : "Close the open period",
                             Action::kManagePeriods, opening ? "/api/periods/{id}/opening" : "/api/periods/{id}/closing",
                             Subject::kPeriod);
  command.creates_record = opening;
  command.members = {member("date", Kind::kDate, "The date")};
  command.prepare = reading([opening](const Protocol&, const std::string& period, ObjectReader& in) -> Execution {
    Date date = in.required_date("date");
    return recording([=](trial::TrialService& service, const trial::Actor& actor) {
      return opening ? service.open_period(actor, period, date) : service.close_period(actor, period, date);
    });
  });
  return command;
}

Command correct_command() {
  Command command = declared("correct", "Correct an event: a new event replaces its content, with the reason",
                             Action::kCorrect, "/api/corrections");
  command.members = {member("corrects", Kind::kInteger, "The event to correct", true, "EVENT", "EVENT"),
                     member("reason", Kind::kText, "Why it is corrected"),
                     member("payload", Kind::kDocument, "The corrected input, as the original command took it (JSON)")};
  command.members.back().text_on_command_line = true;
  command.prepare = reading([](const Protocol&, const std::string&, ObjectReader& in) -> Execution {
    int64_t sequence = in.required_integer("corrects");
    std::string reason = in.required_text("reason");
    const Json* payload = in.given("payload");
    if (!payload) in.fail("payload", "is required");
    return recording([sequence, reason, payload = payload ? *payload : Json()](trial::TrialService& service,
                                                                                const trial::Actor& actor) {
      return service.correct(actor, sequence, reason, payload);
    });
  });
  return command;
}

Command void_command() {
  Command command = declared("void",
                             "Void a recorded value: a new event says the recording holds no value, with the reason",
                             Action::kCorrect, "/api/voids");
  command.members = {member("voids", Kind::kInteger, "The event to void", true, "EVENT", "EVENT"),
                     member("reason", Kind::kText, "Why it is voided")};
  command.prepare = reading([](const Protocol&, const std::string&, ObjectReader& in) -> Execution {
    int64_t sequence = in.required_integer("voids");
    std::string reason = in.required_text("reason");
    return recording([sequence, reason](trial::TrialService& service, const trial::Actor& actor) {
      return service.void_event(actor, sequence, reason);
    });
  });
  return command;
}

}  // namespace

void add_trial_wide_commands(std::vector<Command>& commands, const Protocol&) {
  commands.push_back(period_command(true));
  commands.push_back(period_command(false));
  commands.push_back(correct_command());
  commands.push_back(void_command());
}

}  // namespace trialcore::commands

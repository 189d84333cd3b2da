// The trial as a whole: open-period, close-period, correct, void.
#include "commands/command_areas.h"

namespace trialcore::commands {

namespace {

Command period_command(bool opening) {
  Command command;
  command.name = opening ? "open-period" : "close-period";
  command.help = opening ? "Open a period (an amendment); the period open before closes the same day" : "Close the open period";
  command.action = Action::kManagePeriods;
  command.route = opening ? "/api/periods/{id}/opening" : "/api/periods/{id}/closing";
  command.subject = Subject::kPeriod;
  command.creates_record = opening;
  command.members = {member("date", Kind::kDate, "The date")};
  command.prepare = [opening](const Protocol&, const std::string& period, const Json& input) {
    return read_input(input, [&](ObjectReader& in) -> Execution {
      Date date = in.required_date("date");
      return [=](trial::TrialService& service, const trial::Actor& actor) -> Result<Answer> {
        auto changed = opening ? service.open_period(actor, period, date) : service.close_period(actor, period, date);
        if (!changed.ok()) return changed.error();
        return recorded(changed->event);
      };
    });
  };
  return command;
}

Command correct_command() {
  Command command;
  command.name = "correct";
  command.help = "Correct an event: a new event replaces its content, with the reason";
  command.action = Action::kCorrect;
  command.route = "/api/corrections";
  command.members = {member("corrects", Kind::kInteger, "The event to correct", true, "EVENT", "EVENT"),
                     member("reason", Kind::kText, "Why it is corrected"),
                     member("payload", Kind::kDocument, "The corrected input, as the original command took it (JSON)")};
  command.members.back().text_on_command_line = true;
  command.prepare = [](const Protocol&, const std::string&, const Json& input) {
    return read_input(input, [&](ObjectReader& in) -> Execution {
      int64_t sequence = in.required_integer("corrects");
      std::string reason = in.required_text("reason");
      const Json* payload = in.given("payload");
      if (!payload) in.fail("payload", "is required");
      return [sequence, reason, payload = payload ? *payload : Json()](trial::TrialService& service,
                                                                        const trial::Actor& actor) -> Result<Answer> {
        auto corrected = service.correct(actor, sequence, reason, payload);
        if (!corrected.ok()) return corrected.error();
        return recorded(corrected->event);
      };
    });
  };
  return command;
}

Command void_command() {
  Command command;
  command.name = "void";
  command.help = "Void a recorded value: a new event says the recording holds no value, with the reason";
  command.action = Action::kCorrect;
  command.route = "/api/voids";
  command.members = {member("voids", Kind::kInteger, "The event to void", true, "EVENT", "EVENT"),
                     member("reason", Kind::kText, "Why it is voided")};
  command.prepare = [](const Protocol&, const std::string&, const Json& input) {
    return read_input(input, [&](ObjectReader& in) -> Execution {
      int64_t sequence = in.required_integer("voids");
      std::string reason = in.required_text("reason");
      return [sequence, reason](trial::TrialService& service, const trial::Actor& actor) -> Result<Answer> {
        auto voided = service.void_event(actor, sequence, reason);
        if (!voided.ok()) return voided.error();
        return recorded(voided->event);
      };
    });
  };
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

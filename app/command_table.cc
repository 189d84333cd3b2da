// Every write of the trial's record on the command line, from the one command table
// (src/commands): a subcommand each, its flags from the command's input members, the input
// made from the flags, the answer printed; an error's JSON path shown as the flag it is about.
#include <iostream>
#include <map>
#include <memory>

#include "command.h"
#include "commands/command_line.h"
#include "output.h"
#include "protocol_option.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct Given {
  TrialOptions trial;
  std::string subject;
  std::map<std::string, std::string> values;  // by member name, as typed
};

int run(const commands::Command& command, const Given& given) {
  auto input = commands::input_from_texts(command, given.values);
  if (!input.ok()) return fail(input.error());
  // Bad input is refused before the store is opened: nothing is written, no file is left.
  auto protocol = load_protocol_option(given.trial.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  auto execution = command.prepare(*protocol, given.subject, *input);
  if (!execution.ok()) return fail(on_trial_options(commands::on_command_line(command, execution.error())));
  return with_trial(
      given.trial,
      [&](OpenTrial& trial) {
        auto answer = (*execution)(*trial.service, actor_of(given.trial));
        if (!answer.ok()) return fail(on_trial_options(commands::on_command_line(command, answer.error())));
        for (const std::string& warning : answer->warnings) print_warning(warning);
        std::cout << (given.trial.json ? answer->json.dump() + "\n" : answer->text);
        return kExitOk;
      },
      command.creates_record, std::move(*protocol));
}

}  // namespace

void add_trial_commands(CLI::App& app, CommandOutcome& outcome) {
  auto protocol = load_builtin_protocol();  // names the protocol-given flags (a marrow's facts)
  if (!protocol.ok()) return;
  for (const commands::Command& command : commands::trial_commands(*protocol)) {
    auto given = std::make_shared<Given>();
    CLI::App* sub = app.add_subcommand(command.name, command.help);
    if (!command.footer.empty()) sub->footer(command.footer);
    if (command.subject == commands::Subject::kPatient) {
      sub->add_option("PATIENT", given->subject, "The patient's id")->required()->type_name("ID");
    } else if (command.subject == commands::Subject::kPeriod) {
      sub->add_option("PERIOD", given->subject, "The period's id")->required()->type_name("ID");
    }
    for (const commands::Member& member : command.members) {
      std::string name = member.name;
      auto* option = sub->add_option_function<std::string>(
          commands::positional(member) ? member.flag : commands::flag_of(member),
          [given, name](const std::string& text) { given->values[name] = text; }, member.help);
      if (member.required) option->required();
      if (!member.type_name.empty()) option->type_name(member.type_name);
      if (member.kind == commands::Kind::kBoolean) option->check(CLI::IsMember({member.words.first, member.words.second}));
    }
    add_flags(*sub, trial_flags(given->trial));
    sub->callback([command, given, &outcome] { outcome.exit_code = run(command, *given); });
  }
}

}  // namespace trialcore::app

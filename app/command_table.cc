// Every write of the trial's record on the command line, from the one command table
// (src/commands): a subcommand each, its flags from the command's input members, the input
// made from the flags, the answer printed; an error's JSON path shown as the flag it is about.
#include <iostream>
#include <map>
#include <memory>

#include "command.h"
#include "commands/command.h"
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

std::string flag_of(const commands::Member& member) {
  if (!member.flag.empty()) return member.flag;
  std::string flag = "--" + member.name;
  for (char& c : flag) c = c == '_' ? '-' : c;
  return flag;
}

bool positional(const commands::Member& member) { return !member.flag.empty() && member.flag[0] != '-'; }

// The member's JSON value from its text on the command line; an Error names the flag.
Result<Json> value_of(const commands::Member& member, const std::string& text) {
  const std::string flag = flag_of(member);
  switch (member.kind) {
    case commands::Kind::kText:
    case commands::Kind::kDate: return Json(text);
    case commands::Kind::kNumberOrText: return number_or_text(text);
    case commands::Kind::kInteger: {
      Json number = number_or_text(text);
      if (!number.is_number() || number.get<double>() != static_cast<double>(static_cast<int64_t>(number.get<double>()))) {
        return Error{flag, "must be a whole number, not '" + text + "'"};
      }
      return Json(static_cast<int64_t>(number.get<double>()));
    }
    case commands::Kind::kNumber: {
      Json number = number_or_text(text);
      if (!number.is_number()) return Error{flag, "must be a number, not '" + text + "' (use a dot for decimals)"};
      return number;
    }
    case commands::Kind::kBoolean:
      if (text == member.words.first) return Json(true);
      if (text == member.words.second) return Json(false);
      return Error{flag, "must be " + member.words.first + " or " + member.words.second + ", not '" + text + "'"};
    case commands::Kind::kTextList: {
      Json list = Json::array();
      size_t at = 0;
      while (at <= text.size()) {
        size_t comma = text.find(',', at);
        std::string item = text.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        if (!item.empty()) list.push_back(item);
        if (comma == std::string::npos) break;
        at = comma + 1;
      }
      return list;
    }
    case commands::Kind::kDocument: {
      auto content = member.text_on_command_line ? Result<std::string>(text) : read_file_text(text);
      if (!content.ok()) return content.error();
      auto document = parse_json_text(*content, member.text_on_command_line ? flag : text);
      if (!document.ok()) return Error{flag, document.error().message};
      return *document;
    }
  }
  return Error{flag, "cannot be read"};
}

// An error about a member of the input names its flag ("$.dose_mg" is "--dose-mg"), and one
// about the options every trial command shares names theirs.
Error on_command_line(const commands::Command& command, Error error) {
  const commands::Member* member = commands::member_of_path(command, error.path);
  if (!member) return on_trial_options(std::move(error));
  std::string rest = error.path.substr(2 + member->name.size());
  error.path = flag_of(*member) + (rest.empty() ? "" : " ($" + rest + ")");
  return error;
}

int run(const commands::Command& command, const Given& given) {
  Json input = Json::object();
  for (const commands::Member& member : command.members) {
    auto typed = given.values.find(member.name);
    if (typed == given.values.end()) continue;
    auto value = value_of(member, typed->second);
    if (!value.ok()) return fail(value.error());
    input[member.name] = *value;
  }
  // Bad input is refused before the store is opened: nothing is written, no file is left.
  auto protocol = load_protocol_option(given.trial.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  auto execution = command.prepare(*protocol, given.subject, input);
  if (!execution.ok()) return fail(on_command_line(command, execution.error()));
  return with_trial(
      given.trial,
      [&](OpenTrial& trial) {
        auto answer = (*execution)(*trial.service, actor_of(given.trial));
        if (!answer.ok()) return fail(on_command_line(command, answer.error()));
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
          positional(member) ? member.flag : flag_of(member),
          [given, name](const std::string& text) { given->values[name] = text; }, member.help);
      if (member.required) option->required();
      if (!member.type_name.empty()) option->type_name(member.type_name);
      if (member.kind == commands::Kind::kBoolean) option->check(CLI::IsMember({member.words.first, member.words.second}));
    }
    add_trial_options(*sub, given->trial);
    sub->callback([command, given, &outcome] { outcome.exit_code = run(command, *given); });
  }
}

}  // namespace trialcore::app

#include "commands/command.h"

#include "commands/command_areas.h"

namespace trialcore::commands {

std::vector<Command> trial_commands(const Protocol& protocol) {
  std::vector<Command> commands;
  for (auto add : {add_patient_commands, add_treatment_commands, add_followup_commands, add_safety_commands,
                   add_trial_wide_commands}) {
    add(commands, protocol);
  }
  return commands;
}

const Member* member_of_path(const Command& command, const std::string& path) {
  if (path.rfind("$.", 0) != 0) return nullptr;
  std::string name = path.substr(2, path.find_first_of(".[", 2) - 2);
  for (const Member& member : command.members) {
    if (member.name == name) return &member;
  }
  return nullptr;
}

Answer recorded(const store::Event& event) {
  Answer answer;
  answer.json = {{"sequence", event.sequence}, {"kind", event.kind}, {"subject", event.subject}};
  answer.text = "recorded event " + std::to_string(event.sequence) + " (" + event.kind + ")";
  if (!event.subject.empty()) answer.text += " for " + event.subject;
  answer.text += "\n";
  return answer;
}

}  // namespace trialcore::commands

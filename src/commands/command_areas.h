// For the files that write the commands, area by area: short ways to declare members, and
// reading an input whole before anything runs.
#pragma once

#include <utility>
#include <vector>

#include "base/object_reader.h"
#include "commands/command.h"
#include "trial/soft_checks.h"

namespace trialcore::commands {

void add_patient_commands(std::vector<Command>& commands, const Protocol& protocol);     // registration to enrollment
void add_treatment_commands(std::vector<Command>& commands, const Protocol& protocol);   // body, labs, doses, add-ons
void add_followup_commands(std::vector<Command>& commands, const Protocol& protocol);    // marrow, adjudication
void add_trial_wide_commands(std::vector<Command>& commands, const Protocol& protocol);  // periods, corrections, voids
void add_safety_commands(std::vector<Command>& commands, const Protocol& protocol);      // adverse events

// A command's name, help, action and route, about `subject`; the rest is set after.
inline Command declared(std::string name, std::string help, Action action, std::string route,
                        Subject subject = Subject::kNone) {
  Command command;
  command.name = std::move(name);
  command.help = std::move(help);
  command.action = action;
  command.route = std::move(route);
  command.subject = subject;
  return command;
}

inline Member member(std::string name, Kind kind, std::string help, bool required = true, std::string flag = "",
                     std::string type_name = "") {
  Member made;
  made.name = std::move(name);
  made.kind = kind;
  made.help = std::move(help);
  made.required = required;
  made.flag = std::move(flag);
  made.type_name = std::move(type_name);
  if (made.type_name.empty()) {
    switch (kind) {
      case Kind::kDate: made.type_name = "DATE"; break;
      case Kind::kInteger: made.type_name = "N"; break;
      case Kind::kNumber: made.type_name = "NUMBER"; break;
      case Kind::kNumberOrText: made.type_name = "VALUE"; break;
      case Kind::kTextList: made.type_name = "A,B"; break;
      default: made.type_name = "TEXT";
    }
  }
  return made;
}

// "confirm": the soft checks a write confirms (trial/soft_checks.h), `checks` naming them.
inline Member confirm_member(const std::string& checks) {
  Member made;
  made.name = "confirm";
  made.kind = Kind::kTextList;
  made.help = "The soft checks confirmed, when a value is right though unusual (" + checks + ")";
  made.required = false;
  made.type_name = "CHECKS";
  return made;
}

inline Member optional_member(std::string name, Kind kind, std::string help, std::string flag = "",
                              std::string type_name = "") {
  return member(std::move(name), kind, std::move(help), false, std::move(flag), std::move(type_name));
}

// Reads the whole input with `read(ObjectReader&)`, which returns what the command will do;
// a member the command does not know is refused, and the first mistake is the error.
template <class Read>
Result<Execution> read_input(const Json& input, Read&& read) {
  if (!input.is_object()) return Error{"$", "the input must be a JSON object, not " + json_type_name(input)};
  ObjectReader in(input, "$");
  Execution execution = read(in);
  Status finished = in.finish();
  if (!finished.ok()) return finished.error();
  return execution;
}

// A command's prepare from `read(protocol, subject, in)`, which reads the input with `in`
// and returns what the command will do, as read_input reads it.
template <class Read>
auto reading(Read read) {
  return [read](const Protocol& protocol, const std::string& subject, const Json& input) {
    return read_input(input, [&](ObjectReader& in) -> Execution { return read(protocol, subject, in); });
  };
}

// What a command that records one event does: `write(service, actor)` is the service's
// call, and the event it recorded is the answer.
template <class Write>
Execution recording(Write write) {
  return [write](trial::TrialService& service, const trial::Actor& actor) -> Result<Answer> {
    auto written = write(service, actor);
    if (!written.ok()) return written.error();
    return recorded(written->event);
  };
}

// The soft checks a write confirms ("confirm"), none when it gives none.
inline std::vector<std::string> confirmations(ObjectReader& in) {
  return in.take(trial::read_confirmations(in.member("confirm"), in.path_of("confirm"))).value_or(std::vector<std::string>{});
}

}  // namespace trialcore::commands

// For the files that write the commands, area by area: short ways to declare members, and
// reading an input whole before anything runs.
#pragma once

#include <utility>
#include <vector>

#include "base/object_reader.h"
#include "commands/command.h"

namespace trialcore::commands {

void add_patient_commands(std::vector<Command>& commands, const Protocol& protocol);     // registration to enrollment
void add_treatment_commands(std::vector<Command>& commands, const Protocol& protocol);   // body, labs, doses, add-ons
void add_followup_commands(std::vector<Command>& commands, const Protocol& protocol);    // marrow, adjudication
void add_trial_wide_commands(std::vector<Command>& commands, const Protocol& protocol);  // periods, corrections, voids
void add_safety_commands(std::vector<Command>& commands, const Protocol& protocol);      // adverse events

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

}  // namespace trialcore::commands

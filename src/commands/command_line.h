// A command's input members on the command line: the flag of each ("dose_mg" is
// "--dose-mg"), its value from the flag's text by the member's kind, and an error about a
// member of the input shown as the flag it is about. The command line fills the input
// from flags with these alone, for every command of the table.
#pragma once

#include <map>
#include <string>

#include "commands/command.h"

namespace trialcore::commands {

// "--dose-mg" for "dose_mg", or the member's own flag; a positional's name ("FILE").
std::string flag_of(const Member& member);
bool positional(const Member& member);

// An option's text as JSON: a number when it reads as one ("1.5"), else the text ("absent").
Json number_or_text(const std::string& text);

// The member's JSON value from its text on the command line (a document's text read from
// the file it names); an Error names the flag.
Result<Json> value_from_text(const Member& member, const std::string& text);

// The command's input from the text of each member's flag, by member name (a member not
// given is left out); an Error names the flag.
Result<Json> input_from_texts(const Command& command, const std::map<std::string, std::string>& texts);

// An error about a member of the input names its flag: "$.dose_mg" is "--dose-mg", and
// "$.record.x" is "FILE ($.x)"; any other error is kept.
Error on_command_line(const Command& command, Error error);

}  // namespace trialcore::commands

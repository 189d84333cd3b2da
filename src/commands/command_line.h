// A command's input members on the command line: the flag of each ("dose_mg" is
// "--dose-mg"), its value from the flag's text by the member's kind, and an error about a
// member of the input shown as the flag it is about. The command line fills the input
// from flags with these alone, for every command of the table; the commands outside the
// table (screen, plan, report, ...) show their errors with on_flags.
#pragma once

#include <map>
#include <string>
#include <vector>

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
// "$.record.x" is "FILE ($.x)"; any other error is kept. The members its message names are
// shown as their flags too, unless it is about a file's content.
Error on_command_line(const Command& command, Error error);

// The flag an input's JSON path is about, where the input came from flags: "$.dose_mg" and
// "$.dose_mg.x" are "--dose-mg", and a file's path after the member is kept ("$.mapping $.x"
// is "--mapping $.x"); a path that is not about a member is kept, and so is one about a
// member not in `members` when they are given. The other inputs the message names are
// shown as flags too ("is required with $.weight" is "is required with --weight").
Error on_flags(Error error, const std::vector<std::string>& members = {});
// The same for an answer: its error, if it is one.
Result<std::string> on_flags(Result<std::string> answer, const std::vector<std::string>& members = {});
// The same for warnings that begin with a path ("$.sdtm_terms: ..."), for the `members` given:
// a warning may also be about a file's content ("$.colour: unknown field"), which stays.
std::vector<std::string> on_flags(std::vector<std::string> warnings, const std::vector<std::string>& members);

}  // namespace trialcore::commands

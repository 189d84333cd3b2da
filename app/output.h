// What every command prints the same way: errors and warnings on stderr, answers on stdout.
#pragma once

#include <string>
#include <vector>

#include "base/file_text.h"
#include "base/json_fields.h"
#include "base/result.h"

namespace trialcore::app {

// "trialcore: error: $.height.value: must be greater than 0"
void print_error(const Error& error);
// "trialcore: warning: ..."
void print_warning(const std::string& message);

// Prints the error (and a refusal's reasons) and returns the exit status: 2 for bad input,
// 1 for what could not be done (refused by a rule, not found, a store unreachable).
int fail(const Error& error);

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

// Prints a command's warnings on stderr, then its output on stdout, or its error; the exit
// status.
int print_result(const Result<std::string>& output, const std::vector<std::string>& warnings = {});


}  // namespace trialcore::app

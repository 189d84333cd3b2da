// What every command prints the same way: errors and warnings on stderr, files read whole.
#pragma once

#include <string>

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
// "$.dose_mg.x" are "--dose-mg"; a path that is not about a member is kept.
Error on_flags(Error error);

// An option's text as JSON: a number when it reads as one ("1.5"), else the text ("absent").
Json number_or_text(const std::string& text);

// The whole file, or an Error naming it ("-" reads standard input).
Result<std::string> read_file_text(const std::string& path);

}  // namespace trialcore::app

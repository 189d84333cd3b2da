// What every command prints the same way: errors and warnings on stderr, files read whole.
#pragma once

#include <string>

#include "base/result.h"

namespace trialcore::app {

// "trialcore: error: $.height.value: must be greater than 0"
void print_error(const Error& error);
// "trialcore: warning: ..."
void print_warning(const std::string& message);

// Prints the error and returns the exit status for bad input (2).
int fail(const Error& error);

// The whole file, or an Error naming it ("-" reads standard input).
Result<std::string> read_file_text(const std::string& path);

}  // namespace trialcore::app

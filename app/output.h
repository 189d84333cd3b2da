// What every command prints the same way: errors and warnings on stderr, answers on stdout.
#pragma once

#include <string>
#include <vector>

#include "base/file_text.h"
#include "base/json_fields.h"
#include "base/result.h"
#include "commands/command_line.h"

namespace trialcore::app {

// "trialcore: error: $.height.value: must be greater than 0"
void print_error(const Error& error);
// "trialcore: warning: ..."
void print_warning(const std::string& message);

// Prints the error (and a refusal's reasons) and returns the exit status: 2 for bad input,
// 1 for what could not be done (refused by a rule, not found, a store unreachable).
int fail(const Error& error);

// Errors and warnings about an input are shown with its flags (commands/command_line.h).
using commands::on_flags;

// Prints a command's warnings on stderr, then its output on stdout, or its error; the exit
// status.
int print_result(const Result<std::string>& output, const std::vector<std::string>& warnings = {});


}  // namespace trialcore::app

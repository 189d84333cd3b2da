#include "output.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace trialcore::app {

void print_error(const Error& error) { std::cerr << "trialcore: error: " << error.to_string() << "\n"; }

int fail(const Error& error) {
  print_error(error);
  for (const std::string& reason : error.reasons) std::cerr << "  - " << reason << "\n";
  if (!error.to_confirm.empty()) {
    std::string checks;
    for (const SoftCheck& check : error.to_confirm) checks += (checks.empty() ? "" : ",") + check.check;
    std::cerr << "  if it is right, give it again with --confirm " << checks << "\n";
  }
  return error.kind == ErrorKind::kBadInput ? 2 : 1;
}

void print_warning(const std::string& message) {
  std::cerr << "trialcore: warning: " << message << "\n";
}

Error on_flags(Error error, const std::vector<std::string>& members) {
  if (error.path.rfind("$.", 0) != 0) return error;
  size_t end = error.path.find_first_of(".[ ", 2);
  std::string member = error.path.substr(2, end - 2);
  if (!members.empty() && std::find(members.begin(), members.end(), member) == members.end()) return error;
  for (char& c : member) c = c == '_' ? '-' : c;
  // What follows a space is about the file the member names: "$.mapping $.x" is "--mapping $.x".
  error.path = "--" + member + (end != std::string::npos && error.path[end] == ' ' ? error.path.substr(end) : "");
  return error;
}

Result<std::string> on_flags(Result<std::string> answer, const std::vector<std::string>& members) {
  return answer.ok() ? answer : Result<std::string>(on_flags(answer.error(), members));
}

int print_result(const Result<std::string>& output, const std::vector<std::string>& warnings) {
  for (const std::string& warning : warnings) print_warning(warning);
  if (!output.ok()) return fail(output.error());
  std::cout << *output;
  return 0;
}

}  // namespace trialcore::app

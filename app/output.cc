#include "output.h"

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

int print_result(const Result<std::string>& output, const std::vector<std::string>& warnings) {
  for (const std::string& warning : warnings) print_warning(warning);
  if (!output.ok()) return fail(output.error());
  std::cout << *output;
  return 0;
}

}  // namespace trialcore::app

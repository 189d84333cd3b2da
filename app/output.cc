#include "output.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <regex>

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

namespace {

std::string flag_of(std::string member) {
  for (char& c : member) c = c == '_' ? '-' : c;
  return "--" + member;
}

// The other inputs a message names ("is required with $.weight") as their flags. A mention
// is a whole member: "$.facts.anc" or "$.x[0]" is a path of some file, and stays.
std::string mentions_on_flags(const std::string& message) {
  static const std::regex mention(R"(\$\.([a-z_]+)(?![a-z_\[]|\.[a-z_]))");
  std::string out;
  auto last = message.cbegin();
  for (std::sregex_iterator it(message.begin(), message.end(), mention), end; it != end; ++it) {
    out.append(last, (*it)[0].first);
    out += flag_of((*it)[1].str());
    last = (*it)[0].second;
  }
  return out.append(last, message.cend());
}

}  // namespace

Error on_flags(Error error, const std::vector<std::string>& members) {
  if (error.path.rfind("$.", 0) != 0) return error;
  size_t end = error.path.find_first_of(".[ ", 2);
  std::string member = error.path.substr(2, end - 2);
  if (!members.empty() && std::find(members.begin(), members.end(), member) == members.end()) return error;
  // What follows a space is about the file the member names: "$.mapping $.x" is "--mapping $.x",
  // and the message is that file's (its mentions are paths in the file).
  bool in_file = end != std::string::npos && error.path[end] == ' ';
  error.path = flag_of(member) + (in_file ? error.path.substr(end) : "");
  if (!in_file) error.message = mentions_on_flags(error.message);
  return error;
}

Result<std::string> on_flags(Result<std::string> answer, const std::vector<std::string>& members) {
  return answer.ok() ? answer : Result<std::string>(on_flags(answer.error(), members));
}

std::vector<std::string> on_flags(std::vector<std::string> warnings, const std::vector<std::string>& members) {
  for (std::string& warning : warnings) {
    size_t colon = warning.find(": ");
    if (warning.rfind("$.", 0) != 0 || colon == std::string::npos) continue;
    Error about{warning.substr(0, colon), warning.substr(colon + 2)};
    Error shown = on_flags(about, members);
    if (shown.path != about.path) warning = shown.to_string();
  }
  return warnings;
}

int print_result(const Result<std::string>& output, const std::vector<std::string>& warnings) {
  for (const std::string& warning : warnings) print_warning(warning);
  if (!output.ok()) return fail(output.error());
  std::cout << *output;
  return 0;
}

}  // namespace trialcore::app

#include "output.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace trialcore::app {

void print_error(const Error& error) { std::cerr << "trialcore: error: " << error.to_string() << "\n"; }

int fail(const Error& error) {
  print_error(error);
  for (const std::string& reason : error.reasons) std::cerr << "  - " << reason << "\n";
  return error.kind == ErrorKind::kBadInput ? 2 : 1;
}

void print_warning(const std::string& message) {
  std::cerr << "trialcore: warning: " << message << "\n";
}

Error on_flags(Error error) {
  if (error.path.rfind("$.", 0) != 0) return error;
  std::string member = error.path.substr(2, error.path.find_first_of(".[", 2) - 2);
  for (char& c : member) c = c == '_' ? '-' : c;
  error.path = "--" + member;
  return error;
}

Json number_or_text(const std::string& text) {
  char* end = nullptr;
  double number = std::strtod(text.c_str(), &end);
  if (!text.empty() && end && *end == '\0') return number;
  return text;
}

Result<std::string> read_file_text(const std::string& path) {
  std::ostringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{path, "cannot be read (no such file, or no permission)"};
  text << file.rdbuf();
  if (file.bad()) return Error{path, "could not be read to its end"};
  return text.str();
}

}  // namespace trialcore::app

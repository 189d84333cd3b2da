#include "base/file_text.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace trialcore {

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

Result<Json> read_json_file(const std::string& path) {
  auto text = read_file_text(path);
  if (!text.ok()) return text.error();
  return parse_json_text(*text, path);
}

}  // namespace trialcore

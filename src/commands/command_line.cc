#include "commands/command_line.h"

#include <cstdlib>

#include "base/file_text.h"

namespace trialcore::commands {

std::string flag_of(const Member& member) {
  if (!member.flag.empty()) return member.flag;
  std::string flag = "--" + member.name;
  for (char& c : flag) c = c == '_' ? '-' : c;
  return flag;
}

bool positional(const Member& member) { return !member.flag.empty() && member.flag[0] != '-'; }

Json number_or_text(const std::string& text) {
  char* end = nullptr;
  double number = std::strtod(text.c_str(), &end);
  if (!text.empty() && end && *end == '\0') return number;
  return text;
}

namespace {

Json comma_list(const std::string& text) {
  Json list = Json::array();
  size_t at = 0;
  while (at <= text.size()) {
    size_t comma = text.find(',', at);
    std::string item = text.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    if (!item.empty()) list.push_back(item);
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return list;
}

}  // namespace

Result<Json> value_from_text(const Member& member, const std::string& text) {
  const std::string flag = flag_of(member);
  switch (member.kind) {
    case Kind::kText:
    case Kind::kDate: return Json(text);
    case Kind::kNumberOrText: return number_or_text(text);
    case Kind::kInteger: {
      Json number = number_or_text(text);
      if (!number.is_number() || number.get<double>() != static_cast<double>(static_cast<int64_t>(number.get<double>()))) {
        return Error{flag, "must be a whole number, not '" + text + "'"};
      }
      return Json(static_cast<int64_t>(number.get<double>()));
    }
    case Kind::kNumber: {
      Json number = number_or_text(text);
      if (!number.is_number()) return Error{flag, "must be a number, not '" + text + "' (use a dot for decimals)"};
      return number;
    }
    case Kind::kBoolean:
      if (text == member.words.first) return Json(true);
      if (text == member.words.second) return Json(false);
      return Error{flag, "must be " + member.words.first + " or " + member.words.second + ", not '" + text + "'"};
    case Kind::kTextList: return comma_list(text);
    case Kind::kDocument: {
      auto content = member.text_on_command_line ? Result<std::string>(text) : read_file_text(text);
      if (!content.ok()) return content.error();
      auto document = parse_json_text(*content, member.text_on_command_line ? flag : text);
      if (!document.ok()) return Error{flag, document.error().message};
      return *document;
    }
  }
  return Error{flag, "cannot be read"};
}

Result<Json> input_from_texts(const Command& command, const std::map<std::string, std::string>& texts) {
  Json input = Json::object();
  for (const Member& member : command.members) {
    auto typed = texts.find(member.name);
    if (typed == texts.end()) continue;
    auto value = value_from_text(member, typed->second);
    if (!value.ok()) return value.error();
    input[member.name] = *value;
  }
  return input;
}

Error on_command_line(const Command& command, Error error) {
  const Member* member = member_of_path(command, error.path);
  if (!member) return error;
  std::string rest = error.path.substr(2 + member->name.size());
  error.path = flag_of(*member) + (rest.empty() ? "" : " ($" + rest + ")");
  return error;
}

}  // namespace trialcore::commands

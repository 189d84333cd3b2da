#include "commands/command_line.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <regex>

#include "base/file_text.h"

namespace trialcore::commands {

namespace {

// "--dose-mg" for "dose_mg".
std::string flag_of_name(std::string member) {
  for (char& c : member) c = c == '_' ? '-' : c;
  return "--" + member;
}

}  // namespace

std::string flag_of(const Member& member) { return member.flag.empty() ? flag_of_name(member.name) : member.flag; }

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

namespace {

// The other inputs a message names ("is required with $.weight") as their flags, by `flag`
// (empty: the mention stays). A mention is a whole member: "$.facts.anc" or "$.x[0]" is a
// path of some file, and stays.
std::string mentions_on_flags(const std::string& message, const std::function<std::string(const std::string&)>& flag) {
  static const std::regex mention(R"(\$\.([a-z_]+)(?![a-z_\[]|\.[a-z_]))");
  std::string out;
  auto last = message.cbegin();
  for (std::sregex_iterator it(message.begin(), message.end(), mention), end; it != end; ++it) {
    std::string shown = flag((*it)[1].str());
    out.append(last, (*it)[0].first);
    out += shown.empty() ? (*it)[0].str() : shown;
    last = (*it)[0].second;
  }
  return out.append(last, message.cend());
}

}  // namespace

Error on_command_line(const Command& command, Error error) {
  const Member* member = member_of_path(command, error.path);
  if (!member) return error;
  std::string rest = error.path.substr(2 + member->name.size());
  error.path = flag_of(*member) + (rest.empty() ? "" : " ($" + rest + ")");
  if (!rest.empty()) return error;  // about the content of the file it names: its mentions are the file's
  error.message = mentions_on_flags(error.message, [&](const std::string& name) {
    const Member* mentioned = member_of_path(command, "$." + name);
    return mentioned ? flag_of(*mentioned) : std::string();
  });
  return error;
}

Error on_flags(Error error, const std::vector<std::string>& members) {
  if (error.path.rfind("$.", 0) != 0) return error;
  size_t end = error.path.find_first_of(".[ ", 2);
  std::string member = error.path.substr(2, end - 2);
  if (!members.empty() && std::find(members.begin(), members.end(), member) == members.end()) return error;
  // What follows a space is about the file the member names: "$.mapping $.x" is "--mapping $.x",
  // and the message is that file's (its mentions are paths in the file).
  bool in_file = end != std::string::npos && error.path[end] == ' ';
  error.path = flag_of_name(member) + (in_file ? error.path.substr(end) : "");
  if (!in_file) error.message = mentions_on_flags(error.message, flag_of_name);
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

}  // namespace trialcore::commands

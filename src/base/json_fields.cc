#include "base/json_fields.h"

#include <algorithm>
#include <cmath>

namespace trialcore {

std::string member_path(const std::string& path, std::string_view key) {
  return path + "." + std::string(key);
}

std::string element_path(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

Result<Json> parse_json_text(std::string_view text, const std::string& what) {
  Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_discarded()) return parsed;
  // Parse again with exceptions only to learn where it failed.
  try {
    Json ignored = Json::parse(text);
    (void)ignored;
  } catch (const Json::parse_error& e) {
    size_t offset = std::min(e.byte, text.size());
    size_t line = 1, column = 1;
    for (size_t i = 0; i + 1 < offset; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return Error{"", what + " is not valid JSON (line " + std::to_string(line) + ", column " +
                         std::to_string(column) + ")"};
  }
  return Error{"", what + " is not valid JSON"};
}

std::string json_type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    default: return "an unreadable value";
  }
}

namespace {

// The member, or nullptr when absent or null. `object` must be a JSON object.
const Json* find_member(const Json& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

Error wrong_type(const std::string& path, std::string_view key, const char* expected,
                 const Json& found) {
  return Error{member_path(path, key), std::string("must be ") + expected + ", not " +
                                           json_type_name(found)};
}

}  // namespace

Result<std::optional<std::string>> read_text(const Json& object, std::string_view key,
                                             const std::string& path) {
  const Json* value = find_member(object, key);
  if (!value) return std::optional<std::string>();
  if (!value->is_string()) return wrong_type(path, key, "a string", *value);
  return std::optional<std::string>(value->get<std::string>());
}

Result<std::optional<double>> read_number(const Json& object, std::string_view key,
                                          const std::string& path) {
  const Json* value = find_member(object, key);
  if (!value) return std::optional<double>();
  if (!value->is_number()) return wrong_type(path, key, "a number", *value);
  double number = value->get<double>();
  if (!std::isfinite(number)) return Error{member_path(path, key), "must be a finite number"};
  return std::optional<double>(number);
}

Result<std::optional<int64_t>> read_integer(const Json& object, std::string_view key,
                                            const std::string& path) {
  const Json* value = find_member(object, key);
  if (!value) return std::optional<int64_t>();
  if (value->is_number_integer() || value->is_number_unsigned()) {
    return std::optional<int64_t>(value->get<int64_t>());
  }
  if (value->is_number_float()) {
    double number = value->get<double>();
    if (std::isfinite(number) && number == std::floor(number) && std::fabs(number) < 1e15) {
      return std::optional<int64_t>(static_cast<int64_t>(number));
    }
    return Error{member_path(path, key), "must be a whole number, not " + value->dump()};
  }
  return wrong_type(path, key, "a whole number", *value);
}

Result<std::optional<bool>> read_bool(const Json& object, std::string_view key,
                                      const std::string& path) {
  const Json* value = find_member(object, key);
  if (!value) return std::optional<bool>();
  if (!value->is_boolean()) return wrong_type(path, key, "true or false", *value);
  return std::optional<bool>(value->get<bool>());
}

Result<std::optional<Date>> read_date(const Json& object, std::string_view key,
                                      const std::string& path) {
  auto text = read_text(object, key, path);
  if (!text.ok()) return text.error();
  if (!text->has_value()) return std::optional<Date>();
  auto date = Date::Parse(**text);
  if (!date.ok()) return Error{member_path(path, key), date.error().message};
  return std::optional<Date>(*date);
}

Result<std::optional<std::string>> read_choice(const Json& object, std::string_view key,
                                               const std::string& path,
                                               std::initializer_list<std::string_view> allowed) {
  auto text = read_text(object, key, path);
  if (!text.ok() || !text->has_value()) return text;
  for (std::string_view choice : allowed) {
    if (**text == choice) return text;
  }
  std::string list;
  for (std::string_view choice : allowed) {
    if (!list.empty()) list += ", ";
    list += choice;
  }
  return Error{member_path(path, key), "'" + **text + "' is not one of " + list};
}

std::vector<std::string> unknown_members(const Json& object,
                                         std::initializer_list<std::string_view> known,
                                         const std::string& path) {
  std::vector<std::string> unknown;
  if (!object.is_object()) return unknown;
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
      unknown.push_back(member_path(path, it.key()));
    }
  }
  return unknown;
}

Status reject_unknown_members(const Json& object, std::initializer_list<std::string_view> known,
                              const std::string& path) {
  if (!object.is_object()) return Error{path, "must be an object, not " + json_type_name(object)};
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (it.key() == "note") {
      if (!it->is_string()) return Error{member_path(path, "note"), "must be a text"};
      continue;
    }
    if (std::find(known.begin(), known.end(), it.key()) != known.end()) continue;
    std::string list;
    for (std::string_view name : known) {
      if (!list.empty()) list += ", ";
      list += name;
    }
    return Error{member_path(path, it.key()), "is not a member here (expected " + list + ")"};
  }
  return Status::Ok();
}

}  // namespace trialcore

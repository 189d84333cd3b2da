#include "base/json_fields.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace trialcore {

std::string member_path(const std::string& path, std::string_view key) {
  return path + "." + std::string(key);
}

std::string element_path(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

namespace {

// "line 3, column 14" of a byte offset, counted from 1.
std::string line_and_column(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1, column = 1;
  for (size_t i = 0; i + 1 < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// A first pass over outside text that builds nothing (nlohmann's SAX parser keeps its own
// stack, so any depth is safe here): it checks the syntax, the depth and that every number
// is finite, and knows the JSON path of what it reads so that a problem can be named.
class InputCheck : public nlohmann::json_sax<Json> {
 public:
  explicit InputCheck(int maximum_depth) : maximum_depth_(maximum_depth) {}

  std::optional<Error> problem;
  std::optional<size_t> syntax_error_at;

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t number, const string_t& literal) override {
    if (!std::isfinite(number)) {
      problem = Error{path(), "must be a finite number, not " + literal};
      return false;
    }
    return value();
  }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { return open(false); }
  bool key(string_t& name) override {
    frames_.back().key = name;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& error) override {
    // nlohmann refuses a number out of a double's range as an error of its own (406), not a
    // syntax error: it is the number that is wrong, where it is.
    if (error.id == 406) {
      problem = Error{path(), "must be a finite number, not " + last_token};
    } else {
      syntax_error_at = position;
    }
    return false;
  }

 private:
  struct Frame {
    bool array = false;
    size_t index = 0;
    std::string key;
  };

  std::string path() const {
    std::string text = "$";
    for (const Frame& frame : frames_) text = frame.array ? element_path(text, frame.index) : member_path(text, frame.key);
    return text;
  }
  bool value() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
    return true;
  }
  bool open(bool array) {
    if (static_cast<int>(frames_.size()) >= maximum_depth_) {
      problem = Error{path(), "arrays and objects nest deeper than the limit of " + std::to_string(maximum_depth_) + " levels"};
      return false;
    }
    frames_.push_back({array, 0, ""});
    return true;
  }
  bool close() {
    frames_.pop_back();
    return value();
  }

  int maximum_depth_;
  std::vector<Frame> frames_;
};

}  // namespace

Result<Json> parse_json_text(std::string_view text, const std::string& what, int maximum_depth) {
  InputCheck check(maximum_depth);
  if (!Json::sax_parse(text, &check, Json::input_format_t::json, /*strict=*/true)) {
    if (check.problem) return *check.problem;
    if (check.syntax_error_at) {
      return Error{"", what + " is not valid JSON (" + line_and_column(text, *check.syntax_error_at) + ")"};
    }
    return Error{"", what + " is not valid JSON"};
  }
  // Checked whole: building the tree cannot fail now.
  return Json::parse(text, nullptr, /*allow_exceptions=*/false);
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

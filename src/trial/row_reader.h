// Reads back the JSON the trial layer wrote itself (projection rows, event payloads):
// members of the expected types, the first one that does not read named by its path.
// What does not read is a damaged row or event (ErrorKind::kFailure), never bad input.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/json_fields.h"
#include "trial/patient_state.h"

namespace trialcore::trial {

class RowReader {
 public:
  explicit RowReader(const Json& object, std::string path) : object_(object), path_(std::move(path)) {}

  std::string text(const char* key) { return typed<std::string>(key, &Json::is_string, "must be a string", ""); }
  std::optional<std::string> optional_text(const char* key) {
    const Json* value = member(key);
    if (!value) return std::nullopt;
    return text(key);
  }
  double number(const char* key) { return typed<double>(key, &Json::is_number, "must be a number", 0); }
  std::optional<double> optional_number(const char* key) {
    if (!member(key)) return std::nullopt;
    return number(key);
  }
  int64_t integer(const char* key) { return typed<int64_t>(key, &Json::is_number_integer, "must be an integer", 0); }
  bool boolean(const char* key, bool absent) {
    return typed<bool>(key, &Json::is_boolean, "must be true or false", absent);
  }
  // "" and absent are no date.
  std::optional<Date> optional_date(const char* key) {
    std::string value = text(key);
    if (value.empty()) return std::nullopt;
    auto date = Date::Parse(value);
    if (!date.ok()) {
      fail(key, date.error().message);
      return std::nullopt;
    }
    return *date;
  }
  Date date(const char* key) {
    auto value = optional_date(key);
    if (!value && error_.message.empty()) fail(key, "is required");
    return value.value_or(Date());
  }
  std::vector<std::string> texts(const char* key) {
    std::vector<std::string> values;
    const Json* value = member(key);
    if (!value) return values;
    if (!value->is_array()) fail(key, "must be an array");
    for (const Json& element : value->is_array() ? *value : Json::array()) {
      if (!element.is_string()) {
        fail(key, "must hold strings");
        break;
      }
      values.push_back(element.get<std::string>());
    }
    return values;
  }
  Json object(const char* key) { return typed<Json>(key, &Json::is_object, "must be an object", Json::object()); }
  // Each element of the array `key` read by `read(element_reader)`.
  template <class Read>
  void each(const char* key, Read read) {
    const Json* value = member(key);
    if (!value) return;
    if (!value->is_array()) return fail(key, "must be an array");
    for (size_t i = 0; i < value->size(); ++i) {
      RowReader element((*value)[i], element_path(member_path(path_, key), i));
      if (!(*value)[i].is_object()) return fail(key, "holds an element that is not an object");
      read(element);
      if (!element.error_.message.empty() && error_.message.empty()) error_ = element.error_;
    }
  }
  // The object `key` read by `read(object_reader)`, when present.
  template <class Read>
  bool nested(const char* key, Read read) {
    const Json* value = member(key);
    if (!value) return false;
    if (!value->is_object()) {
      fail(key, "must be an object");
      return false;
    }
    RowReader inner(*value, member_path(path_, key));
    read(inner);
    if (!inner.error_.message.empty() && error_.message.empty()) error_ = inner.error_;
    return true;
  }
  Stamp stamp() { return {integer("sequence"), text("actor"), text("recorded_at")}; }
  const Json& json() const { return object_; }
  Status status() const { return error_.message.empty() ? Status::Ok() : Status(error_); }

 private:
  const Json* member(const char* key) const {
    if (!object_.is_object()) return nullptr;
    auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  // The member `key` when `(value.*is)()` holds; `absent` when it is absent or null, and when
  // it is of another type, with `expected` kept as the error.
  template <class T>
  T typed(const char* key, bool (Json::*is)() const noexcept, const char* expected, T absent) {
    const Json* value = member(key);
    if (!value) return absent;
    if (!(value->*is)()) {
      fail(key, expected);
      return absent;
    }
    return value->get<T>();
  }
  void fail(const char* key, const std::string& message) {
    if (error_.message.empty()) error_ = Error{member_path(path_, key), message, ErrorKind::kFailure};
  }

  const Json& object_;
  std::string path_;
  Error error_;
};

// The members an entry's stored form shares with its event's payload (dose_payload_json):
// all but the stamp and the date, which are the event's when folding and the entry's own
// when reading a row back.
DoseEntry dose_members(RowReader& in);
VerificationEntry verification_members(RowReader& in);
AssessmentEntry assessment_members(RowReader& in);

}  // namespace trialcore::trial

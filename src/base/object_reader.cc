#include "base/object_reader.h"

#include <algorithm>

namespace trialcore {

ObjectReader::ObjectReader(const Json& object, std::string path) : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) error_ = Error{path_, "must be an object, not " + json_type_name(object_)};
}

ObjectReader::ObjectReader(const Json& object, std::string path, std::vector<std::string>& warnings)
    : ObjectReader(object, std::move(path)) {
  warnings_ = &warnings;
}

ObjectReader::ObjectReader(const Json& object, std::string path, const ObjectReader& outer)
    : ObjectReader(object, std::move(path)) {
  warnings_ = outer.warnings_;
}

bool ObjectReader::know(std::string_view key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
  return !failed();
}

template <class T>
std::optional<T> ObjectReader::keep(Result<std::optional<T>> read) {
  if (read.ok()) return std::move(*read);
  fail(read.error());
  return std::nullopt;
}

template <class T>
T ObjectReader::keep_required(Result<std::optional<T>> read, std::string_view key) {
  std::optional<T> value = keep(std::move(read));
  if (value) return std::move(*value);
  fail(key, "is required");
  return T{};
}

// Every typed read is one of these two: the member counts as known, and it is read unless an
// error came first; `read` is one of json_fields.h's readers.
template <class T, class Read>
std::optional<T> ObjectReader::optional_member(std::string_view key, Read&& read) {
  if (!know(key)) return std::nullopt;
  return keep(read(object_, key, path_));
}

template <class T, class Read>
T ObjectReader::required_member(std::string_view key, Read&& read) {
  if (!know(key)) return {};
  return keep_required(read(object_, key, path_), key);
}

std::optional<std::string> ObjectReader::text(std::string_view key) {
  return optional_member<std::string>(key, read_text);
}

std::optional<double> ObjectReader::number(std::string_view key) { return optional_member<double>(key, read_number); }

std::optional<int64_t> ObjectReader::integer(std::string_view key) {
  return optional_member<int64_t>(key, read_integer);
}

std::optional<bool> ObjectReader::boolean(std::string_view key) { return optional_member<bool>(key, read_bool); }

std::optional<Date> ObjectReader::date(std::string_view key) { return optional_member<Date>(key, read_date); }

std::optional<std::string> ObjectReader::choice(std::string_view key,
                                                std::initializer_list<std::string_view> allowed) {
  return optional_member<std::string>(
      key, [&](const Json& object, std::string_view name, const std::string& path) {
        return read_choice(object, name, path, allowed);
      });
}

std::string ObjectReader::required_text(std::string_view key) { return required_member<std::string>(key, read_text); }

double ObjectReader::required_number(std::string_view key) { return required_member<double>(key, read_number); }

int64_t ObjectReader::required_integer(std::string_view key) { return required_member<int64_t>(key, read_integer); }

bool ObjectReader::required_boolean(std::string_view key) { return required_member<bool>(key, read_bool); }

Date ObjectReader::required_date(std::string_view key) { return required_member<Date>(key, read_date); }

std::string ObjectReader::required_choice(std::string_view key,
                                          std::initializer_list<std::string_view> allowed) {
  return required_member<std::string>(
      key, [&](const Json& object, std::string_view name, const std::string& path) {
        return read_choice(object, name, path, allowed);
      });
}

const Json* ObjectReader::member(std::string_view key) {
  know(key);
  if (!object_.is_object()) return nullptr;
  auto found = object_.find(key);
  return found == object_.end() ? nullptr : &*found;
}

const Json* ObjectReader::given(std::string_view key) {
  const Json* found = member(key);
  return found && !found->is_null() ? found : nullptr;
}

void ObjectReader::fail(std::string_view key, std::string message) {
  if (!failed()) error_ = Error{path_of(key), std::move(message)};
}

void ObjectReader::fail(Error error) {
  if (!failed()) error_ = std::move(error);
}

bool ObjectReader::take(const Status& status) {
  if (!status.ok()) fail(status.error());
  return status.ok();
}

Status ObjectReader::finish() {
  if (object_.is_object() && !ignore_others_) {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      if (std::find(known_.begin(), known_.end(), it.key()) != known_.end()) continue;
      if (warnings_) {
        warnings_->push_back(path_of(it.key()) + ": unknown field, ignored");
        continue;
      }
      // As reject_unknown_members words it, which allows a "note" with text everywhere.
      if (it.key() == "note") {
        if (!it->is_string()) return Error{path_of("note"), "must be a text"};
        continue;
      }
      std::string list;
      for (const std::string& name : known_) list += (list.empty() ? "" : ", ") + name;
      return Error{path_of(it.key()), "is not a member here (expected " + list + ")"};
    }
  }
  if (failed()) return *error_;
  return Status::Ok();
}

}  // namespace trialcore

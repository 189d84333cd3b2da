// One reader for the members of a JSON object, so that a loader names each member once and
// ends with one finish() instead of checking a result after every read:
//
//   ObjectReader in(entry, path);
//   period.id = in.required_text("id");
//   period.opens = in.date("opens");
//   return in.finish(std::move(period));
//
// It reads with the readers of base/json_fields.h (absent and null are "not given"; a wrong
// type is an Error naming the JSON path). The first error is kept and every read after it
// gives nothing, but still counts its member as known. finish() then looks at the members
// nobody read: in a file a person writes (a protocol) the first one is the error, and it
// comes before any other error of the object, as a misspelt member explains what follows
// from it; "note" with text is allowed everywhere. In an interchange document (a patient
// record) they are ignored, each with a warning. So every member must be read (or looked
// at with member()) before finish(), even when an earlier one failed.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/json_fields.h"
#include "base/result.h"

namespace trialcore {

class ObjectReader {
 public:
  // Unknown members are errors (reject_unknown_members): "<path>.<key>: is not a member
  // here (expected ...)", listing the members in the order they were read.
  ObjectReader(const Json& object, std::string path);
  // Unknown members are ignored, each with the warning "<path>.<key>: unknown field, ignored".
  ObjectReader(const Json& object, std::string path, std::vector<std::string>& warnings);

  // It keeps a reference to the object: a temporary would be gone before the reads.
  ObjectReader(Json&&, std::string) = delete;
  ObjectReader(Json&&, std::string, std::vector<std::string>&) = delete;
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;

  // Optional members: absent or null gives std::nullopt.
  std::optional<std::string> text(std::string_view key);
  std::optional<double> number(std::string_view key);
  std::optional<int64_t> integer(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  std::optional<Date> date(std::string_view key);
  // The text must be one of `allowed`; the error lists them.
  std::optional<std::string> choice(std::string_view key, std::initializer_list<std::string_view> allowed);

  // Required members: absent or null is the error "is required". After an error they give
  // an empty value, which nothing should use.
  std::string required_text(std::string_view key);
  double required_number(std::string_view key);
  int64_t required_integer(std::string_view key);
  bool required_boolean(std::string_view key);
  Date required_date(std::string_view key);
  std::string required_choice(std::string_view key, std::initializer_list<std::string_view> allowed);

  // The member as written, null included; nullptr when absent. For the shapes the typed
  // reads do not cover (lists, objects of names, a number or a list); it is known from now.
  // Unlike the typed reads it gives the member even after an error.
  const Json* member(std::string_view key);
  // The member, or nullptr when absent or null.
  const Json* given(std::string_view key);

  // The object at member `key`, read by `read(ObjectReader&)` under the same rule for
  // unknown members and finished; its first error becomes this reader's. Absent: false, and
  // `read` is not called. Present but not an object (null too): "must be an object, not ...".
  template <class Read>
  bool object(std::string_view key, Read&& read) {
    const Json* found = member(key);
    if (!found) return false;
    nested(*found, path_of(key), read);
    return true;
  }

  // The same for an object found elsewhere (an element of a list) at `path`.
  template <class Read>
  void nested(const Json& object, std::string path, Read&& read) {
    if (failed()) return;
    ObjectReader inner(object, std::move(path), *this);
    if (inner.ok()) read(inner);
    take(inner.finish());
  }

  // Each element of `list` (an array) with its path ("<path>[i]"), while there is no error.
  template <class Read>
  void each(const Json& list, const std::string& path, Read&& read) {
    for (size_t i = 0; i < list.size() && ok(); ++i) read(list[i], element_path(path, i));
  }

  // Each element of `list` read as an object by `read(ObjectReader&)`, while there is no error.
  template <class Read>
  void each_object(const Json& list, const std::string& path, Read&& read) {
    for (size_t i = 0; i < list.size() && ok(); ++i) nested(list[i], element_path(path, i), read);
  }

  // Each member of `object` (an object of names) as (name, value, path), while there is no
  // error.
  template <class Read>
  void each_member(const Json& object, const std::string& path, Read&& read) {
    for (auto it = object.begin(); it != object.end() && ok(); ++it) read(it.key(), *it, member_path(path, it.key()));
  }

  // The same for `found`, member `key` as member() or given() found it: nothing when nullptr;
  // "must be an object of <names>" when it is not an object.
  template <class Read>
  void each_member_of(const Json* found, std::string_view key, std::string_view names, Read&& read) {
    if (!found) return;
    if (!found->is_object()) return fail(key, "must be an object of " + std::string(names));
    each_member(*found, path_of(key), read);
  }

  // Keeps an error, unless one is kept already: at member `key`, or where `error` says.
  void fail(std::string_view key, std::string message);
  void fail(Error error);
  // The value of `result`, or std::nullopt with its error kept.
  template <class T>
  std::optional<T> take(Result<T> result) {
    if (result.ok()) return std::optional<T>(std::move(result).value());
    fail(result.error());
    return std::nullopt;
  }
  bool take(const Status& status);

  // The members not read are let pass, neither refused nor warned about: for an object
  // whose other members have always been let pass.
  void ignore_other_members() { ignore_others_ = true; }

  bool ok() const { return !failed(); }
  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const { return member_path(path_, key); }

  // The first error: a member nobody read (where unknown members are errors), else the first
  // error kept. Where unknown members are warnings, adds them.
  Status finish();
  template <class T>
  Result<T> finish(T value) {
    Status status = finish();
    if (!status.ok()) return status.error();
    return value;
  }

 private:
  ObjectReader(const Json& object, std::string path, const ObjectReader& outer);

  bool failed() const { return error_.has_value(); }
  // Counts `key` as known; true when the member may be read (no error yet).
  bool know(std::string_view key);
  template <class T>
  std::optional<T> keep(Result<std::optional<T>> read);
  template <class T>
  T keep_required(Result<std::optional<T>> read, std::string_view key);
  template <class T, class Read>
  std::optional<T> optional_member(std::string_view key, Read&& read);
  template <class T, class Read>
  T required_member(std::string_view key, Read&& read);

  const Json& object_;
  std::string path_;
  std::vector<std::string>* warnings_ = nullptr;  // null: unknown members are errors
  std::vector<std::string> known_;                // in the order read, for the message
  std::optional<Error> error_;
  bool ignore_others_ = false;
};

// Each member of `section` (an object of names) read as an object by `read(name, ObjectReader&)`,
// which gives a T, in order, unknown members refused; the first error.
template <class T, class Read>
Result<std::vector<T>> read_named_objects(const Json& section, const std::string& path, Read&& read) {
  std::vector<T> items;
  for (auto it = section.begin(); it != section.end(); ++it) {
    ObjectReader in(*it, member_path(path, it.key()));
    auto item = in.finish(read(it.key(), in));
    if (!item.ok()) return item.error();
    items.push_back(std::move(*item));
  }
  return items;
}

}  // namespace trialcore

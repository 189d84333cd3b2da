// Typed reading of JSON input that names the JSON path of anything wrong.
// Absent and null are the same: "not known" (std::nullopt); a wrong type is an Error.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/date.h"
#include "base/result.h"

namespace trialcore {

using Json = nlohmann::json;
// For answers people read: members in the order they are written.
using OrderedJson = nlohmann::ordered_json;

// "$" + ".key" / "[3]": the path of a member or an element, as error messages show it.
std::string member_path(const std::string& path, std::string_view key);
std::string element_path(const std::string& path, size_t index);

// How deep arrays and objects may nest in JSON that comes from outside. Deeper input is
// refused before a tree is built: the tree's copy, comparison and printing recurse, and a
// few hundred thousand levels exhaust the stack.
inline constexpr int kMaximumJsonDepth = 64;

// Parses text that comes from outside (a request body, a patient record, a protocol, a
// report input, an import): every such text goes through here. A syntax error names the
// line and column; nesting deeper than `maximum_depth` is refused naming the limit; a number
// that is not finite (1e400) is refused naming its JSON path, so no reader ever sees one.
Result<Json> parse_json_text(std::string_view text, const std::string& what, int maximum_depth = kMaximumJsonDepth);

// Reads `key` of `object` (which must be an object). Absent or null gives std::nullopt.
Result<std::optional<std::string>> read_text(const Json& object, std::string_view key,
                                             const std::string& path);
Result<std::optional<double>> read_number(const Json& object, std::string_view key,
                                          const std::string& path);
Result<std::optional<int64_t>> read_integer(const Json& object, std::string_view key,
                                            const std::string& path);
Result<std::optional<bool>> read_bool(const Json& object, std::string_view key,
                                      const std::string& path);
Result<std::optional<Date>> read_date(const Json& object, std::string_view key,
                                      const std::string& path);

// The text must be one of `allowed`; the error lists them.
Result<std::optional<std::string>> read_choice(const Json& object, std::string_view key,
                                               const std::string& path,
                                               std::initializer_list<std::string_view> allowed);

// Turns "absent" into an Error saying the member is required.
template <class T>
Result<T> required(Result<std::optional<T>> read, std::string_view key, const std::string& path) {
  if (!read.ok()) return read.error();
  if (!read->has_value()) return Error{member_path(path, key), "is required"};
  return std::move(**read);
}

// The members of `object` not among `known`, as paths (for "ignored" warnings).
std::vector<std::string> unknown_members(const Json& object,
                                         std::initializer_list<std::string_view> known,
                                         const std::string& path);

// For files a person writes (a protocol), where a misspelt member must not pass silently:
// an Error naming the first member not among `known`. A "note" member (free text for the
// reader) is allowed in every object.
Status reject_unknown_members(const Json& object, std::initializer_list<std::string_view> known,
                              const std::string& path);

// "a string", "a number", ... for messages.
std::string json_type_name(const Json& value);

}  // namespace trialcore

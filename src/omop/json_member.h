// A member of a JSON object, or an empty object when it is absent: safe to iterate over
// (a temporary's items() would dangle).
#pragma once

#include "base/json_fields.h"

namespace trialcore::omop {

inline const Json& member_or_empty(const Json& object, const char* key) {
  static const Json empty = Json::object();
  auto found = object.find(key);
  return found == object.end() ? empty : *found;
}

}  // namespace trialcore::omop

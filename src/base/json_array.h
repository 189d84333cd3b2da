// A list written as JSON: an array of each item's JSON, in the items' order. Reports and
// answers write many lists; each says only how one item reads.
#pragma once

namespace trialcore {

template <class JsonType, class Items, class ToJson>
JsonType json_array(const Items& items, const ToJson& to_json) {
  JsonType array = JsonType::array();
  for (const auto& item : items) array.push_back(to_json(item));
  return array;
}

}  // namespace trialcore

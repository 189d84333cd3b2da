// Finding an item of a list by one of its members. A protocol keeps its parts (criteria,
// periods, drugs, terms, mappings) as lists in the order the file gives them, and finds
// them by their id, code or name.
#pragma once

namespace trialcore {

// The first item of `items` whose `member` equals `key`, or nullptr.
template <class Items, class Item, class Member, class Key>
const Item* find_by(const Items& items, Member Item::*member, const Key& key) {
  for (const Item& item : items) {
    if (item.*member == key) return &item;
  }
  return nullptr;
}

}  // namespace trialcore

// A node's operands walked in order, each to a Result, stopping at the first error: what
// every walk of a tree that turns nodes into values (columns, SQL) does for its operators.
#pragma once

#include <type_traits>
#include <vector>

#include "base/result.h"
#include "expr/ast.h"

namespace trialcore::expr {

// The first `count` operands of `node`, each through `walk(const NodePtr&)`.
template <class Walk>
auto walk_operands(const Node& node, size_t count, Walk&& walk)
    -> Result<std::vector<std::decay_t<decltype(*walk(node.children[0]))>>> {
  std::vector<std::decay_t<decltype(*walk(node.children[0]))>> values;
  for (size_t i = 0; i < count; ++i) {
    auto value = walk(node.children[i]);
    if (!value.ok()) return value.error();
    values.push_back(std::move(*value));
  }
  return values;
}

}  // namespace trialcore::expr

// Parses the text of an expression into a syntax tree (names not yet resolved).
#pragma once

#include <string_view>

#include "base/result.h"
#include "expr/ast.h"

namespace trialcore::expr {

// The tree of `source`, or a syntax error naming the line and column.
Result<NodePtr> parse_expression(std::string_view source);

}  // namespace trialcore::expr

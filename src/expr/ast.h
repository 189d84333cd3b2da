// The syntax tree of an expression. The parser builds it; the compiler resolves its names
// and types in place; the evaluator walks it. Each node keeps its source text, which
// reasons quote ("no toxicities entry has X.grade >= 2").
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "expr/types.h"
#include "expr/value.h"

namespace trialcore::expr {

enum class NodeKind {
  kLiteral,     // true, 3, 1.5 'mg/dL', 'B-ALL', 14 days, null
  kName,        // a fact, definition, parameter, trial fact, alias or evaluation_date
  kMember,      // children[0] . name
  kLatest,      // latest <name> [within children[0]]
  kQuery,       // exists / Count (children[0] alias where children[1])
  kBetween,     // <name: years|months|days> between children[0] and children[1]
  kCall,        // name(children...)
  kNegate,      // -children[0]
  kNot,
  kAnd,
  kOr,
  kXor,
  kImplies,
  kCompare,     // name: = != < <= > >=
  kArithmetic,  // name: + - * /
  kIsNull,      // children[0] is [not] null
  kIn,          // children[0] [not] in (children[1..])
  kIf,          // if children[0] then children[1] else children[2]
};

// What a kName refers to, decided by the compiler.
enum class NameKind { kUnresolved, kAlias, kDefinition, kTrialFact, kEvaluationDate, kFact };

struct Node {
  NodeKind kind = NodeKind::kLiteral;
  std::string name;     // identifier, operator, function, member, duration unit
  std::string alias;    // kQuery
  bool negated = false; // kIsNull (is not null), kIn (not in)
  Value literal;        // kLiteral
  std::vector<std::shared_ptr<Node>> children;
  std::string source;   // this node's text in the expression
  size_t source_start = 0;
  int line = 1;
  int column = 1;

  // Set by the compiler.
  Type type;
  NameKind name_kind = NameKind::kUnresolved;
  int slot = -1;        // index of the fact, definition, trial fact, observation or alias
};

using NodePtr = std::shared_ptr<Node>;

}  // namespace trialcore::expr

// A protocol's compiled expressions: its named definitions and parameters, and every
// expression compiled against them and the schema. Compiling resolves each name, checks
// types and units, and records which facts an expression needs; nothing is left to fail
// at evaluation time but missing data.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "expr/ast.h"
#include "expr/schema.h"

namespace trialcore::expr {

struct Expression {
  NodePtr root;
  std::string text;
  Type type;
  // The record facts, observation codes and trial facts it reads, through definitions too;
  // sorted, each once.
  std::vector<std::string> needs;
};

struct DefinitionSource {
  std::string name;
  std::string text;
  std::string label;  // shown in reasons instead of the expression ("age"); may be empty
  std::string path;   // JSON path in the protocol file, for errors
};

struct Definition {
  std::string name;
  std::string label;
  std::string path;
  Expression expression;
};

class Library {
 public:
  explicit Library(Schema schema) : schema_(std::move(schema)) {}

  // Compiles definitions that may use one another in any order. A definition named like a
  // fact, or twice, or a cycle, is an error naming its path. Call once.
  Status define(const std::vector<DefinitionSource>& sources);

  // Compiles one expression; `expected` is the kind its value must have (a criterion's rule
  // is a Boolean). Errors carry `path` and the line and column within the expression.
  Result<Expression> compile(std::string_view text, const std::string& path,
                             std::optional<TypeKind> expected = std::nullopt) const;

  const Schema& schema() const { return schema_; }
  const std::vector<Definition>& definitions() const { return definitions_; }
  int find_definition(const std::string& name) const;

 private:
  Schema schema_;
  std::vector<Definition> definitions_;
};

}  // namespace trialcore::expr

// Resolves names and checks types, in place, on a parsed tree. Definitions are compiled on
// first use, so they may be written in any order; a definition met again while it is being
// compiled is a cycle.
#include <algorithm>
#include <functional>
#include <set>

#include "base/units.h"
#include "expr/library.h"
#include "expr/parser.h"

namespace trialcore::expr {

namespace {

bool is_boolean(const Type& type) {
  return type.kind == TypeKind::kBoolean || type.kind == TypeKind::kNull;
}

// The type two alternatives share (if/else, Coalesce): null takes the other's type.
std::optional<Type> unify(const Type& a, const Type& b) {
  if (a.kind == TypeKind::kNull) return b;
  if (b.kind == TypeKind::kNull) return a;
  Type va = a.value_type();
  Type vb = b.value_type();
  if (same_type(va, vb)) return va;
  return std::nullopt;
}

bool is_ordered(const Type& type) {
  return type.kind == TypeKind::kNumber || type.kind == TypeKind::kQuantity ||
         type.kind == TypeKind::kDate;
}

const char* const kFunctions = "Coalesce, Contradiction, Count";

}  // namespace

class Compiler {
 public:
  using DefinitionResolver = std::function<Status(int slot, const Node& at)>;

  Compiler(const Library& library, std::string path, DefinitionResolver resolve_definition)
      : library_(library), path_(std::move(path)), resolve_definition_(std::move(resolve_definition)) {}

  Status check(Node& node) {
    switch (node.kind) {
      case NodeKind::kLiteral: return check_literal(node);
      case NodeKind::kName: return check_name(node);
      case NodeKind::kMember: return check_member(node);
      case NodeKind::kLatest: return check_latest(node);
      case NodeKind::kQuery: return check_query(node);
      default: break;
    }
    // The rest (operators, calls, if) are typed from their operands, all checked first.
    for (auto& child : node.children) {
      Status status = check(*child);
      if (!status.ok()) return status;
    }
    switch (node.kind) {
      case NodeKind::kBetween: return check_between(node);
      case NodeKind::kCall: return check_call(node);
      case NodeKind::kNegate: return check_negate(node);
      case NodeKind::kNot:
      case NodeKind::kAnd:
      case NodeKind::kOr:
      case NodeKind::kXor:
      case NodeKind::kImplies: return check_logic(node);
      case NodeKind::kCompare: return check_compare(node);
      case NodeKind::kArithmetic: return check_arithmetic(node);
      case NodeKind::kIsNull: return check_is_null(node);
      case NodeKind::kIn: return check_in(node);
      case NodeKind::kIf: return check_if(node);
      default: break;
    }
    return fail(node, "cannot be compiled");
  }

  std::set<std::string> needs;

 private:
  Error fail(const Node& node, const std::string& message) const {
    return Error{path_, message + " (line " + std::to_string(node.line) + ", column " +
                            std::to_string(node.column) + ": " + node.source + ")"};
  }

  Status check_literal(Node& node) {
    const Value& value = node.literal;
    if (!value.known()) {
      node.type = Type::Null();
    } else if (value.is_boolean()) {
      node.type = Type::Boolean();
    } else if (std::holds_alternative<double>(value.data)) {
      node.type = Type::Number();
    } else if (std::holds_alternative<Quantity>(value.data)) {
      const std::string& symbol = value.quantity().unit;
      auto unit = find_unit(symbol);
      if (!unit) return fail(node, "unknown unit '" + symbol + "'");
      node.type = Type::Quantity(unit->dimension, symbol);
    } else if (std::holds_alternative<std::string>(value.data)) {
      node.type = Type::Text();
    } else if (std::holds_alternative<Duration>(value.data)) {
      node.type = Type::Duration();
    }
    return Status::Ok();
  }

  // A name resolved: what it names, where (its slot) and its type.
  static Status bind(Node& node, NameKind kind, int slot, const Type& type) {
    node.name_kind = kind;
    node.slot = slot;
    node.type = type;
    return Status::Ok();
  }

  Status check_name(Node& node) {
    const std::string& name = node.name;
    for (size_t i = aliases_.size(); i-- > 0;) {
      if (aliases_[i].name == name) {
        return bind(node, NameKind::kAlias, static_cast<int>(i), aliases_[i].type);
      }
    }
    const Schema& schema = library_.schema();
    if (int slot = library_.find_definition(name); slot >= 0) {
      Status status = resolve_definition_(slot, node);
      if (!status.ok()) return status;
      const Expression& definition = library_.definitions()[slot].expression;
      needs.insert(definition.needs.begin(), definition.needs.end());
      return bind(node, NameKind::kDefinition, slot, definition.type);
    }
    if (int slot = schema.find_trial_fact(name); slot >= 0) {
      needs.insert(name);
      return bind(node, NameKind::kTrialFact, slot, schema.trial_facts[slot].type);
    }
    if (name == "evaluation_date") {
      node.name_kind = NameKind::kEvaluationDate;
      node.type = Type::Date();
      return Status::Ok();
    }
    if (int slot = schema.find_fact(name); slot >= 0) {
      needs.insert(name);
      return bind(node, NameKind::kFact, slot, schema.facts[slot].type);
    }
    if (schema.find_observation(name) >= 0) {
      return fail(node, "'" + name + "' is an observation: read it with 'latest " + name +
                            " within ...' or 'latest " + name + "'");
    }
    return fail(node, "unknown name '" + name + "' (not a fact of the record, a definition, "
                      "a parameter or a trial fact)");
  }

  Status check_member(Node& node) {
    Status status = check(*node.children[0]);
    if (!status.ok()) return status;
    const Type& owner = node.children[0]->type;
    if (owner.kind == TypeKind::kRecord) {
      int index = owner.record->find(node.name);
      if (index < 0) {
        std::string members;
        for (const auto& member : owner.record->members) {
          members += (members.empty() ? "" : ", ") + member.name;
        }
        return fail(node, "a " + owner.record->name + " has no member '" + node.name +
                              "' (it has " + members + ")");
      }
      node.slot = index;
      node.type = owner.record->members[index].type;
      return Status::Ok();
    }
    if (owner.kind == TypeKind::kObservation) {
      if (node.name == "value") {
        node.type = owner.value_type();
      } else if (node.name == "date") {
        node.type = Type::Date();
      } else if (node.name == "uln") {
        if (!owner.observation_has_uln) {
          return fail(node, "this observation has no upper limit of normal in the catalogue");
        }
        node.type = Type::Quantity(owner.dimension, owner.unit);
      } else {
        return fail(node, "an observation has the members value, date and uln, not '" + node.name + "'");
      }
      return Status::Ok();
    }
    return fail(node, type_name(owner) + " has no members");
  }

  Status check_latest(Node& node) {
    const Schema& schema = library_.schema();
    int slot = schema.find_observation(node.name);
    if (slot < 0) {
      std::string codes;
      for (const auto& observation : schema.observations) {
        codes += (codes.empty() ? "" : ", ") + observation.name;
      }
      return fail(node, "unknown observation '" + node.name + "' (the catalogue has " + codes + ")");
    }
    if (!node.children.empty()) {
      Status status = check(*node.children[0]);
      if (!status.ok()) return status;
      if (node.children[0]->type.kind != TypeKind::kDuration) {
        return fail(node, "'within' needs a Duration such as 14 days, not " +
                              type_name(node.children[0]->type));
      }
    }
    node.slot = slot;
    node.type = schema.observations[slot].type;
    needs.insert(node.name);
    return Status::Ok();
  }

  Status check_query(Node& node) {
    Status status = check(*node.children[0]);
    if (!status.ok()) return status;
    const Type& source = node.children[0]->type;
    if (source.kind != TypeKind::kList) {
      return fail(node, "'" + node.children[0]->name + "' is " + type_name(source) +
                            ", not a list to query");
    }
    aliases_.push_back({node.alias, Type::Record(source.record)});
    status = check(*node.children[1]);
    aliases_.pop_back();
    if (!status.ok()) return status;
    if (!is_boolean(node.children[1]->type)) {
      return fail(*node.children[1], "a 'where' condition must be a Boolean, not " +
                                         type_name(node.children[1]->type));
    }
    node.type = node.name == "Count" ? Type::Number() : Type::Boolean();
    return Status::Ok();
  }

  Status check_between(Node& node) {
    for (const auto& child : node.children) {
      if (child->type.value_type().kind != TypeKind::kDate) {
        return fail(*child, node.name + " between needs two Dates, not " + type_name(child->type));
      }
    }
    node.type = Type::Number();
    return Status::Ok();
  }

  Status check_call(Node& node) {
    if (node.name == "Coalesce") {
      if (node.children.empty()) return fail(node, "Coalesce needs at least one argument");
      Type type = node.children[0]->type;
      for (const auto& child : node.children) {
        auto shared = unify(type, child->type);
        if (!shared) {
          return fail(*child, "Coalesce's arguments must have one type: " + type_name(type) +
                                  " and " + type_name(child->type));
        }
        type = *shared;
      }
      node.type = type;
      return Status::Ok();
    }
    if (node.name == "Contradiction") {
      if (node.children.size() != 1 || node.children[0]->kind != NodeKind::kLiteral ||
          node.children[0]->type.kind != TypeKind::kText) {
        return fail(node, "Contradiction takes one text, the reason: Contradiction('...')");
      }
      node.type = Type::Null();
      return Status::Ok();
    }
    return fail(node, "unknown function '" + node.name + "' (the functions are " + kFunctions + ")");
  }

  Status check_negate(Node& node) {
    Type type = node.children[0]->type.value_type();
    if (type.kind != TypeKind::kNumber && type.kind != TypeKind::kQuantity) {
      return fail(node, "only a Number or a Quantity can be negated, not " + type_name(type));
    }
    node.type = type;
    return Status::Ok();
  }

  Status check_logic(Node& node) {
    for (const auto& child : node.children) {
      if (!is_boolean(child->type)) {
        return fail(*child, "'" + std::string(node.kind == NodeKind::kNot ? "not" : node.name) +
                                "' needs Booleans, not " + type_name(child->type));
      }
    }
    node.type = Type::Boolean();
    return Status::Ok();
  }

  Status check_compare(Node& node) {
    const Node& left = *node.children[0];
    const Node& right = *node.children[1];
    if (left.type.kind == TypeKind::kNull || right.type.kind == TypeKind::kNull) {
      return fail(node, "compare with null using 'is null' or 'is not null'");
    }
    Type a = left.type.value_type();
    Type b = right.type.value_type();
    if (!same_type(a, b)) {
      return fail(node, "cannot compare " + type_name(a) + " with " + type_name(b));
    }
    bool equality = node.name == "=" || node.name == "!=";
    if (!equality && !is_ordered(a)) {
      return fail(node, type_name(a) + " has no order: use = or !=");
    }
    if (a.kind == TypeKind::kList || a.kind == TypeKind::kRecord) {
      return fail(node, "lists and records are compared with exists (...), not " + node.name);
    }
    node.type = Type::Boolean();
    return Status::Ok();
  }

  Status check_arithmetic(Node& node) {
    Type a = node.children[0]->type.value_type();
    Type b = node.children[1]->type.value_type();
    const std::string& op = node.name;
    auto kinds = [&](TypeKind x, TypeKind y) { return a.kind == x && b.kind == y; };
    if (op == "+" || op == "-") {
      if (kinds(TypeKind::kNumber, TypeKind::kNumber)) {
        node.type = a;
      } else if (kinds(TypeKind::kQuantity, TypeKind::kQuantity) && a.dimension == b.dimension) {
        node.type = a;
      } else if (kinds(TypeKind::kDate, TypeKind::kDuration)) {
        node.type = Type::Date();
      } else if (op == "+" && kinds(TypeKind::kDuration, TypeKind::kDate)) {
        node.type = Type::Date();
      } else {
        return fail(node, "cannot compute " + type_name(a) + " " + op + " " + type_name(b));
      }
      return Status::Ok();
    }
    if (op == "*") {
      if (kinds(TypeKind::kNumber, TypeKind::kNumber)) {
        node.type = a;
      } else if (kinds(TypeKind::kNumber, TypeKind::kQuantity)) {
        node.type = b;
      } else if (kinds(TypeKind::kQuantity, TypeKind::kNumber)) {
        node.type = a;
      } else {
        return fail(node, "cannot compute " + type_name(a) + " * " + type_name(b) +
                              " (only a Number times a Quantity)");
      }
      return Status::Ok();
    }
    if (kinds(TypeKind::kNumber, TypeKind::kNumber)) {
      node.type = a;
    } else if (kinds(TypeKind::kQuantity, TypeKind::kNumber)) {
      node.type = a;
    } else if (kinds(TypeKind::kQuantity, TypeKind::kQuantity) && a.dimension == b.dimension) {
      node.type = Type::Number();
    } else {
      return fail(node, "cannot compute " + type_name(a) + " / " + type_name(b));
    }
    return Status::Ok();
  }

  Status check_is_null(Node& node) {
    node.type = Type::Boolean();
    return Status::Ok();
  }

  Status check_in(Node& node) {
    Type value = node.children[0]->type.value_type();
    for (size_t i = 1; i < node.children.size(); ++i) {
      Type element = node.children[i]->type.value_type();
      if (!same_type(value, element)) {
        return fail(*node.children[i], "'in' compares " + type_name(value) + " with " +
                                           type_name(element));
      }
    }
    node.type = Type::Boolean();
    return Status::Ok();
  }

  Status check_if(Node& node) {
    if (!is_boolean(node.children[0]->type)) {
      return fail(*node.children[0], "an 'if' condition must be a Boolean, not " +
                                         type_name(node.children[0]->type));
    }
    auto shared = unify(node.children[1]->type, node.children[2]->type);
    if (!shared) {
      return fail(node, "'then' and 'else' must have one type: " + type_name(node.children[1]->type) +
                            " and " + type_name(node.children[2]->type));
    }
    node.type = *shared;
    return Status::Ok();
  }

  struct Alias {
    std::string name;
    Type type;
  };

  const Library& library_;
  std::string path_;
  DefinitionResolver resolve_definition_;
  std::vector<Alias> aliases_;
};

namespace {

// Compiles a parsed tree; `resolver` compiles definitions on demand.
Result<Expression> compile_tree(const Library& library, NodePtr root, std::string_view text,
                                const std::string& path, std::optional<TypeKind> expected,
                                Compiler::DefinitionResolver resolver) {
  Compiler compiler(library, path, std::move(resolver));
  Status status = compiler.check(*root);
  if (!status.ok()) return status.error();
  if (expected && root->type.value_type().kind != *expected && root->type.kind != TypeKind::kNull) {
    Type wanted;
    wanted.kind = *expected;
    return Error{path, "must be " + type_name(wanted) + ", but this expression is " +
                           type_name(root->type)};
  }
  Expression expression;
  expression.type = root->type;
  expression.root = std::move(root);
  expression.text = std::string(text);
  expression.needs.assign(compiler.needs.begin(), compiler.needs.end());
  return expression;
}

Result<NodePtr> parse_at(std::string_view text, const std::string& path) {
  auto root = parse_expression(text);
  if (!root.ok()) return Error{path, root.error().message};
  return root;
}

}  // namespace

int Library::find_definition(const std::string& name) const {
  for (size_t i = 0; i < definitions_.size(); ++i) {
    if (definitions_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

Result<Expression> Library::compile(std::string_view text, const std::string& path,
                                    std::optional<TypeKind> expected) const {
  auto root = parse_at(text, path);
  if (!root.ok()) return root.error();
  // Every definition is compiled already: a name that resolves to one needs nothing more.
  return compile_tree(*this, *root, text, path, expected,
                      [](int, const Node&) { return Status::Ok(); });
}

Status Library::define(const std::vector<DefinitionSource>& sources) {
  enum class State { kWaiting, kCompiling, kDone };
  std::vector<NodePtr> trees;
  for (const DefinitionSource& source : sources) {
    if (find_definition(source.name) >= 0) {
      return Error{source.path, "'" + source.name + "' is defined twice"};
    }
    if (schema_.find_fact(source.name) >= 0 || schema_.find_trial_fact(source.name) >= 0 ||
        schema_.find_observation(source.name) >= 0 || source.name == "evaluation_date") {
      return Error{source.path, "'" + source.name + "' is already the name of a fact"};
    }
    auto root = parse_at(source.text, source.path);
    if (!root.ok()) return root.error();
    trees.push_back(*root);
    definitions_.push_back({source.name, source.label, source.path, {}});
  }
  std::vector<State> states(sources.size(), State::kWaiting);
  std::function<Status(int, const Node&)> compile_definition = [&](int slot, const Node& at) -> Status {
    if (states[slot] == State::kDone) return Status::Ok();
    if (states[slot] == State::kCompiling) {
      return Error{sources[slot].path, "'" + sources[slot].name + "' uses itself (line " +
                                           std::to_string(at.line) + ", column " +
                                           std::to_string(at.column) + ")"};
    }
    states[slot] = State::kCompiling;
    auto expression = compile_tree(*this, trees[slot], sources[slot].text, sources[slot].path,
                                   std::nullopt, compile_definition);
    if (!expression.ok()) return expression.error();
    definitions_[slot].expression = std::move(*expression);
    states[slot] = State::kDone;
    return Status::Ok();
  };
  for (size_t i = 0; i < sources.size(); ++i) {
    Status status = compile_definition(static_cast<int>(i), *trees[i]);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace trialcore::expr

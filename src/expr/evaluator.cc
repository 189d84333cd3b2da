#include "expr/evaluator.h"

#include <algorithm>
#include <cmath>

#include "base/tolerance.h"
#include "base/units.h"

namespace trialcore::expr {

namespace {

void add_missing(std::vector<std::string>& into, const std::vector<std::string>& from) {
  for (const std::string& fact : from) {
    if (std::find(into.begin(), into.end(), fact) == into.end()) into.push_back(fact);
  }
}

// Joins reasons with "; ", each once; a reason that another one goes on from ("end
// 2010-06-18" and "end 2010-06-18 <= 2010-06-18") is said once, in its longer form.
std::string join_reasons(const std::vector<const Outcome*>& outcomes) {
  std::vector<const std::string*> kept;
  for (const Outcome* outcome : outcomes) {
    const std::string& reason = outcome->reason;
    if (reason.empty()) continue;
    bool said = false;
    for (const Outcome* other : outcomes) {
      const std::string& longer = other->reason;
      if (longer.size() > reason.size() + 1 && longer.compare(0, reason.size(), reason) == 0 &&
          longer[reason.size()] == ' ') {
        said = true;
      }
    }
    for (const std::string* previous : kept) said = said || *previous == reason;
    if (!said) kept.push_back(&reason);
  }
  std::string text;
  for (const std::string* reason : kept) {
    if (!text.empty()) text += "; ";
    text += *reason;
  }
  return text;
}

Outcome unknown_from(const std::vector<const Outcome*>& causes) {
  Outcome outcome;
  outcome.reason = join_reasons(causes);
  for (const Outcome* cause : causes) add_missing(outcome.missing, cause->missing);
  return outcome;
}

// For an operator that needs both operands: the outcome of the unknown ones, if any.
std::optional<Outcome> unknown_operands(const Outcome& left, const Outcome& right) {
  std::vector<const Outcome*> causes;
  if (!left.value.known()) causes.push_back(&left);
  if (!right.value.known()) causes.push_back(&right);
  if (causes.empty()) return std::nullopt;
  return unknown_from(causes);
}

Outcome known(Value value, std::string reason) {
  Outcome outcome;
  outcome.value = std::move(value);
  outcome.reason = std::move(reason);
  return outcome;
}

// "pregnant is false", "zubrod 1", "diagnosis B-ALL".
std::string state(const std::string& name, const Value& value) {
  if (value.is_boolean()) return name + " is " + format_value(value);
  return name + " " + format_value(value);
}

// The negation of a comparison operator: a reason states what holds.
std::string opposite(const std::string& op) {
  if (op == "<") return ">=";
  if (op == "<=") return ">";
  if (op == ">") return "<=";
  if (op == ">=") return "<";
  if (op == "=") return "!=";
  return "=";
}

bool holds(const std::string& op, int order) {
  if (op == "<") return order < 0;
  if (op == "<=") return order <= 0;
  if (op == ">") return order > 0;
  if (op == ">=") return order >= 0;
  if (op == "=") return order == 0;
  return order != 0;
}

// Orders two known values of one type (checked at compile time); quantities are converted.
int order_values(const Value& a, const Value& b) {
  if (std::holds_alternative<double>(a.data)) return compare_with_tolerance(a.number(), b.number());
  if (std::holds_alternative<Quantity>(a.data)) {
    auto converted = convert_units(b.quantity().amount, b.quantity().unit, a.quantity().unit);
    return compare_with_tolerance(a.quantity().amount, converted.ok() ? *converted : NAN);
  }
  if (std::holds_alternative<Date>(a.data)) {
    return a.date() < b.date() ? -1 : (a.date() == b.date() ? 0 : 1);
  }
  return values_equal(a, b) ? 0 : 1;
}

std::string record_label(const RecordType& type, const Record& record) {
  int index = type.find(type.label_member);
  if (index < 0 || !record.members[index].known()) return "";
  return format_value(record.members[index]);
}

// Whether `text` already states every part of `reason` ("a; b" has the parts a and b).
bool says_already(const std::string& text, const std::string& reason) {
  size_t start = 0;
  while (start <= reason.size()) {
    size_t end = reason.find("; ", start);
    std::string part = reason.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (text.find(part) == std::string::npos) return false;
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return true;
}

}  // namespace

// One evaluation: the bindings of query aliases live here.
class Evaluator::Walk {
 public:
  explicit Walk(Evaluator& evaluator) : evaluator_(evaluator) {}

  Outcome eval(const Node& node) {
    switch (node.kind) {
      case NodeKind::kLiteral: return literal(node);
      case NodeKind::kName: return name(node);
      case NodeKind::kMember: return member(node);
      case NodeKind::kLatest: return latest(node);
      case NodeKind::kQuery: return query(node);
      case NodeKind::kBetween: return between(node);
      case NodeKind::kCall: return call(node);
      case NodeKind::kNegate: return negate(node);
      case NodeKind::kNot: return logical_not(node);
      case NodeKind::kAnd: return logical_and(node);
      case NodeKind::kOr: return logical_or(node);
      case NodeKind::kXor:
      case NodeKind::kImplies: return logical_other(node);
      case NodeKind::kCompare: return compare(node);
      case NodeKind::kArithmetic: return arithmetic(node);
      case NodeKind::kIsNull: return is_null(node);
      case NodeKind::kIn: return membership(node);
      case NodeKind::kIf: return conditional(node);
    }
    return Outcome{};
  }

 private:
  struct Binding {
    std::string path;   // "therapies[1]"
    std::string title;  // "therapies[1] (hyper-CVAD)"
    const Record* record = nullptr;
  };

  const FactValues& facts() const { return evaluator_.facts_; }
  const Schema& schema() const { return evaluator_.library_.schema(); }

  Outcome literal(const Node& node) {
    if (!node.literal.known()) return Outcome{Value::Unknown(), "null", {}};
    return known(node.literal, format_value(node.literal));
  }

  Outcome name(const Node& node) {
    switch (node.name_kind) {
      case NameKind::kAlias: {
        const Binding& binding = bindings_[node.slot];
        return known(Value{std::shared_ptr<const Record>(std::shared_ptr<const Record>{}, binding.record)},
                     binding.title);
      }
      case NameKind::kDefinition: return definition(node.slot);
      case NameKind::kTrialFact: return fact_outcome(node.name, facts().trial_facts[node.slot], "not known");
      case NameKind::kEvaluationDate:
        return known(Value::OfDate(facts().evaluation_date),
                     "evaluation date " + facts().evaluation_date.to_string());
      case NameKind::kFact: return fact_outcome(node.name, facts().facts[node.slot], "not recorded");
      case NameKind::kUnresolved: break;
    }
    return Outcome{};
  }

  static Outcome fact_outcome(const std::string& fact, const Value& value, const char* absent) {
    if (!value.known()) return Outcome{Value::Unknown(), fact + " " + absent, {fact}};
    if (std::holds_alternative<List>(value.data)) {
      size_t count = value.list() ? value.list()->size() : 0;
      return known(value, count == 0 ? fact + ": none recorded"
                                     : fact + ": " + std::to_string(count) + " recorded");
    }
    return known(value, state(fact, value));
  }

  Outcome definition(int slot) {
    auto& cache = evaluator_.definitions_[slot];
    if (!cache) {
      const Definition& definition = evaluator_.library_.definitions()[slot];
      Walk inner(evaluator_);
      Outcome outcome = inner.eval(*definition.expression.root);
      const Value& value = outcome.value;
      bool plain = value.known() && !std::holds_alternative<Observation>(value.data) &&
                   !std::holds_alternative<List>(value.data);
      if (plain && !definition.label.empty()) outcome.reason = state(definition.label, value);
      cache = std::move(outcome);
    }
    return *cache;
  }

  Outcome member(const Node& node) {
    const Node& owner_node = *node.children[0];
    Outcome owner = eval(owner_node);
    if (!owner.value.known()) return owner;
    if (owner_node.type.kind == TypeKind::kRecord) {
      const Binding* binding = owner_node.name_kind == NameKind::kAlias ? &bindings_[owner_node.slot] : nullptr;
      const Record& record = *std::get<std::shared_ptr<const Record>>(owner.value.data);
      const Value& value = record.members[node.slot];
      if (!value.known()) {
        std::string path = (binding ? binding->path + "." : "") + node.name;
        return Outcome{Value::Unknown(), node.name + " not recorded", {path}};
      }
      return known(value, state(node.name, value));
    }
    const Observation& observation = owner.value.observation();
    if (node.name == "date") {
      return known(Value::OfDate(observation.date), observation.code + " date " + observation.date.to_string());
    }
    if (node.name == "uln") {
      if (!observation.uln) {
        return Outcome{Value::Unknown(), observation.code + " upper limit of normal not recorded",
                       {observation.code + ".uln"}};
      }
      const Quantity& quantity = std::get<Quantity>(observation.value);
      Value uln = Value::OfQuantity(*observation.uln, quantity.unit);
      return known(uln, observation.code + " ULN " + format_value(uln));
    }
    return known(observed_value(owner.value), owner.reason);
  }

  Outcome latest(const Node& node) {
    Date on = facts().evaluation_date;
    const Observation* latest = nullptr;
    bool later_ignored = false;
    for (const Observation& observation : facts().observations[node.slot]) {
      if (on < observation.date) {
        later_ignored = true;
        continue;
      }
      if (!latest || !(observation.date < latest->date)) latest = &observation;
    }
    const std::string& code = node.name;
    if (!latest) {
      std::string reason = "no " + code + " recorded";
      if (later_ignored) reason += " on or before " + on.to_string();
      return Outcome{Value::Unknown(), reason, {code}};
    }
    if (!node.children.empty()) {
      Outcome window = eval(*node.children[0]);
      if (!window.value.known()) return window;
      Date earliest = add_duration(on, window.value.duration(), -1);
      if (latest->date < earliest) {
        return Outcome{Value::Unknown(),
                       code + " of " + latest->date.to_string() + " is older than " +
                           format_duration(window.value.duration()) + ": obtain one dated " +
                           earliest.to_string() + " or later",
                       {code}};
      }
    }
    Value value = Value::OfObservation(*latest);
    return known(value, code + " " + format_value(value));
  }

  Outcome query(const Node& node) {
    Outcome source = eval(*node.children[0]);
    if (!source.value.known()) return source;
    const List& list = source.value.list();
    const RecordType& type = *node.children[0]->type.record;
    const std::string& list_name = node.children[0]->name;
    std::vector<Outcome> outcomes;
    size_t count = list ? list->size() : 0;
    for (size_t i = 0; i < count; ++i) {
      const Record& record = (*list)[i];
      Binding binding;
      binding.path = list_name + "[" + std::to_string(i) + "]";
      std::string label = record_label(type, record);
      binding.title = label.empty() ? binding.path : binding.path + " (" + label + ")";
      binding.record = &record;
      bindings_.push_back(binding);
      Outcome outcome = eval(*node.children[1]);
      bindings_.pop_back();
      outcome.reason = binding.title + ": " + outcome.reason;
      outcomes.push_back(std::move(outcome));
    }
    std::vector<const Outcome*> matching, unknown, others;
    for (const Outcome& outcome : outcomes) {
      if (outcome.value.is_true()) {
        matching.push_back(&outcome);
      } else if (!outcome.value.known()) {
        unknown.push_back(&outcome);
      } else {
        others.push_back(&outcome);
      }
    }
    if (node.name == "Count") {
      if (!unknown.empty()) return unknown_from(unknown);
      std::string reason = std::to_string(matching.size()) + " of " + std::to_string(count) + " " + list_name;
      if (!matching.empty()) reason += ": " + join_reasons(matching);
      return known(Value::Number(static_cast<double>(matching.size())), reason);
    }
    if (!matching.empty()) return known(Value::Boolean(true), join_reasons(matching));
    if (!unknown.empty()) return unknown_from(unknown);
    if (count == 0) return known(Value::Boolean(false), list_name + ": none recorded");
    return known(Value::Boolean(false), join_reasons(others));
  }

  Outcome between(const Node& node) {
    Outcome from = eval(*node.children[0]);
    Outcome to = eval(*node.children[1]);
    if (!from.value.known() || !to.value.known()) return unknown_from({&from, &to});
    Date a = observed_value(from.value).date();
    Date b = observed_value(to.value).date();
    long count = 0;
    if (node.name == "years") {
      count = b < a ? -b.whole_years_until(a) : a.whole_years_until(b);
    } else if (node.name == "months") {
      count = b < a ? -whole_months(b, a) : whole_months(a, b);
    } else if (node.name == "weeks") {
      count = a.days_until(b) / 7;
    } else {
      count = a.days_until(b);
    }
    return known(Value::Number(static_cast<double>(count)),
                 std::to_string(count) + " " + node.name + " from " + from.reason + " to " + to.reason);
  }

  static long whole_months(Date from, Date to) {
    long months = (to.year() - from.year()) * 12L + static_cast<long>(to.month()) - static_cast<long>(from.month());
    if (from.plus_months(months) > to) --months;
    return months;
  }

  Outcome call(const Node& node) {
    if (node.name == "Contradiction") {
      return Outcome{Value::Unknown(), node.children[0]->literal.text(), {}};
    }
    std::vector<Outcome> arguments;
    for (const auto& child : node.children) arguments.push_back(eval(*child));
    std::vector<const Outcome*> all;
    for (const Outcome& argument : arguments) all.push_back(&argument);
    // Coalesce, the only other function.
    for (const Outcome& argument : arguments) {
      if (argument.value.known()) return argument;
    }
    return unknown_from(all);
  }

  Outcome negate(const Node& node) {
    Outcome operand = eval(*node.children[0]);
    if (!operand.value.known()) return operand;
    Value value = observed_value(operand.value);
    if (std::holds_alternative<double>(value.data)) return known(Value::Number(-value.number()), "-" + operand.reason);
    return known(Value::OfQuantity(-value.quantity().amount, value.quantity().unit), "-" + operand.reason);
  }

  Outcome logical_not(const Node& node) {
    Outcome operand = eval(*node.children[0]);
    if (!operand.value.known()) return operand;
    operand.value = Value::Boolean(!operand.value.boolean());
    return operand;  // its reason already states the fact as it is
  }

  Outcome logical_and(const Node& node) {
    Outcome left = eval(*node.children[0]);
    Outcome right = eval(*node.children[1]);
    std::vector<const Outcome*> falses, unknowns;
    for (const Outcome* operand : {&left, &right}) {
      if (operand->value.is_false()) falses.push_back(operand);
      if (!operand->value.known()) unknowns.push_back(operand);
    }
    if (!falses.empty()) return known(Value::Boolean(false), join_reasons(falses));
    if (!unknowns.empty()) return unknown_from(unknowns);
    return known(Value::Boolean(true), join_reasons({&left, &right}));
  }

  Outcome logical_or(const Node& node) {
    Outcome left = eval(*node.children[0]);
    Outcome right = eval(*node.children[1]);
    std::vector<const Outcome*> trues;
    for (const Outcome* operand : {&left, &right}) {
      if (operand->value.is_true()) trues.push_back(operand);
    }
    if (!trues.empty()) return known(Value::Boolean(true), join_reasons(trues));
    if (!left.value.known() || !right.value.known()) {
      Outcome outcome = unknown_from({&left, &right});
      return outcome;
    }
    return known(Value::Boolean(false), join_reasons({&left, &right}));
  }

  // xor and implies, in Kleene's logic.
  Outcome logical_other(const Node& node) {
    Outcome left = eval(*node.children[0]);
    Outcome right = eval(*node.children[1]);
    if (node.kind == NodeKind::kImplies) {
      if (left.value.is_false()) return known(Value::Boolean(true), left.reason);
      if (right.value.is_true()) return known(Value::Boolean(true), right.reason);
      if (left.value.known() && right.value.known()) {
        return known(Value::Boolean(false), join_reasons({&left, &right}));
      }
      return unknown_from({&left, &right});
    }
    if (!left.value.known() || !right.value.known()) return unknown_from({&left, &right});
    return known(Value::Boolean(left.value.boolean() != right.value.boolean()), join_reasons({&left, &right}));
  }

  Outcome compare(const Node& node) {
    Outcome left = eval(*node.children[0]);
    Outcome right = eval(*node.children[1]);
    if (auto unknown = unknown_operands(left, right)) return *unknown;
    int order = order_values(observed_value(left.value), observed_value(right.value));
    bool result = holds(node.name, order);
    // "local = false" is explained by the fact itself: "local is true".
    if (node.children[1]->kind == NodeKind::kLiteral && left.value.is_boolean()) {
      return known(Value::Boolean(result), left.reason);
    }
    if (node.children[0]->kind == NodeKind::kLiteral && right.value.is_boolean()) {
      return known(Value::Boolean(result), right.reason);
    }
    // "sex != 'male'" is explained by the fact too: "sex female, not male" or "sex male".
    if (node.children[1]->kind == NodeKind::kLiteral && left.value.known() &&
        std::holds_alternative<std::string>(observed_value(left.value).data)) {
      return known(Value::Boolean(result), order == 0 ? left.reason : left.reason + ", not " + right.reason);
    }
    std::string op = result ? node.name : opposite(node.name);
    return known(Value::Boolean(result), left.reason + " " + op + " " + right.reason);
  }

  Outcome arithmetic(const Node& node) {
    Outcome left = eval(*node.children[0]);
    Outcome right = eval(*node.children[1]);
    if (auto unknown = unknown_operands(left, right)) return *unknown;
    Value a = observed_value(left.value);
    Value b = observed_value(right.value);
    const std::string& op = node.name;
    Value result;
    if (std::holds_alternative<Date>(a.data)) {
      result = Value::OfDate(add_duration(a.date(), b.duration(), op == "+" ? 1 : -1));
    } else if (std::holds_alternative<Duration>(a.data)) {
      result = Value::OfDate(add_duration(b.date(), a.duration(), 1));
    } else {
      auto amount = [](const Value& v) {
        return std::holds_alternative<double>(v.data) ? v.number() : v.quantity().amount;
      };
      std::string unit;
      double x = amount(a);
      double y = amount(b);
      bool a_quantity = std::holds_alternative<Quantity>(a.data);
      bool b_quantity = std::holds_alternative<Quantity>(b.data);
      if (a_quantity) unit = a.quantity().unit;
      if (!a_quantity && b_quantity) unit = b.quantity().unit;
      if (a_quantity && b_quantity) {
        y = *convert_units(y, b.quantity().unit, a.quantity().unit);
        if (op == "/") unit.clear();
      }
      double z = 0;
      if (op == "+") z = x + y;
      if (op == "-") z = x - y;
      if (op == "*") z = x * y;
      if (op == "/") {
        if (y == 0) return Outcome{Value::Unknown(), "division by zero: " + right.reason, {}};
        z = x / y;
      }
      result = unit.empty() ? Value::Number(z) : Value::OfQuantity(z, unit);
    }
    return known(result, format_value(result) + " (" + left.reason + " " + op + " " + right.reason + ")");
  }

  Outcome is_null(const Node& node) {
    Outcome operand = eval(*node.children[0]);
    bool null = !operand.value.known();
    return known(Value::Boolean(null != node.negated), operand.reason);
  }

  Outcome membership(const Node& node) {
    Outcome value = eval(*node.children[0]);
    if (!value.value.known()) return value;
    std::string choices;
    bool found = false;
    for (size_t i = 1; i < node.children.size(); ++i) {
      Outcome choice = eval(*node.children[i]);
      choices += (choices.empty() ? "" : ", ") + choice.reason;
      if (choice.value.known() && values_equal(value.value, choice.value)) found = true;
    }
    bool result = found != node.negated;
    std::string relation = found ? " is one of " : " is not one of ";
    return known(Value::Boolean(result), value.reason + relation + choices);
  }

  Outcome conditional(const Node& node) {
    Outcome condition = eval(*node.children[0]);
    if (condition.value.known()) {
      Outcome chosen = eval(*node.children[condition.value.boolean() ? 1 : 2]);
      if (!says_already(chosen.reason, condition.reason)) chosen.reason += " (" + condition.reason + ")";
      return chosen;
    }
    // Unknown condition: known only if both branches agree.
    Outcome then_branch = eval(*node.children[1]);
    Outcome else_branch = eval(*node.children[2]);
    if (then_branch.value.known() && values_equal(then_branch.value, else_branch.value)) {
      Outcome agreed = then_branch;
      agreed.reason = join_reasons({&then_branch, &else_branch}) + " (either way: " + condition.reason + ")";
      return agreed;
    }
    Outcome outcome = unknown_from({&condition});
    outcome.reason += ", which decides: " + then_branch.reason + " if so, " + else_branch.reason + " if not";
    if (!then_branch.value.known()) add_missing(outcome.missing, then_branch.missing);
    if (!else_branch.value.known()) add_missing(outcome.missing, else_branch.missing);
    return outcome;
  }

  Evaluator& evaluator_;
  std::vector<Binding> bindings_;
};

Evaluator::Evaluator(const Library& library, const FactValues& facts)
    : library_(library), facts_(facts), definitions_(library.definitions().size()) {}

Evaluator::~Evaluator() = default;

Outcome Evaluator::evaluate(const Expression& expression) {
  Walk walk(*this);
  return walk.eval(*expression.root);
}

}  // namespace trialcore::expr

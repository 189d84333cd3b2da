#include "prescreen/native_engine.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>

#include "base/tolerance.h"
#include "base/units.h"
#include "expr/operands.h"

namespace trialcore::prescreen {

namespace {

using expr::Node;
using expr::NodeKind;
using expr::NameKind;
using expr::TypeKind;
using omop::EventRows;
using omop::kNoDate;

enum class ColumnKind { kBool, kNumber, kText, kDate, kDuration, kObservation, kNull };

// One value per row (or one for all, when constant): known or not, the facts to obtain
// when not, and the value in the array its kind uses.
struct Column {
  ColumnKind kind = ColumnKind::kNull;
  bool constant = false;
  size_t n = 0;
  std::vector<uint8_t> known;
  std::vector<uint64_t> missing;
  std::vector<double> number;   // kBool (0/1), kNumber (quantities in `unit`), observation values
  std::vector<int32_t> whole;   // kDate (days), kText (interned id)
  std::string unit;
  expr::Duration duration;
  // Observations: the value is in number/whole, and also:
  bool text = false;            // a text result
  std::vector<int32_t> date;
  std::vector<double> uln;      // NaN when not recorded
  uint64_t uln_bit = 0;

  size_t at(size_t i) const { return constant ? 0 : i; }
  bool is_known(size_t i) const { return known[at(i)] != 0; }
  uint64_t miss(size_t i) const { return missing[at(i)]; }
  void resize(size_t rows, bool one) {
    constant = one;
    n = rows;
    size_t size = one ? 1 : rows;
    known.assign(size, 0);
    missing.assign(size, 0);
    if (kind == ColumnKind::kBool || kind == ColumnKind::kNumber || (kind == ColumnKind::kObservation && !text)) number.assign(size, 0);
    if (kind == ColumnKind::kDate || kind == ColumnKind::kText || (kind == ColumnKind::kObservation && text)) whole.assign(size, 0);
  }
};

bool holds(const std::string& op, int order) {
  if (op == "<") return order < 0;
  if (op == "<=") return order <= 0;
  if (op == ">") return order > 0;
  if (op == ">=") return order >= 0;
  if (op == "=") return order == 0;
  return order != 0;
}

Date day_date(int32_t day) { return Date(std::chrono::sys_days(std::chrono::days(day))); }
int32_t date_day(Date date) { return static_cast<int32_t>(date.sys_days().time_since_epoch().count()); }

// The rows of one list query: which row of the list, and whose.
struct Elements {
  const omop::ListMapping* list = nullptr;
  const EventRows* rows = nullptr;
  const patient::FieldSpec* spec = nullptr;
  std::vector<uint32_t> row;
  std::vector<int32_t> person;
};

class Engine {
 public:
  Engine(const omop::Population& population, const omop::OmopMapping& mapping, const Protocol& protocol, Date as_of,
         const TrialFactValues& trial_facts)
      : population_(population), mapping_(mapping), protocol_(protocol), as_of_(as_of), on_(date_day(as_of)),
        trial_facts_(trial_facts), facts_(protocol), schema_(protocol.library->schema()),
        definitions_(protocol.library->definitions().size()), fact_columns_(schema_.facts.size()) {}

  Result<PersonResults> run() {
    PersonResults results;
    results.criteria = protocol_.criteria.size();
    size_t n = population_.size();
    std::vector<std::pair<Column, Column>> criteria;
    for (const Criterion& criterion : protocol_.criteria) {
      Column applies;
      if (criterion.applies_when) {
        auto column = eval(*criterion.applies_when->root);
        if (!column.ok()) return column.error();
        applies = std::move(*column);
      }
      auto rule = eval(*criterion.rule.root);
      if (!rule.ok()) return rule.error();
      criteria.emplace_back(std::move(applies), std::move(*rule));
    }
    results.reserve(n);
    for (size_t p = 0; p < n; ++p) {
      size_t first = results.add(population_.person_id[p]);
      for (size_t c = 0; c < criteria.size(); ++c) {
        const auto& [applies, rule] = criteria[c];
        CriterionResult result;
        uint64_t missing = 0;
        if (applies.kind != ColumnKind::kNull && applies.is_known(p) && applies.number[applies.at(p)] == 0) {
          result = CriterionResult::kNotApplicable;
        } else if (applies.kind != ColumnKind::kNull && !applies.is_known(p)) {
          result = CriterionResult::kUnknown;
          missing = applies.miss(p);
        } else if (!rule.is_known(p)) {
          result = CriterionResult::kUnknown;
          missing = rule.miss(p);
        } else {
          bool holds_true = rule.number[rule.at(p)] != 0;
          bool passes = protocol_.criteria[c].kind == CriterionKind::kInclusion ? holds_true : !holds_true;
          result = passes ? CriterionResult::kPass : CriterionResult::kFail;
        }
        results.result[first + c] = static_cast<uint8_t>(result);
        results.missing[first + c] = missing;
      }
    }
    return results;
  }

 private:
  size_t rows() const { return elements_ ? elements_->row.size() : population_.size(); }

  Error untranslated(const Node& node, const std::string& why) const {
    return Error{"", "the native engine cannot translate '" + node.source + "': " + why};
  }

  uint64_t bit_of(const std::string& name) const {
    int bit = facts_.bit(name);
    return bit < 0 ? 0 : uint64_t{1} << bit;
  }

  int32_t intern(const std::string& text) {
    auto found = texts_.find(text);
    if (found != texts_.end()) return found->second;
    int32_t id = static_cast<int32_t>(texts_.size());
    texts_.emplace(text, id);
    return id;
  }

  Column constant(ColumnKind kind) {
    Column column;
    column.kind = kind;
    column.resize(rows(), true);
    return column;
  }
  Column sized(ColumnKind kind) {
    Column column;
    column.kind = kind;
    column.resize(rows(), false);
    return column;
  }
  Column unknown_constant(uint64_t missing) {
    Column column = constant(ColumnKind::kBool);
    column.missing[0] = missing;
    return column;
  }

  // A person-level column seen from the rows of a list query.
  Column gather(const Column& column) const {
    if (!elements_ || column.constant) return column;
    Column out = column;
    out.constant = false;
    out.n = elements_->row.size();
    auto pick = [&](auto& target, const auto& source) {
      if (source.empty()) return;
      target.resize(out.n);
      for (size_t i = 0; i < out.n; ++i) target[i] = source[elements_->person[i]];
    };
    pick(out.known, column.known);
    pick(out.missing, column.missing);
    pick(out.number, column.number);
    pick(out.whole, column.whole);
    pick(out.date, column.date);
    pick(out.uln, column.uln);
    return out;
  }

  Result<Column> eval(const Node& node) {
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
      case NodeKind::kAnd:
      case NodeKind::kOr:
      case NodeKind::kXor:
      case NodeKind::kImplies: return logic(node);
      case NodeKind::kCompare: return compare(node);
      case NodeKind::kArithmetic: return arithmetic(node);
      case NodeKind::kIsNull: return is_null(node);
      case NodeKind::kIn: return membership(node);
      case NodeKind::kIf: return conditional(node);
    }
    return untranslated(node, "unknown construct");
  }

  Result<Column> literal(const Node& node) {
    const expr::Value& value = node.literal;
    if (!value.known()) return unknown_constant(0);
    Column column;
    if (value.is_boolean()) {
      column = constant(ColumnKind::kBool);
      column.number[0] = value.boolean();
    } else if (std::holds_alternative<double>(value.data)) {
      column = constant(ColumnKind::kNumber);
      column.number[0] = value.number();
    } else if (std::holds_alternative<expr::Quantity>(value.data)) {
      column = constant(ColumnKind::kNumber);
      column.number[0] = value.quantity().amount;
      column.unit = value.quantity().unit;
    } else if (std::holds_alternative<std::string>(value.data)) {
      column = constant(ColumnKind::kText);
      column.whole[0] = intern(value.text());
    } else if (std::holds_alternative<Date>(value.data)) {
      column = constant(ColumnKind::kDate);
      column.whole[0] = date_day(value.date());
    } else if (std::holds_alternative<expr::Duration>(value.data)) {
      column = constant(ColumnKind::kDuration);
      column.duration = value.duration();
    } else {
      return untranslated(node, "a literal of this kind");
    }
    column.known[0] = 1;
    return column;
  }

  Result<Column> name(const Node& node) {
    switch (node.name_kind) {
      case NameKind::kDefinition: {
        auto& cached = definitions_[node.slot];
        if (!cached) {
          const Elements* saved = elements_;
          elements_ = nullptr;  // definitions are the person's
          auto column = eval(*protocol_.library->definitions()[node.slot].expression.root);
          elements_ = saved;
          if (!column.ok()) return column.error();
          cached = std::move(*column);
        }
        return gather(*cached);
      }
      case NameKind::kEvaluationDate: {
        Column column = constant(ColumnKind::kDate);
        column.known[0] = 1;
        column.whole[0] = on_;
        return column;
      }
      case NameKind::kTrialFact: {
        auto given = trial_facts_.find(node.name);
        if (given == trial_facts_.end() || !given->second.known()) return unknown_constant(bit_of(node.name));
        expr::Value value = given->second;
        if (!std::holds_alternative<double>(value.data)) return untranslated(node, "a trial fact that is not a number");
        Column column = constant(ColumnKind::kNumber);
        column.known[0] = 1;
        column.number[0] = value.number();
        return column;
      }
      case NameKind::kFact: {
        auto& cached = fact_columns_[node.slot];
        if (!cached) {
          auto column = fact(node);
          if (!column.ok()) return column.error();
          cached = std::move(*column);
        }
        return gather(*cached);
      }
      case NameKind::kAlias: return untranslated(node, "an entry used as a whole");
      case NameKind::kUnresolved: break;
    }
    return untranslated(node, "an unresolved name");
  }

  // A fact of the record as of the date, for every person.
  Result<Column> fact(const Node& node) {
    const patient::RecordFormat& format = protocol_.record_format;
    const patient::FieldSpec& spec = format.fields[format.find_field(node.name)];
    ColumnKind kind = ColumnKind::kNumber;
    switch (spec.kind) {
      case patient::FieldKind::kBoolean: kind = ColumnKind::kBool; break;
      case patient::FieldKind::kDate: kind = ColumnKind::kDate; break;
      case patient::FieldKind::kText:
      case patient::FieldKind::kChoice: kind = ColumnKind::kText; break;
      case patient::FieldKind::kList: return untranslated(node, "a list used outside exists or Count");
      default: kind = ColumnKind::kNumber;
    }
    uint64_t bit = bit_of(node.name);
    size_t n = population_.size();
    Column column;
    column.kind = kind;
    column.unit = spec.unit;
    column.resize(n, false);
    const omop::FactMapping* mapped = mapping_.find_fact(node.name);
    for (size_t p = 0; p < n; ++p) {
      column.missing[p] = bit;
      if (mapped) fill_fact(column, p, *mapped, spec);
    }
    return column;
  }

  // Person p's latest row on or before the date (rows are sorted by date), or -1.
  int64_t latest_row(const EventRows& rows, size_t p) const {
    int64_t found = -1;
    for (uint32_t r = rows.begin(p); r < rows.finish(p); ++r) {
      if (rows.date[r] <= on_) found = r;
    }
    return found;
  }

  // How many distinct start dates person p's entries of the fact's list have by the date.
  int64_t distinct_starts(const omop::FactMapping& mapped, size_t p) const {
    size_t l = static_cast<size_t>(mapping_.find_list(mapped.list) - mapping_.lists.data());
    const EventRows& entries = population_.lists[l];
    bool except = !mapped.except_member.empty();
    int64_t count = 0;
    int32_t previous = kNoDate;
    // Rows are sorted by start date: distinct starts are the changes.
    for (uint32_t r = entries.begin(p); r < entries.finish(p); ++r) {
      if (entries.date[r] > on_ || (except && entries.flag[r])) continue;
      if (entries.date[r] != previous) ++count;
      previous = entries.date[r];
    }
    return count;
  }

  // Person p's value of the mapped fact as of the date; left unknown when there is none.
  void fill_fact(Column& column, size_t p, const omop::FactMapping& mapped, const patient::FieldSpec& spec) {
    const EventRows& rows = population_.facts[static_cast<size_t>(&mapped - mapping_.facts.data())];
    auto set_text = [&](const std::string& text) {
      column.known[p] = 1;
      column.whole[p] = intern(text);
    };
    auto set_number = [&](double value) {
      column.known[p] = 1;
      column.number[p] = value;
    };
    switch (mapped.source) {
      case omop::FactSource::kBirthDate:
        // A birth date after the date is not yet known.
        if (population_.birth[p] != kNoDate && population_.birth[p] <= on_) {
          column.known[p] = 1;
          column.whole[p] = population_.birth[p];
        }
        return;
      case omop::FactSource::kGender:
        if (population_.gender[p] >= 0) set_text(mapped.values[population_.gender[p]].value);
        return;
      case omop::FactSource::kLatestCondition: {
        int64_t r = latest_row(rows, p);
        if (r >= 0) {
          set_text(mapped.values[rows.choice[r]].value);
        } else if (mapped.when_absent) {
          set_text(*mapped.when_absent);
        }
        return;
      }
      case omop::FactSource::kEventPresent:
        if (latest_row(rows, p) >= 0) {
          set_number(1);
        } else if (mapped.when_absent) {
          set_number(0);
        }
        return;
      case omop::FactSource::kLatestNumber: {
        int64_t r = latest_row(rows, p);
        if (r >= 0 && (!mapped.within_days || rows.date[r] >= on_ - *mapped.within_days)) set_number(rows.number[r]);
        return;
      }
      case omop::FactSource::kDistinctStarts: {
        double count = static_cast<double>(distinct_starts(mapped, p));
        set_number(spec.maximum ? std::min(count, *spec.maximum) : count);
        return;
      }
    }
  }

  Result<Column> latest(const Node& node) {
    if (elements_) return untranslated(node, "a dated lookup inside a list query");
    const std::string& code = node.name;
    const omop::ObservationMapping* mapped = mapping_.find_observation(code);
    const patient::ObservationSpec* spec = patient::find_observation(protocol_.record_format.observations, code);
    std::optional<int32_t> earliest;
    if (!node.children.empty()) {
      auto window = eval(*node.children[0]);
      if (!window.ok()) return window.error();
      if (!window->constant || window->kind != ColumnKind::kDuration) return untranslated(node, "a window that is not a constant duration");
      earliest = date_day(expr::add_duration(as_of_, window->duration, -1));
    }
    size_t n = population_.size();
    Column column;
    column.kind = ColumnKind::kObservation;
    column.text = spec->is_text;
    column.unit = spec->unit;
    column.resize(n, false);
    column.date.assign(n, 0);
    column.uln.assign(n, NAN);
    column.uln_bit = bit_of(code + ".uln");
    uint64_t bit = bit_of(code);
    std::vector<double> divisors;  // a unit's value / divisor is the catalogue's (as a record converts)
    std::vector<bool> same;
    if (mapped && !spec->is_text) {
      for (const omop::ValueConcepts& unit : mapped->units) {
        same.push_back(unit.value == spec->unit);
        double divisor = 1;
        for (const auto& alternative : spec->alternatives) {
          if (alternative.unit == unit.value) divisor = alternative.factor;
        }
        divisors.push_back(divisor);
      }
    }
    size_t o = mapped ? static_cast<size_t>(mapped - mapping_.observations.data()) : 0;
    for (size_t p = 0; p < n; ++p) {
      column.missing[p] = bit;
      if (!mapped) continue;
      const EventRows& rows = population_.observations[o];
      int64_t found = -1;
      for (uint32_t r = rows.begin(p); r < rows.finish(p); ++r) {
        if (rows.date[r] <= on_) found = r;  // the last on or before the date (later rows are unused)
      }
      if (found < 0 || (earliest && rows.date[found] < *earliest)) continue;  // none, or stale
      column.known[p] = 1;
      column.date[p] = rows.date[found];
      if (spec->is_text) {
        column.whole[p] = intern(mapped->results[rows.choice[found]].value);
      } else {
        int32_t unit = rows.choice[found];
        column.number[p] = same[unit] ? rows.number[found] : rows.number[found] / divisors[unit];
        if (!rows.uln.empty() && !std::isnan(rows.uln[found])) {
          column.uln[p] = same[unit] ? rows.uln[found] : rows.uln[found] / divisors[unit];
        }
      }
    }
    return column;
  }

  Result<Column> member(const Node& node) {
    const Node& owner = *node.children[0];
    if (owner.kind == NodeKind::kName && owner.name_kind == NameKind::kAlias) {
      if (!elements_ || owner.slot != 0) return untranslated(node, "a member of an entry outside its own query");
      return entry_member(node);
    }
    auto column = eval(owner);
    if (!column.ok()) return column.error();
    if (column->kind != ColumnKind::kObservation) return untranslated(node, "a member of this kind of value");
    Column out;
    if (node.name == "date") {
      out.kind = ColumnKind::kDate;
      out.resize(column->n, column->constant);
      for (size_t i = 0; i < out.known.size(); ++i) {
        out.known[i] = column->known[i];
        out.missing[i] = column->missing[i];
        out.whole[i] = column->date[i];
      }
      return out;
    }
    if (node.name == "uln") {
      out.kind = ColumnKind::kNumber;
      out.unit = column->unit;
      out.resize(column->n, column->constant);
      for (size_t i = 0; i < out.known.size(); ++i) {
        if (!column->known[i]) {
          out.missing[i] = column->missing[i];
        } else if (std::isnan(column->uln[i])) {
          out.missing[i] = column->uln_bit;
        } else {
          out.known[i] = 1;
          out.number[i] = column->uln[i];
        }
      }
      return out;
    }
    return value_of(*column);
  }

  Result<std::vector<Column>> operands(const Node& node, size_t count) {
    return expr::walk_operands(node, count, [&](const expr::NodePtr& operand) { return eval(*operand); });
  }

  // The values of a node's two operands (an observation's value where it is one).
  Result<std::pair<Column, Column>> values_of_operands(const Node& node) {
    auto both = operands(node, 2);
    if (!both.ok()) return both.error();
    return std::pair<Column, Column>(value_of((*both)[0]), value_of((*both)[1]));
  }

  // Row i of `out` is unknown when an operand's is, missing what they miss: true then.
  static bool unknown_operand(Column& out, const Column& a, const Column& b, size_t i) {
    if (a.is_known(i) && b.is_known(i)) return false;
    out.missing[i] = (a.is_known(i) ? 0 : a.miss(i)) | (b.is_known(i) ? 0 : b.miss(i));
    return true;
  }

  // An observation where a value is expected.
  static Column value_of(const Column& column) {
    if (column.kind != ColumnKind::kObservation) return column;
    Column out;
    out.kind = column.text ? ColumnKind::kText : ColumnKind::kNumber;
    out.unit = column.unit;
    out.constant = column.constant;
    out.n = column.n;
    out.known = column.known;
    out.missing = column.missing;
    out.number = column.number;
    out.whole = column.whole;
    return out;
  }

  Result<Column> entry_member(const Node& node) {
    const Elements& elements = *elements_;
    const omop::MemberMapping* mapped = nullptr;
    for (const omop::MemberMapping& member : elements.list->members) {
      if (member.member == node.name) mapped = &member;
    }
    if (!mapped) return untranslated(node, "a member the mapping does not give");
    const patient::FieldSpec* spec = nullptr;
    for (const patient::FieldSpec& member : elements.spec->members) {
      if (member.name == node.name) spec = &member;
    }
    bool unknown_after = std::find(elements.spec->unknown_after_members.begin(), elements.spec->unknown_after_members.end(),
                                   node.name) != elements.spec->unknown_after_members.end();
    uint64_t bit = bit_of(elements.list->fact + "." + node.name);
    const EventRows& rows = *elements.rows;
    size_t n = elements.row.size();
    Column column;
    switch (mapped->source) {
      case omop::MemberSource::kStartDate:
      case omop::MemberSource::kEndDate: column.kind = ColumnKind::kDate; break;
      case omop::MemberSource::kRoute: column.kind = ColumnKind::kBool; break;
      default: column.kind = ColumnKind::kText;
    }
    column.resize(n, false);
    for (size_t i = 0; i < n; ++i) {
      uint32_t r = elements.row[i];
      column.missing[i] = bit;
      switch (mapped->source) {
        case omop::MemberSource::kStartDate:
        case omop::MemberSource::kEndDate: {
          int32_t day = mapped->source == omop::MemberSource::kStartDate ? rows.date[r] : rows.end[r];
          // A date after the evaluation date is not yet known (an end still to come).
          if (day != kNoDate && !(unknown_after && day > on_)) {
            column.known[i] = 1;
            column.whole[i] = day;
          }
          break;
        }
        case omop::MemberSource::kRoute:
          column.known[i] = 1;
          column.number[i] = rows.flag[r];
          break;
        case omop::MemberSource::kByConcept:
          if (rows.choice[r] >= 0) {
            column.known[i] = 1;
            column.whole[i] = intern(mapped->values[rows.choice[r]].value);
          }
          break;
        case omop::MemberSource::kConceptName:
          column.known[i] = 1;
          column.whole[i] = intern(population_.names[rows.name[r]]);
          break;
      }
    }
    (void)spec;
    return column;
  }

  Result<Column> query(const Node& node) {
    if (elements_) return untranslated(node, "a query inside a query");
    const Node& source = *node.children[0];
    if (source.kind != NodeKind::kName || source.name_kind != NameKind::kFact) {
      return untranslated(node, "a query over something other than a list of the record");
    }
    size_t n = population_.size();
    Column out;
    out.kind = node.name == "Count" ? ColumnKind::kNumber : ColumnKind::kBool;
    const omop::ListMapping* mapped = mapping_.find_list(source.name);
    if (!mapped) {
      out.resize(n, true);
      out.missing[0] = bit_of(source.name);
      return out;
    }
    const patient::RecordFormat& format = protocol_.record_format;
    Elements elements;
    elements.list = mapped;
    elements.rows = &population_.lists[mapped - mapping_.lists.data()];
    elements.spec = &format.fields[format.find_field(source.name)];
    // Entries dated after the date drop out (the member the record format names).
    const omop::MemberMapping* drop = nullptr;
    for (const omop::MemberMapping& member : mapped->members) {
      if (member.member == elements.spec->drop_after_member) drop = &member;
    }
    const EventRows& rows = *elements.rows;
    for (size_t p = 0; p < n; ++p) {
      for (uint32_t r = rows.begin(p); r < rows.finish(p); ++r) {
        if (drop) {
          int32_t day = drop->source == omop::MemberSource::kEndDate ? rows.end[r] : rows.date[r];
          if (drop->source == omop::MemberSource::kStartDate || drop->source == omop::MemberSource::kEndDate) {
            if (day != kNoDate && day > on_) continue;
          }
        }
        elements.row.push_back(r);
        elements.person.push_back(static_cast<int32_t>(p));
      }
    }
    elements_ = &elements;
    auto condition = eval(*node.children[1]);
    elements_ = nullptr;
    if (!condition.ok()) return condition.error();
    out.resize(n, false);
    std::vector<int64_t> matching(n, 0);
    std::vector<uint8_t> any_unknown(n, 0);
    std::vector<uint64_t> unknown_missing(n, 0);
    for (size_t i = 0; i < elements.row.size(); ++i) {
      size_t p = static_cast<size_t>(elements.person[i]);
      if (!condition->is_known(i)) {
        any_unknown[p] = 1;
        unknown_missing[p] |= condition->miss(i);
      } else if (condition->number[condition->at(i)] != 0) {
        ++matching[p];
      }
    }
    for (size_t p = 0; p < n; ++p) {
      if (node.name == "Count") {
        out.known[p] = !any_unknown[p];
        out.number[p] = static_cast<double>(matching[p]);
      } else {
        out.known[p] = matching[p] > 0 || !any_unknown[p];
        out.number[p] = matching[p] > 0;
      }
      if (!out.known[p]) out.missing[p] = unknown_missing[p];
    }
    return out;
  }

  Result<Column> between(const Node& node) {
    auto operands = values_of_operands(node);
    if (!operands.ok()) return operands.error();
    auto& [a, b] = *operands;
    if (a.kind == ColumnKind::kObservation || b.kind == ColumnKind::kObservation) return untranslated(node, "dates of observations");
    bool one = a.constant && b.constant;
    Column out;
    out.kind = ColumnKind::kNumber;
    out.resize(rows(), one);
    for (size_t i = 0; i < out.known.size(); ++i) {
      if (unknown_operand(out, a, b, i)) continue;
      Date x = day_date(a.whole[a.at(i)]), y = day_date(b.whole[b.at(i)]);
      long count = 0;
      if (node.name == "years") {
        count = y < x ? -y.whole_years_until(x) : x.whole_years_until(y);
      } else if (node.name == "months") {
        auto whole_months = [](Date from_date, Date to_date) {
          long months = (to_date.year() - from_date.year()) * 12L + static_cast<long>(to_date.month()) -
                        static_cast<long>(from_date.month());
          if (from_date.plus_months(months) > to_date) --months;
          return months;
        };
        count = y < x ? -whole_months(y, x) : whole_months(x, y);
      } else if (node.name == "weeks") {
        count = x.days_until(y) / 7;
      } else {
        count = x.days_until(y);
      }
      out.known[i] = 1;
      out.number[i] = static_cast<double>(count);
    }
    return out;
  }

  Result<Column> call(const Node& node) {
    if (node.name == "Contradiction") return unknown_constant(0);
    if (node.name != "Coalesce") return untranslated(node, "the function " + node.name);
    std::vector<Column> arguments;
    bool one = true;
    for (const auto& child : node.children) {
      auto column = eval(*child);
      if (!column.ok()) return column.error();
      arguments.push_back(value_of(*column));
      one = one && arguments.back().constant;
    }
    ColumnKind kind = ColumnKind::kNull;
    std::string unit;
    for (const Column& argument : arguments) {
      if (argument.kind != ColumnKind::kNull && argument.kind != ColumnKind::kBool) kind = argument.kind;
      if (kind == ColumnKind::kNull && argument.kind == ColumnKind::kBool) kind = ColumnKind::kBool;
      if (!argument.unit.empty() && unit.empty()) unit = argument.unit;
    }
    // Nulls of Contradiction or `null` are Bool-shaped and unknown: they never give a value.
    Column out;
    out.kind = kind == ColumnKind::kNull ? ColumnKind::kBool : kind;
    out.unit = unit;
    out.resize(rows(), one);
    for (size_t i = 0; i < out.known.size(); ++i) {
      uint64_t missing = 0;
      for (const Column& argument : arguments) {
        if (argument.is_known(i)) {
          out.known[i] = 1;
          if (!out.number.empty()) out.number[i] = convert(argument, argument.number[argument.at(i)], out.unit);
          if (!out.whole.empty()) out.whole[i] = argument.whole[argument.at(i)];
          break;
        }
        missing |= argument.miss(i);
      }
      if (!out.known[i]) out.missing[i] = missing;
    }
    return out;
  }

  // A quantity of `column` in `unit` (as the evaluator converts the right side of a
  // comparison into the left one's unit).
  static double convert(const Column& column, double value, const std::string& unit) {
    if (column.unit.empty() || unit.empty() || column.unit == unit) return value;
    auto converted = convert_units(value, column.unit, unit);
    return converted.ok() ? *converted : NAN;
  }

  Result<Column> negate(const Node& node) {
    auto operand = eval(*node.children[0]);
    if (!operand.ok()) return operand.error();
    Column out = value_of(*operand);
    for (double& value : out.number) value = -value;
    return out;
  }

  Result<Column> logical_not(const Node& node) {
    auto operand = eval(*node.children[0]);
    if (!operand.ok()) return operand.error();
    Column out = *operand;
    for (size_t i = 0; i < out.number.size(); ++i) out.number[i] = out.number[i] != 0 ? 0 : 1;
    return out;
  }

  Result<Column> logic(const Node& node) {
    auto both = operands(node, 2);
    if (!both.ok()) return both.error();
    const Column& a = (*both)[0];
    const Column& b = (*both)[1];
    Column out = sized_like(a, b, ColumnKind::kBool);
    for (size_t i = 0; i < out.known.size(); ++i) {
      bool ak = a.is_known(i), bk = b.is_known(i);
      bool av = ak && a.number[a.at(i)] != 0, bv = bk && b.number[b.at(i)] != 0;
      uint64_t unknowns = (ak ? 0 : a.miss(i)) | (bk ? 0 : b.miss(i));
      int value = -1;  // -1 unknown
      switch (node.kind) {
        case NodeKind::kAnd: value = (ak && !av) || (bk && !bv) ? 0 : (ak && bk ? 1 : -1); break;
        case NodeKind::kOr: value = (ak && av) || (bk && bv) ? 1 : (ak && bk ? 0 : -1); break;
        case NodeKind::kXor: value = ak && bk ? (av != bv) : -1; break;
        default: value = (ak && !av) || (bk && bv) ? 1 : (ak && bk ? 0 : -1); break;  // implies
      }
      if (value < 0) {
        out.missing[i] = unknowns;
      } else {
        out.known[i] = 1;
        out.number[i] = value;
      }
    }
    return out;
  }

  Column sized_like(const Column& a, const Column& b, ColumnKind kind) {
    Column out;
    out.kind = kind;
    out.resize(rows(), a.constant && b.constant);
    return out;
  }

  // -1, 0, 1 for two known values of one type (values_equal for texts and Booleans).
  static int order(const Column& a, size_t i, const Column& b, size_t j) {
    switch (a.kind) {
      case ColumnKind::kNumber: return compare_with_tolerance(a.number[i], convert(b, b.number[j], a.unit));
      case ColumnKind::kDate: return a.whole[i] < b.whole[j] ? -1 : (a.whole[i] == b.whole[j] ? 0 : 1);
      case ColumnKind::kText: return a.whole[i] == b.whole[j] ? 0 : 1;
      case ColumnKind::kBool: return a.number[i] == b.number[j] ? 0 : 1;
      default: return 1;
    }
  }

  // values_equal: quantities equal within the engine's tolerance (base/tolerance.h), numbers exactly.
  static bool equal(const Column& a, size_t i, const Column& b, size_t j) {
    if (a.kind == ColumnKind::kNumber) {
      double y = convert(b, b.number[j], a.unit);
      if (!a.unit.empty()) return compare_with_tolerance(y, a.number[i]) == 0;
      return a.number[i] == y;
    }
    if (a.kind == ColumnKind::kBool) return a.number[i] == b.number[j];
    return a.whole[i] == b.whole[j];
  }

  Result<Column> compare(const Node& node) {
    auto operands = values_of_operands(node);
    if (!operands.ok()) return operands.error();
    auto& [a, b] = *operands;
    Column out = sized_like(a, b, ColumnKind::kBool);
    for (size_t i = 0; i < out.known.size(); ++i) {
      if (unknown_operand(out, a, b, i)) continue;
      out.known[i] = 1;
      out.number[i] = holds(node.name, order(a, a.at(i), b, b.at(i)));
    }
    return out;
  }

  Result<Column> arithmetic(const Node& node) {
    auto operands = values_of_operands(node);
    if (!operands.ok()) return operands.error();
    auto& [a, b] = *operands;
    const std::string& op = node.name;
    Column out;
    if (a.kind == ColumnKind::kDate || b.kind == ColumnKind::kDate) {
      const Column& date = a.kind == ColumnKind::kDate ? a : b;
      const Column& duration = a.kind == ColumnKind::kDate ? b : a;
      int sign = a.kind == ColumnKind::kDate && op == "-" ? -1 : 1;
      out = sized_like(a, b, ColumnKind::kDate);
      for (size_t i = 0; i < out.known.size(); ++i) {
        if (unknown_operand(out, a, b, i)) continue;
        out.known[i] = 1;
        out.whole[i] = date_day(expr::add_duration(day_date(date.whole[date.at(i)]), duration.duration, sign));
      }
      return out;
    }
    if (a.kind != ColumnKind::kNumber || b.kind != ColumnKind::kNumber) return untranslated(node, "arithmetic on these kinds");
    out = sized_like(a, b, ColumnKind::kNumber);
    bool both = !a.unit.empty() && !b.unit.empty();
    out.unit = !a.unit.empty() ? a.unit : b.unit;
    if (both && op == "/") out.unit.clear();
    for (size_t i = 0; i < out.known.size(); ++i) {
      if (unknown_operand(out, a, b, i)) continue;
      double x = a.number[a.at(i)];
      double y = both ? convert(b, b.number[b.at(i)], a.unit) : b.number[b.at(i)];
      double z = 0;
      if (op == "+") z = x + y;
      if (op == "-") z = x - y;
      if (op == "*") z = x * y;
      if (op == "/") {
        if (y == 0) continue;  // unknown, nothing to obtain
        z = x / y;
      }
      out.known[i] = 1;
      out.number[i] = z;
    }
    return out;
  }

  Result<Column> is_null(const Node& node) {
    auto operand = eval(*node.children[0]);
    if (!operand.ok()) return operand.error();
    Column out;
    out.kind = ColumnKind::kBool;
    out.resize(rows(), operand->constant);
    for (size_t i = 0; i < out.known.size(); ++i) {
      out.known[i] = 1;
      bool null = !operand->known[i];
      out.number[i] = null != node.negated;
    }
    return out;
  }

  Result<Column> membership(const Node& node) {
    auto subject = eval(*node.children[0]);
    if (!subject.ok()) return subject.error();
    Column a = value_of(*subject);
    std::vector<Column> choices;
    for (size_t c = 1; c < node.children.size(); ++c) {
      auto choice = eval(*node.children[c]);
      if (!choice.ok()) return choice.error();
      choices.push_back(value_of(*choice));
    }
    Column out;
    out.kind = ColumnKind::kBool;
    out.resize(rows(), a.constant);
    for (size_t i = 0; i < out.known.size(); ++i) {
      if (!a.is_known(i)) {
        out.missing[i] = a.miss(i);
        continue;
      }
      bool found = false;
      for (const Column& choice : choices) {
        found = found || (choice.is_known(i) && choice.kind == a.kind && equal(a, a.at(i), choice, choice.at(i)));
      }
      out.known[i] = 1;
      out.number[i] = found != node.negated;
    }
    return out;
  }

  Result<Column> conditional(const Node& node) {
    auto parts = operands(node, 3);
    if (!parts.ok()) return parts.error();
    const Column& c = (*parts)[0];
    Column a = value_of((*parts)[1]), b = value_of((*parts)[2]);
    ColumnKind kind = a.kind == ColumnKind::kNull ? b.kind : a.kind;
    if (kind == ColumnKind::kObservation) return untranslated(node, "an observation chosen by if");
    // A null branch (Contradiction) is Bool-shaped: it takes the other's kind.
    if (a.kind == ColumnKind::kBool && b.kind != ColumnKind::kBool && !a.constant) kind = b.kind;
    if (a.kind == ColumnKind::kBool && a.constant && !a.known[0]) kind = b.kind;
    if (b.kind == ColumnKind::kBool && b.constant && !b.known[0] && a.kind != ColumnKind::kBool) kind = a.kind;
    Column out;
    out.kind = kind;
    out.unit = !a.unit.empty() ? a.unit : b.unit;
    out.resize(rows(), c.constant && a.constant && b.constant);
    auto take = [&](const Column& from, size_t i) {
      if (!from.is_known(i)) {
        out.missing[i] = from.miss(i);
        return;
      }
      out.known[i] = 1;
      if (!out.number.empty()) out.number[i] = convert(from, from.number[from.at(i)], out.unit);
      if (!out.whole.empty()) out.whole[i] = from.whole[from.at(i)];
    };
    for (size_t i = 0; i < out.known.size(); ++i) {
      if (c.is_known(i)) {
        take(c.number[c.at(i)] != 0 ? a : b, i);
        continue;
      }
      // Unknown condition: known only when both branches agree.
      if (a.is_known(i) && b.is_known(i) && a.kind == b.kind && equal(a, a.at(i), b, b.at(i))) {
        take(a, i);
        continue;
      }
      out.missing[i] = c.miss(i) | (a.is_known(i) ? 0 : a.miss(i)) | (b.is_known(i) ? 0 : b.miss(i));
    }
    return out;
  }

  const omop::Population& population_;
  const omop::OmopMapping& mapping_;
  const Protocol& protocol_;
  Date as_of_;
  int32_t on_;
  const TrialFactValues& trial_facts_;
  ObtainFacts facts_;
  const expr::Schema& schema_;
  std::vector<std::optional<Column>> definitions_;
  std::vector<std::optional<Column>> fact_columns_;
  std::unordered_map<std::string, int32_t> texts_;
  const Elements* elements_ = nullptr;
};

}  // namespace

Result<PersonResults> evaluate_native(const omop::Population& population, const omop::OmopMapping& mapping,
                                      const Protocol& protocol, Date as_of, const TrialFactValues& trial_facts) {
  Engine engine(population, mapping, protocol, as_of, trial_facts);
  return engine.run();
}

Status check_native(const omop::OmopMapping& mapping, const Protocol& protocol) {
  // No person, but every source the mapping names, as a load of no rows makes them: the
  // engine may take a source's rows before it walks its persons.
  omop::Population empty;
  omop::EventRows no_rows;
  no_rows.offsets = {0};
  empty.facts.assign(mapping.facts.size(), no_rows);
  empty.observations.assign(mapping.observations.size(), no_rows);
  empty.lists.assign(mapping.lists.size(), no_rows);
  auto results = evaluate_native(empty, mapping, protocol, Date(2000, 1, 1), {});
  if (!results.ok()) return results.error();
  return Status::Ok();
}

}  // namespace trialcore::prescreen

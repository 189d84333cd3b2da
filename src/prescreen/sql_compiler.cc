#include "prescreen/sql_compiler.h"

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <utility>

#include "base/tolerance.h"
#include "expr/evaluator.h"
#include "expr/operands.h"
#include "omop/concept_ids.h"
#include "prescreen/person_results.h"

namespace trialcore::prescreen {

namespace {

using expr::Node;
using expr::NodeKind;
using expr::NodePtr;
using expr::NameKind;
using omop::sql_text;

enum class SqlKind { kBool, kNumber, kText, kDate, kDuration, kObservation };

// A compiled node: its value (NULL when unknown) and the mask of facts to obtain (read
// only when the value is NULL). Dates are whole numbers yyyymmdd, Booleans 0 or 1.
struct Sql {
  SqlKind kind = SqlKind::kBool;
  std::string v = "NULL";
  std::string m = "0";
  std::string unit;
  expr::Duration duration;     // kDuration (constants only)
  // Observations: the date and ULN beside the value, and the ULN's own bit.
  std::string date, uln;
  std::string uln_bit = "0";
  bool text_result = false;    // an observation whose value is text
};

std::string number_text(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  std::string text = buffer;
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return "CAST(" + text + " AS DOUBLE PRECISION)";
}

int32_t yyyymmdd(Date date) { return date.year() * 10000 + static_cast<int>(date.month()) * 100 + static_cast<int>(date.day()); }

std::string unknown_part(const Sql& x) { return "(CASE WHEN " + x.v + " IS NULL THEN " + x.m + " ELSE 0 END)"; }
std::string either_unknown(const Sql& a, const Sql& b) { return "(" + unknown_part(a) + " | " + unknown_part(b) + ")"; }

class Compiler {
 public:
  Compiler(const omop::OmopMapping& mapping, const omop::ConceptIds& concepts, const Protocol& protocol, Date as_of,
           const TrialFactValues& trial_facts, SqlDialect dialect, omop::Shard shard)
      : mapping_(mapping), concepts_(concepts), protocol_(protocol), as_of_(as_of), trial_facts_(trial_facts),
        dialect_(dialect), shard_(shard), facts_(protocol) {}

  Result<SqlQuery> run() {
    Status fits = facts_.check();
    if (!fits.ok()) return fits.error();
    std::vector<std::string> outputs;
    for (size_t c = 0; c < protocol_.criteria.size(); ++c) {
      const Criterion& criterion = protocol_.criteria[c];
      auto rule = compile(criterion.rule.root);
      if (!rule.ok()) return rule.error();
      std::string holds = criterion.kind == CriterionKind::kInclusion ? "1" : "0";
      std::string result = "CASE WHEN " + rule->v + " IS NULL THEN 2 WHEN " + rule->v + " = " + holds + " THEN 1 ELSE 0 END";
      std::string mask = rule->m;
      if (criterion.applies_when) {
        auto applies = compile(criterion.applies_when->root);
        if (!applies.ok()) return applies.error();
        result = "CASE WHEN " + applies->v + " = 0 THEN 3 WHEN " + applies->v + " IS NULL THEN 2 ELSE " + result + " END";
        mask = "CASE WHEN " + applies->v + " IS NULL THEN " + applies->m + " ELSE " + rule->m + " END";
      }
      outputs.push_back(result + " AS r" + std::to_string(c));
      outputs.push_back(mask + " AS m" + std::to_string(c));
    }
    SqlQuery query;
    query.criteria = protocol_.criteria.size();
    // Every part and the persons meet in one grouping by person, no join: a planner cannot
    // misjudge it (a join of parts it thinks small was scanned once a person).
    std::vector<std::pair<std::string, std::vector<std::string>>> all = {
        {"p", {"gender_concept_id", "year_of_birth", "month_of_birth", "day_of_birth"}}};
    all.insert(all.end(), parts_.begin(), parts_.end());
    std::string branches, aggregates;
    for (size_t i = 0; i < all.size(); ++i) {
      std::string branch = "SELECT person_id";
      for (size_t j = 0; j < all.size(); ++j) {
        std::vector<std::string> columns = all[j].second;
        if (j > 0) columns.insert(columns.begin(), "person_id");
        for (const std::string& column : columns) {
          std::string name = all[j].first + "_" + column;
          // Typed NULLs: a UNION takes its columns' types from its branches.
          std::string null = column == "value" && text_values_.count(all[j].first) ? "CAST(NULL AS TEXT)"
                             : column == "value" || column == "uln"               ? "CAST(NULL AS DOUBLE PRECISION)"
                                                                                  : "CAST(NULL AS BIGINT)";
          branch += ", " + (i == j ? column : null) + " AS " + name;
          if (i == 0) aggregates += ", MAX(" + name + ") AS " + name;
        }
      }
      branch += " FROM " + (i == 0 ? std::string("persons") : all[i].first);
      branches += (i ? "\n    UNION ALL " : "") + branch;
    }
    std::string with = "WITH\n" + persons_cte();
    for (const std::string& cte : ctes_) with += ",\n" + cte;
    with += ",\njoined AS (SELECT person_id" + aggregates + " FROM (\n    " + branches +
            ") u GROUP BY person_id)";
    static const std::regex reference(R"(\b(p|[foq]\d+)\.(\w+))");
    query.text = with + "\nSELECT person_id";
    for (const std::string& output : outputs) query.text += ",\n  " + std::regex_replace(output, reference, "$1_$2");
    query.text += "\nFROM joined\nWHERE p_gender_concept_id IS NOT NULL OR p_year_of_birth IS NOT NULL\nORDER BY person_id";
    return query;
  }

 private:
  // --- dialect ---
  std::string day_literal(Date date) const {
    return dialect_ == SqlDialect::kSqlite ? sql_text(date.to_string()) : "DATE " + sql_text(date.to_string());
  }
  std::string column_day(const std::string& column) const {
    if (dialect_ == SqlDialect::kSqlite) return "CAST(REPLACE(SUBSTR(" + column + ", 1, 10), '-', '') AS INTEGER)";
    return "CAST(EXTRACT(YEAR FROM " + column + ") * 10000 + EXTRACT(MONTH FROM " + column + ") * 100 + EXTRACT(DAY FROM " +
           column + ") AS INTEGER)";
  }
  std::string greatest(const std::string& a, const std::string& b, const std::string& c) const {
    return std::string(dialect_ == SqlDialect::kSqlite ? "MAX(" : "GREATEST(") + a + ", " + b + ", " + c + ")";
  }
  std::string whole_division(const std::string& x, int by) const {
    if (dialect_ == SqlDialect::kSqlite) return "(" + x + " / " + std::to_string(by) + ")";
    return "CAST(FLOOR(" + x + " / " + std::to_string(by) + ".0) AS INTEGER)";
  }
  std::string shard_filter(const std::string& column) const {
    if (shard_.count <= 1) return "";
    return " AND " + column + " % " + std::to_string(shard_.count) + " = " + std::to_string(shard_.index);
  }

  // --- concepts: found in the concept table by vocabulary and code before the query is
  // written, so that the planner sees the ids (and estimates rows from its statistics) ---
  using Values = std::vector<omop::ValueConcepts>;
  std::string in_set(const std::string& column, const Values& values) const {
    std::string ids;
    std::vector<std::pair<int64_t, int32_t>> sorted;
    for (const auto& [id, choice] : concepts_.value_map(values)) sorted.push_back({id, choice});
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [id, choice] : sorted) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
    return ids.empty() ? "1 = 0" : column + " IN (" + ids + ")";
  }
  // The index of the value whose concepts hold the column's concept, else NULL.
  std::string choice_of(const std::string& column, const Values& values) const {
    std::vector<std::pair<int64_t, int32_t>> sorted;
    for (const auto& [id, choice] : concepts_.value_map(values)) sorted.push_back({id, choice});
    if (sorted.empty()) return "CAST(NULL AS INTEGER)";
    std::sort(sorted.begin(), sorted.end());
    std::string text = "CASE " + column;
    for (const auto& [id, choice] : sorted) text += " WHEN " + std::to_string(id) + " THEN " + std::to_string(choice);
    return text + " END";
  }
  std::string persons_cte() const {
    return "persons AS MATERIALIZED (SELECT person_id, gender_concept_id, year_of_birth, month_of_birth, day_of_birth FROM person "
           "WHERE 1 = 1" + shard_filter("person_id") + ")";
  }
  // The rows of `table` whose concept (standard, else source) is one of `values`', with
  // the index of the value.
  std::string matched_rows(const omop::EventTable& table, const Values& values, const std::string& extra_columns,
                           const std::string& extra_where) const {
    std::string standard = "e." + table.concept_column, source = "e." + table.source_column;
    return "SELECT e.person_id, e." + table.id + " AS row_id, " + column_day("e." + table.date) + " AS day, COALESCE(" +
           choice_of(standard, values) + ", " + choice_of(source, values) + ") AS choice" + extra_columns + " FROM " +
           table.name + " e WHERE (" + in_set(standard, values) + " OR " + in_set(source, values) + ")" + extra_where +
           shard_filter("e.person_id");
  }
  // The latest of rows (person_id, row_id, day, ...) on or before the date.
  std::string latest_of(const std::string& rows, const std::string& columns) const {
    return "SELECT person_id" + columns + " FROM (SELECT r.*, ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY day DESC, "
           "row_id DESC) AS latest FROM (" + rows + ") r WHERE day <= " + std::to_string(yyyymmdd(as_of_)) +
           ") t WHERE latest = 1";
  }
  // A part computed once (materialized), at most one row a person, with its columns.
  std::string join(const std::string& name, const std::string& body, std::vector<std::string> columns) {
    ctes_.push_back(name + " AS MATERIALIZED (" + body + ")");
    parts_.push_back({name, std::move(columns)});
    return name;
  }
  std::string choice_text(const std::string& choice, const std::vector<omop::ValueConcepts>& values) const {
    std::string text = "CASE " + choice;
    for (size_t i = 0; i < values.size(); ++i) text += " WHEN " + std::to_string(i) + " THEN " + sql_text(values[i].value);
    return text + " END";
  }

  std::string bit(const std::string& name) const {
    int b = facts_.bit(name);
    return b < 0 ? "0" : std::to_string(uint64_t{1} << b);
  }
  std::string bits(const std::vector<std::string>& names) const {
    uint64_t mask = 0;
    for (const std::string& name : names) {
      int b = facts_.bit(name);
      if (b >= 0) mask |= uint64_t{1} << b;
    }
    return std::to_string(mask);
  }

  Error untranslated(const Node& node, const std::string& why) const {
    return Error{"", "the SQL compiler cannot translate '" + node.source + "': " + why};
  }

  // --- constants: what does not depend on the person is computed by the evaluator ---
  bool constant(const Node& node) {
    switch (node.kind) {
      // A lookup or a query of what the mapping does not give is unknown for everyone.
      case NodeKind::kLatest: return !mapped(node.name) && (node.children.empty() || constant(*node.children[0]));
      case NodeKind::kQuery:
        return node.children[0]->kind == NodeKind::kName && node.children[0]->name_kind == NameKind::kFact &&
               !mapped(node.children[0]->name);
      case NodeKind::kName:
        if (node.name_kind == NameKind::kAlias) return false;
        if (node.name_kind == NameKind::kFact) return !mapped(node.name);
        if (node.name_kind == NameKind::kDefinition) {
          return constant(*protocol_.library->definitions()[node.slot].expression.root);
        }
        return true;
      default: break;
    }
    for (const auto& child : node.children) {
      if (!constant(*child)) return false;
    }
    return true;
  }
  bool mapped(const std::string& fact) const {
    return mapping_.find_fact(fact) || mapping_.find_observation(fact) || mapping_.find_list(fact);
  }
  Result<Sql> folded(const NodePtr& node) {
    expr::FactValues values;
    values.evaluation_date = as_of_;
    const expr::Schema& schema = protocol_.library->schema();
    values.facts.assign(schema.facts.size(), expr::Value::Unknown());
    values.observations.resize(schema.observations.size());
    for (const expr::FactDeclaration& fact : schema.trial_facts) {
      auto given = trial_facts_.find(fact.name);
      values.trial_facts.push_back(given == trial_facts_.end() ? expr::Value::Unknown() : given->second);
    }
    expr::Evaluator evaluator(*protocol_.library, values);
    expr::Expression expression;
    expression.root = node;
    expr::Outcome outcome = evaluator.evaluate(expression);
    Sql sql;
    sql.kind = kind_of(node->type.value_type().kind);
    sql.m = bits(outcome.missing);
    const expr::Value value = expr::observed_value(outcome.value);
    if (!value.known()) return sql;
    if (value.is_boolean()) {
      sql.v = value.boolean() ? "1" : "0";
    } else if (std::holds_alternative<double>(value.data)) {
      sql.kind = SqlKind::kNumber;
      sql.v = number_text(value.number());
    } else if (std::holds_alternative<expr::Quantity>(value.data)) {
      sql.kind = SqlKind::kNumber;
      sql.v = number_text(value.quantity().amount);
      sql.unit = value.quantity().unit;
    } else if (std::holds_alternative<std::string>(value.data)) {
      sql.kind = SqlKind::kText;
      sql.v = sql_text(value.text());
    } else if (std::holds_alternative<Date>(value.data)) {
      sql.kind = SqlKind::kDate;
      sql.v = std::to_string(yyyymmdd(value.date()));
    } else if (std::holds_alternative<expr::Duration>(value.data)) {
      sql.kind = SqlKind::kDuration;
      sql.duration = value.duration();
      sql.v = "1";
    } else {
      return untranslated(*node, "a constant of this kind");
    }
    return sql;
  }
  static SqlKind kind_of(expr::TypeKind kind) {
    switch (kind) {
      case expr::TypeKind::kNumber:
      case expr::TypeKind::kQuantity: return SqlKind::kNumber;
      case expr::TypeKind::kText: return SqlKind::kText;
      case expr::TypeKind::kDate: return SqlKind::kDate;
      case expr::TypeKind::kDuration: return SqlKind::kDuration;
      default: return SqlKind::kBool;
    }
  }

  // --- nodes ---
  Result<Sql> compile(const NodePtr& node) {
    if (constant(*node)) return folded(node);
    switch (node->kind) {
      case NodeKind::kName: return name(*node);
      case NodeKind::kMember: return member(*node);
      case NodeKind::kLatest: return latest(*node);
      case NodeKind::kQuery: return query(*node);
      case NodeKind::kBetween: return between(*node);
      case NodeKind::kCall: return call(*node);
      case NodeKind::kNegate:
      case NodeKind::kNot:
      case NodeKind::kIsNull: return unary(*node);
      case NodeKind::kAnd:
      case NodeKind::kOr:
      case NodeKind::kXor:
      case NodeKind::kImplies: return logic(*node);
      case NodeKind::kCompare: return compare(*node);
      case NodeKind::kArithmetic: return arithmetic(*node);
      case NodeKind::kIn: return membership(*node);
      case NodeKind::kIf: return conditional(*node);
      case NodeKind::kLiteral: return folded(node);
    }
    return untranslated(*node, "unknown construct");
  }

  Result<std::vector<Sql>> operands(const Node& node, size_t count) {
    return expr::walk_operands(node, count, [&](const NodePtr& operand) { return compile(operand); });
  }

  // Minus, not and is-null: the one operand, compiled and wrapped.
  Result<Sql> unary(const Node& node) {
    auto operand = compile(node.children[0]);
    if (!operand.ok()) return operand.error();
    Sql out;
    if (node.kind == NodeKind::kNegate) {
      out = value_of(*operand);
      out.v = "(-" + out.v + ")";
    } else if (node.kind == NodeKind::kNot) {
      out = *operand;
      out.v = "(1 - " + operand->v + ")";
    } else {
      out.v = std::string("(CASE WHEN ") + operand->v + (node.negated ? " IS NOT NULL" : " IS NULL") + " THEN 1 ELSE 0 END)";
    }
    return out;
  }

  // The values of a node's two operands (an observation's value where it is one).
  Result<std::pair<Sql, Sql>> values_of_operands(const Node& node) {
    auto both = operands(node, 2);
    if (!both.ok()) return both.error();
    return std::pair<Sql, Sql>(value_of((*both)[0]), value_of((*both)[1]));
  }

  static Sql value_of(const Sql& x) {
    if (x.kind != SqlKind::kObservation) return x;
    Sql out = x;
    out.kind = x.text_result ? SqlKind::kText : SqlKind::kNumber;
    out.date.clear();
    out.uln.clear();
    return out;
  }

  Result<Sql> name(const Node& node) {
    switch (node.name_kind) {
      case NameKind::kDefinition: {
        auto& cached = definitions_[node.slot];
        if (!cached) {
          if (in_query_) return untranslated(node, "a definition inside a list query");
          auto x = compile(protocol_.library->definitions()[node.slot].expression.root);
          if (!x.ok()) return x.error();
          cached = *x;
        }
        return *cached;
      }
      case NameKind::kFact: {
        if (in_query_) return untranslated(node, "a fact of the person inside a list query");
        return fact(node);
      }
      default: break;
    }
    return untranslated(node, "this name here");
  }

  Result<Sql> fact(const Node& node) {
    const omop::FactMapping* mapped_fact = mapping_.find_fact(node.name);
    if (!mapped_fact) return untranslated(node, "a list used outside exists or Count");
    const patient::RecordFormat& format = protocol_.record_format;
    const patient::FieldSpec& spec = format.fields[format.find_field(node.name)];
    Sql out;
    out.m = bit(node.name);
    out.unit = spec.unit;
    std::string d = std::to_string(yyyymmdd(as_of_));
    std::string f = "f" + std::to_string(next_++);
    switch (mapped_fact->source) {
      case omop::FactSource::kBirthDate:
        out.kind = SqlKind::kDate;
        out.v = "(CASE WHEN p.month_of_birth IS NULL OR p.day_of_birth IS NULL OR p.year_of_birth < 1900 OR "
                "p.year_of_birth * 10000 + p.month_of_birth * 100 + p.day_of_birth > " + d +
                " THEN NULL ELSE p.year_of_birth * 10000 + p.month_of_birth * 100 + p.day_of_birth END)";
        return out;
      case omop::FactSource::kGender: {
        join(f, "SELECT person_id, " + choice_of("gender_concept_id", mapped_fact->values) + " AS choice FROM persons", {"choice"});
        out.kind = SqlKind::kText;
        out.v = "(" + choice_text(f + ".choice", mapped_fact->values) + ")";
        return out;
      }
      case omop::FactSource::kLatestCondition: {
        join(f, latest_of(matched_rows(*mapped_fact->table, mapped_fact->values, "", ""), ", choice"), {"choice"});
        out.kind = SqlKind::kText;
        std::string absent = mapped_fact->when_absent ? sql_text(*mapped_fact->when_absent) : "NULL";
        out.v = "(CASE WHEN " + f + ".person_id IS NULL THEN " + absent + " ELSE " +
                choice_text(f + ".choice", mapped_fact->values) + " END)";
        return out;
      }
      case omop::FactSource::kEventPresent: {
        join(f, "SELECT person_id, 1 AS present FROM (" + matched_rows(*mapped_fact->table, {{"", mapped_fact->concepts}}, "", "") +
                    ") r WHERE day <= " + d + " GROUP BY person_id", {"present"});
        out.kind = SqlKind::kBool;
        out.v = "(CASE WHEN " + f + ".present = 1 THEN 1 ELSE " + (mapped_fact->when_absent ? "0" : "NULL") + " END)";
        return out;
      }
      case omop::FactSource::kLatestNumber: {
        Values set = {{"", mapped_fact->concepts}};
        std::string value = "CAST(e.value_as_number AS DOUBLE PRECISION)";
        std::string valid = " AND e.value_as_number IS NOT NULL";
        if (spec.minimum) valid += " AND " + value + " >= " + number_text(*spec.minimum);
        if (spec.maximum) valid += " AND " + value + " <= " + number_text(*spec.maximum);
        if (spec.kind == patient::FieldKind::kInteger) valid += " AND " + value + " = FLOOR(" + value + ")";
        join(f, latest_of(matched_rows(*mapped_fact->table, set, ", " + value + " AS value", valid), ", day, value"), {"day", "value"});
        out.kind = SqlKind::kNumber;
        std::string fresh = "1 = 1";
        if (mapped_fact->within_days) {
          fresh = f + ".day >= " + std::to_string(yyyymmdd(as_of_.plus_days(-*mapped_fact->within_days)));
        }
        out.v = "(CASE WHEN " + fresh + " THEN " + f + ".value END)";
        return out;
      }
      case omop::FactSource::kDistinctStarts: {
        const omop::ListMapping* list = mapping_.find_list(mapped_fact->list);
        std::string rows = list_rows(*list);
        std::string except = mapped_fact->except_member.empty() ? "" : " AND flag = 0";
        join(f, "SELECT person_id, COUNT(DISTINCT start_day) AS starts FROM (" + rows + ") l WHERE 1 = 1" + except +
                    " GROUP BY person_id", {"starts"});
        std::string count = "COALESCE(" + f + ".starts, 0)";
        if (spec.maximum) {
          count = "(CASE WHEN " + count + " > " + std::to_string(static_cast<int64_t>(*spec.maximum)) + " THEN " +
                  std::to_string(static_cast<int64_t>(*spec.maximum)) + " ELSE " + count + " END)";
        }
        out.kind = SqlKind::kNumber;
        out.v = "CAST(" + count + " AS DOUBLE PRECISION)";
        return out;
      }
    }
    return untranslated(node, "this source");
  }

  // A list's entries as of the date: dropped after it, a later end not yet known.
  std::string list_rows(const omop::ListMapping& list) {
    Values set = {{"", list.concepts}};
    const patient::RecordFormat& format = protocol_.record_format;
    const patient::FieldSpec& spec = format.fields[format.find_field(list.fact)];
    std::string d = std::to_string(yyyymmdd(as_of_));
    const omop::EventTable& table = *list.table;
    std::string extra;
    const omop::MemberMapping* route = nullptr;
    const omop::MemberMapping* by_concept = nullptr;
    for (const omop::MemberMapping& member : list.members) {
      if (member.source == omop::MemberSource::kRoute) route = &member;
      if (member.source == omop::MemberSource::kByConcept) by_concept = &member;
    }
    std::string end = table.end_date.empty() ? "CAST(NULL AS INTEGER)" : column_day("e." + table.end_date);
    extra += ", " + end + " AS end_day";
    extra += !route ? ", 0 AS flag"
                    : ", CASE WHEN " + in_set("e.route_concept_id", {{"", route->route}}) + " THEN 1 ELSE 0 END AS flag";
    extra += !by_concept ? ", CAST(NULL AS INTEGER) AS value_choice"
                         : ", COALESCE(" + choice_of("e." + table.concept_column, by_concept->values) + ", " +
                               choice_of("e." + table.source_column, by_concept->values) + ") AS value_choice";
    std::string rows = matched_rows(table, set, extra, "");
    // A record refuses an end before the start: such rows are not used.
    std::string start_member, end_member;
    for (const omop::MemberMapping& member : list.members) {
      if (member.source == omop::MemberSource::kStartDate) start_member = member.member;
      if (member.source == omop::MemberSource::kEndDate) end_member = member.member;
    }
    bool drop_by_start = spec.drop_after_member == start_member;
    bool drop_by_end = !end_member.empty() && spec.drop_after_member == end_member;
    bool end_unknown_after = std::find(spec.unknown_after_members.begin(), spec.unknown_after_members.end(), end_member) !=
                             spec.unknown_after_members.end();
    std::string where = "(end_day IS NULL OR end_day >= day)";
    if (drop_by_start) where += " AND day <= " + d;
    if (drop_by_end) where += " AND (end_day IS NULL OR end_day <= " + d + ")";
    std::string end_as_of = end_unknown_after ? "CASE WHEN end_day > " + d + " THEN NULL ELSE end_day END" : "end_day";
    return "SELECT person_id, day AS start_day, " + end_as_of + " AS end_day, flag, value_choice FROM (" + rows +
           ") x WHERE " + where;
  }

  Result<Sql> latest(const Node& node) {
    if (in_query_) return untranslated(node, "a dated lookup inside a list query");
    const omop::ObservationMapping* observation = mapping_.find_observation(node.name);
    const patient::ObservationSpec* spec = patient::find_observation(protocol_.record_format.observations, node.name);
    Sql out;
    out.kind = SqlKind::kObservation;
    out.text_result = spec->is_text;
    out.unit = spec->unit;
    out.m = bit(node.name);
    out.uln_bit = bit(node.name + ".uln");
    std::string fresh = "1 = 1";
    if (!node.children.empty()) {
      auto window = compile(node.children[0]);
      if (!window.ok()) return window.error();
      if (window->kind != SqlKind::kDuration) return untranslated(node, "a window that is not a constant duration");
      fresh = "o.day >= " + std::to_string(yyyymmdd(expr::add_duration(as_of_, window->duration, -1)));
    }
    std::string o = observation_cte(*observation, *spec);
    out.v = "(CASE WHEN " + fresh_of(o, fresh) + " THEN " + o + ".value END)";
    out.date = "(CASE WHEN " + fresh_of(o, fresh) + " THEN " + o + ".day END)";
    out.uln = "(CASE WHEN " + fresh_of(o, fresh) + " THEN " + o + ".uln END)";
    return out;
  }
  static std::string fresh_of(const std::string& o, const std::string& fresh) {
    std::string text = fresh;
    size_t at = text.find("o.day");
    if (at != std::string::npos) text.replace(at, 5, o + ".day");
    return o + ".person_id IS NOT NULL AND " + text;
  }

  // The latest usable row of an observation, converted to the catalogue's unit (as a
  // record's reader converts: value / factor).
  std::string observation_cte(const omop::ObservationMapping& observation, const patient::ObservationSpec& spec) {
    auto cached = observations_.find(observation.code);
    if (cached != observations_.end()) return cached->second;
    Values set = {{"", observation.concepts}};
    std::string name = "o" + std::to_string(next_++);
    const omop::EventTable& table = *observation.table;
    std::string raw = "CAST(e.value_as_number AS DOUBLE PRECISION)";
    std::string columns, where;
    if (spec.is_text) {
      columns = ", " + choice_of("e.value_as_concept_id", observation.results) +
                " AS result, CAST(NULL AS DOUBLE PRECISION) AS value_number, "
                "CAST(NULL AS DOUBLE PRECISION) AS range_number";
      where = " AND " + in_set("e.value_as_concept_id", observation.results);
    } else {
      std::string unit_choice = "(" + choice_of("e.unit_concept_id", observation.units) + ")";
      // `number`, in the row's unit, in the catalogue's: divided by the factor of the row's
      // unit where that unit is one of the catalogue's alternatives.
      auto in_catalogue_unit = [&](const std::string& number) {
        std::string converted = "CASE " + unit_choice;
        for (size_t u = 0; u < observation.units.size(); ++u) {
          std::string value = number;
          for (const auto& alternative : spec.alternatives) {
            if (alternative.unit == observation.units[u].value) value = number + " / " + number_text(alternative.factor);
          }
          converted += " WHEN " + std::to_string(u) + " THEN " + value;
        }
        return converted + " END";
      };
      std::string converted = in_catalogue_unit(raw);
      std::string range = table.has_range && spec.has_uln ? "CAST(e.range_high AS DOUBLE PRECISION)" : "CAST(NULL AS DOUBLE PRECISION)";
      std::string uln = in_catalogue_unit(range);
      columns = ", CAST(NULL AS INTEGER) AS result, " + converted + " AS value_number, CASE WHEN " + range + " > 0 THEN " + uln +
                " END AS range_number";
      where = " AND " + in_set("e.unit_concept_id", observation.units) + " AND e.value_as_number IS NOT NULL AND " + raw +
              " >= 0";
      if (spec.maximum) where += " AND " + converted + " <= " + number_text(*spec.maximum);
    }
    std::string rows = matched_rows(table, set, columns, where);
    std::string value = spec.is_text ? choice_text("result", observation.results) : "value_number";
    if (spec.is_text) text_values_.insert(name);
    join(name, "SELECT person_id, day, " + value + " AS value, range_number AS uln FROM (" +
                   latest_of(rows, ", day, result, value_number, range_number") + ") l", {"day", "value", "uln"});
    observations_[observation.code] = name;
    return name;
  }

  Result<Sql> member(const Node& node) {
    const Node& owner = *node.children[0];
    if (owner.kind == NodeKind::kName && owner.name_kind == NameKind::kAlias) {
      if (!in_query_ || owner.slot != 0) return untranslated(node, "a member of an entry outside its own query");
      return entry_member(node);
    }
    auto x = compile(node.children[0]);
    if (!x.ok()) return x.error();
    if (x->kind != SqlKind::kObservation) return untranslated(node, "a member of this kind of value");
    Sql out;
    if (node.name == "date") {
      out.kind = SqlKind::kDate;
      out.v = x->date;
      out.m = x->m;
      return out;
    }
    if (node.name == "uln") {
      out.kind = SqlKind::kNumber;
      out.unit = x->unit;
      out.v = x->uln;
      out.m = "(CASE WHEN " + x->v + " IS NULL THEN " + x->m + " ELSE " + x->uln_bit + " END)";
      return out;
    }
    return value_of(*x);
  }

  Result<Sql> entry_member(const Node& node) {
    const omop::MemberMapping* member = nullptr;
    for (const omop::MemberMapping& candidate : query_list_->members) {
      if (candidate.member == node.name) member = &candidate;
    }
    if (!member) return untranslated(node, "a member the mapping does not give");
    Sql out;
    out.m = bit(query_list_->fact + "." + node.name);
    switch (member->source) {
      case omop::MemberSource::kStartDate: out.kind = SqlKind::kDate; out.v = "l.start_day"; break;
      case omop::MemberSource::kEndDate: out.kind = SqlKind::kDate; out.v = "l.end_day"; break;
      case omop::MemberSource::kRoute: out.kind = SqlKind::kBool; out.v = "l.flag"; break;
      case omop::MemberSource::kByConcept:
        out.kind = SqlKind::kText;
        out.v = "(" + choice_text("l.value_choice", member->values) + ")";
        break;
      case omop::MemberSource::kConceptName: return untranslated(node, "the concept name of an entry");
    }
    return out;
  }

  Result<Sql> query(const Node& node) {
    if (in_query_) return untranslated(node, "a query inside a query");
    const Node& source = *node.children[0];
    const omop::ListMapping* list = source.kind == NodeKind::kName ? mapping_.find_list(source.name) : nullptr;
    if (!list) return untranslated(node, "a query over a list the mapping does not give");
    in_query_ = true;
    query_list_ = list;
    auto condition = compile(node.children[1]);
    in_query_ = false;
    if (!condition.ok()) return condition.error();
    // The bits an entry's condition may name, each reduced with MAX (SQLite has no BIT_OR).
    std::string mask = "0";
    for (int b = 0; b < static_cast<int>(facts_.size()); ++b) {
      std::string value = std::to_string(uint64_t{1} << b);
      if (condition->m.find(value) == std::string::npos) continue;
      mask += " + MAX(CASE WHEN c IS NULL AND (cm & " + value + ") <> 0 THEN " + value + " ELSE 0 END)";
    }
    std::string q = "q" + std::to_string(next_++);
    join(q, "SELECT person_id, MAX(CASE WHEN c = 1 THEN 1 ELSE 0 END) AS any_true, MAX(CASE WHEN c IS NULL THEN 1 ELSE 0 END) "
            "AS any_unknown, SUM(CASE WHEN c = 1 THEN 1 ELSE 0 END) AS matching, " + mask +
            " AS unknown_mask FROM (SELECT l.person_id, " + condition->v + " AS c, " + condition->m + " AS cm FROM (" +
            list_rows(*list) + ") l) x GROUP BY person_id", {"any_true", "any_unknown", "matching", "unknown_mask"});
    Sql out;
    if (node.name == "Count") {
      out.kind = SqlKind::kNumber;
      out.v = "(CASE WHEN " + q + ".person_id IS NULL THEN CAST(0 AS DOUBLE PRECISION) WHEN " + q +
              ".any_unknown = 1 THEN NULL ELSE CAST(" + q + ".matching AS DOUBLE PRECISION) END)";
    } else {
      out.v = "(CASE WHEN " + q + ".person_id IS NULL THEN 0 WHEN " + q + ".any_true = 1 THEN 1 WHEN " + q +
              ".any_unknown = 1 THEN NULL ELSE 0 END)";
    }
    out.m = "COALESCE(" + q + ".unknown_mask, 0)";
    return out;
  }

  Result<Sql> between(const Node& node) {
    auto operands = values_of_operands(node);
    if (!operands.ok()) return operands.error();
    if (node.name != "years") return untranslated(node, "'" + node.name + " between' dates of a person");
    auto& [a, b] = *operands;
    Sql out;
    out.kind = SqlKind::kNumber;
    std::string years = "(" + whole_division(b.v, 10000) + " - " + whole_division(a.v, 10000) + " - CASE WHEN (" + b.v +
                        " % 10000) < (" + a.v + " % 10000) THEN 1 ELSE 0 END)";
    std::string back = "(-(" + whole_division(a.v, 10000) + " - " + whole_division(b.v, 10000) + " - CASE WHEN (" + a.v +
                       " % 10000) < (" + b.v + " % 10000) THEN 1 ELSE 0 END))";
    out.v = "(CASE WHEN " + a.v + " IS NULL OR " + b.v + " IS NULL THEN NULL WHEN " + b.v + " < " + a.v +
            " THEN CAST(" + back + " AS DOUBLE PRECISION) ELSE CAST(" + years + " AS DOUBLE PRECISION) END)";
    out.m = either_unknown(a, b);
    return out;
  }

  Result<Sql> call(const Node& node) {
    if (node.name != "Coalesce") return untranslated(node, "the function " + node.name);
    std::vector<Sql> arguments;
    for (const auto& child : node.children) {
      auto x = compile(child);
      if (!x.ok()) return x.error();
      arguments.push_back(value_of(*x));
    }
    Sql out = arguments.front();
    out.v = "COALESCE(";
    out.m = "(0";
    for (size_t i = 0; i < arguments.size(); ++i) {
      out.v += (i ? ", " : "") + arguments[i].v;
      out.m += " | " + arguments[i].m;
    }
    out.v += ")";
    out.m += ")";
    return out;
  }

  Result<Sql> logic(const Node& node) {
    auto both = operands(node, 2);
    if (!both.ok()) return both.error();
    const std::string& a = (*both)[0].v;
    const std::string& b = (*both)[1].v;
    Sql out;
    switch (node.kind) {
      case NodeKind::kAnd:
        out.v = "(CASE WHEN " + a + " = 0 OR " + b + " = 0 THEN 0 WHEN " + a + " = 1 AND " + b + " = 1 THEN 1 END)";
        break;
      case NodeKind::kOr:
        out.v = "(CASE WHEN " + a + " = 1 OR " + b + " = 1 THEN 1 WHEN " + a + " = 0 AND " + b + " = 0 THEN 0 END)";
        break;
      case NodeKind::kXor:
        out.v = "(CASE WHEN " + a + " IS NULL OR " + b + " IS NULL THEN NULL WHEN " + a + " <> " + b + " THEN 1 ELSE 0 END)";
        break;
      default:
        out.v = "(CASE WHEN " + a + " = 0 OR " + b + " = 1 THEN 1 WHEN " + a + " = 1 AND " + b + " = 0 THEN 0 END)";
    }
    out.m = either_unknown((*both)[0], (*both)[1]);
    return out;
  }

  // order(a, b) as -1/0/1 with the evaluator's tolerance for numbers.
  std::string order(const Sql& a, const Sql& b) const {
    if (a.kind == SqlKind::kNumber) {
      std::string y = converted(b, a.unit);
      return "(CASE WHEN " + within_tolerance(a.v, y) + " THEN 0 WHEN " + a.v + " < " + y + " THEN -1 ELSE 1 END)";
    }
    if (a.kind == SqlKind::kDate) return "(CASE WHEN " + a.v + " < " + b.v + " THEN -1 WHEN " + a.v + " = " + b.v + " THEN 0 ELSE 1 END)";
    return "(CASE WHEN " + a.v + " = " + b.v + " THEN 0 ELSE 1 END)";
  }
  // Equal within the engine's relative tolerance (base/tolerance.h), as the evaluator compares.
  std::string within_tolerance(const std::string& a, const std::string& b) const {
    return "ABS(" + a + " - " + b + ") <= " + number_text(kRelativeTolerance) + " * " +
           greatest("1.0", "ABS(" + a + ")", "ABS(" + b + ")");
  }
  std::string converted(const Sql& x, const std::string& unit) const {
    if (x.unit.empty() || unit.empty() || x.unit == unit) return x.v;
    auto factor = convert_units(1.0, x.unit, unit);
    return "(" + x.v + " * " + number_text(factor.ok() ? *factor : NAN) + ")";
  }
  std::string equal(const Sql& a, const Sql& b) const {
    if (a.kind == SqlKind::kNumber && !a.unit.empty()) {
      std::string y = converted(b, a.unit);
      return within_tolerance(a.v, y);
    }
    return a.v + " = " + b.v;
  }

  Result<Sql> compare(const Node& node) {
    auto operands = values_of_operands(node);
    if (!operands.ok()) return operands.error();
    auto& [a, b] = *operands;
    const std::string& op = node.name;
    std::string test = order(a, b) + " " + (op == "!=" ? "<>" : op) + " 0";
    Sql out;
    out.v = "(CASE WHEN " + a.v + " IS NULL OR " + b.v + " IS NULL THEN NULL WHEN " + test + " THEN 1 ELSE 0 END)";
    out.m = either_unknown(a, b);
    return out;
  }

  Result<Sql> arithmetic(const Node& node) {
    auto operands = values_of_operands(node);
    if (!operands.ok()) return operands.error();
    auto& [a, b] = *operands;
    if (a.kind != SqlKind::kNumber || b.kind != SqlKind::kNumber) {
      return untranslated(node, "date arithmetic on a person's date (only the evaluation date's is computed)");
    }
    Sql out;
    out.kind = SqlKind::kNumber;
    bool both = !a.unit.empty() && !b.unit.empty();
    out.unit = !a.unit.empty() ? a.unit : b.unit;
    if (both && node.name == "/") out.unit.clear();
    std::string y = both ? converted(b, a.unit) : b.v;
    if (node.name == "/") {
      out.v = "(CASE WHEN " + y + " = 0 THEN NULL ELSE " + a.v + " / " + y + " END)";
      out.m = "(CASE WHEN " + a.v + " IS NULL OR " + b.v + " IS NULL THEN " + either_unknown(a, b) + " ELSE 0 END)";
    } else {
      out.v = "(" + a.v + " " + node.name + " " + y + ")";
      out.m = either_unknown(a, b);
    }
    return out;
  }

  Result<Sql> membership(const Node& node) {
    auto subject = compile(node.children[0]);
    if (!subject.ok()) return subject.error();
    Sql a = value_of(*subject);
    std::string any = "0 = 1";
    for (size_t c = 1; c < node.children.size(); ++c) {
      auto choice = compile(node.children[c]);
      if (!choice.ok()) return choice.error();
      Sql b = value_of(*choice);
      if (b.v == "NULL") continue;
      any += " OR (" + b.v + " IS NOT NULL AND " + equal(a, b) + ")";
    }
    Sql out;
    std::string found = node.negated ? "0" : "1", absent = node.negated ? "1" : "0";
    out.v = "(CASE WHEN " + a.v + " IS NULL THEN NULL WHEN " + any + " THEN " + found + " ELSE " + absent + " END)";
    out.m = a.m;
    return out;
  }

  Result<Sql> conditional(const Node& node) {
    auto parts = operands(node, 3);
    if (!parts.ok()) return parts.error();
    const Sql& c = (*parts)[0];
    Sql a = value_of((*parts)[1]), b = value_of((*parts)[2]);
    if ((*parts)[1].kind == SqlKind::kObservation) return untranslated(node, "an observation chosen by if");
    Sql out = a.v == "NULL" ? b : a;
    std::string agree = a.v == "NULL" || b.v == "NULL" ? "0 = 1"
                                                        : a.v + " IS NOT NULL AND " + b.v + " IS NOT NULL AND " + equal(a, b);
    out.v = "(CASE WHEN " + c.v + " = 1 THEN " + a.v + " WHEN " + c.v + " = 0 THEN " + b.v + " WHEN " + agree + " THEN " +
            a.v + " END)";
    out.m = "(CASE WHEN " + c.v + " = 1 THEN " + a.m + " WHEN " + c.v + " = 0 THEN " + b.m + " ELSE (" + c.m + " | " +
            unknown_part(a) + " | " + unknown_part(b) + ") END)";
    return out;
  }

  const omop::OmopMapping& mapping_;
  const omop::ConceptIds& concepts_;
  const Protocol& protocol_;
  Date as_of_;
  const TrialFactValues& trial_facts_;
  SqlDialect dialect_;
  omop::Shard shard_;
  ObtainFacts facts_;
  std::vector<std::string> ctes_;
  std::vector<std::pair<std::string, std::vector<std::string>>> parts_;
  std::map<std::string, std::string> observations_;
  std::set<std::string> text_values_;  // parts whose value is a text
  std::map<int, std::optional<Sql>> definitions_;
  bool in_query_ = false;
  const omop::ListMapping* query_list_ = nullptr;
  int next_ = 0;
};

}  // namespace

Result<SqlQuery> compile_sql(const omop::OmopMapping& mapping, const omop::ConceptIds& concepts, const Protocol& protocol,
                             Date as_of, const TrialFactValues& trial_facts, SqlDialect dialect, omop::Shard shard) {
  Compiler compiler(mapping, concepts, protocol, as_of, trial_facts, dialect, shard);
  return compiler.run();
}

}  // namespace trialcore::prescreen

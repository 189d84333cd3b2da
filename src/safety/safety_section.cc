#include "safety/safety_section.h"

#include <set>

#include "base/object_reader.h"
#include "expr/evaluator.h"

namespace trialcore::safety {

namespace {

constexpr std::string_view kOtherSpecify = "Other, specify";

bool ends_with(const std::string& text, std::string_view end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

// {"value": ..., "note": ..., "assumption": true}: a parameter and why it has its value.
template <class Read>
void read_assumed(ObjectReader& in, const char* key, Assumed& basis, Read&& read_value) {
  in.object(key, [&](ObjectReader& entry) {
    read_value(entry);
    basis.note = entry.required_text("note");
    basis.assumption = entry.boolean("assumption").value_or(false);
  });
}

// The terms, by organ system: {"Investigations": ["Blood bilirubin increased", ...], ...}.
void read_terms(ObjectReader& in, SafetySpec& spec) {
  const Json* systems = in.member("terms");
  if (!systems || !systems->is_object() || systems->empty()) {
    return in.fail("terms", "must list the terms of the grading scale by organ system: {\"Investigations\": [...]}");
  }
  std::set<std::string> seen;
  in.each_member(*systems, in.path_of("terms"), [&](const std::string& system, const Json& terms, const std::string& here) {
    if (!terms.is_array() || terms.empty()) return in.fail(Error{here, "must be a non-empty list of terms"});
    in.each(terms, here, [&](const Json& term, const std::string& at) {
      if (!term.is_string() || term.get<std::string>().empty()) return in.fail(Error{at, "a term is a non-empty text"});
      std::string name = term.get<std::string>();
      if (!seen.insert(name).second) return in.fail(Error{at, "'" + name + "' is listed twice"});
      spec.terms.push_back({name, system, ends_with(name, kOtherSpecify)});
    });
  });
}

// A limit ("1.2 'mg/dL'") compiled against the lab's schema and evaluated: a constant.
std::optional<double> read_limit(ObjectReader& in, const char* key, const expr::Library& library, const std::string& unit,
                                 std::string& note) {
  std::optional<double> limit;
  in.object(key, [&](ObjectReader& entry) {
    std::string text = entry.required_text("value");
    note += (note.empty() ? "" : " ") + entry.required_text("note");
    entry.boolean("assumption");
    if (!entry.ok()) return;
    auto compiled = entry.take(library.compile(text, entry.path_of("value"), expr::TypeKind::kQuantity));
    if (!compiled) return;
    if (!compiled->needs.empty()) return entry.fail("value", "a limit is a constant; it must not read facts");
    expr::FactValues none;
    none.facts.resize(library.schema().facts.size());
    expr::Evaluator evaluator(library, none);
    expr::Outcome outcome = evaluator.evaluate(*compiled);
    if (!outcome.value.known()) return entry.fail("value", "does not evaluate to a quantity");
    auto converted = convert_units(outcome.value.quantity().amount, outcome.value.quantity().unit, unit);
    if (!converted.ok()) return entry.fail("value", converted.error().message);
    if (*converted <= 0) return entry.fail("value", "must be greater than 0");
    limit = *converted;
  });
  return limit;
}

LabRule read_lab_rule(ObjectReader& in, const std::string& code, const patient::ObservationSpec& observation,
                      const SafetySpec& spec) {
  LabRule rule;
  rule.observation = code;
  rule.unit = observation.unit;
  rule.term = in.required_text("term");
  if (in.ok() && !spec.find_term(rule.term)) in.fail("term", "'" + rule.term + "' is not one of the safety section's terms");
  expr::Type quantity = expr::Type::Quantity(observation.dimension, observation.unit);
  expr::Schema schema;
  schema.facts = {{"value", quantity, "the lab's value"},
                  {"uln", quantity, "the upper limit of normal: the observation's own, else the reference"},
                  {"lln", quantity, "the lower limit of normal: the reference"}};
  auto library = std::make_shared<expr::Library>(std::move(schema));
  rule.reference_uln = read_limit(in, "uln", *library, rule.unit, rule.reference_note);
  rule.reference_lln = read_limit(in, "lln", *library, rule.unit, rule.reference_note);
  const Json* grades = in.member("grades");
  if (!grades || !grades->is_array() || grades->empty()) {
    in.fail("grades", "must list the grades, highest first: [{\"grade\": 4, \"when\": ..., \"ctcae\": ...}, ...]");
    return rule;
  }
  in.each_object(*grades, in.path_of("grades"), [&](ObjectReader& entry) {
    LabGradeRule grade;
    int64_t number = entry.required_integer("grade");
    if (entry.ok() && (number < 1 || number > 4)) entry.fail("grade", "a lab value grades 1 to 4, not " + std::to_string(number));
    if (entry.ok() && !rule.grades.empty() && number >= rule.grades.back().grade) {
      entry.fail("grade", "grades are listed highest first, each once");
    }
    grade.grade = static_cast<int>(number);
    std::string text = entry.required_text("when");
    if (entry.ok()) {
      if (auto compiled = entry.take(library->compile(text, entry.path_of("when"), expr::TypeKind::kBoolean))) {
        grade.when = std::move(*compiled);
      }
    }
    grade.cited = entry.required_text("ctcae");
    rule.grades.push_back(std::move(grade));
  });
  rule.library = library;
  return rule;
}

}  // namespace

bool SafetySpec::reported(const std::string& term) const {
  for (const std::string& expected : not_reported) {
    if (expected == term) return false;
  }
  return true;
}

Result<SafetySpec> parse_safety_spec(const Json& section, const std::string& path,
                                     const patient::ObservationCatalogue& catalogue) {
  ObjectReader in(section, path);
  SafetySpec spec;
  in.text("note");
  in.object("grading_scale", [&](ObjectReader& scale) {
    spec.scale = scale.required_text("name");
    spec.citation = scale.required_text("citation");
  });
  if (spec.scale.empty()) in.fail("grading_scale", "is required: {\"name\": \"CTCAE v4.03\", \"citation\": ...}");
  read_terms(in, spec);
  read_assumed(in, "sae_report_hours", spec.sae_report_basis, [&](ObjectReader& entry) {
    int64_t hours = entry.required_integer("value");
    if (entry.ok() && (hours < 1 || hours > 24 * 30)) entry.fail("value", "must be 1 to 720 hours");
    spec.sae_report_hours = static_cast<int>(hours);
  });
  read_assumed(in, "not_reported", spec.not_reported_basis, [&](ObjectReader& entry) {
    const Json* terms = entry.member("terms");
    if (!terms || !terms->is_array()) return entry.fail("terms", "must be a list of terms");
    entry.each(*terms, entry.path_of("terms"), [&](const Json& term, const std::string& at) {
      if (!term.is_string() || !spec.find_term(term.get<std::string>())) {
        return entry.fail(Error{at, term.dump() + " is not one of the safety section's terms"});
      }
      spec.not_reported.push_back(term.get<std::string>());
    });
  });
  if (const Json* rules = in.member("lab_grades")) {
    if (!rules->is_object()) return Error{in.path_of("lab_grades"), "must be an object of observation codes"};
    in.each_member(*rules, in.path_of("lab_grades"), [&](const std::string& code, const Json& entry, const std::string& here) {
      const patient::ObservationSpec* observation = patient::find_observation(catalogue, code);
      if (!observation) return in.fail(Error{here, "'" + code + "' is not an observation of the protocol's catalogue"});
      if (observation->is_text) return in.fail(Error{here, "'" + code + "' is a text result; only measurements are graded"});
      in.nested(entry, here, [&](ObjectReader& fields) { spec.lab_rules.push_back(read_lab_rule(fields, code, *observation, spec)); });
    });
  }
  return in.finish(std::move(spec));
}

}  // namespace trialcore::safety

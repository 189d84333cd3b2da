// Reads a protocol file section by section, in the order later sections depend on: the
// record format and trial facts make the schema, definitions compile against it, criteria
// against both.
#include <algorithm>
#include <set>

#include "base/object_reader.h"
#include "protocol/builtin_protocol.h"
#include "protocol/cohort_schema.h"
#include "protocol/protocol.h"

namespace trialcore {

namespace {

constexpr std::string_view kFormat = "trialcore-protocol/1";

// An id: lowercase letters, digits and dashes, as criteria and periods are named.
bool is_identifier(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

// The id at member "id" of `in`.
std::string read_id(ObjectReader& in) {
  std::string id = in.required_text("id");
  if (!is_identifier(id)) in.fail("id", "'" + id + "' is not an id (lowercase letters, digits, -)");
  return id;
}

// A member that must be an object when present; nullptr when absent.
const Json* object_member(ObjectReader& in, const char* key) {
  const Json* found = in.member(key);
  if (found && !found->is_object()) {
    in.fail(key, "must be an object, not " + json_type_name(*found));
    return nullptr;
  }
  return found;
}

// The contract's fields, the protocol's "record_facts" and its "observations".
void read_record_format(ObjectReader& in, const Json* record_facts, const Json* observations,
                        patient::RecordFormat& format) {
  format.fields = patient::contract_fields();
  std::optional<std::vector<patient::FieldSpec>> extra;
  if (record_facts) extra = in.take(patient::parse_extra_fields(*record_facts, "$.record_facts"));
  for (size_t i = 0; extra && i < extra->size(); ++i) {
    patient::FieldSpec& field = (*extra)[i];
    std::string path = member_path("$.record_facts", field.name);
    if (format.find_field(field.name) >= 0) return in.fail(Error{path, "is already a field of the patient record"});
    for (const expr::FactDeclaration& cohort_fact : cohort_facts()) {
      if (cohort_fact.name == field.name) return in.fail(Error{path, "is a name the trial's record uses"});
    }
    format.fields.push_back(std::move(field));
  }
  if (observations && in.ok()) {
    if (auto catalogue = in.take(patient::parse_observation_catalogue(*observations, "$.observations"))) {
      format.observations = std::move(*catalogue);
    }
  }
}

std::vector<expr::FactDeclaration> read_trial_facts(ObjectReader& in, const Json* declared) {
  std::vector<expr::FactDeclaration> facts;
  in.each_member_of(declared, "trial_facts", "fact names",
                    [&](const std::string& name, const Json& entry, const std::string& path) {
    in.nested(entry, path, [&](ObjectReader& fact) {
      std::string type = fact.required_choice("type", {"number", "boolean", "text", "date"});
      expr::Type fact_type = type == "number" ? expr::Type::Number()
                           : type == "boolean" ? expr::Type::Boolean()
                           : type == "text" ? expr::Type::Text()
                                            : expr::Type::Date();
      facts.push_back({name, fact_type, fact.text("description").value_or("")});
    });
  });
  return facts;
}

// "parameters" and "definitions": name -> "expression" or {"expression", "label", "note"}.
void read_named_expressions(ObjectReader& in, const Json* named, const char* key, bool constant,
                            std::vector<expr::DefinitionSource>& into) {
  in.each_member_of(named, key, "names", [&](const std::string& name, const Json& entry, const std::string& here) {
    expr::DefinitionSource source;
    source.name = name;
    source.path = here;
    if (entry.is_string()) {
      source.text = entry.get<std::string>();
    } else if (entry.is_object()) {
      in.nested(entry, here, [&](ObjectReader& members) {
        const char* text_key = constant ? "value" : "expression";
        source.text = members.required_text(text_key);
        source.path = members.path_of(text_key);
        source.label = members.text("label").value_or("");
      });
    } else {
      return in.fail(Error{here, "must be an expression (text) or an object, not " + json_type_name(entry)});
    }
    into.push_back(std::move(source));
  });
}

// Parameters (constants) and definitions, compiled into `library`.
void read_library(ObjectReader& in, const Json* parameters, const Json* definitions, expr::Library& library) {
  std::vector<expr::DefinitionSource> named;
  read_named_expressions(in, parameters, "parameters", true, named);
  size_t parameter_count = named.size();
  read_named_expressions(in, definitions, "definitions", false, named);
  if (!in.ok() || !in.take(library.define(named))) return;
  for (size_t i = 0; i < parameter_count; ++i) {
    const expr::Definition& parameter = library.definitions()[library.find_definition(named[i].name)];
    if (!parameter.expression.needs.empty()) {
      return in.fail(Error{named[i].path, "a parameter is a constant; it must not read facts (it reads " +
                                              parameter.expression.needs.front() + ")"});
    }
  }
}

std::vector<Period> read_periods(ObjectReader& in, const Json* listed) {
  std::vector<Period> periods;
  if (!listed) {
    in.fail("periods", "is required: a protocol has at least one period");
    return periods;
  }
  if (!listed->is_array() || listed->empty()) {
    in.fail("periods", "must be a non-empty list");
    return periods;
  }
  in.each_object(*listed, in.path_of("periods"), [&](ObjectReader& entry) {
    Period period;
    period.id = read_id(entry);
    for (const Period& earlier : periods) {
      if (earlier.id == period.id) entry.fail("id", "'" + period.id + "' is used twice");
    }
    period.title = entry.required_text("title");
    period.description = entry.text("description").value_or("");
    period.opens = entry.date("opens");
    period.closes = entry.date("closes");
    if (period.opens && period.closes && *period.closes < *period.opens) {
      entry.fail("closes", "is before the period opens");
    }
    periods.push_back(std::move(period));
  });
  return periods;
}

// The Boolean expression at member `key`, compiled; std::nullopt when absent or wrong.
std::optional<expr::Expression> compile_member(const expr::Library& library, ObjectReader& in, const char* key) {
  std::optional<std::string> text = in.text(key);
  if (!text) return std::nullopt;
  return in.take(library.compile(*text, in.path_of(key), expr::TypeKind::kBoolean));
}

// A stated "needs" must match what the expressions read, so the file cannot mislead.
void check_needs(ObjectReader& in, const Json& stated, const std::vector<std::string>& needs) {
  std::set<std::string> listed;
  if (!stated.is_array()) return in.fail("needs", "must be a list of fact names");
  in.each(stated, in.path_of("needs"), [&](const Json& fact, const std::string& here) {
    if (!fact.is_string()) return in.fail(Error{here, "must be a fact name"});
    listed.insert(fact.get<std::string>());
  });
  for (const std::string& fact : listed) {
    if (!std::count(needs.begin(), needs.end(), fact)) {
      return in.fail("needs", "lists '" + fact + "', which the rule does not read");
    }
  }
  for (const std::string& fact : needs) {
    if (!listed.count(fact)) return in.fail("needs", "omits '" + fact + "', which the rule reads");
  }
}

Criterion read_criterion(const expr::Library& library, ObjectReader& in) {
  Criterion criterion;
  criterion.id = read_id(in);
  std::string kind = in.required_choice("kind", {"inclusion", "exclusion"});
  criterion.kind = kind == "inclusion" ? CriterionKind::kInclusion : CriterionKind::kExclusion;
  criterion.text = in.required_text("text");
  criterion.interpretation = in.text("interpretation").value_or("");
  // The expressions are read below, once the kind says which rule to expect.
  in.member("applies_when");
  in.member("met_when");
  in.member("excluded_when");
  criterion.waivable = in.boolean("waivable").value_or(false);
  const Json* stated_needs = in.member("needs");
  if (!in.ok()) return criterion;

  const char* rule_key = criterion.kind == CriterionKind::kInclusion ? "met_when" : "excluded_when";
  const char* other_key = criterion.kind == CriterionKind::kInclusion ? "excluded_when" : "met_when";
  if (in.member(other_key)) {
    in.fail(other_key, "an " + kind + " criterion states its rule as '" + rule_key + "'");
  }
  if (auto rule = compile_member(library, in, rule_key)) criterion.rule = std::move(*rule);
  else in.fail(rule_key, "is required");
  criterion.applies_when = compile_member(library, in, "applies_when");
  if (!in.ok()) return criterion;

  std::set<std::string> needs(criterion.rule.needs.begin(), criterion.rule.needs.end());
  if (criterion.applies_when) needs.insert(criterion.applies_when->needs.begin(), criterion.applies_when->needs.end());
  criterion.needs.assign(needs.begin(), needs.end());
  if (stated_needs) check_needs(in, *stated_needs, criterion.needs);
  return criterion;
}

void read_criteria(ObjectReader& in, const Json* listed, const expr::Library& library, Protocol& protocol) {
  if (!listed || !listed->is_array()) return in.fail("criteria", "is required: a list of eligibility criteria");
  in.each_object(*listed, in.path_of("criteria"), [&](ObjectReader& entry) {
    Criterion criterion = read_criterion(library, entry);
    if (entry.ok() && protocol.find_criterion(criterion.id)) entry.fail("id", "'" + criterion.id + "' is used twice");
    protocol.criteria.push_back(std::move(criterion));
  });
}

// The Boolean expression at required member `key`, compiled.
expr::Expression compile_required(const expr::Library& library, ObjectReader& in, const char* key) {
  std::string text = in.required_text(key);
  if (!in.ok()) return {};
  return in.take(library.compile(text, in.path_of(key), expr::TypeKind::kBoolean)).value_or(expr::Expression{});
}

// A list at member `key`; absent: nullptr.
const Json* list_member(ObjectReader& in, const char* key) {
  const Json* found = in.member(key);
  if (found && !found->is_array()) {
    in.fail(key, "must be a list");
    return nullptr;
  }
  return found;
}

// "rules": accrual target, targets, report subgroups and derived trial facts, the last three
// over the cohort view of a patient.
TrialRules read_rules(ObjectReader& in, const expr::Library& cohort, const expr::Schema& eligibility) {
  TrialRules rules;
  if (auto target = in.integer("accrual_target")) {
    if (*target < 1) in.fail("accrual_target", "must be at least 1");
    rules.accrual_target = static_cast<int>(*target);
  }
  if (const Json* targets = list_member(in, "targets")) {
    in.each_object(*targets, in.path_of("targets"), [&](ObjectReader& entry) {
      Target goal;
      goal.id = entry.required_text("id");
      goal.label = entry.required_text("label");
      goal.minimum = static_cast<int>(entry.required_integer("minimum"));
      goal.counts = compile_required(cohort, entry, "counts");
      rules.targets.push_back(std::move(goal));
    });
  }
  if (const Json* subgroups = list_member(in, "report_subgroups")) {
    in.each_object(*subgroups, in.path_of("report_subgroups"), [&](ObjectReader& entry) {
      Subgroup subgroup;
      subgroup.label = entry.required_text("label");
      subgroup.when = compile_required(cohort, entry, "when");
      rules.subgroups.push_back(std::move(subgroup));
    });
  }
  in.each_member_of(in.member("derived_trial_facts"), "derived_trial_facts", "trial fact names",
                    [&](const std::string& name, const Json& counts, const std::string& path) {
    int slot = eligibility.find_trial_fact(name);
    if (slot < 0 || eligibility.trial_facts[slot].type.kind != expr::TypeKind::kNumber) {
      return in.fail(Error{path, "must name a trial fact of type number declared in $.trial_facts"});
    }
    if (!counts.is_string()) return in.fail(Error{path, "must be an expression: which patients count"});
    if (auto compiled = in.take(cohort.compile(counts.get<std::string>(), path, expr::TypeKind::kBoolean))) {
      rules.derived_facts.push_back({name, std::move(*compiled)});
    }
  });
  return rules;
}

}  // namespace

Result<Protocol> load_protocol(std::string_view text, const std::string& origin) {
  auto parsed = parse_json_text(text, "the protocol file " + origin);
  if (!parsed.ok()) return parsed.error();
  const Json& document = *parsed;
  if (!document.is_object()) return Error{"$", "a protocol file must be a JSON object"};
  ObjectReader in(document, "$");
  Protocol protocol;
  protocol.document = document;
  std::string format = in.required_text("format");
  if (format != kFormat) {
    in.fail("format", "'" + format + "' is not a format this program reads (" + std::string(kFormat) + ")");
  }
  protocol.id = in.required_text("id");
  protocol.version = in.required_text("version");
  protocol.title = in.required_text("title");
  const Json* registry = object_member(in, "registry");
  protocol.registry = registry ? *registry : Json::object();
  const Json* parameters = in.given("parameters");
  const Json* observations = in.given("observations");
  const Json* record_facts = in.given("record_facts");
  const Json* trial_facts = in.given("trial_facts");
  const Json* definitions = in.given("definitions");
  const Json* periods = in.given("periods");
  const Json* criteria = in.given("criteria");
  // Read by their own modules; the whole file stays in Protocol::document for others.
  const Json* treatment = object_member(in, "treatment");
  const Json* response = object_member(in, "response");
  const Json* rules = object_member(in, "rules");
  const Json* monitoring = object_member(in, "monitoring");
  const Json* safety = object_member(in, "safety");
  const Json* edit_checks = object_member(in, "edit_checks");

  // Then in the order they depend on one another: the record format and trial facts make
  // the schema, definitions compile against it, the rest against both.
  if (in.ok()) read_record_format(in, record_facts, observations, protocol.record_format);
  std::vector<expr::FactDeclaration> facts = read_trial_facts(in, trial_facts);
  auto library = std::make_shared<expr::Library>(protocol.record_format.schema(std::move(facts)));
  read_library(in, parameters, definitions, *library);
  protocol.library = library;
  protocol.periods = read_periods(in, periods);

  std::vector<std::string> period_ids;
  for (const Period& period : protocol.periods) period_ids.push_back(period.id);
  if (treatment && in.ok()) {
    auto spec = in.take(treatment::parse_treatment_spec(*treatment, "$.treatment", period_ids));
    if (spec) protocol.treatment = std::move(*spec);
  }
  if (response && in.ok()) {
    auto spec = in.take(response::parse_response_spec(*response, "$.response", period_ids));
    if (spec) protocol.response = std::move(*spec);
  }
  if (safety && in.ok()) {
    auto spec = in.take(safety::parse_safety_spec(*safety, "$.safety", protocol.record_format.observations));
    if (spec) protocol.safety = std::move(*spec);
  }
  if (edit_checks && in.ok()) {
    std::vector<std::string> codes;
    for (const patient::ObservationSpec& spec : protocol.record_format.observations) codes.push_back(spec.code);
    auto checks = in.take(parse_edit_checks(*edit_checks, "$.edit_checks", codes));
    if (checks) protocol.edit_checks = std::move(*checks);
  }
  if (monitoring && in.ok()) protocol.monitoring = in.take(stats::parse_monitoring_design(*monitoring, "$.monitoring"));

  auto cohort = std::make_shared<expr::Library>(cohort_schema(protocol.record_format));
  protocol.cohort_library = cohort;
  if (rules) {
    in.nested(*rules, "$.rules",
              [&](ObjectReader& section) { protocol.rules = read_rules(section, *cohort, library->schema()); });
  }
  read_criteria(in, criteria, *library, protocol);
  return in.finish(std::move(protocol));
}

Result<Protocol> load_builtin_protocol() { return load_protocol(builtin_protocol_text(), "(built in)"); }

}  // namespace trialcore

// Reads a protocol file section by section, in the order later sections depend on: the
// record format and trial facts make the schema, definitions compile against it, criteria
// against both.
#include <set>

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

// A top-level section, or nullptr when absent or null.
const Json* section(const Json& document, const char* key) {
  auto found = document.find(key);
  if (found == document.end() || found->is_null()) return nullptr;
  return &*found;
}

Result<std::vector<expr::FactDeclaration>> read_trial_facts(const Json& document) {
  std::vector<expr::FactDeclaration> facts;
  const Json* declared = section(document, "trial_facts");
  if (!declared) return facts;
  if (!declared->is_object()) return Error{"$.trial_facts", "must be an object of fact names"};
  for (auto it = declared->begin(); it != declared->end(); ++it) {
    std::string path = member_path("$.trial_facts", it.key());
    Status known = reject_unknown_members(*it, {"type", "description"}, path);
    if (!known.ok()) return known.error();
    auto type = required(read_choice(*it, "type", path, {"number", "boolean", "text", "date"}), "type", path);
    if (!type.ok()) return type.error();
    auto description = read_text(*it, "description", path);
    if (!description.ok()) return description.error();
    expr::Type fact_type = *type == "number" ? expr::Type::Number()
                         : *type == "boolean" ? expr::Type::Boolean()
                         : *type == "text" ? expr::Type::Text()
                                           : expr::Type::Date();
    facts.push_back({it.key(), fact_type, description->value_or("")});
  }
  return facts;
}

// "parameters" and "definitions": name -> "expression" or {"expression", "label", "note"}.
Status read_named_expressions(const Json& document, const char* key, bool constant,
                              std::vector<expr::DefinitionSource>& into) {
  const Json* named = section(document, key);
  if (!named) return Status::Ok();
  std::string path = std::string("$.") + key;
  if (!named->is_object()) return Error{path, "must be an object of names"};
  for (auto it = named->begin(); it != named->end(); ++it) {
    std::string here = member_path(path, it.key());
    expr::DefinitionSource source;
    source.name = it.key();
    source.path = here;
    if (it->is_string()) {
      source.text = it->get<std::string>();
    } else if (it->is_object()) {
      Status known = reject_unknown_members(*it, {constant ? "value" : "expression", "label"}, here);
      if (!known.ok()) return known;
      auto text = required(read_text(*it, constant ? "value" : "expression", here), constant ? "value" : "expression", here);
      if (!text.ok()) return text.error();
      source.text = *text;
      source.path = member_path(here, constant ? "value" : "expression");
      auto label = read_text(*it, "label", here);
      if (!label.ok()) return label.error();
      source.label = label->value_or("");
    } else {
      return Error{here, "must be an expression (text) or an object, not " + json_type_name(*it)};
    }
    into.push_back(std::move(source));
  }
  return Status::Ok();
}

Result<std::vector<Period>> read_periods(const Json& document) {
  std::vector<Period> periods;
  const Json* listed = section(document, "periods");
  if (!listed) return Error{"$.periods", "is required: a protocol has at least one period"};
  if (!listed->is_array() || listed->empty()) return Error{"$.periods", "must be a non-empty list"};
  for (size_t i = 0; i < listed->size(); ++i) {
    std::string path = element_path("$.periods", i);
    const Json& entry = (*listed)[i];
    Status known = reject_unknown_members(entry, {"id", "title", "description", "opens", "closes"}, path);
    if (!known.ok()) return known.error();
    Period period;
    auto id = required(read_text(entry, "id", path), "id", path);
    if (!id.ok()) return id.error();
    if (!is_identifier(*id)) return Error{member_path(path, "id"), "'" + *id + "' is not an id (lowercase letters, digits, -)"};
    for (const Period& earlier : periods) {
      if (earlier.id == *id) return Error{member_path(path, "id"), "'" + *id + "' is used twice"};
    }
    period.id = *id;
    auto title = required(read_text(entry, "title", path), "title", path);
    if (!title.ok()) return title.error();
    period.title = *title;
    auto description = read_text(entry, "description", path);
    if (!description.ok()) return description.error();
    period.description = description->value_or("");
    auto opens = read_date(entry, "opens", path);
    if (!opens.ok()) return opens.error();
    auto closes = read_date(entry, "closes", path);
    if (!closes.ok()) return closes.error();
    period.opens = *opens;
    period.closes = *closes;
    if (period.opens && period.closes && *period.closes < *period.opens) {
      return Error{member_path(path, "closes"), "is before the period opens"};
    }
    periods.push_back(std::move(period));
  }
  return periods;
}

Result<std::optional<expr::Expression>> compile_member(const expr::Library& library, const Json& entry,
                                                       const char* key, const std::string& path) {
  auto text = read_text(entry, key, path);
  if (!text.ok()) return text.error();
  if (!text->has_value()) return std::optional<expr::Expression>();
  auto compiled = library.compile(**text, member_path(path, key), expr::TypeKind::kBoolean);
  if (!compiled.ok()) return compiled.error();
  return std::optional<expr::Expression>(std::move(*compiled));
}

Result<Criterion> read_criterion(const expr::Library& library, const Json& entry, const std::string& path) {
  Status known = reject_unknown_members(
      entry, {"id", "kind", "text", "interpretation", "applies_when", "met_when", "excluded_when", "waivable", "needs"}, path);
  if (!known.ok()) return known.error();
  Criterion criterion;
  auto id = required(read_text(entry, "id", path), "id", path);
  if (!id.ok()) return id.error();
  if (!is_identifier(*id)) return Error{member_path(path, "id"), "'" + *id + "' is not an id (lowercase letters, digits, -)"};
  criterion.id = *id;
  auto kind = required(read_choice(entry, "kind", path, {"inclusion", "exclusion"}), "kind", path);
  if (!kind.ok()) return kind.error();
  criterion.kind = *kind == "inclusion" ? CriterionKind::kInclusion : CriterionKind::kExclusion;
  auto text = required(read_text(entry, "text", path), "text", path);
  if (!text.ok()) return text.error();
  criterion.text = *text;
  auto interpretation = read_text(entry, "interpretation", path);
  if (!interpretation.ok()) return interpretation.error();
  criterion.interpretation = interpretation->value_or("");
  auto waivable = read_bool(entry, "waivable", path);
  if (!waivable.ok()) return waivable.error();
  criterion.waivable = waivable->value_or(false);

  const char* rule_key = criterion.kind == CriterionKind::kInclusion ? "met_when" : "excluded_when";
  const char* other_key = criterion.kind == CriterionKind::kInclusion ? "excluded_when" : "met_when";
  if (entry.contains(other_key)) {
    return Error{member_path(path, other_key), std::string("an ") + *kind + " criterion states its rule as '" + rule_key + "'"};
  }
  auto rule = compile_member(library, entry, rule_key, path);
  if (!rule.ok()) return rule.error();
  if (!rule->has_value()) return Error{member_path(path, rule_key), "is required"};
  criterion.rule = std::move(**rule);
  auto applies = compile_member(library, entry, "applies_when", path);
  if (!applies.ok()) return applies.error();
  criterion.applies_when = std::move(*applies);

  std::set<std::string> needs(criterion.rule.needs.begin(), criterion.rule.needs.end());
  if (criterion.applies_when) needs.insert(criterion.applies_when->needs.begin(), criterion.applies_when->needs.end());
  criterion.needs.assign(needs.begin(), needs.end());
  // A stated "needs" must match what the expressions read, so the file cannot mislead.
  if (entry.contains("needs")) {
    std::string needs_path = member_path(path, "needs");
    const Json& stated = entry["needs"];
    if (!stated.is_array()) return Error{needs_path, "must be a list of fact names"};
    std::set<std::string> listed;
    for (size_t i = 0; i < stated.size(); ++i) {
      if (!stated[i].is_string()) return Error{element_path(needs_path, i), "must be a fact name"};
      listed.insert(stated[i].get<std::string>());
    }
    for (const std::string& fact : listed) {
      if (!needs.count(fact)) return Error{needs_path, "lists '" + fact + "', which the rule does not read"};
    }
    for (const std::string& fact : needs) {
      if (!listed.count(fact)) return Error{needs_path, "omits '" + fact + "', which the rule reads"};
    }
  }
  return criterion;
}

Result<expr::Expression> compile_text(const expr::Library& library, const Json& entry, const char* key,
                                      const std::string& path) {
  auto text = required(read_text(entry, key, path), key, path);
  if (!text.ok()) return text.error();
  return library.compile(*text, member_path(path, key), expr::TypeKind::kBoolean);
}

// "rules": accrual target, targets, report subgroups and derived trial facts, the last three
// over the cohort view of a patient.
Result<TrialRules> read_rules(const Json& section, const expr::Library& cohort, const expr::Schema& eligibility) {
  const std::string path = "$.rules";
  Status known = reject_unknown_members(section, {"accrual_target", "targets", "report_subgroups", "derived_trial_facts"}, path);
  if (!known.ok()) return known.error();
  TrialRules rules;
  auto target = read_integer(section, "accrual_target", path);
  if (!target.ok()) return target.error();
  if (target->has_value() && **target < 1) return Error{member_path(path, "accrual_target"), "must be at least 1"};
  if (target->has_value()) rules.accrual_target = static_cast<int>(**target);

  auto list = [&](const char* key) -> Result<const Json*> {
    auto found = section.find(key);
    if (found == section.end()) return static_cast<const Json*>(nullptr);
    if (!found->is_array()) return Error{member_path(path, key), "must be a list"};
    return &*found;
  };
  auto targets = list("targets");
  if (!targets.ok()) return targets.error();
  for (size_t i = 0; *targets && i < (*targets)->size(); ++i) {
    const Json& entry = (**targets)[i];
    std::string here = element_path(member_path(path, "targets"), i);
    Status members = reject_unknown_members(entry, {"id", "label", "minimum", "counts"}, here);
    if (!members.ok()) return members.error();
    Target goal;
    auto id = required(read_text(entry, "id", here), "id", here);
    if (!id.ok()) return id.error();
    goal.id = *id;
    auto label = required(read_text(entry, "label", here), "label", here);
    if (!label.ok()) return label.error();
    goal.label = *label;
    auto minimum = required(read_integer(entry, "minimum", here), "minimum", here);
    if (!minimum.ok()) return minimum.error();
    goal.minimum = static_cast<int>(*minimum);
    auto counts = compile_text(cohort, entry, "counts", here);
    if (!counts.ok()) return counts.error();
    goal.counts = std::move(*counts);
    rules.targets.push_back(std::move(goal));
  }
  auto subgroups = list("report_subgroups");
  if (!subgroups.ok()) return subgroups.error();
  for (size_t i = 0; *subgroups && i < (*subgroups)->size(); ++i) {
    const Json& entry = (**subgroups)[i];
    std::string here = element_path(member_path(path, "report_subgroups"), i);
    Status members = reject_unknown_members(entry, {"label", "when"}, here);
    if (!members.ok()) return members.error();
    Subgroup subgroup;
    auto label = required(read_text(entry, "label", here), "label", here);
    if (!label.ok()) return label.error();
    subgroup.label = *label;
    auto when = compile_text(cohort, entry, "when", here);
    if (!when.ok()) return when.error();
    subgroup.when = std::move(*when);
    rules.subgroups.push_back(std::move(subgroup));
  }
  if (section.contains("derived_trial_facts")) {
    std::string here = member_path(path, "derived_trial_facts");
    const Json& derived = section["derived_trial_facts"];
    if (!derived.is_object()) return Error{here, "must be an object of trial fact names"};
    for (auto it = derived.begin(); it != derived.end(); ++it) {
      std::string fact_path = member_path(here, it.key());
      int slot = eligibility.find_trial_fact(it.key());
      if (slot < 0 || eligibility.trial_facts[slot].type.kind != expr::TypeKind::kNumber) {
        return Error{fact_path, "must name a trial fact of type number declared in $.trial_facts"};
      }
      if (!it->is_string()) return Error{fact_path, "must be an expression: which patients count"};
      auto counts = cohort.compile(it->get<std::string>(), fact_path, expr::TypeKind::kBoolean);
      if (!counts.ok()) return counts.error();
      rules.derived_facts.push_back({it.key(), std::move(*counts)});
    }
  }
  return rules;
}

Status check_format(const Json& document) {
  if (!document.is_object()) return Error{"$", "a protocol file must be a JSON object"};
  // treatment, response, rules and monitoring are read by their own modules from
  // Protocol::document; here they only need to be objects.
  Status known = reject_unknown_members(
      document, {"format", "id", "version", "title", "registry", "parameters", "observations",
                 "record_facts", "trial_facts", "definitions", "periods", "criteria", "treatment",
                 "response", "rules", "monitoring"},
      "$");
  if (!known.ok()) return known;
  auto format = required(read_text(document, "format", "$"), "format", "$");
  if (!format.ok()) return format.error();
  if (*format != kFormat) {
    return Error{"$.format", "'" + *format + "' is not a format this program reads (" + std::string(kFormat) + ")"};
  }
  for (const char* key : {"registry", "treatment", "response", "rules", "monitoring"}) {
    auto found = document.find(key);
    if (found != document.end() && !found->is_object()) {
      return Error{std::string("$.") + key, "must be an object, not " + json_type_name(*found)};
    }
  }
  return Status::Ok();
}

}  // namespace

const Criterion* Protocol::find_criterion(const std::string& criterion_id) const {
  for (const Criterion& criterion : criteria) {
    if (criterion.id == criterion_id) return &criterion;
  }
  return nullptr;
}

const Period* Protocol::find_period(const std::string& period_id) const {
  for (const Period& period : periods) {
    if (period.id == period_id) return &period;
  }
  return nullptr;
}

Result<Protocol> load_protocol(std::string_view text, const std::string& origin) {
  auto parsed = parse_json_text(text, "the protocol file " + origin);
  if (!parsed.ok()) return parsed.error();
  const Json& document = *parsed;
  Status format = check_format(document);
  if (!format.ok()) return format.error();

  Protocol protocol;
  protocol.document = document;
  auto id = required(read_text(document, "id", "$"), "id", "$");
  if (!id.ok()) return id.error();
  protocol.id = *id;
  auto version = required(read_text(document, "version", "$"), "version", "$");
  if (!version.ok()) return version.error();
  protocol.version = *version;
  auto title = required(read_text(document, "title", "$"), "title", "$");
  if (!title.ok()) return title.error();
  protocol.title = *title;
  protocol.registry = document.value("registry", Json::object());

  protocol.record_format.fields = patient::contract_fields();
  if (const Json* extra = section(document, "record_facts")) {
    auto fields = patient::parse_extra_fields(*extra, "$.record_facts");
    if (!fields.ok()) return fields.error();
    for (patient::FieldSpec& field : *fields) {
      if (protocol.record_format.find_field(field.name) >= 0) {
        return Error{member_path("$.record_facts", field.name), "is already a field of the patient record"};
      }
      for (const expr::FactDeclaration& cohort_fact : cohort_facts()) {
        if (cohort_fact.name == field.name) {
          return Error{member_path("$.record_facts", field.name), "is a name the trial's record uses"};
        }
      }
      protocol.record_format.fields.push_back(std::move(field));
    }
  }
  const Json* observations = section(document, "observations");
  if (observations) {
    auto catalogue = patient::parse_observation_catalogue(*observations, "$.observations");
    if (!catalogue.ok()) return catalogue.error();
    protocol.record_format.observations = std::move(*catalogue);
  }
  auto trial_facts = read_trial_facts(document);
  if (!trial_facts.ok()) return trial_facts.error();

  auto library = std::make_shared<expr::Library>(protocol.record_format.schema(std::move(*trial_facts)));
  std::vector<expr::DefinitionSource> named;
  Status parameters = read_named_expressions(document, "parameters", true, named);
  if (!parameters.ok()) return parameters.error();
  size_t parameter_count = named.size();
  Status definitions = read_named_expressions(document, "definitions", false, named);
  if (!definitions.ok()) return definitions.error();
  Status defined = library->define(named);
  if (!defined.ok()) return defined.error();
  for (size_t i = 0; i < parameter_count; ++i) {
    const expr::Definition& parameter = library->definitions()[library->find_definition(named[i].name)];
    if (!parameter.expression.needs.empty()) {
      return Error{named[i].path, "a parameter is a constant; it must not read facts (it reads " +
                                      parameter.expression.needs.front() + ")"};
    }
  }
  protocol.library = library;

  auto periods = read_periods(document);
  if (!periods.ok()) return periods.error();
  protocol.periods = std::move(*periods);

  std::vector<std::string> period_ids;
  for (const Period& period : protocol.periods) period_ids.push_back(period.id);
  if (const Json* treatment = section(document, "treatment")) {
    auto spec = treatment::parse_treatment_spec(*treatment, "$.treatment", period_ids);
    if (!spec.ok()) return spec.error();
    protocol.treatment = std::move(*spec);
  }
  if (const Json* response = section(document, "response")) {
    auto spec = response::parse_response_spec(*response, "$.response", period_ids);
    if (!spec.ok()) return spec.error();
    protocol.response = std::move(*spec);
  }

  if (const Json* monitoring = section(document, "monitoring")) {
    auto design = stats::parse_monitoring_design(*monitoring, "$.monitoring");
    if (!design.ok()) return design.error();
    protocol.monitoring = *design;
  }

  auto cohort = std::make_shared<expr::Library>(cohort_schema(protocol.record_format));
  protocol.cohort_library = cohort;
  if (const Json* rules = section(document, "rules")) {
    auto read = read_rules(*rules, *cohort, library->schema());
    if (!read.ok()) return read.error();
    protocol.rules = std::move(*read);
  }

  const Json* criteria = section(document, "criteria");
  if (!criteria || !criteria->is_array()) return Error{"$.criteria", "is required: a list of eligibility criteria"};
  for (size_t i = 0; i < criteria->size(); ++i) {
    std::string path = element_path("$.criteria", i);
    auto criterion = read_criterion(*library, (*criteria)[i], path);
    if (!criterion.ok()) return criterion.error();
    if (protocol.find_criterion(criterion->id)) {
      return Error{member_path(path, "id"), "'" + criterion->id + "' is used twice"};
    }
    protocol.criteria.push_back(std::move(*criterion));
  }
  return protocol;
}

Result<Protocol> load_builtin_protocol() { return load_protocol(builtin_protocol_text(), "(built in)"); }

}  // namespace trialcore

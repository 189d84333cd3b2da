#include "omop/omop_mapping.h"

#include <algorithm>
#include <set>

#include "base/json_fields.h"
#include "omop/json_member.h"

namespace trialcore::omop {

namespace {

using patient::FieldKind;
using patient::FieldSpec;

Result<ConceptSet> read_concepts(const Json& json, const std::string& path) {
  if (!json.is_array() || json.empty()) return Error{path, "must be a non-empty list of {\"vocabulary\", \"code\"}"};
  ConceptSet set;
  for (size_t i = 0; i < json.size(); ++i) {
    std::string here = element_path(path, i);
    if (!json[i].is_object()) return Error{here, "must be an object {\"vocabulary\", \"code\"}"};
    Status members = reject_unknown_members(json[i], {"vocabulary", "code", "name", "source"}, here);
    if (!members.ok()) return members.error();
    auto vocabulary = required(read_text(json[i], "vocabulary", here), "vocabulary", here);
    if (!vocabulary.ok()) return vocabulary.error();
    auto code = required(read_text(json[i], "code", here), "code", here);
    if (!code.ok()) return code.error();
    if (vocabulary->empty() || code->empty()) return Error{here, "vocabulary and code must not be empty"};
    set.push_back({*vocabulary, *code, here});
  }
  return set;
}

// {"value": [concepts], ...}
Result<std::vector<ValueConcepts>> read_value_concepts(const Json& json, const std::string& path) {
  if (!json.is_object() || json.empty()) return Error{path, "must be an object of values, each with its concepts"};
  std::vector<ValueConcepts> values;
  for (const auto& [value, concepts] : json.items()) {
    if (value == "note") continue;
    auto set = read_concepts(concepts, member_path(path, value));
    if (!set.ok()) return set.error();
    values.push_back({value, std::move(*set)});
  }
  return values;
}

Result<const EventTable*> read_table(const Json& json, const std::string& path, std::initializer_list<const char*> allowed) {
  auto name = required(read_text(json, "table", path), "table", path);
  if (!name.ok()) return name.error();
  const EventTable* table = find_event_table(*name);
  bool fits = false;
  std::string list;
  for (const char* choice : allowed) {
    fits = fits || *name == choice;
    list += (list.empty() ? "" : ", ") + std::string(choice);
  }
  if (!table || !fits) return Error{member_path(path, "table"), "'" + *name + "' is not a table this source reads (" + list + ")"};
  return table;
}

Result<bool> read_confirm(const Json& json, const std::string& path) {
  auto confirm = read_bool(json, "confirm_at_visit", path);
  if (!confirm.ok()) return confirm.error();
  return confirm->value_or(false);
}

Status check_choices(const FieldSpec& spec, const std::vector<ValueConcepts>& values, const std::string& path) {
  if (spec.kind != FieldKind::kChoice) return Status::Ok();
  for (const ValueConcepts& value : values) {
    if (std::find(spec.choices.begin(), spec.choices.end(), value.value) == spec.choices.end()) {
      std::string list;
      for (const std::string& choice : spec.choices) list += (list.empty() ? "" : ", ") + choice;
      return Error{member_path(path, value.value), "'" + value.value + "' is not a value of " + spec.name + " (" + list + ")"};
    }
  }
  return Status::Ok();
}

Result<FactMapping> read_fact(const std::string& name, const Json& json, const std::string& path,
                              const patient::RecordFormat& format) {
  int slot = format.find_field(name);
  if (slot < 0) return Error{path, "'" + name + "' is not a fact of the protocol's patient record"};
  const FieldSpec& spec = format.fields[slot];
  if (!json.is_object()) return Error{path, "must be an object with a \"source\""};
  FactMapping mapping;
  mapping.fact = name;
  mapping.path = path;
  auto source = required(read_text(json, "source", path), "source", path);
  if (!source.ok()) return source.error();
  auto confirm = read_confirm(json, path);
  if (!confirm.ok()) return confirm.error();
  mapping.confirm_at_visit = *confirm;
  auto wrong_kind = [&](const char* wanted) {
    return Error{member_path(path, "source"), "'" + *source + "' gives " + wanted + ", but " + name + " is not one"};
  };
  Status members = Status::Ok();
  if (*source == "person_birth_date") {
    mapping.source = FactSource::kBirthDate;
    if (spec.kind != FieldKind::kDate) return wrong_kind("a date");
    members = reject_unknown_members(json, {"source", "confirm_at_visit"}, path);
  } else if (*source == "person_gender") {
    mapping.source = FactSource::kGender;
    if (spec.kind != FieldKind::kChoice) return wrong_kind("a choice");
    members = reject_unknown_members(json, {"source", "values", "confirm_at_visit"}, path);
    if (!members.ok()) return members.error();
    auto values = read_value_concepts(json.value("values", Json()), member_path(path, "values"));
    if (!values.ok()) return values.error();
    mapping.values = std::move(*values);
    members = check_choices(spec, mapping.values, member_path(path, "values"));
  } else if (*source == "latest_condition") {
    mapping.source = FactSource::kLatestCondition;
    if (spec.kind != FieldKind::kChoice && spec.kind != FieldKind::kText) return wrong_kind("a text");
    members = reject_unknown_members(json, {"source", "table", "values", "when_absent", "confirm_at_visit"}, path);
    if (!members.ok()) return members.error();
    auto table = read_table(json, path, {"condition_occurrence", "observation", "procedure_occurrence"});
    if (!table.ok()) return table.error();
    mapping.table = *table;
    auto values = read_value_concepts(json.value("values", Json()), member_path(path, "values"));
    if (!values.ok()) return values.error();
    mapping.values = std::move(*values);
    auto absent = read_text(json, "when_absent", path);
    if (!absent.ok()) return absent.error();
    mapping.when_absent = *absent;
    std::vector<ValueConcepts> all = mapping.values;
    if (mapping.when_absent) all.push_back({*mapping.when_absent, {}});
    members = check_choices(spec, all, member_path(path, "values"));
  } else if (*source == "event_present") {
    mapping.source = FactSource::kEventPresent;
    if (spec.kind != FieldKind::kBoolean) return wrong_kind("true or false");
    members = reject_unknown_members(json, {"source", "table", "concepts", "when_absent", "confirm_at_visit"}, path);
    if (!members.ok()) return members.error();
    auto table = read_table(json, path, {"condition_occurrence", "observation", "procedure_occurrence"});
    if (!table.ok()) return table.error();
    mapping.table = *table;
    auto concepts = read_concepts(json.value("concepts", Json()), member_path(path, "concepts"));
    if (!concepts.ok()) return concepts.error();
    mapping.concepts = std::move(*concepts);
    auto absent = read_bool(json, "when_absent", path);
    if (!absent.ok()) return absent.error();
    if (absent->has_value()) {
      if (**absent) return Error{member_path(path, "when_absent"), "must be false or absent: no event cannot say true"};
      mapping.when_absent = "false";
    }
  } else if (*source == "latest_number") {
    mapping.source = FactSource::kLatestNumber;
    if (spec.kind != FieldKind::kInteger && spec.kind != FieldKind::kNumber) return wrong_kind("a number");
    members = reject_unknown_members(json, {"source", "table", "concepts", "within_days", "confirm_at_visit"}, path);
    if (!members.ok()) return members.error();
    auto table = read_table(json, path, {"measurement", "observation"});
    if (!table.ok()) return table.error();
    mapping.table = *table;
    auto concepts = read_concepts(json.value("concepts", Json()), member_path(path, "concepts"));
    if (!concepts.ok()) return concepts.error();
    mapping.concepts = std::move(*concepts);
    auto within = read_integer(json, "within_days", path);
    if (!within.ok()) return within.error();
    if (within->has_value()) {
      if (**within < 0 || **within > 36600) return Error{member_path(path, "within_days"), "must be 0 to 36600"};
      mapping.within_days = static_cast<int>(**within);
    }
  } else if (*source == "distinct_start_dates") {
    mapping.source = FactSource::kDistinctStarts;
    if (spec.kind != FieldKind::kInteger) return wrong_kind("a whole number");
    members = reject_unknown_members(json, {"source", "list", "except", "confirm_at_visit"}, path);
    if (!members.ok()) return members.error();
    auto list = required(read_text(json, "list", path), "list", path);
    if (!list.ok()) return list.error();
    mapping.list = *list;
    auto except = read_text(json, "except", path);
    if (!except.ok()) return except.error();
    mapping.except_member = except->value_or("");
  } else {
    return Error{member_path(path, "source"), "'" + *source + "' is not a source (person_birth_date, person_gender, "
                 "latest_condition, event_present, latest_number, distinct_start_dates)"};
  }
  if (!members.ok()) return members.error();
  return mapping;
}

Result<ObservationMapping> read_observation(const std::string& code, const Json& json, const std::string& path,
                                            const patient::ObservationCatalogue& catalogue) {
  const patient::ObservationSpec* spec = patient::find_observation(catalogue, code);
  if (!spec) return Error{path, "'" + code + "' is not an observation of the protocol's catalogue"};
  if (!json.is_object()) return Error{path, "must be an object"};
  Status members = reject_unknown_members(json, {"table", "concepts", "units", "results", "confirm_at_visit"}, path);
  if (!members.ok()) return members.error();
  ObservationMapping mapping;
  mapping.code = code;
  mapping.path = path;
  auto table = read_table(json, path, {"measurement", "observation"});
  if (!table.ok()) return table.error();
  mapping.table = *table;
  auto concepts = read_concepts(json.value("concepts", Json()), member_path(path, "concepts"));
  if (!concepts.ok()) return concepts.error();
  mapping.concepts = std::move(*concepts);
  auto confirm = read_confirm(json, path);
  if (!confirm.ok()) return confirm.error();
  mapping.confirm_at_visit = *confirm;
  if (spec->is_text) {
    auto results = read_value_concepts(json.value("results", Json()), member_path(path, "results"));
    if (!results.ok()) return results.error();
    for (const ValueConcepts& result : *results) {
      if (std::find(spec->values.begin(), spec->values.end(), result.value) == spec->values.end()) {
        return Error{member_path(member_path(path, "results"), result.value), "'" + result.value + "' is not a result of " + code};
      }
    }
    mapping.results = std::move(*results);
    if (json.contains("units")) return Error{member_path(path, "units"), code + " is a text result: it has no units"};
  } else {
    auto units = read_value_concepts(json.value("units", Json()), member_path(path, "units"));
    if (!units.ok()) return units.error();
    for (const ValueConcepts& unit : *units) {
      if (!spec->to_unit(1, unit.value).ok()) {
        return Error{member_path(member_path(path, "units"), unit.value),
                     "unit '" + unit.value + "' is not accepted for " + code + " (" + spec->accepted_units() + ")"};
      }
    }
    mapping.units = std::move(*units);
    if (json.contains("results")) return Error{member_path(path, "results"), code + " is a number: it has no text results"};
  }
  return mapping;
}

Result<MemberMapping> read_member(const FieldSpec& member, const Json& json, const std::string& path, const EventTable& table) {
  MemberMapping mapping;
  mapping.member = member.name;
  auto wrong = [&](const std::string& what) {
    return Error{path, "'" + what + "' cannot give " + member.name + " (of kind " + std::string(member.kind == FieldKind::kDate ? "date" : member.kind == FieldKind::kBoolean ? "true/false" : "text") + ")"};
  };
  if (json.is_string()) {
    std::string name = json.get<std::string>();
    if (name == "concept_name") {
      mapping.source = MemberSource::kConceptName;
      if (member.kind != FieldKind::kText) return wrong(name);
    } else if (name == "start_date") {
      mapping.source = MemberSource::kStartDate;
      if (member.kind != FieldKind::kDate) return wrong(name);
    } else if (name == "end_date") {
      mapping.source = MemberSource::kEndDate;
      if (member.kind != FieldKind::kDate) return wrong(name);
      if (table.end_date.empty()) return Error{path, table.name + " has no end date"};
    } else {
      return Error{path, "'" + name + "' is not a member source (concept_name, start_date, end_date, {\"route\": [...]}, {\"by_concept\": {...}})"};
    }
    return mapping;
  }
  if (!json.is_object()) return Error{path, "must be a text or an object"};
  Status members = reject_unknown_members(json, {"route", "by_concept"}, path);
  if (!members.ok()) return members.error();
  if (json.contains("route")) {
    mapping.source = MemberSource::kRoute;
    if (member.kind != FieldKind::kBoolean) return wrong("route");
    if (!table.has_route) return Error{path, table.name + " has no route"};
    auto route = read_concepts(json["route"], member_path(path, "route"));
    if (!route.ok()) return route.error();
    mapping.route = std::move(*route);
    return mapping;
  }
  if (json.contains("by_concept")) {
    mapping.source = MemberSource::kByConcept;
    if (member.kind != FieldKind::kChoice && member.kind != FieldKind::kText) return wrong("by_concept");
    auto values = read_value_concepts(json["by_concept"], member_path(path, "by_concept"));
    if (!values.ok()) return values.error();
    Status choices = check_choices(member, *values, member_path(path, "by_concept"));
    if (!choices.ok()) return choices.error();
    mapping.values = std::move(*values);
    return mapping;
  }
  return Error{path, "must have \"route\" or \"by_concept\""};
}

Result<ListMapping> read_list(const std::string& name, const Json& json, const std::string& path,
                              const patient::RecordFormat& format) {
  int slot = format.find_field(name);
  if (slot < 0 || format.fields[slot].kind != FieldKind::kList) {
    return Error{path, "'" + name + "' is not a list of the protocol's patient record"};
  }
  const FieldSpec& spec = format.fields[slot];
  if (!json.is_object()) return Error{path, "must be an object"};
  Status members = reject_unknown_members(json, {"table", "concepts", "members", "confirm_at_visit"}, path);
  if (!members.ok()) return members.error();
  ListMapping mapping;
  mapping.fact = name;
  mapping.path = path;
  auto table = read_table(json, path, {"drug_exposure", "procedure_occurrence", "condition_occurrence"});
  if (!table.ok()) return table.error();
  mapping.table = *table;
  auto confirm = read_confirm(json, path);
  if (!confirm.ok()) return confirm.error();
  mapping.confirm_at_visit = *confirm;
  if (json.contains("concepts")) {
    auto concepts = read_concepts(json["concepts"], member_path(path, "concepts"));
    if (!concepts.ok()) return concepts.error();
    mapping.concepts = std::move(*concepts);
  }
  std::string members_path = member_path(path, "members");
  const Json& member_json = json.value("members", Json());
  if (!member_json.is_object()) return Error{members_path, "must map every member of " + name + "'s entries"};
  for (const auto& [key, value] : member_json.items()) {
    bool known = key == "note";
    for (const FieldSpec& member : spec.members) known = known || member.name == key;
    if (!known) return Error{member_path(members_path, key), "'" + key + "' is not a member of " + name + "'s entries"};
  }
  for (const FieldSpec& member : spec.members) {
    std::string here = member_path(members_path, member.name);
    if (!member_json.contains(member.name)) {
      return Error{here, "is required: every member is mapped, so that no entry has a member unknown"};
    }
    auto read = read_member(member, member_json[member.name], here, **table);
    if (!read.ok()) return read.error();
    // A value by concept makes the concepts of the entries.
    for (const ValueConcepts& value : read->values) {
      mapping.concepts.insert(mapping.concepts.end(), value.concepts.begin(), value.concepts.end());
    }
    mapping.members.push_back(std::move(*read));
  }
  if (mapping.concepts.empty()) return Error{member_path(path, "concepts"), "is required (or a member by_concept)"};
  return mapping;
}

// Every fact, observation and list the protocol's expressions read.
std::set<std::string> facts_read(const Protocol& protocol) {
  std::set<std::string> read;
  auto add = [&](const expr::Expression& expression) { read.insert(expression.needs.begin(), expression.needs.end()); };
  for (const Criterion& criterion : protocol.criteria) {
    add(criterion.rule);
    if (criterion.applies_when) add(*criterion.applies_when);
  }
  for (const expr::FactDeclaration& trial_fact : protocol.library->schema().trial_facts) read.erase(trial_fact.name);
  return read;
}

}  // namespace

const FactMapping* OmopMapping::find_fact(const std::string& name) const {
  for (const FactMapping& fact : facts) {
    if (fact.fact == name) return &fact;
  }
  return nullptr;
}

const ObservationMapping* OmopMapping::find_observation(const std::string& code) const {
  for (const ObservationMapping& observation : observations) {
    if (observation.code == code) return &observation;
  }
  return nullptr;
}

const ListMapping* OmopMapping::find_list(const std::string& name) const {
  for (const ListMapping& list : lists) {
    if (list.fact == name) return &list;
  }
  return nullptr;
}

bool OmopMapping::obtained_at_visit(const std::string& fact_in) const {
  std::string fact = fact_in.substr(0, fact_in.find_first_of(".["));
  if (not_in_omop.count(fact)) return true;
  if (const FactMapping* mapped = find_fact(fact)) return mapped->confirm_at_visit;
  if (const ObservationMapping* mapped = find_observation(fact)) return mapped->confirm_at_visit;
  if (const ListMapping* mapped = find_list(fact)) return mapped->confirm_at_visit;
  return true;  // a trial fact: not the warehouse's
}

std::vector<ConceptCode> OmopMapping::all_concepts() const {
  std::vector<ConceptCode> all;
  auto add = [&](const ConceptSet& set) {
    for (const ConceptCode& code : set) {
      bool seen = false;
      for (const ConceptCode& other : all) seen = seen || (other.vocabulary == code.vocabulary && other.code == code.code);
      if (!seen) all.push_back(code);
    }
  };
  for (const FactMapping& fact : facts) {
    add(fact.concepts);
    for (const ValueConcepts& value : fact.values) add(value.concepts);
  }
  for (const ObservationMapping& observation : observations) {
    add(observation.concepts);
    for (const ValueConcepts& unit : observation.units) add(unit.concepts);
    for (const ValueConcepts& result : observation.results) add(result.concepts);
  }
  for (const ListMapping& list : lists) {
    add(list.concepts);
    for (const MemberMapping& member : list.members) add(member.route);
  }
  return all;
}

Result<OmopMapping> load_omop_mapping(std::string_view text, const Protocol& protocol) {
  auto parsed = parse_json_text(text, "the OMOP mapping");
  if (!parsed.ok()) return parsed.error();
  const Json& json = *parsed;
  if (!json.is_object()) return Error{"$", "must be an object"};
  Status members = reject_unknown_members(json, {"format", "protocol", "facts", "observations", "lists", "not_in_omop"}, "$");
  if (!members.ok()) return members.error();
  auto format = required(read_text(json, "format", "$"), "format", "$");
  if (!format.ok()) return format.error();
  if (*format != "trialcore-omop-mapping/1") return Error{"$.format", "must be \"trialcore-omop-mapping/1\", not \"" + *format + "\""};
  OmopMapping mapping;
  auto id = required(read_text(json, "protocol", "$"), "protocol", "$");
  if (!id.ok()) return id.error();
  if (*id != protocol.id) return Error{"$.protocol", "maps " + *id + ", but the protocol is " + protocol.id};
  mapping.protocol = *id;
  const patient::RecordFormat& record = protocol.record_format;
  for (const char* section : {"facts", "observations", "lists", "not_in_omop"}) {
    if (json.contains(section) && !json[section].is_object()) return Error{member_path("$", section), "must be an object"};
  }
  for (const auto& [name, value] : member_or_empty(json, "facts").items()) {
    if (name == "note") continue;
    auto fact = read_fact(name, value, member_path("$.facts", name), record);
    if (!fact.ok()) return fact.error();
    mapping.facts.push_back(std::move(*fact));
  }
  for (const auto& [code, value] : member_or_empty(json, "observations").items()) {
    if (code == "note") continue;
    auto observation = read_observation(code, value, member_path("$.observations", code), record.observations);
    if (!observation.ok()) return observation.error();
    mapping.observations.push_back(std::move(*observation));
  }
  for (const auto& [name, value] : member_or_empty(json, "lists").items()) {
    if (name == "note") continue;
    auto list = read_list(name, value, member_path("$.lists", name), record);
    if (!list.ok()) return list.error();
    mapping.lists.push_back(std::move(*list));
  }
  for (const auto& [name, value] : member_or_empty(json, "not_in_omop").items()) {
    if (name == "note") continue;
    std::string here = member_path("$.not_in_omop", name);
    if (record.find_field(name) < 0 && !patient::find_observation(record.observations, name)) {
      return Error{here, "'" + name + "' is not a fact of the protocol's patient record"};
    }
    if (!value.is_string() || value.get<std::string>().empty()) return Error{here, "must say how the fact is obtained"};
    if (mapping.find_fact(name) || mapping.find_observation(name) || mapping.find_list(name)) {
      return Error{here, "'" + name + "' is mapped above: a fact is either mapped or not in OMOP"};
    }
    mapping.not_in_omop[name] = value.get<std::string>();
  }
  for (const FactMapping& fact : mapping.facts) {
    if (fact.source == FactSource::kDistinctStarts) {
      const ListMapping* list = mapping.find_list(fact.list);
      if (!list) return Error{member_path(fact.path, "list"), "'" + fact.list + "' is not a list mapped under $.lists"};
      bool has_start = false, has_except = fact.except_member.empty();
      for (const MemberMapping& member : list->members) {
        has_start = has_start || member.source == MemberSource::kStartDate;
        has_except = has_except || (member.member == fact.except_member && member.source == MemberSource::kRoute);
      }
      if (!has_start) return Error{member_path(fact.path, "list"), fact.list + " has no member mapped to start_date"};
      if (!has_except) return Error{member_path(fact.path, "except"), "'" + fact.except_member + "' is not a member of " + fact.list + " mapped by route"};
    }
  }
  for (const std::string& fact : facts_read(protocol)) {
    if (mapping.find_fact(fact) || mapping.find_observation(fact) || mapping.find_list(fact) || mapping.not_in_omop.count(fact)) continue;
    return Error{"$", "the criteria read '" + fact + "': map it, or list it under not_in_omop with how it is obtained"};
  }
  return mapping;
}

}  // namespace trialcore::omop

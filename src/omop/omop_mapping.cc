#include "omop/omop_mapping.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "base/object_reader.h"

namespace trialcore::omop {

namespace {

using patient::FieldKind;
using patient::FieldSpec;

std::string listed(std::initializer_list<const char*> names) {
  std::string list;
  for (const char* name : names) list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

// [{"vocabulary", "code", "name", "source"}, ...], at least one.
ConceptSet read_concepts(ObjectReader& in, const Json* json, const std::string& path) {
  ConceptSet set;
  if (!json || !json->is_array() || json->empty()) {
    in.fail(Error{path, "must be a non-empty list of {\"vocabulary\", \"code\"}"});
    return set;
  }
  in.each_object(*json, path, [&](ObjectReader& named) {
    std::string vocabulary = named.required_text("vocabulary");
    std::string code = named.required_text("code");
    named.text("name");
    named.text("source");
    if (named.ok() && (vocabulary.empty() || code.empty())) {
      return named.fail(Error{named.path(), "vocabulary and code must not be empty"});
    }
    set.push_back({vocabulary, code, named.path()});
  });
  return set;
}

// {"value": [concepts], ...}
std::vector<ValueConcepts> read_value_concepts(ObjectReader& in, const Json* json, const std::string& path) {
  std::vector<ValueConcepts> values;
  if (!json || !json->is_object() || json->empty()) {
    in.fail(Error{path, "must be an object of values, each with its concepts"});
    return values;
  }
  in.each_member(*json, path, [&](const std::string& value, const Json& concepts, const std::string& here) {
    if (value == "note") return;
    ConceptSet set = read_concepts(in, &concepts, here);
    if (in.ok()) values.push_back({value, std::move(set)});
  });
  return values;
}

// The member `key` of the entry `in` reads, as value concepts.
std::vector<ValueConcepts> value_concepts_at(ObjectReader& in, std::string_view key) {
  return read_value_concepts(in, in.member(key), in.path_of(key));
}

ConceptSet concepts_at(ObjectReader& in, std::string_view key) { return read_concepts(in, in.member(key), in.path_of(key)); }

const EventTable* read_table(ObjectReader& in, std::initializer_list<const char*> allowed) {
  std::string name = in.required_text("table");
  if (!in.ok()) return nullptr;
  const EventTable* table = find_event_table(name);
  bool fits = false;
  for (const char* choice : allowed) fits = fits || name == choice;
  if (!table || !fits) {
    in.fail("table", "'" + name + "' is not a table this source reads (" + listed(allowed) + ")");
    return nullptr;
  }
  return table;
}

bool read_confirm(ObjectReader& in) { return in.boolean("confirm_at_visit").value_or(false); }

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

// The members of each source of a fact, read into `mapping` (its source set already).
void read_gender(ObjectReader& fact, const FieldSpec& spec, FactMapping& mapping) {
  mapping.values = value_concepts_at(fact, "values");
  if (fact.ok()) fact.take(check_choices(spec, mapping.values, fact.path_of("values")));
}

void read_latest_condition(ObjectReader& fact, const FieldSpec& spec, FactMapping& mapping) {
  mapping.table = read_table(fact, {"condition_occurrence", "observation", "procedure_occurrence"});
  mapping.values = value_concepts_at(fact, "values");
  mapping.when_absent = fact.text("when_absent");
  if (!fact.ok()) return;
  std::vector<ValueConcepts> all = mapping.values;
  if (mapping.when_absent) all.push_back({*mapping.when_absent, {}});
  fact.take(check_choices(spec, all, fact.path_of("values")));
}

void read_event_present(ObjectReader& fact, FactMapping& mapping) {
  mapping.table = read_table(fact, {"condition_occurrence", "observation", "procedure_occurrence"});
  mapping.concepts = concepts_at(fact, "concepts");
  std::optional<bool> absent = fact.boolean("when_absent");
  if (absent && *absent) return fact.fail("when_absent", "must be false or absent: no event cannot say true");
  if (absent) mapping.when_absent = "false";
}

void read_latest_number(ObjectReader& fact, FactMapping& mapping) {
  mapping.table = read_table(fact, {"measurement", "observation"});
  mapping.concepts = concepts_at(fact, "concepts");
  std::optional<int64_t> within = fact.integer("within_days");
  if (within && (*within < 0 || *within > 36600)) return fact.fail("within_days", "must be 0 to 36600");
  if (within) mapping.within_days = static_cast<int>(*within);
}

void read_distinct_starts(ObjectReader& fact, FactMapping& mapping) {
  mapping.list = fact.required_text("list");
  mapping.except_member = fact.text("except").value_or("");
}

// What each source gives, as the fact's kind must be.
struct SourceKind {
  const char* name;
  FactSource source;
  const char* gives;
  std::vector<FieldKind> fits;
};

const std::vector<SourceKind>& source_kinds() {
  static const std::vector<SourceKind> kinds = {
      {"person_birth_date", FactSource::kBirthDate, "a date", {FieldKind::kDate}},
      {"person_gender", FactSource::kGender, "a choice", {FieldKind::kChoice}},
      {"latest_condition", FactSource::kLatestCondition, "a text", {FieldKind::kChoice, FieldKind::kText}},
      {"event_present", FactSource::kEventPresent, "true or false", {FieldKind::kBoolean}},
      {"latest_number", FactSource::kLatestNumber, "a number", {FieldKind::kInteger, FieldKind::kNumber}},
      {"distinct_start_dates", FactSource::kDistinctStarts, "a whole number", {FieldKind::kInteger}},
  };
  return kinds;
}

void read_fact_source(ObjectReader& fact, const FieldSpec& spec, FactMapping& mapping) {
  std::string source = fact.required_text("source");
  mapping.confirm_at_visit = read_confirm(fact);
  if (!fact.ok()) return fact.ignore_other_members();
  const SourceKind* kind = nullptr;
  for (const SourceKind& candidate : source_kinds()) kind = source == candidate.name ? &candidate : kind;
  if (!kind) {
    fact.ignore_other_members();  // the source decides which members there are
    return fact.fail("source", "'" + source + "' is not a source (person_birth_date, person_gender, "
                               "latest_condition, event_present, latest_number, distinct_start_dates)");
  }
  mapping.source = kind->source;
  if (std::find(kind->fits.begin(), kind->fits.end(), spec.kind) == kind->fits.end()) {
    fact.ignore_other_members();
    return fact.fail("source", "'" + source + "' gives " + kind->gives + ", but " + spec.name + " is not one");
  }
  switch (kind->source) {
    case FactSource::kBirthDate: return;
    case FactSource::kGender: return read_gender(fact, spec, mapping);
    case FactSource::kLatestCondition: return read_latest_condition(fact, spec, mapping);
    case FactSource::kEventPresent: return read_event_present(fact, mapping);
    case FactSource::kLatestNumber: return read_latest_number(fact, mapping);
    case FactSource::kDistinctStarts: return read_distinct_starts(fact, mapping);
  }
}

void read_fact(ObjectReader& in, const std::string& name, const Json& json, const std::string& path,
               const patient::RecordFormat& format, std::vector<FactMapping>& into) {
  int slot = format.find_field(name);
  if (slot < 0) return in.fail(Error{path, "'" + name + "' is not a fact of the protocol's patient record"});
  FactMapping mapping;
  mapping.fact = name;
  mapping.path = path;
  in.nested(json, path, [&](ObjectReader& fact) { read_fact_source(fact, format.fields[slot], mapping); });
  if (in.ok()) into.push_back(std::move(mapping));
}

// The value concepts of a text observation's results, or of a number's units, each checked.
void read_results_or_units(ObjectReader& entry, const patient::ObservationSpec& spec, ObservationMapping& mapping) {
  const std::string& code = mapping.code;
  if (spec.is_text) {
    mapping.results = value_concepts_at(entry, "results");
    for (const ValueConcepts& result : mapping.results) {
      if (std::find(spec.values.begin(), spec.values.end(), result.value) == spec.values.end()) {
        return entry.fail(Error{member_path(entry.path_of("results"), result.value), "'" + result.value + "' is not a result of " + code});
      }
    }
    if (entry.member("units")) entry.fail("units", code + " is a text result: it has no units");
    return;
  }
  mapping.units = value_concepts_at(entry, "units");
  for (const ValueConcepts& unit : mapping.units) {
    if (!spec.to_unit(1, unit.value).ok()) {
      return entry.fail(Error{member_path(entry.path_of("units"), unit.value),
                              "unit '" + unit.value + "' is not accepted for " + code + " (" + spec.accepted_units() + ")"});
    }
  }
  if (entry.member("results")) entry.fail("results", code + " is a number: it has no text results");
}

void read_observation(ObjectReader& in, const std::string& code, const Json& json, const std::string& path,
                      const patient::ObservationCatalogue& catalogue, std::vector<ObservationMapping>& into) {
  const patient::ObservationSpec* spec = patient::find_observation(catalogue, code);
  if (!spec) return in.fail(Error{path, "'" + code + "' is not an observation of the protocol's catalogue"});
  ObservationMapping mapping;
  mapping.code = code;
  mapping.path = path;
  in.nested(json, path, [&](ObjectReader& entry) {
    mapping.table = read_table(entry, {"measurement", "observation"});
    mapping.concepts = concepts_at(entry, "concepts");
    mapping.confirm_at_visit = read_confirm(entry);
    read_results_or_units(entry, *spec, mapping);
  });
  if (in.ok()) into.push_back(std::move(mapping));
}

// A member of a list's entries: "concept_name", "start_date", "end_date", {"route": [...]} or
// {"by_concept": {...}}.
MemberMapping read_member(ObjectReader& in, const FieldSpec& member, const Json& json, const std::string& path,
                          const EventTable& table) {
  MemberMapping mapping;
  mapping.member = member.name;
  auto wrong = [&](const std::string& what) {
    in.fail(Error{path, "'" + what + "' cannot give " + member.name + " (of kind " +
                            std::string(member.kind == FieldKind::kDate ? "date" : member.kind == FieldKind::kBoolean ? "true/false" : "text") + ")"});
  };
  if (json.is_string()) {
    std::string name = json.get<std::string>();
    static const std::vector<std::tuple<const char*, MemberSource, FieldKind>> kNamed = {
        {"concept_name", MemberSource::kConceptName, FieldKind::kText},
        {"start_date", MemberSource::kStartDate, FieldKind::kDate},
        {"end_date", MemberSource::kEndDate, FieldKind::kDate}};
    for (const auto& [named, source, kind] : kNamed) {
      if (name != named) continue;
      mapping.source = source;
      if (member.kind != kind) wrong(name);
      else if (source == MemberSource::kEndDate && table.end_date.empty()) in.fail(Error{path, table.name + " has no end date"});
      return mapping;
    }
    in.fail(Error{path, "'" + name + "' is not a member source (concept_name, start_date, end_date, {\"route\": [...]}, {\"by_concept\": {...}})"});
    return mapping;
  }
  if (!json.is_object()) {
    in.fail(Error{path, "must be a text or an object"});
    return mapping;
  }
  in.nested(json, path, [&](ObjectReader& source) {
    const Json* route = source.member("route");
    const Json* by_concept = source.member("by_concept");
    if (route) {
      mapping.source = MemberSource::kRoute;
      if (member.kind != FieldKind::kBoolean) return wrong("route");
      if (!table.has_route) return source.fail(Error{path, table.name + " has no route"});
      mapping.route = read_concepts(source, route, source.path_of("route"));
    } else if (by_concept) {
      mapping.source = MemberSource::kByConcept;
      if (member.kind != FieldKind::kChoice && member.kind != FieldKind::kText) return wrong("by_concept");
      mapping.values = read_value_concepts(source, by_concept, source.path_of("by_concept"));
      if (source.ok()) source.take(check_choices(member, mapping.values, source.path_of("by_concept")));
    } else {
      source.fail(Error{path, "must have \"route\" or \"by_concept\""});
    }
  });
  return mapping;
}

// "members": every member of the list's entries mapped, none other.
void read_list_members(ObjectReader& entry, const FieldSpec& spec, const EventTable& table, ListMapping& mapping) {
  const Json* members = entry.member("members");
  std::string path = entry.path_of("members");
  if (!members || !members->is_object()) return entry.fail(Error{path, "must map every member of " + spec.name + "'s entries"});
  entry.nested(*members, path, [&](ObjectReader& each) {
    for (const FieldSpec& member : spec.members) each.member(member.name);  // all known, whichever fails first
    for (const FieldSpec& member : spec.members) {
      const Json* given = each.member(member.name);
      if (!given) return each.fail(member.name, "is required: every member is mapped, so that no entry has a member unknown");
      MemberMapping read = read_member(each, member, *given, each.path_of(member.name), table);
      if (!each.ok()) return;
      // A value by concept makes the concepts of the entries.
      for (const ValueConcepts& value : read.values) {
        mapping.concepts.insert(mapping.concepts.end(), value.concepts.begin(), value.concepts.end());
      }
      mapping.members.push_back(std::move(read));
    }
  });
}

void read_list(ObjectReader& in, const std::string& name, const Json& json, const std::string& path,
               const patient::RecordFormat& format, std::vector<ListMapping>& into) {
  int slot = format.find_field(name);
  if (slot < 0 || format.fields[slot].kind != FieldKind::kList) {
    return in.fail(Error{path, "'" + name + "' is not a list of the protocol's patient record"});
  }
  ListMapping mapping;
  mapping.fact = name;
  mapping.path = path;
  in.nested(json, path, [&](ObjectReader& entry) {
    mapping.table = read_table(entry, {"drug_exposure", "procedure_occurrence", "condition_occurrence"});
    mapping.confirm_at_visit = read_confirm(entry);
    if (entry.member("concepts")) mapping.concepts = concepts_at(entry, "concepts");
    if (!entry.ok()) return entry.ignore_other_members();
    read_list_members(entry, format.fields[slot], *mapping.table, mapping);
    if (entry.ok() && mapping.concepts.empty()) entry.fail("concepts", "is required (or a member by_concept)");
  });
  if (in.ok()) into.push_back(std::move(mapping));
}

// Each entry of the section `key` (an object of names; "note" aside) through `read`.
template <class Read>
void each_entry(ObjectReader& in, const char* key, Read&& read) {
  const Json* section = in.given(key);
  if (!section) return;
  if (!section->is_object()) return in.fail(key, "must be an object");
  in.each_member(*section, in.path_of(key), [&](const std::string& name, const Json& value, const std::string& path) {
    if (name != "note") read(name, value, path);
  });
}

void read_not_in_omop(ObjectReader& in, const patient::RecordFormat& record, OmopMapping& mapping) {
  each_entry(in, "not_in_omop", [&](const std::string& name, const Json& value, const std::string& here) {
    if (record.find_field(name) < 0 && !patient::find_observation(record.observations, name)) {
      return in.fail(Error{here, "'" + name + "' is not a fact of the protocol's patient record"});
    }
    if (!value.is_string() || value.get<std::string>().empty()) return in.fail(Error{here, "must say how the fact is obtained"});
    if (mapping.find_fact(name) || mapping.find_observation(name) || mapping.find_list(name)) {
      return in.fail(Error{here, "'" + name + "' is mapped above: a fact is either mapped or not in OMOP"});
    }
    mapping.not_in_omop[name] = value.get<std::string>();
  });
}

// A fact counting a list's start dates needs that list mapped with a start date (and the
// member it leaves out mapped by route).
Status check_distinct_starts(const OmopMapping& mapping) {
  for (const FactMapping& fact : mapping.facts) {
    if (fact.source != FactSource::kDistinctStarts) continue;
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
  return Status::Ok();
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
  ObjectReader in(*parsed, "$");
  OmopMapping mapping;
  std::string format = in.required_text("format");
  if (in.ok() && format != "trialcore-omop-mapping/1") {
    in.fail("format", "must be \"trialcore-omop-mapping/1\", not \"" + format + "\"");
  }
  mapping.protocol = in.required_text("protocol");
  if (in.ok() && mapping.protocol != protocol.id) in.fail("protocol", "maps " + mapping.protocol + ", but the protocol is " + protocol.id);
  const patient::RecordFormat& record = protocol.record_format;
  each_entry(in, "facts", [&](const std::string& name, const Json& value, const std::string& path) {
    read_fact(in, name, value, path, record, mapping.facts);
  });
  each_entry(in, "observations", [&](const std::string& code, const Json& value, const std::string& path) {
    read_observation(in, code, value, path, record.observations, mapping.observations);
  });
  each_entry(in, "lists", [&](const std::string& name, const Json& value, const std::string& path) {
    read_list(in, name, value, path, record, mapping.lists);
  });
  read_not_in_omop(in, record, mapping);
  Status read = in.finish();
  if (!read.ok()) return read.error();
  Status starts = check_distinct_starts(mapping);
  if (!starts.ok()) return starts.error();
  for (const std::string& fact : facts_read(protocol)) {
    if (mapping.find_fact(fact) || mapping.find_observation(fact) || mapping.find_list(fact) || mapping.not_in_omop.count(fact)) continue;
    return Error{"$", "the criteria read '" + fact + "': map it, or list it under not_in_omop with how it is obtained"};
  }
  return mapping;
}

}  // namespace trialcore::omop

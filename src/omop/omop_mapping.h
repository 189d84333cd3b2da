// The mapping of a protocol's facts to OMOP, read from a file beside the protocol
// (protocols/<id>.omop.json). It says, for each fact the criteria read, which OMOP table
// holds it and by which standard concepts (vocabulary and code: LOINC, SNOMED, ICD-10-CM,
// RxNorm, CPT4, UCUM), resolved through the `concept` table so any OMOP instance works; and
// which facts OMOP does not hold and must be obtained at the screening visit. The code
// knows the kinds of source; the file holds the concepts.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/find_by.h"
#include "base/result.h"
#include "omop/omop_tables.h"
#include "protocol/protocol.h"

namespace trialcore::omop {

struct ConceptCode {
  std::string vocabulary;  // the concept table's vocabulary_id: "LOINC", "SNOMED", "ICD10CM", ...
  std::string code;        // its concept_code: "1975-2"
  std::string path;        // where the file names it, for messages
};
using ConceptSet = std::vector<ConceptCode>;

// A value of a fact, with the concepts that say it ("relapsed" <- ICD10CM C91.02).
struct ValueConcepts {
  std::string value;
  ConceptSet concepts;
};

enum class FactSource {
  kBirthDate,         // person: year, month and day of birth (unknown when month or day is missing)
  kGender,            // person: gender_concept_id, a value by concept
  kLatestCondition,   // the value of the latest event on or before the date among `values`' concepts
  kEventPresent,      // true when an event of `concepts` is on or before the date
  kLatestNumber,      // value_as_number of the latest event of `concepts` on or before the date
  kDistinctStarts,    // how many distinct start dates the list `list`'s entries have, CNS-directed ones aside
};

struct FactMapping {
  std::string fact;
  FactSource source = FactSource::kBirthDate;
  const EventTable* table = nullptr;   // kLatestCondition, kEventPresent, kLatestNumber
  std::vector<ValueConcepts> values;   // kGender, kLatestCondition
  ConceptSet concepts;                 // kEventPresent, kLatestNumber
  // The value when no event is found (kLatestCondition: a text; kEventPresent: "false");
  // without it the fact is unknown.
  std::optional<std::string> when_absent;
  std::optional<int> within_days;      // kLatestNumber: an older value is not used
  std::string list;                    // kDistinctStarts
  std::string except_member;           // kDistinctStarts: entries where this true/false member is true are not counted
  bool confirm_at_visit = false;       // unknown here is asked at the visit, not a gap in the data
  std::string path;
};

struct ObservationMapping {
  std::string code;                    // the catalogue's code: "bilirubin"
  const EventTable* table = nullptr;   // measurement or observation
  ConceptSet concepts;
  std::vector<ValueConcepts> units;    // a catalogue unit and the UCUM concepts that say it
  std::vector<ValueConcepts> results;  // a text observation: a result and its value concepts
  bool confirm_at_visit = false;
  std::string path;
};

enum class MemberSource { kConceptName, kStartDate, kEndDate, kRoute, kByConcept };

struct MemberMapping {
  std::string member;
  MemberSource source = MemberSource::kStartDate;
  ConceptSet route;                    // kRoute: true when the route is one of these
  std::vector<ValueConcepts> values;   // kByConcept: the value by the event's concept
};

struct ListMapping {
  std::string fact;                    // "therapies"
  const EventTable* table = nullptr;
  ConceptSet concepts;                 // the events that are entries (kByConcept's too)
  std::vector<MemberMapping> members;  // one for each member of the list's entries
  bool confirm_at_visit = false;
  std::string path;
};

struct OmopMapping {
  std::string protocol;                          // the protocol's id it maps
  std::vector<FactMapping> facts;
  std::vector<ObservationMapping> observations;
  std::vector<ListMapping> lists;
  std::map<std::string, std::string> not_in_omop;  // fact -> how it is obtained

  const FactMapping* find_fact(const std::string& name) const { return find_by(facts, &FactMapping::fact, name); }
  const ObservationMapping* find_observation(const std::string& code) const {
    return find_by(observations, &ObservationMapping::code, code);
  }
  const ListMapping* find_list(const std::string& name) const { return find_by(lists, &ListMapping::fact, name); }
  // Whether a fact left unknown is one to obtain at the visit (OMOP does not hold it, or the
  // file says so) rather than one the warehouse lacks. Accepts "alt.uln" and
  // "therapies[2].end" as their fact.
  bool obtained_at_visit(const std::string& fact) const;
  // Every concept the file names, each once.
  std::vector<ConceptCode> all_concepts() const;
};

// Reads and validates a mapping against `protocol`: every fact the criteria read is mapped
// or listed in not_in_omop; kinds fit the facts (a gender to a choice, a date member to a
// date); a misspelt member, an unknown table or fact is an Error naming its JSON path.
Result<OmopMapping> load_omop_mapping(std::string_view text, const Protocol& protocol);

}  // namespace trialcore::omop

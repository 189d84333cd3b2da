// The concepts a mapping names, looked up in the database's concept table by vocabulary
// and code: each instance numbers its concepts its own way, so the ids are found, never
// assumed. A code the table lacks is reported, and matches no row.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "omop/omop_database.h"
#include "omop/omop_mapping.h"

namespace trialcore::omop {

class ConceptIds {
 public:
  // concept id -> the index of the value whose set holds it (the first, when several do).
  std::unordered_map<int64_t, int32_t> value_map(const std::vector<ValueConcepts>& values) const;
  // concept id -> 0 for every concept of the set.
  std::unordered_map<int64_t, int32_t> set_map(const ConceptSet& set) const;
  std::string name_of(int64_t id) const;

  std::vector<std::string> unresolved;  // "LOINC 1975-2"

 private:
  friend Result<ConceptIds> resolve_concepts(Database& database, const OmopMapping& mapping);
  std::unordered_map<std::string, std::vector<int64_t>> ids_;  // "vocabulary\tcode" -> ids
  std::unordered_map<int64_t, std::string> names_;
};

Result<ConceptIds> resolve_concepts(Database& database, const OmopMapping& mapping);

// 'text' as an SQL string literal.
std::string sql_text(const std::string& text);

}  // namespace trialcore::omop

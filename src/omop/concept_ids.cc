#include "omop/concept_ids.h"

namespace trialcore::omop {

namespace {

std::string key(const std::string& vocabulary, const std::string& code) { return vocabulary + "\t" + code; }

}  // namespace

std::string sql_text(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  return quoted + "'";
}

std::unordered_map<int64_t, int32_t> ConceptIds::value_map(const std::vector<ValueConcepts>& values) const {
  std::unordered_map<int64_t, int32_t> map;
  for (size_t i = 0; i < values.size(); ++i) {
    for (const ConceptCode& code : values[i].concepts) {
      auto found = ids_.find(key(code.vocabulary, code.code));
      if (found == ids_.end()) continue;
      for (int64_t id : found->second) map.emplace(id, static_cast<int32_t>(i));
    }
  }
  return map;
}

std::unordered_map<int64_t, int32_t> ConceptIds::set_map(const ConceptSet& set) const {
  return value_map({ValueConcepts{"", set}});
}

std::string ConceptIds::name_of(int64_t id) const {
  auto found = names_.find(id);
  return found == names_.end() ? "concept " + std::to_string(id) : found->second;
}

Result<ConceptIds> resolve_concepts(Database& database, const OmopMapping& mapping) {
  ConceptIds ids;
  std::vector<ConceptCode> all = mapping.all_concepts();
  std::string codes;
  for (const ConceptCode& code : all) codes += (codes.empty() ? "" : ", ") + sql_text(code.code);
  if (codes.empty()) return ids;
  Status read = database.query(
      "SELECT concept_id, vocabulary_id, concept_code, concept_name FROM concept WHERE concept_code IN (" + codes + ")",
      [&](const Row& row) {
        std::string found = key(std::string(row.text(1)), std::string(row.text(2)));
        ids.ids_[found].push_back(row.integer(0));
        ids.names_[row.integer(0)] = std::string(row.text(3));
      });
  if (!read.ok()) return read.error();
  for (const ConceptCode& code : all) {
    if (!ids.ids_.count(key(code.vocabulary, code.code))) ids.unresolved.push_back(code.vocabulary + " " + code.code);
  }
  return ids;
}

}  // namespace trialcore::omop

#include "patient/record_format.h"

namespace trialcore::patient {

int RecordFormat::find_field(const std::string& name) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

expr::Schema RecordFormat::schema(std::vector<expr::FactDeclaration> trial_facts) const {
  expr::Schema schema;
  for (const FieldSpec& field : fields) schema.facts.push_back({field.name, field_type(field), field.description});
  for (const ObservationSpec& observation : observations) {
    schema.observations.push_back({observation.code, observation.type(), observation.description});
  }
  schema.trial_facts = std::move(trial_facts);
  return schema;
}

}  // namespace trialcore::patient

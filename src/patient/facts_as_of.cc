#include "patient/facts_as_of.h"

namespace trialcore::patient {

namespace {

using expr::Value;

bool after(const Value& value, Date date) {
  return value.known() && std::holds_alternative<Date>(value.data) && date < value.date();
}

Value list_as_of(const FieldSpec& spec, const Value& value, Date date) {
  if (!value.known()) return value;
  auto kept = std::make_shared<std::vector<expr::Record>>();
  auto slot = [&](const std::string& name) {
    for (size_t i = 0; i < spec.members.size(); ++i) {
      if (spec.members[i].name == name) return static_cast<int>(i);
    }
    return -1;
  };
  int drop = slot(spec.drop_after_member);
  for (const expr::Record& entry : *value.list()) {
    if (drop >= 0 && after(entry.members[drop], date)) continue;
    expr::Record copy = entry;
    for (const std::string& member : spec.unknown_after_members) {
      int index = slot(member);
      if (index >= 0 && after(copy.members[index], date)) copy.members[index] = Value::Unknown();
    }
    kept->push_back(std::move(copy));
  }
  return Value::OfList(std::move(kept));
}

}  // namespace

expr::FactValues facts_as_of(const PatientRecord& record, const RecordFormat& format, Date date,
                             std::vector<expr::Value> trial_facts) {
  expr::FactValues values;
  values.evaluation_date = date;
  values.facts.reserve(format.fields.size());
  for (size_t i = 0; i < format.fields.size(); ++i) {
    const FieldSpec& spec = format.fields[i];
    const Value& fact = record.facts[i];
    if (spec.kind == FieldKind::kList) {
      values.facts.push_back(list_as_of(spec, fact, date));
    } else {
      values.facts.push_back(after(fact, date) ? Value::Unknown() : fact);
    }
  }
  values.observations.resize(format.observations.size());
  // Later observations stay: the dated lookup skips them and can say one exists.
  for (const expr::Observation& observation : record.observations) {
    for (size_t i = 0; i < format.observations.size(); ++i) {
      if (format.observations[i].code == observation.code) values.observations[i].push_back(observation);
    }
  }
  values.trial_facts = std::move(trial_facts);
  return values;
}

}  // namespace trialcore::patient

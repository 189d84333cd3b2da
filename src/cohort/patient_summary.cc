#include "cohort/patient_summary.h"

#include "patient/facts_as_of.h"
#include "protocol/cohort_schema.h"

namespace trialcore {

expr::FactValues cohort_fact_values(const Protocol& protocol, const PatientSummary& summary, Date date) {
  expr::FactValues values = patient::facts_as_of(summary.record, protocol.record_format, date, {});
  values.observations.clear();
  using expr::Value;
  // In the order of cohort_facts().
  values.facts.push_back(summary.period.empty() ? Value::Unknown() : Value::Text(summary.period));
  values.facts.push_back(summary.enrolled_on ? Value::OfDate(*summary.enrolled_on) : Value::Unknown());
  values.facts.push_back(Value::Number(summary.courses_given));
  values.facts.push_back(summary.best_response ? Value::Text(*summary.best_response) : Value::Unknown());
  values.facts.push_back(Value::Boolean(summary.responder));
  values.facts.push_back(Value::Boolean(summary.off_study));
  return values;
}

Count count_patients(const Protocol& protocol, const std::vector<PatientSummary>& patients,
                     const expr::Expression& expression, Date date) {
  Count count;
  for (const PatientSummary& patient : patients) {
    expr::FactValues values = cohort_fact_values(protocol, patient, date);
    expr::Evaluator evaluator(*protocol.cohort_library, values);
    expr::Outcome outcome = evaluator.evaluate(expression);
    if (outcome.value.is_true()) ++count.count;
    if (!outcome.value.known()) count.undecided.push_back(patient.record.id);
  }
  return count;
}

TrialFactValues derived_trial_facts(const Protocol& protocol, const std::vector<PatientSummary>& patients, Date date) {
  TrialFactValues facts;
  for (const DerivedTrialFact& derived : protocol.rules.derived_facts) {
    // A patient for whom it cannot be decided does not count: the gate opens on known facts only.
    facts[derived.name] = expr::Value::Number(count_patients(protocol, patients, derived.counts, date).count);
  }
  return facts;
}

}  // namespace trialcore

#include "trial/lab_proposals.h"

#include "patient/patient_record.h"

namespace trialcore::trial {

namespace {

std::optional<Date> first_dose(const PatientState& patient) {
  std::optional<Date> first;
  for (const DoseEntry& dose : patient.doses) {
    if (!first || dose.date < *first) first = dose.date;
  }
  return first;
}

}  // namespace

std::optional<safety::LabGrade> grade_of_lab(const Protocol& protocol, const ObservationEntry& observation) {
  const safety::LabRule* rule = protocol.safety.rule_for(observation.code);
  if (!rule) return std::nullopt;
  // The entry as recorded, read as the record reads it: converted to the catalogue's unit.
  Json holder = {{"id", "lab"}, {"observations", Json::array({observation.entry})}};
  auto parsed = patient::read_patient_record(holder, protocol.record_format, "$");
  if (!parsed.ok() || parsed->record.observations.empty()) return std::nullopt;
  return safety::grade_lab(protocol.safety, *rule, parsed->record.observations.front());
}

namespace {

std::optional<LabProposal> proposal_from(const Protocol& protocol, const PatientState& patient, std::optional<Date> from,
                                         const ObservationEntry& observation) {
  if (!from || !observation.date || *observation.date < *from) return std::nullopt;
  if (patient.off_study && patient.off_study->date < *observation.date) return std::nullopt;
  auto grade = grade_of_lab(protocol, observation);
  if (!grade || grade->grade == 0) return std::nullopt;
  LabProposal proposal{observation.sequence, *observation.date, std::move(*grade), std::nullopt};
  for (const AdverseEventEntry& event : patient.adverse_events) {
    if (event.observation == observation.sequence) proposal.recorded_as = event.stamp.sequence;
  }
  return proposal;
}

}  // namespace

std::vector<LabProposal> lab_proposals(const Protocol& protocol, const PatientState& patient) {
  std::vector<LabProposal> proposals;
  std::optional<Date> from = first_dose(patient);
  if (!from || protocol.safety.empty()) return proposals;
  for (const ObservationEntry& observation : patient.observations) {
    if (auto proposal = proposal_from(protocol, patient, from, observation)) proposals.push_back(std::move(*proposal));
  }
  return proposals;
}

std::optional<LabProposal> lab_proposal_of(const Protocol& protocol, const PatientState& patient,
                                           const ObservationEntry& observation) {
  if (protocol.safety.empty()) return std::nullopt;
  return proposal_from(protocol, patient, first_dose(patient), observation);
}

Json lab_grade_json(const safety::LabGrade& grade) {
  Json json = {{"observation_code", grade.observation}, {"term", grade.term},
               {"grade", grade.grade ? Json(*grade.grade) : Json()}, {"reason", grade.reason},
               {"reported", grade.reported}, {"uln_assumed", grade.uln_assumed}};
  if (!grade.cited.empty()) json["ctcae"] = grade.cited;
  if (!grade.missing.empty()) json["missing"] = grade.missing;
  return json;
}

Json lab_proposal_json(const LabProposal& proposal) {
  Json json = lab_grade_json(proposal.grade);
  json["observation"] = proposal.observation;
  json["date"] = proposal.date.to_string();
  json["recorded_as"] = proposal.recorded_as ? Json(*proposal.recorded_as) : Json();
  return json;
}

}  // namespace trialcore::trial

#include "prescreen/record_engine.h"

#include "omop/person_record.h"
#include "patient/patient_record.h"

namespace trialcore::prescreen {

Result<PersonResults> screen_records(const omop::Population& population, const omop::OmopMapping& mapping,
                                     const Protocol& protocol, Date as_of, const TrialFactValues& trial_facts) {
  ObtainFacts facts(protocol);
  PersonResults results;
  results.criteria = protocol.criteria.size();
  results.reserve(population.size());
  for (size_t p = 0; p < population.size(); ++p) {
    Json json = omop::person_record_json(population, p, mapping, protocol, as_of);
    std::string where = "person " + std::to_string(population.person_id[p]);
    auto record = patient::read_patient_record(json, protocol.record_format, "$");
    if (!record.ok()) return Error{where + " " + record.error().path, record.error().message, ErrorKind::kFailure};
    auto screening = screen(protocol, record->record, as_of, trial_facts);
    if (!screening.ok()) return Error{where, screening.error().to_string(), ErrorKind::kFailure};
    size_t first = results.add(population.person_id[p]);
    for (size_t c = 0; c < screening->criteria.size(); ++c) {
      const CriterionScreening& criterion = screening->criteria[c];
      results.result[first + c] = static_cast<uint8_t>(criterion.result);
      uint64_t mask = 0;
      for (const std::string& missing : criterion.missing) {
        int bit = facts.bit(missing);
        if (bit >= 0) mask |= uint64_t{1} << bit;
      }
      results.missing[first + c] = mask;
    }
  }
  return results;
}

}  // namespace trialcore::prescreen

// The registry's facts a protocol carries ("registry": phase, sponsor, condition, planned
// enrollment, ...), read once and typed for the exports. Absent is empty, never guessed; a
// member of the wrong type is an Error naming it ("$.registry.phase").
#pragma once

#include <optional>
#include <string>

#include "protocol/protocol.h"

namespace trialcore::usdm {

struct RegistryFacts {
  std::string nct_id;
  std::string brief_title;
  std::string sponsor;
  std::string condition;
  std::string phase;                // "Phase 2"
  std::string study_type;           // "Interventional (Clinical Trial)"
  std::string allocation;           // "Non-Randomized"
  std::string intervention_model;   // "Single Group Assignment"
  std::string intervention_model_description;
  std::string masking;              // "None (Open Label)"
  std::string primary_purpose;
  std::string start_date;           // ISO 8601
  std::string sexes_eligible;       // "All"
  std::string ages_eligible;        // "16 Years and older (...)"
  std::string accepts_healthy_volunteers;  // "No"
  std::optional<int64_t> enrollment;
  std::string outcome_measure;      // the primary outcome
  std::string outcome_time_frame;
  std::string outcome_description;
};

Result<RegistryFacts> registry_facts(const Protocol& protocol);

}  // namespace trialcore::usdm

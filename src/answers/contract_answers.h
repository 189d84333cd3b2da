// The interchange contract's answers for one patient without a trial's record: screen,
// assess, plan and check-doses (docs/formats.md). Each input holds what the command line's
// flags give, as typed; each answer is what is printed, its warnings beside it. An Error
// names the input member by its JSON path ("$.date", "$.as_of", "$.protocol"); an error
// about a file the input names keeps the file's own path.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "treatment/plan_parts.h"

namespace trialcore::answers {

struct ScreenInput {
  std::string patient_file;  // "-": stdin
  std::string date;          // empty: today
  int64_t adults_treated = 0;
  std::string protocol_file;
  bool json = false;
};

// The checklist (or the contract's JSON) of the patient against the protocol's criteria;
// the record's warnings are the answer's.
Result<std::string> screen_answer(const ScreenInput& input, std::vector<std::string>& warnings);

struct AssessInput {
  // The contract's facts by name ("marrow_blasts"), as typed; a missing one is missing data.
  std::map<std::string, std::string> facts;
  std::vector<std::string> other_facts;  // NAME=VALUE, for a protocol's other facts
  std::string protocol_file;
  bool json = false;
};

// The contract's facts: each an option of the command line, with its help.
struct ContractFact {
  const char* name;  // "marrow_blasts"
  const char* help;
  const char* type_name;
};
const std::vector<ContractFact>& contract_facts();

// The response the protocol's definitions classify. An error about a fact names it as the
// member it came from: "$.marrow_blasts", or "$.other_facts.NAME" (the whole list:
// "$.other_facts").
Result<std::string> assess_answer(const AssessInput& input, std::vector<std::string>& warnings);

struct PlanInput {
  treatment::PlanParts parts;
  std::string protocol_file;
  bool json = false;
};

// The dated doses of the treatment. An error about an add-on's first course is
// "$.add_ons.ID"; the plan's warnings are the answer's.
Result<std::string> plan_answer(const PlanInput& input, std::vector<std::string>& warnings);

struct CheckDosesInput {
  std::string plan_file;
  std::string administrations_file;
  std::string as_of;  // empty: the last administration
  std::string protocol_file;
  bool json = false;
};

// What was given checked against the protocol's plan.
Result<std::string> check_doses_answer(const CheckDosesInput& input, std::vector<std::string>& warnings);

}  // namespace trialcore::answers

#include "answers/contract_answers.h"

#include "answers/input_values.h"
#include "base/file_text.h"
#include "commands/command_line.h"
#include "eligibility/screening.h"
#include "eligibility/screening_output.h"
#include "patient/patient_record.h"
#include "response/assessment_answer.h"
#include "treatment/dose_check_files.h"
#include "treatment/plan_output.h"

namespace trialcore::answers {

Result<std::string> screen_answer(const ScreenInput& input, std::vector<std::string>& warnings) {
  auto protocol = protocol_of_file(input.protocol_file);
  if (!protocol.ok()) return protocol.error();
  auto date = date_or_today(input.date, "date");
  if (!date.ok()) return date.error();
  auto text = read_file_text(input.patient_file);
  if (!text.ok()) return text.error();
  auto parsed = patient::parse_patient_record(*text, protocol->record_format);
  if (!parsed.ok()) return parsed.error();
  TrialFactValues trial_facts;
  // The contract's count for the pediatric gate, when no trial store is used.
  if (protocol->library->schema().find_trial_fact("adults_treated") >= 0) {
    trial_facts["adults_treated"] = expr::Value::Number(static_cast<double>(input.adults_treated));
  }
  auto screening = screen(*protocol, parsed->record, *date, trial_facts);
  if (!screening.ok()) return screening.error();
  warnings.insert(warnings.end(), parsed->warnings.begin(), parsed->warnings.end());
  return input.json ? screening_json(*screening).dump() + "\n" : screening_checklist(*screening, *protocol);
}

const std::vector<ContractFact>& contract_facts() {
  static const std::vector<ContractFact> facts = {
      {"anc", "Absolute neutrophil count, x 10^9/L", "X"},
      {"platelets", "Platelet count, x 10^9/L", "X"},
      {"marrow_blasts", "Bone marrow blasts, %", "X"},
      {"baseline_marrow_blasts", "Bone marrow blasts before treatment, %", "X"},
      {"extramedullary", "Extramedullary disease: absent, present or unknown", "WORD"},
  };
  return facts;
}

Result<std::string> assess_answer(const AssessInput& input, std::vector<std::string>&) {
  auto protocol = protocol_of_file(input.protocol_file);
  if (!protocol.ok()) return protocol.error();
  if (protocol->response.empty()) return Error{"$.protocol", "the protocol defines no response categories"};
  std::map<std::string, Json> facts;
  std::map<std::string, std::string> member_of;  // fact -> the input member that gave it
  for (const auto& [fact, text] : input.facts) {
    facts[fact] = commands::number_or_text(text);
    member_of[fact] = "$.facts." + fact;
  }
  for (const std::string& pair : input.other_facts) {
    size_t equals = pair.find('=');
    if (equals == std::string::npos || equals == 0) return Error{"$.other_facts", "'" + pair + "' is not NAME=VALUE"};
    facts[pair.substr(0, equals)] = commands::number_or_text(pair.substr(equals + 1));
    member_of[pair.substr(0, equals)] = "$.other_facts." + pair.substr(0, equals);
  }
  auto response = response::assess_facts(protocol->response, facts);
  if (!response.ok()) {
    Error error = response.error();
    for (const auto& [fact, member] : member_of) {
      if (error.path.rfind("$." + fact, 0) == 0) error.path = member;
    }
    return error;
  }
  return input.json ? response::response_json(*response).dump() + "\n" : response::response_text(*response);
}

Result<std::string> plan_answer(const PlanInput& input, std::vector<std::string>& warnings) {
  auto protocol = protocol_of_file(input.protocol_file);
  if (!protocol.ok()) return protocol.error();
  const treatment::TreatmentSpec& spec = protocol->treatment;
  if (spec.empty()) return Error{"$.protocol", "the protocol has no treatment section"};
  auto request = treatment::plan_request_of(input.parts);
  if (!request.ok()) return request.error();
  auto plan = treatment::plan_treatment(spec, *request);
  if (!plan.ok()) return plan.error();
  warnings.insert(warnings.end(), plan->warnings.begin(), plan->warnings.end());
  return input.json ? treatment::plan_json(*plan, spec, !input.parts.body_file.empty()).dump() + "\n"
                    : treatment::plan_calendar(*plan, spec);
}

Result<std::string> check_doses_answer(const CheckDosesInput& input, std::vector<std::string>&) {
  auto protocol = protocol_of_file(input.protocol_file);
  if (!protocol.ok()) return protocol.error();
  if (protocol->treatment.empty()) return Error{"$.protocol", "the protocol has no treatment section"};
  auto check = treatment::check_dose_files(protocol->treatment, input.plan_file, input.administrations_file, input.as_of);
  if (!check.ok()) return check.error();
  return input.json ? treatment::dose_check_json(*check).dump() + "\n" : treatment::dose_check_text(*check);
}

}  // namespace trialcore::answers

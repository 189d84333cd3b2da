// Screening: every criterion of the protocol evaluated for one patient as of one date,
// each with its result, the reason, and what to obtain when it is unknown; and the
// verdict: no if any fails, else unknown if any is unknown, else yes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "expr/value.h"
#include "patient/patient_record.h"
#include "protocol/protocol.h"

namespace trialcore {

enum class CriterionResult { kPass, kFail, kUnknown, kNotApplicable, kWaived };
enum class Eligibility { kYes, kNo, kUnknown };

struct CriterionScreening {
  std::string id;
  CriterionResult result = CriterionResult::kUnknown;
  std::string reason;
  std::vector<std::string> missing;        // when unknown: the facts to obtain
  std::optional<patient::Waiver> waiver;   // when waived
};

struct Screening {
  std::string patient;
  Date date;
  Eligibility eligible = Eligibility::kUnknown;
  std::vector<CriterionScreening> criteria;  // in protocol order, each once
};

// The trial's own facts by name ("adults_treated" -> 7); a fact not given is unknown.
using TrialFactValues = std::map<std::string, expr::Value>;

// Screens `record` as of `date`. Waivers must name a criterion of the protocol that is
// waivable: anything else is an Error naming the waiver's JSON path. A waiver dated after
// the date is not used.
Result<Screening> screen(const Protocol& protocol, const patient::PatientRecord& record, Date date,
                         const TrialFactValues& trial_facts);

// Checks the record's waivers against the protocol (also done by screen).
Status check_waivers(const Protocol& protocol, const patient::PatientRecord& record);

const char* result_name(CriterionResult result);  // "pass", "fail", "unknown", "not-applicable", "waived"
const char* eligibility_name(Eligibility eligible);  // "yes", "no", "unknown"

}  // namespace trialcore

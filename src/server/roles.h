// Who may do what. Every write names its user in the log; the roles decide which writes a
// user may make: only an investigator grants a waiver or adjudicates a response, only a
// pharmacist verifies a dose, only a coordinator enters the measurements and doses (so the
// investigator who adjudicates a response does not also enter what it is computed from), a
// monitor only reads. docs/api.md lists the same.
#pragma once

#include <optional>
#include <string>

namespace trialcore::server {

enum class Role { kAdministrator, kInvestigator, kCoordinator, kPharmacist, kMonitor };

enum class Action {
  kRead,             // everything that reads
  kManageUsers,
  kManagePeriods,
  kRegister,         // register, amend, screen, consent
  kEnroll,
  kRecordClinical,   // body measurements, labs, doses, marrow: what the coordinator enters
  kRecordFollowUp,   // deviation explanations, vital status, off study
  kVerifyDose,
  kWaive,
  kAdjudicate,
  kStartAddOn,
  kCorrect,
  kVerifyRecord,     // the hash chain and projections
};

std::optional<Role> parse_role(const std::string& name);
const char* role_name(Role role);
bool may(Role role, Action action);

}  // namespace trialcore::server

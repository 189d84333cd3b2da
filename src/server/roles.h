// Who may do what. Every write names its user in the log; the roles decide which writes a
// user may make: only an investigator grants a waiver or adjudicates a response, only a
// pharmacist verifies a dose, a monitor only reads.
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
  kRecordClinical,   // body, labs, doses, marrow, vital status, explanations, off study
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

#include "server/roles.h"

namespace trialcore::server {

std::optional<Role> parse_role(const std::string& name) {
  if (name == "administrator") return Role::kAdministrator;
  if (name == "investigator") return Role::kInvestigator;
  if (name == "coordinator") return Role::kCoordinator;
  if (name == "pharmacist") return Role::kPharmacist;
  if (name == "monitor") return Role::kMonitor;
  return std::nullopt;
}

const char* role_name(Role role) {
  switch (role) {
    case Role::kAdministrator: return "administrator";
    case Role::kInvestigator: return "investigator";
    case Role::kCoordinator: return "coordinator";
    case Role::kPharmacist: return "pharmacist";
    case Role::kMonitor: return "monitor";
  }
  return "monitor";
}

bool may(Role role, Action action) {
  using A = Action;
  switch (action) {
    case A::kRead: return true;
    case A::kManageUsers: return role == Role::kAdministrator;
    case A::kManagePeriods: return role == Role::kAdministrator || role == Role::kInvestigator;
    case A::kRegister:
    case A::kEnroll:
    case A::kCorrect: return role == Role::kCoordinator || role == Role::kInvestigator;
    case A::kRecordClinical: return role == Role::kCoordinator;
    case A::kRecordFollowUp: return role == Role::kCoordinator || role == Role::kInvestigator;
    case A::kVerifyDose: return role == Role::kPharmacist;
    case A::kWaive:
    case A::kAdjudicate:
    case A::kStartAddOn:
    case A::kSignAdverseEvent:
    case A::kSeeFeasibility: return role == Role::kInvestigator;
    case A::kVerifyRecord: return role == Role::kAdministrator || role == Role::kMonitor;
  }
  return false;
}

std::vector<std::string> actions_of(Role role) {
  using A = Action;
  static const std::pair<Action, const char*> kNames[] = {
      {A::kRead, "read"},
      {A::kManageUsers, "manage-users"},
      {A::kManagePeriods, "manage-periods"},
      {A::kRegister, "register"},
      {A::kEnroll, "enroll"},
      {A::kRecordClinical, "record-clinical"},
      {A::kRecordFollowUp, "record-follow-up"},
      {A::kVerifyDose, "verify-dose"},
      {A::kWaive, "waive"},
      {A::kAdjudicate, "adjudicate"},
      {A::kStartAddOn, "start-add-on"},
      {A::kCorrect, "correct"},
      {A::kVerifyRecord, "verify-record"},
      {A::kSignAdverseEvent, "sign-adverse-event"},
      {A::kSeeFeasibility, "see-feasibility"},
  };
  std::vector<std::string> names;
  for (const auto& [action, name] : kNames) {
    if (may(role, action)) names.push_back(name);
  }
  return names;
}

}  // namespace trialcore::server

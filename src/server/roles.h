// Who may do what. Every write names its user in the log; the roles decide which writes a
// user may make: only an investigator grants a waiver or adjudicates a response, only a
// pharmacist verifies a dose, only a coordinator enters the measurements and doses (so the
// investigator who adjudicates a response does not also enter what it is computed from), a
// monitor only reads. docs/api.md lists the same.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commands/action.h"

namespace trialcore::server {

enum class Role { kAdministrator, kInvestigator, kCoordinator, kPharmacist, kMonitor };

// What a command does, for who may do it (the command table names one for each).
using Action = commands::Action;

std::optional<Role> parse_role(const std::string& name);
const char* role_name(Role role);
bool may(Role role, Action action);
// The actions `role` may take, by name ("manage-periods", "correct"): the session's answer
// lists them, so the page offers what the server allows without a role table of its own.
std::vector<std::string> actions_of(Role role);

}  // namespace trialcore::server

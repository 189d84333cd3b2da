// What a command on the trial's record settles before it opens the record: who is acting,
// and whether there is a record to open.
#pragma once

#include <string>

#include "base/result.h"
#include "trial/trial_service.h"

namespace trialcore::answers {

// `user`, else the login ($USER), else "operator", acting in `role`; now in UTC and today in
// the trial's time zone.
trial::Actor actor_of(const std::string& user, const std::string& role);

// Only a command that creates records (`creates`) may create a SQLite store that does not
// exist yet: for the others there is no record there ("$.store", not found), and no empty
// file is left behind.
Status record_present(const std::string& store, bool creates);

}  // namespace trialcore::answers

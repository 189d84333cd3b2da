// The computer's clock as the trial reads it: today's date in the trial's time zone (the
// latest clinical date accepted, a command's default date), and the instant now in UTC
// (when an event was recorded).
#pragma once

#include <string>

#include "base/date.h"
#include "base/result.h"

namespace trialcore {

// The trial's time zone, an IANA name ("America/Chicago"), for today(); `setting` names it
// in an error (the zone is not known to this computer's time-zone database). Set before any
// thread starts: it sets the process's TZ. Empty: the computer's own zone.
Status use_time_zone(const std::string& zone, const std::string& setting);

// Today's date on this computer's clock in the trial's time zone.
Date today();

// Now in UTC, "2026-12-01T09:30:00Z".
std::string utc_now();

}  // namespace trialcore

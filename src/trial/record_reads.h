// The reads of the trial's record as a terminal shows them: every patient (and the serious
// events' reporting clocks) or one, a patient's calendar, a patient's history; JSON for
// programs, the texts of trial/record_text.h for people. Each is written as it is read, so
// that what was read before a failing read is still shown.
#pragma once

#include <ostream>
#include <string>

#include "trial/trial_service.h"

namespace trialcore::trial {

// One patient in detail, or (`patient` empty) every patient a line each as of `today`,
// then the serious events' clocks as of `now`.
Status write_status(TrialService& service, const std::string& patient, Date today, const std::string& now, bool json,
                    std::ostream& out);

// The patient's calendar as of `date`.
Status write_calendar(TrialService& service, const std::string& patient, Date date, bool json, std::ostream& out);

// The patient's events: a line each, as text or as one JSON object a line.
Status write_history(TrialService& service, const std::string& patient, bool json, std::ostream& out);

}  // namespace trialcore::trial

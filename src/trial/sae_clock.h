// The reporting clock of serious adverse events: each must be reported within the
// protocol's number of hours of the site knowing it serious (AdverseEventEntry::
// serious_since). As of the front end's now, each is overdue (not reported, past its
// deadline), reported late, due (not reported, deadline ahead) or reported on time; late
// ones are listed first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trial/patient_state.h"

namespace trialcore::trial {

struct SeriousEventClock {
  std::string patient;
  AdverseEventEntry event;
  std::string since;     // UTC
  std::string deadline;  // UTC
  std::string status;    // "overdue", "reported late", "due", "reported"
  int64_t hours_left = 0;  // to the deadline from now; negative past it
  std::optional<SaeReport> report;  // the first report

  bool late() const { return status == "overdue" || status == "reported late"; }
};

// The clock of every serious event of `patients` as of `now_seconds` (UTC, since 1970).
std::vector<SeriousEventClock> serious_event_clocks(const std::vector<PatientState>& patients, int hours, int64_t now_seconds);

// One clock as JSON (the status command, the API).
Json serious_event_clock_json(const SeriousEventClock& clock);

}  // namespace trialcore::trial

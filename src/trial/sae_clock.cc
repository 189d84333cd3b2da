#include "trial/sae_clock.h"

#include <algorithm>

#include "safety/adverse_event.h"

namespace trialcore::trial {

namespace {

int rank(const std::string& status) {
  if (status == "overdue") return 0;
  if (status == "reported late") return 1;
  if (status == "due") return 2;
  return 3;
}

// Hours rounded towards the deadline's side: 1.5 hours left is 1, 1.5 hours late is -2.
int64_t whole_hours(int64_t seconds) { return seconds >= 0 ? seconds / 3600 : -((-seconds + 3599) / 3600); }

}  // namespace

std::vector<SeriousEventClock> serious_event_clocks(const std::vector<PatientState>& patients, int hours, int64_t now_seconds) {
  std::vector<SeriousEventClock> clocks;
  for (const PatientState& patient : patients) {
    for (const AdverseEventEntry& event : patient.adverse_events) {
      if (!event.is_serious() || !event.serious_since) continue;
      auto since = safety::utc_seconds(*event.serious_since, "serious_since");
      if (!since.ok()) continue;  // written by the service, always a UTC time
      SeriousEventClock clock;
      clock.patient = patient.id;
      clock.event = event;
      clock.since = *event.serious_since;
      int64_t deadline = *since + int64_t{hours} * 3600;
      clock.deadline = safety::utc_text(deadline);
      if (!event.reports.empty()) clock.report = event.reports.front();
      if (clock.report) {
        auto reported = safety::utc_seconds(clock.report->reported_at, "reported_at");
        bool late = reported.ok() && *reported > deadline;
        clock.status = late ? "reported late" : "reported";
        clock.hours_left = whole_hours(deadline - (reported.ok() ? *reported : deadline));
      } else {
        clock.status = now_seconds > deadline ? "overdue" : "due";
        clock.hours_left = whole_hours(deadline - now_seconds);
      }
      clocks.push_back(std::move(clock));
    }
  }
  std::stable_sort(clocks.begin(), clocks.end(), [](const SeriousEventClock& a, const SeriousEventClock& b) {
    if (rank(a.status) != rank(b.status)) return rank(a.status) < rank(b.status);
    return a.deadline < b.deadline;
  });
  return clocks;
}

Json serious_event_clock_json(const SeriousEventClock& clock) {
  Json json = {{"patient", clock.patient},
               {"adverse_event", clock.event.stamp.sequence},
               {"term", clock.event.term},
               {"grade", clock.event.grade},
               {"criteria", clock.event.serious},
               {"since", clock.since},
               {"deadline", clock.deadline},
               {"status", clock.status},
               {"hours_left", clock.hours_left}};
  if (!clock.event.specify.empty()) json["specify"] = clock.event.specify;
  if (clock.report) json["reported"] = {{"at", clock.report->reported_at}, {"to", clock.report->to}};
  return json;
}

}  // namespace trialcore::trial

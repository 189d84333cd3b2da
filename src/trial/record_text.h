// The trial's record as people read it at a terminal: the patients a line each, the serious
// events' reporting clocks, one patient in detail, a calendar, a history. Each reads the
// JSON answer the API sends, so the terminal and the API say the same things. And the
// record itself: its verification, its whole log.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "base/json_fields.h"
#include "store/event.h"
#include "store/store.h"
#include "store/verify.h"
#include "trial/sae_clock.h"

namespace trialcore::trial {

// A table of the patients (TrialService::patients), or a line saying there are none.
std::string patients_text(const std::vector<Json>& patients);

// Every serious adverse event with its reporting deadline, late ones first; empty when none.
std::string serious_events_text(const std::vector<SeriousEventClock>& clocks);

// One patient (TrialService::patient): doses, adverse events, proposals, assessments.
std::string patient_text(const Json& patient);

// A patient's calendar (TrialService::calendar): courses, doses with their windows, add-ons,
// deviations, delays.
std::string calendar_text(const Json& calendar);

// A patient's events, a line each: sequence, when, who, what, the clinical date, why.
std::string history_text(const std::vector<store::Event>& events);

// A verification of the record (store::verify_store): {"ok", "events", "head",
// "first_bad_event", "problem"} when `json`, else a line or two; `expected_head` says
// whether the log was checked against a head kept elsewhere.
std::string verification_text(const store::Verification& verification, bool expected_head, bool json);

// The whole log, a JSON line an event, then {"head": {"sequence", "hash"}}: the last event
// written, so that an export cut short is seen, and to keep as the anchor.
Status write_log(store::Store& store, std::ostream& out);

}  // namespace trialcore::trial

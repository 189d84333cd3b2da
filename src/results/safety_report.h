// The safety report (docs/adverse-events.md, "The safety report"): per period and overall,
// the patients at risk (treated: any dose given) and, for each term, how many of them had it
// by their worst grade (1-2, 3, 4, 5); the patients with a serious event and with an event
// related to a drug; deaths on study; and the rate of veno-occlusive disease among the
// patients transplanted after the trial, with its exact interval. Events count from the
// first dose on (treatment-emergent); terms the protocol expects and does not report are
// shown apart. Computed from the patients' states as they stood on the report's date.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "protocol/protocol.h"
#include "stats/binomial_interval.h"
#include "trial/patient_state.h"

namespace trialcore::results {

// A term as reported: the scale's term, with the reporter's words for an "Other, specify".
struct ReportedTerm {
  std::string term;
  std::string specify;
  std::string organ_system;
  bool reported = true;  // false: expected, and not reported (the protocol's assumption)

  std::string name() const { return specify.empty() ? term : term + ": " + specify; }
  auto operator<=>(const ReportedTerm&) const = default;
};

struct TermCount {
  ReportedTerm term;
  // Patients by the worst grade they had of the term: [0] grades 1-2, [1] 3, [2] 4, [3] 5.
  std::array<int, 4> by_grade{};
  int patients = 0;
  int events = 0;
  int serious_patients = 0;
  int serious_events = 0;
  int other_patients = 0;  // with a non-serious event of the term
};

struct SafetyGroup {
  std::string id;     // a period's id, or "overall"
  std::string label;
  int at_risk = 0;    // patients treated
  int with_event = 0;  // at risk with at least one counted event (reported terms)
  int serious_patients = 0;
  int serious_events = 0;
  int related_patients = 0;
  int related_events = 0;
  int other_patients = 0;  // with a non-serious event (reported terms)
  int deaths = 0;     // on study: before or on the day of going off study
  std::vector<TermCount> terms;  // by organ system, then term
};

// One event listed (the serious ones, the related ones, the fatal ones).
struct ListedEvent {
  std::string patient;
  std::string period;
  int64_t adverse_event = 0;
  ReportedTerm term;
  int grade = 0;
  Date start;
  std::vector<std::string> serious;
  std::vector<std::string> related_to;  // drugs attributed possible, probable or definite
};

struct Death {
  std::string patient;
  std::string period;
  Date date;
  std::string cause;  // the grade 5 event's term, when one is recorded
};

struct VodRate {
  int transplanted = 0;
  int vod = 0;
  std::optional<stats::BinomialInterval> rate;
};

struct SafetyReport {
  Date as_of;
  std::string scale;
  std::vector<SafetyGroup> periods;  // every period of the protocol
  SafetyGroup overall;
  std::vector<ListedEvent> serious;
  std::vector<ListedEvent> related;
  std::vector<Death> deaths;
  VodRate vod;
  int before_treatment = 0;  // events that began before the first dose: not counted
};

// The report as of `as_of` from every patient's state (those never treated add nothing).
SafetyReport safety_report(const Protocol& protocol, const std::vector<trial::PatientState>& patients, Date as_of);

OrderedJson safety_report_json(const SafetyReport& report);
std::string safety_report_text(const SafetyReport& report);

// The term of an event as reported, with its organ system from the protocol.
ReportedTerm reported_term(const Protocol& protocol, const trial::AdverseEventEntry& event);

// The first dose's date, from which events count.
std::optional<Date> first_dose_date(const trial::PatientState& patient);

}  // namespace trialcore::results

// An adverse event as a coordinator or an investigator enters it, and the words each of its
// members takes (docs/adverse-events.md): a term of the protocol's grading scale (or the
// scale's "Other, specify" with the reporter's words), a grade 1-5, start and end dates,
// seriousness by the regulatory criteria, attribution to each drug, the action taken with
// each drug, the outcome. Read whole from JSON (the API's body, the command line's flags,
// a correction's payload), every mistake named by its JSON path.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/object_reader.h"
#include "safety/safety_section.h"

namespace trialcore::safety {

// The regulatory criteria that make an event serious.
inline constexpr std::string_view kSeriousCriteria[] = {"death",      "life-threatening",   "hospitalization",
                                                        "disability", "congenital-anomaly", "other-important"};
// How likely the drug caused it.
inline constexpr std::string_view kAttributions[] = {"unrelated", "unlikely", "possible", "probable", "definite"};
// What was done with the drug because of it.
inline constexpr std::string_view kActions[] = {"dose-not-changed", "dose-reduced", "drug-interrupted",
                                                "drug-withdrawn",   "not-applicable", "unknown"};
inline constexpr std::string_view kOutcomes[] = {"recovered", "recovered-with-sequelae", "recovering",
                                                 "not-recovered", "fatal", "unknown"};

// Attributions of possible, probable or definite count as related to the drug.
bool related(const std::string& attribution);

// The content of an adverse event, or of its follow-up (where every member is optional).
struct AdverseEventContent {
  std::optional<std::string> term;
  std::optional<std::string> specify;  // the words of an "Other, specify" term
  std::optional<int> grade;
  std::optional<Date> start;
  std::optional<Date> end;
  std::optional<std::vector<std::string>> serious;  // the criteria met; empty: not serious
  std::map<std::string, std::string> attribution;   // drug -> attribution
  std::map<std::string, std::string> action;        // drug -> action
  std::optional<std::string> outcome;
  std::optional<int64_t> observation;  // the lab event it was proposed from
  std::optional<std::string> aware_at;  // when the site learned of it, UTC "YYYY-MM-DDTHH:MM:SSZ"

  // Attribution and seriousness are the investigator's to sign.
  bool needs_signature() const { return serious.has_value() || !attribution.empty(); }
};

// Reads the members of an adverse event from `in`. With `follow_up`, every member is
// optional and the term and start are not taken (a different term is a different event).
// `drugs` are the protocol's drug ids. Checks grade 1-5, dates, a term of the scale, the
// words of each member, a fatal outcome with grade 5 and grade 5 with a fatal outcome.
AdverseEventContent read_adverse_event(ObjectReader& in, const SafetySpec& spec, const std::vector<std::string>& drugs,
                                       bool follow_up);

// The event's payload: the members given, in their JSON form.
Json adverse_event_json(const AdverseEventContent& content);

// "2010-07-01T09:30:00Z" as seconds since 1970 (UTC); an Error naming `path` otherwise.
Result<int64_t> utc_seconds(const std::string& text, const std::string& path);
std::string utc_text(int64_t seconds);

}  // namespace trialcore::safety

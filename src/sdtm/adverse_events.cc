// AE: each adverse event as it stands (its recording with follow-ups and corrections
// applied), graded by the protocol's scale (AETOXGR), with its seriousness criteria, the
// strongest attribution and the action taken over the drugs (AEREL, AEACN), its outcome.
// What has no AE variable goes to SUPPAE: the attribution and the action for each drug, the
// worst grade when the grade changed, and the lab event it was proposed from.
#include <algorithm>
#include <cctype>

#include "sdtm/subject_domains.h"
#include "sdtm/supplemental.h"
#include "sdtm/text.h"

namespace trialcore::sdtm {

namespace {

// The words of the record as SDTM's codelists spell them (OUT, ACN), or sponsor-defined
// causality terms for AEREL, which has no codelist.
std::string outcome_term(const std::string& outcome) {
  if (outcome == "recovered") return "RECOVERED/RESOLVED";
  if (outcome == "recovered-with-sequelae") return "RECOVERED/RESOLVED WITH SEQUELAE";
  if (outcome == "recovering") return "RECOVERING/RESOLVING";
  if (outcome == "not-recovered") return "NOT RECOVERED/NOT RESOLVED";
  if (outcome == "fatal") return "FATAL";
  return "UNKNOWN";
}

std::string action_term(const std::string& action) {
  std::string term = action;
  for (char& c : term) c = c == '-' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return term;  // DOSE NOT CHANGED, DOSE REDUCED, DRUG INTERRUPTED, DRUG WITHDRAWN, NOT APPLICABLE, UNKNOWN
}

constexpr const char* kCausality[][2] = {{"unrelated", "NOT RELATED"},
                                         {"unlikely", "UNLIKELY RELATED"},
                                         {"possible", "POSSIBLY RELATED"},
                                         {"probable", "PROBABLY RELATED"},
                                         {"definite", "DEFINITELY RELATED"}};

int causality_rank(const std::string& attribution) {
  for (int i = 0; i < 5; ++i) {
    if (attribution == kCausality[i][0]) return i;
  }
  return -1;
}

// The strongest attribution over the drugs (the event is as related as its most related drug).
std::string strongest_causality(const std::map<std::string, std::string>& attribution) {
  int strongest = -1;
  for (const auto& [drug, level] : attribution) strongest = std::max(strongest, causality_rank(level));
  return strongest < 0 ? "" : kCausality[strongest][1];
}

// One action when the drugs agree, MULTIPLE when they differ (SUPPAE has each).
std::string combined_action(const std::map<std::string, std::string>& action) {
  std::string combined;
  for (const auto& [drug, taken] : action) {
    std::string term = action_term(taken);
    if (combined.empty()) combined = term;
    if (combined != term) return "MULTIPLE";
  }
  return combined;
}

std::string flag(bool yes) { return yes ? "Y" : "N"; }

bool has(const std::vector<std::string>& criteria, const char* criterion) {
  return std::find(criteria.begin(), criteria.end(), criterion) != criteria.end();
}

// "AEREL1", "AEACN2": the n-th drug of the protocol (QNAM has at most 8 characters).
std::string drug_qnam(const char* prefix, size_t index) { return prefix + std::to_string(index + 1); }

Dataset adverse_events_dataset() {
  return subject_dataset("AE", "Adverse Events",
                         {"AESEQ", "AESPID", "AETERM", "AEDECOD", "AEBODSYS", "AESOC", "AESER", "AEACN", "AEREL",
                          "AEOUT", "AESCONG", "AESDISAB", "AESDTH", "AESHOSP", "AESLIFE", "AESMIE", "AETOXGR",
                          "EPOCH", "AESTDTC", "AEENDTC", "AESTDY", "AEENDY"},
                         {{"AESEQ", 3}});
}

// One event's variables.
void set_event(RowBuilder& row, const Study& study, const Subject& subject, const trial::AdverseEventEntry& event) {
  const safety::Term* term = study.protocol.safety.find_term(event.term);
  std::string organ_system = term ? term->organ_system : "";
  row.set("AESPID", "EVENT " + std::to_string(event.stamp.sequence));
  row.set("AETERM", shortened(event.specify.empty() ? event.term : event.specify, kMaxTextLength));
  row.set("AEDECOD", event.term).set("AEBODSYS", organ_system).set("AESOC", organ_system);
  row.set("AESER", flag(event.is_serious()));
  if (!event.action.empty()) row.set("AEACN", combined_action(event.action));
  if (!event.attribution.empty()) row.set("AEREL", strongest_causality(event.attribution));
  row.set("AEOUT", outcome_term(event.outcome));
  if (event.is_serious()) {
    row.set("AESCONG", flag(has(event.serious, "congenital-anomaly")))
        .set("AESDISAB", flag(has(event.serious, "disability")))
        .set("AESDTH", flag(has(event.serious, "death")))
        .set("AESHOSP", flag(has(event.serious, "hospitalization")))
        .set("AESLIFE", flag(has(event.serious, "life-threatening")))
        .set("AESMIE", flag(has(event.serious, "other-important")));
  }
  row.set("AETOXGR", std::to_string(event.grade));
  set_timing(row, study, subject, event.start, "AESTDTC", "AESTDY");
  if (event.end) {
    row.set("AEENDTC", event.end->to_string());
    if (auto day = study_day(subject, *event.end)) row.set("AEENDY", *day);
  }
}

// A subject's events by start date.
std::vector<const trial::AdverseEventEntry*> events_in_order(const Subject& subject) {
  std::vector<const trial::AdverseEventEntry*> events;
  for (const trial::AdverseEventEntry& event : subject.state.adverse_events) events.push_back(&event);
  std::stable_sort(events.begin(), events.end(),
                   [](const trial::AdverseEventEntry* a, const trial::AdverseEventEntry* b) { return a->start < b->start; });
  return events;
}

// What AE has no variable for: causality and action by drug, the worst grade, the lab event.
void add_supplemental(Supplemental& supplemental, const Study& study, const Subject& subject,
                      const trial::AdverseEventEntry& event, int64_t sequence) {
  const Protocol& protocol = study.protocol;
  const std::string seq = std::to_string(sequence);
  for (size_t i = 0; i < protocol.treatment.drugs.size(); ++i) {
    const treatment::Drug& drug = protocol.treatment.drugs[i];
    if (auto level = event.attribution.find(drug.id); level != event.attribution.end()) {
      supplemental.add(study, subject, "AESEQ", seq, drug_qnam("AEREL", i), shortened("Causality to " + drug.id, 40),
                       kCausality[std::max(0, causality_rank(level->second))][1], "COLLECTED");
    }
    if (auto taken = event.action.find(drug.id); taken != event.action.end()) {
      supplemental.add(study, subject, "AESEQ", seq, drug_qnam("AEACN", i), shortened("Action Taken with " + drug.id, 40),
                       action_term(taken->second), "COLLECTED");
    }
  }
  if (event.worst_grade != event.grade) {
    supplemental.add(study, subject, "AESEQ", seq, "AEWTOXGR", "Worst Toxicity Grade", std::to_string(event.worst_grade),
                     "DERIVED");
  }
  if (event.observation) {
    supplemental.add(study, subject, "AESEQ", seq, "AELBEVT", "Lab Event the Grade Came From",
                     "EVENT " + std::to_string(*event.observation), "COLLECTED");
  }
}

}  // namespace

std::vector<Dataset> adverse_events(const Study& study, const std::vector<Subject>& subjects) {
  Dataset dataset = adverse_events_dataset();
  Supplemental supplemental("AE");
  add_subject_records(
      dataset, study, subjects, [](const Subject& subject) { return events_in_order(subject); },
      [&](RowBuilder& row, const Subject& subject, const trial::AdverseEventEntry* event, int64_t sequence) {
        set_event(row, study, subject, *event);
        add_supplemental(supplemental, study, subject, *event, sequence);
      });
  return {dataset, supplemental.dataset()};
}

}  // namespace trialcore::sdtm

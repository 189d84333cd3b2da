// A trial's protocol, loaded from its file and validated whole: identification, periods,
// the patient record it reads, its definitions, and its eligibility criteria compiled to
// expressions. Immutable once loaded; everything trial-specific the engine knows is here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/find_by.h"
#include "base/json_fields.h"
#include "expr/library.h"
#include "patient/record_format.h"
#include "protocol/edit_checks.h"
#include "response/response_section.h"
#include "safety/safety_section.h"
#include "stats/monitoring_design.h"
#include "treatment/treatment_section.h"

namespace trialcore {

enum class CriterionKind { kInclusion, kExclusion };

struct Criterion {
  std::string id;              // unique in the protocol, e.g. "adult"
  CriterionKind kind = CriterionKind::kInclusion;
  std::string text;            // the registry's words
  std::string interpretation;  // how the engine reads them, for the clinician
  std::optional<expr::Expression> applies_when;  // false: not-applicable
  // Inclusion: the criterion is met when true. Exclusion: the patient is excluded when true.
  expr::Expression rule;
  bool waivable = false;
  std::vector<std::string> needs;  // the facts it reads
};

// An arm of the trial; patients go to the period open on their enrollment date.
struct Period {
  std::string id;
  std::string title;
  std::string description;
  std::optional<Date> opens;   // when the file states it; the trial's record may open it
  std::optional<Date> closes;
};

// A count the trial reports against a minimum ("at least 10 patients in salvage 1-2").
struct Target {
  std::string id;
  std::string label;
  int minimum = 0;
  expr::Expression counts;  // which patients count, over the cohort view
};

// A subgroup of the endpoint report ("salvage 1").
struct Subgroup {
  std::string label;
  expr::Expression when;  // over the cohort view
};

// A trial fact derived from the trial's record: the number of patients for whom `counts`
// holds ("adults treated": aged 16 or more at enrollment with a course given).
struct DerivedTrialFact {
  std::string name;
  expr::Expression counts;  // over the cohort view
};

// The trial-level rules (docs/interpretation.md, Trial rules).
struct TrialRules {
  std::optional<int> accrual_target;  // enrollment past it needs an amendment
  std::vector<Target> targets;
  std::vector<Subgroup> subgroups;
  std::vector<DerivedTrialFact> derived_facts;
};

struct Protocol {
  std::string id;       // the registry id of the trial
  std::string version;  // the file's version, recorded with every screening
  std::string title;
  Json registry;        // the registry's tabular facts, shown as they are
  patient::RecordFormat record_format;
  std::shared_ptr<const expr::Library> library;
  std::vector<Period> periods;
  std::vector<Criterion> criteria;
  treatment::TreatmentSpec treatment;  // empty when the file has no "treatment" section
  response::ResponseSpec response;     // empty when the file has no "response" section
  safety::SafetySpec safety;           // empty when the file has no "safety" section
  EditChecks edit_checks;              // none when the file has no "edit_checks" section
  // The trial's view of a patient, for counts and subgroups: the record's fields and
  // period, enrolled_on, courses_given, best_response, responder, off_study.
  std::shared_ptr<const expr::Library> cohort_library;
  TrialRules rules;
  std::optional<stats::MonitoringDesign> monitoring;  // the futility rule, when the file sets one
  Json document;        // the whole file, for the sections other modules read

  const Criterion* find_criterion(const std::string& criterion_id) const {
    return find_by(criteria, &Criterion::id, criterion_id);
  }
  const Period* find_period(const std::string& period_id) const { return find_by(periods, &Period::id, period_id); }
};

// Loads and validates a protocol file. The first problem is an Error with the JSON path and
// what is wrong: an unknown member, a duplicate id, an expression that does not compile
// (its line and column), an unknown fact, unit or function.
Result<Protocol> load_protocol(std::string_view text, const std::string& origin);

// The protocol built into the program.
Result<Protocol> load_builtin_protocol();

}  // namespace trialcore

// How a protocol treats: drugs and their infusion times, add-ons (a drug added from some
// course on), and per period a regimen: the course interval, and course schedules written
// out day by day, chosen for each course by rules. BSA formula, rounding and tolerances are
// parameters. Everything is data; the planner and the dose check execute it.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/find_by.h"
#include "base/json_fields.h"
#include "treatment/bsa.h"

namespace trialcore::treatment {

// "1", "2-" (2 and later), "1-8".
struct CourseRange {
  int first = 1;
  int last = 0;  // 0: no end
  bool contains(int course) const { return course >= first && (last == 0 || course <= last); }
  std::string text() const;
};

Result<CourseRange> parse_course_range(const std::string& text, const std::string& path);

struct DoseLevel {
  CourseRange courses;
  double mg_m2 = 0;
};

struct ScheduledDose {
  std::string drug;
  int day = 1;           // day of the course, day 1 the course's first
  int window_days = 0;   // may be given up to this many days after its day
  int order = 1;         // on a day shared with other doses, lower goes first
  std::vector<DoseLevel> levels;  // the first whose courses contain the course

  std::optional<double> level_for(int course) const;
};

// Picks a schedule for a course: the first rule whose courses contain it and whose add-on,
// if any, is given in that course.
struct ScheduleRule {
  std::string schedule;
  CourseRange courses;
  std::string with_add_on;  // empty: any course
};

struct Regimen {
  std::string period;
  int course_interval_days = 28;       // nominal: the next course starts this many days later
  int earliest_next_course_days = 21;  // earlier is a deviation; later is a delay
  std::map<std::string, std::vector<ScheduledDose>> schedules;
  std::vector<ScheduleRule> rules;

  // The schedule for `course` given the add-ons given in it; nullptr if none applies.
  const ScheduleRule* rule_for(int course, const std::set<std::string>& add_ons) const;
  bool supports(const std::string& add_on) const;
};

struct Drug {
  std::string id;        // as plans and administrations name it
  std::string name;      // for people
  std::string route;
  int infusion_minimum = 0;  // minutes
  int infusion_maximum = 0;
};

struct AddOn {
  std::string id;
  std::string description;
  std::string signal;    // the response signal that proposes it, if any
};

struct TreatmentSpec {
  BsaFormula bsa_formula = BsaFormula::kMosteller;
  int bsa_decimals = 2;                     // shown; doses use the full value
  std::optional<double> bsa_warn_above_m2;  // a warning, not a limit
  std::optional<double> bsa_cap_m2;         // doses use at most this BSA
  double dose_rounding_mg = 0.01;
  double dose_tolerance_percent = 5;        // a dose further from the plan is a deviation
  int max_courses = 0;
  std::vector<Drug> drugs;
  std::vector<AddOn> add_ons;
  std::vector<Regimen> regimens;

  bool empty() const { return regimens.empty(); }
  const Regimen* regimen(const std::string& period) const { return find_by(regimens, &Regimen::period, period); }
  const Drug* drug(const std::string& id) const { return find_by(drugs, &Drug::id, id); }
  const AddOn* add_on(const std::string& id) const { return find_by(add_ons, &AddOn::id, id); }
};

// Reads a protocol's "treatment" section; `period_ids` are the protocol's periods.
Result<TreatmentSpec> parse_treatment_spec(const Json& section, const std::string& path,
                                           const std::vector<std::string>& period_ids);

}  // namespace trialcore::treatment

// Checks what was given against the plan: each course is laid out from its actual day 1,
// each administration matched to a planned dose, and every departure reported with its kind
// and a sentence a pharmacist can act on. Later course starts are delays, allowed and
// reported apart.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json_fields.h"
#include "treatment/plan.h"

namespace trialcore::treatment {

struct Administration {
  std::optional<int> course;  // the course and day it was meant for, when known
  std::optional<int> day;
  std::string drug;
  Date date;
  std::optional<int> start_minute;      // minutes after midnight ("09:30" is 570)
  double dose_mg = 0;
  std::optional<double> infusion_minutes;
  std::string path;                     // "$.administrations[3]", for messages
};

// Deviation kinds.
inline constexpr const char* kOutOfWindow = "out-of-window";
inline constexpr const char* kEarlyCourseStart = "early-course-start";
inline constexpr const char* kDoseOff = "dose-off";
inline constexpr const char* kWrongOrder = "wrong-order";
inline constexpr const char* kInfusionTooShort = "infusion-too-short";
inline constexpr const char* kInfusionTooLong = "infusion-too-long";
inline constexpr const char* kBeyondMaxCourses = "beyond-max-courses";
inline constexpr const char* kMissedDose = "missed-dose";
inline constexpr const char* kNotInPlan = "not-in-plan";

struct Deviation {
  std::string kind;
  int course = 0;
  int day = 0;
  std::string drug;
  std::optional<Date> date;  // when given; the planned date for a missed dose
  std::string message;
};

struct Delay {
  int course = 0;
  Date nominal;
  Date actual;
  long days_late = 0;
  std::string message;
};

struct DoseCheck {
  std::vector<Deviation> deviations;
  std::vector<Delay> delays;
  TreatmentPlan plan;  // as laid out from the actual course starts
  int administrations_checked = 0;
};

// "09:30" as minutes after midnight; an Error (without a path) when it is not a time.
Result<int> minute_of_day(const std::string& text);

// A deviation as the answers show it: kind, course, day, drug, date where known, message.
OrderedJson deviation_json(const Deviation& deviation);

// A dose `off_percent` away from its plan (signed) is within the protocol's tolerance; a
// dose exactly at the tolerance is within it (base/tolerance.h).
bool within_dose_tolerance(double off_percent, double tolerance_percent);

// `as_of`: planned doses whose window closed before it and that were not given are missed
// (only in courses that have started); by default the date of the last administration.
Result<DoseCheck> check_doses(const TreatmentSpec& spec, const PlanRequest& request,
                              const std::vector<Administration>& given, std::optional<Date> as_of);

// {"administrations": [{"course", "day", "drug", "date", "start_time": "HH:MM", "dose_mg",
// "infusion_minutes"}]}; course and day are optional.
Result<std::vector<Administration>> read_administrations(const Json& object, const std::string& path);

OrderedJson dose_check_json(const DoseCheck& check);
std::string dose_check_text(const DoseCheck& check);

}  // namespace trialcore::treatment

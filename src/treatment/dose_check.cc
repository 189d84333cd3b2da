#include "treatment/dose_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "base/number_text.h"
#include "base/object_reader.h"
#include "base/tolerance.h"
#include "expr/value.h"

namespace trialcore::treatment {

Result<int> minute_of_day(const std::string& text) {
  bool shaped = text.size() == 5 && text[2] == ':' && isdigit(text[0]) && isdigit(text[1]) && isdigit(text[3]) &&
                isdigit(text[4]);
  int hours = shaped ? std::stoi(text.substr(0, 2)) : -1;
  int minutes = shaped ? std::stoi(text.substr(3, 2)) : -1;
  if (!shaped || hours > 23 || minutes > 59) return Error{"", "'" + text + "' is not a time (HH:MM, 00:00 to 23:59)"};
  return hours * 60 + minutes;
}

OrderedJson deviation_json(const Deviation& deviation) {
  OrderedJson entry = {{"kind", deviation.kind}, {"course", deviation.course}};
  if (deviation.day) entry["day"] = deviation.day;
  if (!deviation.drug.empty()) entry["drug"] = deviation.drug;
  if (deviation.date) entry["date"] = deviation.date->to_string();
  entry["message"] = deviation.message;
  return entry;
}

bool within_dose_tolerance(double off_percent, double tolerance_percent) {
  return compare_with_tolerance(std::fabs(off_percent), tolerance_percent) <= 0;
}

namespace {

std::string clock(int minute) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", minute / 60, minute % 60);
  return buffer;
}

std::string days(long count) { return std::to_string(count) + (count == 1 ? " day" : " days"); }

std::string dose_name(const std::string& drug, int course, int day) {
  return drug + " course " + std::to_string(course) + " day " + std::to_string(day);
}

struct CourseGroup {
  int number = 0;
  std::vector<const Administration*> given;
  Date day1;
  int first_day = 0;  // the lowest scheduled day among those given
};

// Groups administrations by course. One without a course belongs to the current course,
// unless it comes at least the earliest interval after that course's day 1: then it starts
// the next course.
std::vector<CourseGroup> group_by_course(const std::vector<Administration>& given, int earliest_next) {
  std::vector<const Administration*> sorted;
  for (const Administration& administration : given) sorted.push_back(&administration);
  std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->date < b->date; });
  std::map<int, CourseGroup> groups;
  int current = 0;
  Date current_day1;
  for (const Administration* administration : sorted) {
    int course = 0;
    if (administration->course) {
      course = *administration->course;
    } else if (current == 0 || current_day1.days_until(administration->date) >= earliest_next) {
      course = current + 1;
    } else {
      course = current;
    }
    CourseGroup& group = groups[course];
    // Day 1 comes from the course's earliest scheduled day given: an early day-8 dose is
    // out of window, it does not move the course.
    int day = administration->day.value_or(1);
    if (group.given.empty() || day < group.first_day) {
      group.first_day = day;
      group.day1 = administration->date.plus_days(-(day - 1));
    }
    group.number = course;
    group.given.push_back(administration);
    if (course >= current) {
      current = course;
      current_day1 = group.day1;
    }
  }
  std::vector<CourseGroup> ordered;
  for (auto& [number, group] : groups) ordered.push_back(std::move(group));
  return ordered;
}

class Checker {
 public:
  Checker(const TreatmentSpec& spec, const Regimen& regimen, const PlanRequest& request, Date as_of)
      : spec_(spec), regimen_(regimen), request_(request), as_of_(as_of) {}

  Status run(const std::vector<Administration>& given, DoseCheck& check) {
    std::optional<Date> previous_day1;
    int previous_number = 0;
    for (const CourseGroup& group : group_by_course(given, regimen_.earliest_next_course_days)) {
      check.administrations_checked += static_cast<int>(group.given.size());
      if (group.number > spec_.max_courses) {
        for (const Administration* administration : group.given) {
          check.deviations.push_back({kBeyondMaxCourses, group.number, administration->day.value_or(0), administration->drug,
                                      administration->date,
                                      administration->drug + " given " + administration->date.to_string() + " in course " +
                                          std::to_string(group.number) + "; the protocol allows at most " +
                                          std::to_string(spec_.max_courses) + " courses"});
        }
        continue;
      }
      check_course_start(group, previous_day1, previous_number, check);
      std::vector<std::string> warnings;
      auto course = plan_course(spec_, regimen_, group.number, group.day1, known_when_given(group), request_.add_ons, warnings);
      if (!course.ok()) return Error{"", course.error().message};
      check.plan.warnings.insert(check.plan.warnings.end(), warnings.begin(), warnings.end());
      check_doses_of(group, *course, check);
      check.plan.courses.push_back(std::move(*course));
      previous_day1 = group.day1;
      previous_number = group.number;
    }
    return Status::Ok();
  }

 private:
  // The measurements a course given was planned from: those recorded before its first dose
  // was. A height or weight recorded later (even one measured before day 1) changes only
  // the courses not given yet; what a given dose was checked against stays as it was.
  std::vector<BodyMeasurement> known_when_given(const CourseGroup& group) const {
    int64_t first = 0;
    for (const Administration* administration : group.given) {
      if (administration->recorded > 0 && (first == 0 || administration->recorded < first)) first = administration->recorded;
    }
    if (first == 0) return request_.body;
    std::vector<BodyMeasurement> known;
    for (const BodyMeasurement& measurement : request_.body) {
      if (measurement.recorded < first) known.push_back(measurement);
    }
    bool any_by_day1 = false;
    for (const BodyMeasurement& measurement : known) any_by_day1 = any_by_day1 || !(group.day1 < measurement.date);
    return any_by_day1 ? known : request_.body;  // none then (a record corrected since): what there is now
  }

  void check_course_start(const CourseGroup& group, std::optional<Date> previous_day1, int previous_number,
                          DoseCheck& check) {
    std::string course = "course " + std::to_string(group.number);
    if (!previous_day1) {
      Date nominal = request_.start.plus_days(static_cast<long>(group.number - 1) * regimen_.course_interval_days);
      if (group.day1 < nominal) {
        check.deviations.push_back({kEarlyCourseStart, group.number, 1, "", group.day1,
                                    course + " started " + group.day1.to_string() + ", " +
                                        days(group.day1.days_until(nominal)) + " before its planned start " +
                                        nominal.to_string()});
      } else if (nominal < group.day1) {
        add_delay(group, nominal, check);
      }
      return;
    }
    long gap = previous_day1->days_until(group.day1);
    if (gap < regimen_.earliest_next_course_days) {
      check.deviations.push_back({kEarlyCourseStart, group.number, 1, "", group.day1,
                                  course + " started " + group.day1.to_string() + ", " + days(gap) + " after course " +
                                      std::to_string(previous_number) + " (" + previous_day1->to_string() +
                                      "); the earliest is " + days(regimen_.earliest_next_course_days)});
      return;
    }
    Date nominal = previous_day1->plus_days(regimen_.course_interval_days);
    if (nominal < group.day1) add_delay(group, nominal, check);
  }

  void add_delay(const CourseGroup& group, Date nominal, DoseCheck& check) {
    long late = nominal.days_until(group.day1);
    check.delays.push_back({group.number, nominal, group.day1, late,
                            "course " + std::to_string(group.number) + " started " + group.day1.to_string() + ", " +
                                days(late) + " after its nominal date " + nominal.to_string() + " (allowed, reported)"});
  }

  // The planned dose an administration was meant for: the same drug and day when the day
  // is given, else the same drug's nearest planned date not yet matched.
  const PlannedDose* match(const Administration& given, const CoursePlan& course, std::vector<bool>& taken) {
    int best = -1;
    for (size_t i = 0; i < course.doses.size(); ++i) {
      const PlannedDose& planned = course.doses[i];
      if (taken[i] || planned.drug != given.drug) continue;
      if (given.day) {
        if (planned.day == *given.day) best = static_cast<int>(i);
        continue;
      }
      if (best < 0 || std::labs(planned.date.days_until(given.date)) <
                          std::labs(course.doses[best].date.days_until(given.date))) {
        best = static_cast<int>(i);
      }
    }
    if (best < 0) return nullptr;
    taken[best] = true;
    return &course.doses[best];
  }

  void check_doses_of(const CourseGroup& group, const CoursePlan& course, DoseCheck& check) {
    std::vector<bool> taken(course.doses.size(), false);
    std::vector<std::pair<const Administration*, const PlannedDose*>> matched;
    for (const Administration* given : group.given) {
      const PlannedDose* planned = match(*given, course, taken);
      if (!planned) {
        check.deviations.push_back({kNotInPlan, group.number, given->day.value_or(0), given->drug, given->date,
                                    given->drug + " given " + given->date.to_string() + " matches no planned dose of course " +
                                        std::to_string(group.number) + " (schedule " + course.schedule + ")"});
        continue;
      }
      matched.push_back({given, planned});
      check_one(*given, *planned, course, check);
    }
    check_order(matched, check);
    for (size_t i = 0; i < course.doses.size(); ++i) {
      const PlannedDose& planned = course.doses[i];
      if (taken[i] || !(planned.latest < as_of_)) continue;
      check.deviations.push_back({kMissedDose, planned.course, planned.day, planned.drug, planned.date,
                                  dose_name(planned.drug, planned.course, planned.day) + " (planned " +
                                      planned.date.to_string() + ", window closed " + planned.latest.to_string() +
                                      ") was not given"});
    }
  }

  void check_one(const Administration& given, const PlannedDose& planned, const CoursePlan& course, DoseCheck& check) {
    std::string name = dose_name(planned.drug, planned.course, planned.day);
    if (given.date < planned.date) {
      check.deviations.push_back({kOutOfWindow, planned.course, planned.day, planned.drug, given.date,
                                  name + " given " + given.date.to_string() + ", " + days(given.date.days_until(planned.date)) +
                                      " before its day (" + planned.date.to_string() + ")"});
    } else if (planned.latest < given.date) {
      check.deviations.push_back({kOutOfWindow, planned.course, planned.day, planned.drug, given.date,
                                  name + " given " + given.date.to_string() + ", " +
                                      days(planned.latest.days_until(given.date)) + " after its window closed (" +
                                      planned.latest.to_string() + ")"});
    }
    double off = (given.dose_mg - planned.dose_mg) / planned.dose_mg * 100.0;
    if (!within_dose_tolerance(off, spec_.dose_tolerance_percent)) {
      check.deviations.push_back({kDoseOff, planned.course, planned.day, planned.drug, given.date,
                                  name + ": " + fixed_text(given.dose_mg, 2) + " mg given, " + fixed_text(planned.dose_mg, 2) +
                                      " mg planned (" + expr::format_number(planned.dose_mg_m2) + " mg/m2 x BSA " +
                                      fixed_text(course.bsa_m2, spec_.bsa_decimals) + " m2): " + fixed_text(std::fabs(off), 1) + "% " +
                                      (off > 0 ? "over" : "under") + "; the tolerance is " +
                                      fixed_text(spec_.dose_tolerance_percent, 1) + "%"});
    }
    const Drug* drug = spec_.drug(given.drug);
    if (drug && given.infusion_minutes) {
      double minutes = *given.infusion_minutes;
      std::string allowed = "; the protocol allows " + std::to_string(drug->infusion_minimum) + "-" +
                            std::to_string(drug->infusion_maximum) + " minutes";
      if (minutes < drug->infusion_minimum) {
        check.deviations.push_back({kInfusionTooShort, planned.course, planned.day, planned.drug, given.date,
                                    name + " infused over " + fixed_text(minutes, 0) + " minutes" + allowed});
      } else if (minutes > drug->infusion_maximum) {
        check.deviations.push_back({kInfusionTooLong, planned.course, planned.day, planned.drug, given.date,
                                    name + " infused over " + fixed_text(minutes, 0) + " minutes" + allowed});
      }
    }
  }

  // On a shared day, a dose the schedule puts first must start first.
  static void check_order(const std::vector<std::pair<const Administration*, const PlannedDose*>>& matched,
                          DoseCheck& check) {
    for (const auto& [first, first_plan] : matched) {
      for (const auto& [second, second_plan] : matched) {
        if (first == second || first->date != second->date || !first->start_minute || !second->start_minute) continue;
        if (first_plan->priority < second_plan->priority && *second->start_minute < *first->start_minute) {
          check.deviations.push_back({kWrongOrder, second_plan->course, second_plan->day, second_plan->drug, second->date,
                                      "course " + std::to_string(second_plan->course) + " on " + second->date.to_string() +
                                          ": " + second->drug + " started " + clock(*second->start_minute) + ", before " +
                                          first->drug + " (" + clock(*first->start_minute) + "); " + first->drug +
                                          " goes first"});
        }
      }
    }
  }

  const TreatmentSpec& spec_;
  const Regimen& regimen_;
  const PlanRequest& request_;
  Date as_of_;
};

// "start_time": "09:30", as minutes after midnight.
std::optional<int> read_clock(ObjectReader& in) {
  std::optional<std::string> text = in.text("start_time");
  if (!text) return std::nullopt;
  Result<int> minute = minute_of_day(*text);
  if (!minute.ok()) in.fail("start_time", minute.error().message);
  return minute.ok() ? std::optional<int>(*minute) : std::nullopt;
}

Administration read_administration(ObjectReader& in) {
  Administration administration;
  administration.path = in.path();
  for (auto [key, target] : {std::pair{"course", &administration.course}, std::pair{"day", &administration.day}}) {
    std::optional<int64_t> value = in.integer(key);
    if (value && *value < 1) in.fail(key, "must be at least 1");
    if (value) *target = static_cast<int>(*value);
  }
  administration.drug = in.required_text("drug");
  administration.date = in.required_date("date");
  administration.start_minute = read_clock(in);
  administration.dose_mg = in.required_number("dose_mg");
  if (in.ok() && administration.dose_mg <= 0) in.fail("dose_mg", "must be greater than 0");
  administration.infusion_minutes = in.number("infusion_minutes");
  if (administration.infusion_minutes && *administration.infusion_minutes <= 0) {
    in.fail("infusion_minutes", "must be greater than 0");
  }
  return administration;
}

}  // namespace

Result<DoseCheck> check_doses(const TreatmentSpec& spec, const PlanRequest& request,
                              const std::vector<Administration>& given, std::optional<Date> as_of) {
  auto nominal = plan_treatment(spec, request);  // validates the request
  if (!nominal.ok()) return nominal.error();
  const Regimen& regimen = *spec.regimen(request.period);
  for (const Administration& administration : given) {
    if (!spec.drug(administration.drug)) {
      return Error{member_path(administration.path, "drug"), "'" + administration.drug + "' is not a drug of the protocol"};
    }
  }
  Date last = request.start;
  for (const Administration& administration : given) last = std::max(last, administration.date);
  DoseCheck check;
  check.plan.period = request.period;
  Checker checker(spec, regimen, request, as_of.value_or(last));
  Status status = checker.run(given, check);
  if (!status.ok()) return status.error();
  return check;
}

Result<std::vector<Administration>> read_administrations(const Json& object, const std::string& path) {
  if (!object.is_object()) return Error{path, "must be an object with \"administrations\""};
  ObjectReader in(object, path);
  std::vector<Administration> given;
  const Json* list = in.member("administrations");
  if (!list || !list->is_array()) {
    in.fail("administrations", "must be a list");
  } else {
    in.each_object(*list, in.path_of("administrations"),
                   [&](ObjectReader& entry) { given.push_back(read_administration(entry)); });
  }
  return in.finish(std::move(given));
}

OrderedJson dose_check_json(const DoseCheck& check) {
  OrderedJson deviations = OrderedJson::array();
  for (const Deviation& deviation : check.deviations) deviations.push_back(deviation_json(deviation));
  OrderedJson delays = OrderedJson::array();
  for (const Delay& delay : check.delays) {
    delays.push_back({{"course", delay.course},
                      {"nominal", delay.nominal.to_string()},
                      {"actual", delay.actual.to_string()},
                      {"days_late", delay.days_late},
                      {"message", delay.message}});
  }
  return {{"administrations_checked", check.administrations_checked},
          {"deviations", std::move(deviations)},
          {"delays", std::move(delays)}};
}

std::string dose_check_text(const DoseCheck& check) {
  std::ostringstream out;
  out << check.administrations_checked << " administrations checked: " << check.deviations.size()
      << (check.deviations.size() == 1 ? " deviation" : " deviations") << ", " << check.delays.size()
      << (check.delays.size() == 1 ? " delay" : " delays") << "\n";
  for (const Deviation& deviation : check.deviations) out << "  DEVIATION " << deviation.kind << ": " << deviation.message << "\n";
  for (const Delay& delay : check.delays) out << "  delay: " << delay.message << "\n";
  return out.str();
}

}  // namespace trialcore::treatment

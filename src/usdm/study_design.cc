#include "usdm/study_design.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "base/find_by.h"

namespace trialcore::usdm {

const Element* StudyDesign::element(const std::string& code) const {
  return find_by(elements, &Element::code, code);
}

const Arm* StudyDesign::arm_of(const std::string& period) const {
  return find_by(arms, &Arm::period, period);
}

const Visit* StudyDesign::visit(int course, int day) const {
  for (const Visit& candidate : visits) {
    if (candidate.course == course && candidate.day == day && course > 0) return &candidate;
  }
  return nullptr;
}

std::string code_of(const std::string& text, size_t size, char separator) {
  std::string code;
  bool pending = false;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (pending && !code.empty() && separator) code += separator;
      pending = false;
      code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else {
      pending = true;
    }
  }
  if (code.size() > size) code.resize(size);
  while (!code.empty() && code.back() == separator) code.pop_back();
  return code;
}

std::vector<DosingDay> dosing_days(const treatment::Regimen& regimen, int course) {
  std::map<int, int> windows;  // day -> latest window
  for (const treatment::ScheduleRule& rule : regimen.rules) {
    if (!rule.courses.contains(course)) continue;
    auto schedule = regimen.schedules.find(rule.schedule);
    if (schedule == regimen.schedules.end()) continue;
    for (const treatment::ScheduledDose& dose : schedule->second) {
      if (!dose.level_for(course)) continue;
      int& window = windows[dose.day];
      window = std::max(window, dose.window_days);
    }
  }
  std::vector<DosingDay> days;
  for (const auto& [day, window] : windows) days.push_back({day, window});
  return days;
}

namespace {

// The number of course epochs: the protocol's maximum, or one "TREATMENT" epoch (course 0)
// when it sets none.
int planned_courses(const Protocol& protocol) {
  return protocol.treatment.empty() ? 0 : std::max(0, protocol.treatment.max_courses);
}

std::vector<Epoch> epochs_of(int courses) {
  std::vector<Epoch> epochs{{"SCREENING", "Screening", EpochKind::kScreening, 0}};
  if (courses == 0) epochs.push_back({"TREATMENT", "Treatment", EpochKind::kTreatment, 0});
  for (int course = 1; course <= courses; ++course) {
    epochs.push_back({"COURSE " + std::to_string(course), "Course " + std::to_string(course), EpochKind::kTreatment, course});
  }
  epochs.push_back({"FOLLOW-UP", "Follow-up", EpochKind::kFollowUp, 0});
  return epochs;
}

Element treatment_element(const Period& period, size_t arm_index, int course, int courses,
                          const treatment::Regimen* regimen) {
  Element element;
  element.period = period.id;
  element.course = course;
  std::string arm_name = period.title.empty() ? period.id : period.title;
  std::string prefix = "A" + std::to_string(arm_index + 1);
  if (course == 0) {
    element.code = prefix + "TRT";
    element.name = arm_name;
    element.start_rule = "Enrollment in the period";
    element.end_rule = "Off study";
    return element;
  }
  element.code = prefix + "C" + std::to_string(course);
  element.name = arm_name + ", course " + std::to_string(course);
  element.start_rule = "Day 1 of course " + std::to_string(course) + ": the first dose of the course";
  element.end_rule = course < courses ? "Day 1 of course " + std::to_string(course + 1) + ", or off study"
                                      : "Off study after the last course";
  if (regimen) element.duration_days = regimen->course_interval_days;
  return element;
}

}  // namespace

StudyDesign study_design(const Protocol& protocol) {
  StudyDesign design;
  int courses = planned_courses(protocol);
  design.epochs = epochs_of(courses);
  design.elements.push_back({"SCRN", "Screening", "Informed consent",
                             "Enrollment in the period open on the enrollment date", std::nullopt, "", 0});
  for (size_t index = 0; index < protocol.periods.size(); ++index) {
    const Period& period = protocol.periods[index];
    const treatment::Regimen* regimen = protocol.treatment.regimen(period.id);
    Arm arm;
    arm.code = code_of(period.id, 20);
    arm.name = period.title.empty() ? period.id : period.title;
    arm.description = period.description;
    arm.period = period.id;
    arm.elements.push_back("SCRN");
    for (const Epoch& epoch : design.epochs) {
      if (epoch.kind != EpochKind::kTreatment) continue;
      Element element = treatment_element(period, index, epoch.course, courses, regimen);
      arm.elements.push_back(element.code);
      design.elements.push_back(std::move(element));
    }
    arm.elements.push_back("FU");
    design.arms.push_back(std::move(arm));
  }
  design.elements.push_back({"FU", "Follow-up", "Off study", "Death, or the end of follow-up", std::nullopt, "", 0});

  // Visits: screening, then every (course, day) any arm plans, in order.
  design.visits.push_back({1, "SCREENING", 0, 0, {}});
  std::map<std::pair<int, int>, std::vector<ArmVisit>> planned;
  for (const Period& period : protocol.periods) {
    const treatment::Regimen* regimen = protocol.treatment.regimen(period.id);
    if (!regimen) continue;
    for (int course = 1; course <= std::max(courses, 1); ++course) {
      for (const DosingDay& day : dosing_days(*regimen, course)) {
        planned[{course, day.day}].push_back(
            {period.id, (course - 1) * regimen->course_interval_days + day.day, day.window_days});
      }
    }
  }
  for (auto& [course_day, arms] : planned) {
    int number = static_cast<int>(design.visits.size()) + 1;
    design.visits.push_back({number,
                             "COURSE " + std::to_string(course_day.first) + " DAY " + std::to_string(course_day.second),
                             course_day.first, course_day.second, std::move(arms)});
  }
  return design;
}

}  // namespace trialcore::usdm

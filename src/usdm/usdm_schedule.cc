// USDM's schedule of activities: the activities the protocol asks for, the main timeline
// (screening, enrollment in the period open then, that period's courses, follow-up), and a
// timeline for each period with every dosing day of every course: the doses given that
// day in the protocol's order, the day counted from day 1 of course 1, and its window.
#include <algorithm>
#include <sstream>

#include "usdm/usdm_parts.h"

namespace trialcore::usdm {

namespace {

OrderedJson activity(UsdmContext& context, const std::string& key, const std::string& name, const std::string& description) {
  OrderedJson activity = context.objects.named("Activity", name, name, description);
  context.activities[key] = activity["id"];
  activity["childIds"] = OrderedJson::array();
  activity["definedProcedures"] = OrderedJson::array();
  activity["biomedicalConceptIds"] = OrderedJson::array();
  activity["bcCategoryIds"] = OrderedJson::array();
  activity["bcSurrogateIds"] = OrderedJson::array();
  activity["timelineId"] = nullptr;
  activity["notes"] = OrderedJson::array();
  return activity;
}

OrderedJson instance(UsdmContext& context, const std::string& name, const std::string& description,
                     const std::string& epoch, std::vector<std::string> activity_ids) {
  OrderedJson instance = context.objects.named("ScheduledActivityInstance", name, name, description);
  instance["defaultConditionId"] = nullptr;
  instance["epochId"] = context.epochs.count(epoch) ? OrderedJson(context.epochs[epoch]) : OrderedJson(nullptr);
  instance["timelineId"] = nullptr;
  instance["timelineExitId"] = nullptr;
  instance["activityIds"] = activity_ids;
  instance["encounterId"] = nullptr;
  return instance;
}

// Each instance goes on to the next; the last leaves the timeline.
OrderedJson timeline(UsdmContext& context, const std::string& name, const std::string& description, bool main,
                     const std::string& entry_condition, OrderedJson instances, OrderedJson timings) {
  OrderedJson exit = context.objects.object("ScheduleTimelineExit");
  for (size_t i = 0; i < instances.size(); ++i) {
    if (instances[i]["instanceType"] != "ScheduledActivityInstance") continue;
    if (i + 1 < instances.size() && instances[i]["defaultConditionId"].is_null()) {
      instances[i]["defaultConditionId"] = instances[i + 1]["id"];
    } else if (i + 1 == instances.size()) {
      instances[i]["timelineExitId"] = exit["id"];
    }
  }
  OrderedJson timeline = context.objects.named("ScheduleTimeline", name, name, description);
  timeline["mainTimeline"] = main;
  timeline["entryCondition"] = entry_condition;
  timeline["entryId"] = instances.at(0)["id"];
  timeline["exits"] = OrderedJson::array({exit});
  timeline["timings"] = std::move(timings);
  timeline["instances"] = std::move(instances);
  timeline["plannedDuration"] = nullptr;
  return timeline;
}

// A dose of a schedule given on one day, with the schedule that gives it.
struct PlannedDose {
  const treatment::ScheduledDose* dose;
  const treatment::ScheduleRule* rule;
};

std::string dose_text(const Protocol& protocol, const PlannedDose& planned, int course) {
  const treatment::Drug* drug = protocol.treatment.drug(planned.dose->drug);
  std::string name = drug && !drug->name.empty() ? drug->name : planned.dose->drug;
  std::ostringstream level;
  level << *planned.dose->level_for(course);
  std::string text = name + " " + level.str() + " mg/m2";
  if (!planned.rule->with_add_on.empty()) text += " (with the " + planned.rule->with_add_on + " add-on)";
  return text;
}

// The timeline of one period's regimen: every dosing day of every course.
OrderedJson period_timeline(UsdmContext& context, const Period& period, const treatment::Regimen& regimen) {
  OrderedJson instances = OrderedJson::array();
  OrderedJson timings = OrderedJson::array();
  Objects& objects = context.objects;
  std::string anchor;
  int courses = std::max(1, context.protocol.treatment.max_courses);
  for (int course = 1; course <= courses; ++course) {
    for (const DosingDay& day : dosing_days(regimen, course)) {
      // The doses of that day in each schedule a course may follow, in the protocol's order.
      std::vector<PlannedDose> planned;
      for (const treatment::ScheduleRule& rule : regimen.rules) {
        if (!rule.courses.contains(course)) continue;
        for (const treatment::ScheduledDose& dose : regimen.schedules.at(rule.schedule)) {
          if (dose.day == day.day && dose.level_for(course)) planned.push_back({&dose, &rule});
        }
      }
      std::stable_sort(planned.begin(), planned.end(),
                       [](const PlannedDose& a, const PlannedDose& b) { return a.dose->order < b.dose->order; });
      std::vector<std::string> activity_ids;
      std::string description;
      for (const PlannedDose& dose : planned) {
        std::string id = context.activities["drug:" + dose.dose->drug];
        if (std::find(activity_ids.begin(), activity_ids.end(), id) == activity_ids.end()) activity_ids.push_back(id);
        description += (description.empty() ? "" : "; then ") + dose_text(context.protocol, dose, course);
      }
      const Visit* visit = context.design.visit(course, day.day);
      OrderedJson scheduled = instance(context, visit->name, description, "COURSE " + std::to_string(course), activity_ids);
      scheduled["encounterId"] = context.encounters[visit->number];
      int study_day = (course - 1) * regimen.course_interval_days + day.day;
      OrderedJson timing = objects.named("Timing", period.id + " " + visit->name, visit->name,
          "Study day " + std::to_string(study_day) + " of " + period.id);
      if (anchor.empty()) {
        anchor = scheduled["id"];
        timing["type"] = objects.code({"C201358", "Fixed Reference", ""});
        timing["value"] = days(0);
        timing["valueLabel"] = "day 1 of course 1";
      } else {
        timing["type"] = objects.code({"C201356", "After", ""});
        timing["value"] = days(study_day - 1);
        timing["valueLabel"] = std::to_string(study_day - 1) + " days after day 1 of course 1";
      }
      timing["relativeToFrom"] = objects.code({"C201355", "Start to Start", ""});
      timing["relativeFromScheduledInstanceId"] = scheduled["id"];
      timing["relativeToScheduledInstanceId"] = anchor;
      timing["windowLower"] = days(0);
      timing["windowUpper"] = days(day.window_days);
      timing["windowLabel"] = day.window_days > 0 ? "up to " + std::to_string(day.window_days) + " day(s) late" : "on the day";
      timings.push_back(std::move(timing));
      instances.push_back(std::move(scheduled));
    }
  }
  if (instances.empty()) return nullptr;
  std::string title = period.title.empty() ? period.id : period.title;
  return timeline(context, period.id, "The courses of " + title + ": every " + std::to_string(regimen.course_interval_days) +
                                          " days, at most " + std::to_string(courses) + " course(s)",
                  false, "Enrolled in " + period.id, std::move(instances), std::move(timings));
}

}  // namespace

OrderedJson study_activities(UsdmContext& context) {
  OrderedJson activities = OrderedJson::array();
  activities.push_back(activity(context, "consent", "Informed consent", "The patient signs the consent"));
  activities.push_back(activity(context, "screening", "Eligibility screening",
                                "Every inclusion and exclusion criterion evaluated on the screening date"));
  activities.push_back(activity(context, "enrollment", "Enrollment", "Enrollment in the period open on the enrollment date"));
  activities.push_back(activity(context, "body", "Height and weight", "For the body surface area the doses follow"));
  for (const treatment::Drug& drug : context.protocol.treatment.drugs) {
    std::string name = drug.name.empty() ? drug.id : drug.name;
    activities.push_back(activity(context, "drug:" + drug.id, "Administer " + name, name + " " + drug.route));
  }
  if (!context.protocol.response.empty()) {
    activities.push_back(activity(context, "response", "Response assessment", "A marrow assessment classified by the protocol's response categories"));
  }
  activities.push_back(activity(context, "follow-up", "Vital status", "Alive or dead, after going off study"));
  link(activities);
  return activities;
}

OrderedJson schedule_timelines(UsdmContext& context) {
  OrderedJson timelines = OrderedJson::array();
  std::map<std::string, std::string> period_timelines;  // period -> its timeline's id
  for (const Period& period : context.protocol.periods) {
    const treatment::Regimen* regimen = context.protocol.treatment.regimen(period.id);
    if (!regimen) continue;
    OrderedJson timeline_of_period = period_timeline(context, period, *regimen);
    if (timeline_of_period.is_null()) continue;
    period_timelines[period.id] = timeline_of_period["id"];
    timelines.push_back(std::move(timeline_of_period));
  }
  // The main timeline: screening, then the period open on the enrollment date decides the
  // courses, then follow-up.
  OrderedJson instances = OrderedJson::array();
  instances.push_back(instance(context, "SCREENING", "Consent and eligibility screening", "SCREENING",
                               {context.activities["consent"], context.activities["screening"]}));
  OrderedJson decision = context.objects.named("ScheduledDecisionInstance", "ENROLLMENT", "Enrollment",
      "Enrolled in the period open on the enrollment date");
  decision["defaultConditionId"] = nullptr;
  decision["epochId"] = context.epochs["SCREENING"];
  decision["conditionAssignments"] = OrderedJson::array();
  std::vector<OrderedJson> courses;
  for (const Period& period : context.protocol.periods) {
    std::vector<std::string> activity_ids = {context.activities["enrollment"], context.activities["body"]};
    if (context.activities.count("response")) activity_ids.push_back(context.activities["response"]);
    std::string first_epoch = context.design.epochs.size() > 1 ? context.design.epochs[1].name : "";
    OrderedJson treated = instance(context, "TREATMENT " + period.id,
                                   "The courses of " + (period.title.empty() ? period.id : period.title), first_epoch, activity_ids);
    if (period_timelines.count(period.id)) treated["timelineId"] = period_timelines[period.id];
    OrderedJson assignment = context.objects.object("ConditionAssignment");
    assignment["condition"] = period.id + " is the period open on the enrollment date";
    assignment["conditionTargetId"] = treated["id"];
    decision["conditionAssignments"].push_back(std::move(assignment));
    courses.push_back(std::move(treated));
  }
  OrderedJson follow_up = instance(context, "FOLLOW-UP", "After going off study", "FOLLOW-UP", {context.activities["follow-up"]});
  instances[0]["defaultConditionId"] = decision["id"];
  instances.push_back(std::move(decision));
  for (OrderedJson& treated : courses) {
    treated["defaultConditionId"] = follow_up["id"];
    instances.push_back(std::move(treated));
  }
  instances.push_back(std::move(follow_up));
  timelines.insert(timelines.begin(), timeline(context, "Main", "Screening, enrollment in a period, its courses, follow-up",
                                               true, "Informed consent signed", std::move(instances), OrderedJson::array()));
  return timelines;
}

}  // namespace trialcore::usdm

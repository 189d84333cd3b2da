// USDM interventions: each drug of the protocol, and an administration for each dose level
// a period's regimen gives it at (the dose in mg/m2 of body surface, the route, how long
// the infusion takes, the courses and days).
#include <set>
#include <sstream>

#include "usdm/usdm_parts.h"

namespace trialcore::usdm {

namespace {

std::string level_text(double mg_m2) {
  std::ostringstream text;
  text << mg_m2;
  return text.str();
}

// Each day a dose of `drug` at `level` is given in `schedule`: "day 1", "days 8 and 15".
std::string days_text(const std::vector<int>& days) {
  std::string text = days.size() == 1 ? "day " : "days ";
  for (size_t i = 0; i < days.size(); ++i) {
    text += (i == 0 ? "" : (i + 1 == days.size() ? " and " : ", ")) + std::to_string(days[i]);
  }
  return text;
}

OrderedJson infusion_duration(UsdmContext& context, const treatment::Drug& drug) {
  Objects& objects = context.objects;
  OrderedJson duration = objects.object("Duration");
  if (drug.infusion_minimum > 0 || drug.infusion_maximum > 0) {
    duration["text"] = "over " + std::to_string(drug.infusion_minimum) + " to " + std::to_string(drug.infusion_maximum) + " minutes";
    OrderedJson range = objects.object("Range");
    range["minValue"] = objects.quantity(drug.infusion_minimum, "min");
    range["maxValue"] = objects.quantity(drug.infusion_maximum, "min");
    range["isApproximate"] = false;
    duration["quantity"] = std::move(range);
    duration["durationWillVary"] = drug.infusion_minimum != drug.infusion_maximum;
    duration["reasonDurationWillVary"] = drug.infusion_minimum != drug.infusion_maximum
                                             ? OrderedJson("the protocol allows any infusion time in the range")
                                             : OrderedJson(nullptr);
  } else {
    duration["text"] = nullptr;
    duration["quantity"] = nullptr;
    duration["durationWillVary"] = false;
    duration["reasonDurationWillVary"] = nullptr;
  }
  return duration;
}

}  // namespace

OrderedJson study_interventions(UsdmContext& context) {
  Objects& objects = context.objects;
  const treatment::TreatmentSpec& treatment = context.protocol.treatment;
  OrderedJson interventions = OrderedJson::array();
  for (const treatment::Drug& drug : treatment.drugs) {
    OrderedJson intervention = objects.named("StudyIntervention", drug.id, drug.name, drug.name);
    context.interventions[drug.id] = intervention["id"];
    intervention["role"] = objects.code({"C41161", "Experimental Intervention", ""});
    intervention["type"] = objects.code({"C1909", "Pharmacologic Substance", ""});
    intervention["minimumResponseDuration"] = nullptr;
    intervention["codes"] = OrderedJson::array();
    OrderedJson administrations = OrderedJson::array();
    std::set<std::string> written;
    for (const treatment::Regimen& regimen : treatment.regimens) {
      const Period* period = context.protocol.find_period(regimen.period);
      for (const auto& [schedule, doses] : regimen.schedules) {
        // One administration a dose level, with the days of the schedule it is given on.
        std::map<std::pair<std::string, double>, std::vector<int>> levels;  // (courses, mg/m2) -> days
        for (const treatment::ScheduledDose& dose : doses) {
          if (dose.drug != drug.id) continue;
          for (const treatment::DoseLevel& level : dose.levels) levels[{level.courses.text(), level.mg_m2}].push_back(dose.day);
        }
        for (const auto& [key, days] : levels) {
          const auto& [courses, mg_m2] = key;
          std::string name = regimen.period + " " + schedule + " " + drug.id + " " + level_text(mg_m2) + " courses " + courses;
          if (!written.insert(name).second) continue;
          OrderedJson administration = objects.object("Administration");
          administration["name"] = name;
          administration["label"] = drug.name + " " + level_text(mg_m2) + " mg/m2 " + drug.route;
          administration["description"] = (period && !period->title.empty() ? period->title : regimen.period) + ": " +
                                          days_text(days) + " of course(s) " + courses + " (schedule " + schedule + ")";
          administration["duration"] = infusion_duration(context, drug);
          administration["dose"] = objects.quantity(mg_m2, "mg/m2");
          auto route = route_term(drug.route);
          administration["route"] = route ? objects.alias(*route) : OrderedJson(nullptr);
          administration["frequency"] = nullptr;
          administration["administrableProductId"] = nullptr;
          administration["medicalDeviceId"] = nullptr;
          administration["notes"] = OrderedJson::array();
          administrations.push_back(std::move(administration));
        }
      }
    }
    intervention["administrations"] = std::move(administrations);
    intervention["notes"] = OrderedJson::array();
    interventions.push_back(std::move(intervention));
  }
  return interventions;
}

}  // namespace trialcore::usdm

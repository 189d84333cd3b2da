#include "treatment/plan_output.h"

#include <cmath>
#include <sstream>

#include "base/number_text.h"
#include "expr/value.h"

namespace trialcore::treatment {

double displayed_bsa(double bsa_m2, const TreatmentSpec& spec) {
  double scale = std::pow(10.0, spec.bsa_decimals);
  return std::round(bsa_m2 * scale) / scale;
}

namespace {

// Rounded values print as the pharmacist writes them: 3.27, not 3.2700000000000000178.
double clean(double value, double step) { return std::round(value / step) * step; }

int decimals_of(double step) {
  int decimals = 0;
  while (decimals < 6 && std::fabs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-9) {
    ++decimals;
  }
  return decimals;
}

}  // namespace

OrderedJson plan_json(const TreatmentPlan& plan, const TreatmentSpec& spec, bool with_courses) {
  OrderedJson doses = OrderedJson::array();
  for (const CoursePlan& course : plan.courses) {
    for (const PlannedDose& dose : course.doses) {
      doses.push_back({{"course", dose.course},
                       {"day", dose.day},
                       {"date", dose.date.to_string()},
                       {"latest", dose.latest.to_string()},
                       {"drug", dose.drug},
                       {"dose_mg_m2", dose.dose_mg_m2},
                       {"dose_mg", clean(dose.dose_mg, spec.dose_rounding_mg)},
                       {"order", dose.order}});
    }
  }
  double bsa = plan.courses.empty() ? 0 : displayed_bsa(plan.courses.front().bsa_m2, spec);
  OrderedJson answer = {{"bsa_m2", bsa}, {"doses", std::move(doses)}};
  if (with_courses) {
    OrderedJson courses = OrderedJson::array();
    for (const CoursePlan& course : plan.courses) {
      courses.push_back({{"course", course.number},
                         {"day1", course.day1.to_string()},
                         {"schedule", course.schedule},
                         {"measured_on", course.body.date.to_string()},
                         {"height_cm", course.body.height_cm},
                         {"weight_kg", course.body.weight_kg},
                         {"bsa_m2", displayed_bsa(course.bsa_m2, spec)}});
    }
    answer["courses"] = std::move(courses);
  }
  return answer;
}

std::string plan_calendar(const TreatmentPlan& plan, const TreatmentSpec& spec) {
  std::ostringstream out;
  int mg_decimals = decimals_of(spec.dose_rounding_mg);
  out << "Treatment plan, " << plan.period << " (BSA by " << bsa_formula_name(spec.bsa_formula) << ")\n";
  for (const CoursePlan& course : plan.courses) {
    out << "\nCourse " << course.number << "  day 1 " << course.day1.to_string() << "  schedule " << course.schedule
        << "\n  body measured " << course.body.date.to_string() << ": " << fixed_text(course.body.height_cm, 1) << " cm, "
        << fixed_text(course.body.weight_kg, 1) << " kg, BSA " << fixed_text(course.bsa_m2, spec.bsa_decimals) << " m2\n";
    for (const PlannedDose& dose : course.doses) {
      const Drug* drug = spec.drug(dose.drug);
      std::string window = dose.latest == dose.date ? "on the day" : "until " + dose.latest.to_string();
      out << "  day " << (dose.day < 10 ? " " : "") << dose.day << "  " << dose.date.to_string() << "  " << window
          << (dose.latest == dose.date ? "      " : "") << "  " << (dose.order > 1 ? std::to_string(dose.order) + ". " : "1. ")
          << (drug ? drug->name : dose.drug) << "  " << expr::format_number(dose.dose_mg_m2) << " mg/m2 = "
          << fixed_text(dose.dose_mg, mg_decimals) << " mg";
      if (drug) {
        out << "  " << drug->route << " over " << drug->infusion_minimum << "-" << drug->infusion_maximum << " min";
      }
      out << "\n";
    }
  }
  for (const std::string& warning : plan.warnings) out << "\nWARNING: " << warning << "\n";
  return out.str();
}

}  // namespace trialcore::treatment

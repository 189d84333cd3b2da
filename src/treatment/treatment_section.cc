#include "treatment/treatment_section.h"

#include <algorithm>
#include <cstdlib>

#include "base/object_reader.h"

namespace trialcore::treatment {

std::string CourseRange::text() const {
  if (last == first) return std::to_string(first);
  return std::to_string(first) + "-" + (last ? std::to_string(last) : "");
}

Result<CourseRange> parse_course_range(const std::string& text, const std::string& path) {
  auto bad = [&] { return Error{path, "'" + text + "' is not a course range (\"1\", \"2-\" or \"1-8\")"}; };
  auto whole = [](const std::string& digits) -> int {
    if (digits.empty() || digits.size() > 3 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return -1;
    return std::atoi(digits.c_str());
  };
  CourseRange range;
  size_t dash = text.find('-');
  range.first = whole(text.substr(0, dash));
  if (range.first < 1) return bad();
  if (dash == std::string::npos) {
    range.last = range.first;
  } else if (dash + 1 < text.size()) {
    range.last = whole(text.substr(dash + 1));
    if (range.last < range.first) return bad();
  }
  return range;
}

std::optional<double> ScheduledDose::level_for(int course) const {
  for (const DoseLevel& level : levels) {
    if (level.courses.contains(course)) return level.mg_m2;
  }
  return std::nullopt;
}

const ScheduleRule* Regimen::rule_for(int course, const std::set<std::string>& add_ons) const {
  for (const ScheduleRule& rule : rules) {
    if (!rule.courses.contains(course)) continue;
    if (!rule.with_add_on.empty() && !add_ons.count(rule.with_add_on)) continue;
    return &rule;
  }
  return nullptr;
}

bool Regimen::supports(const std::string& add_on) const {
  return std::any_of(rules.begin(), rules.end(), [&](const ScheduleRule& rule) { return rule.with_add_on == add_on; });
}

namespace {

// A whole number of at least `minimum`; absent: `fallback`, or "is required" without one.
int whole_at_least(ObjectReader& in, const char* key, int minimum, std::optional<int> fallback) {
  std::optional<int64_t> value = in.integer(key);
  if (!value) {
    if (!fallback) in.fail(key, "is required");
    return fallback.value_or(0);
  }
  if (*value < minimum) in.fail(key, "must be at least " + std::to_string(minimum));
  return static_cast<int>(*value);
}

// A number greater than 0, when given.
std::optional<double> positive(ObjectReader& in, const char* key) {
  std::optional<double> value = in.number(key);
  if (value && *value <= 0) in.fail(key, "must be greater than 0");
  return value;
}

Drug read_drug(const std::string& id, ObjectReader& in) {
  Drug drug;
  drug.id = id;
  drug.name = in.required_text("name");
  drug.route = in.text("route").value_or("");
  bool given = in.object("infusion_minutes", [&](ObjectReader& infusion) {
    drug.infusion_minimum = whole_at_least(infusion, "min", 1, std::nullopt);
    drug.infusion_maximum = whole_at_least(infusion, "max", drug.infusion_minimum, std::nullopt);
  });
  if (!given) in.fail("infusion_minutes", "is required: {\"min\": ..., \"max\": ...}");
  return drug;
}

// "dose_mg_m2": one number for every course, or levels by course.
std::vector<DoseLevel> read_levels(ObjectReader& in) {
  const Json* value = in.member("dose_mg_m2");
  if (!value) {
    in.fail("dose_mg_m2", "is required");
    return {};
  }
  if (value->is_number()) {
    if (!(value->get<double>() > 0)) in.fail("dose_mg_m2", "must be greater than 0");
    return {{CourseRange{1, 0}, value->get<double>()}};
  }
  if (!value->is_array() || value->empty()) {
    in.fail("dose_mg_m2", "must be a number or a list of {\"courses\": \"1\", \"value\": 1.3}");
    return {};
  }
  std::vector<DoseLevel> levels;
  in.each_object(*value, in.path_of("dose_mg_m2"), [&](ObjectReader& level) {
    auto range = level.take(parse_course_range(level.required_text("courses"), level.path_of("courses")));
    double mg_m2 = level.required_number("value");
    if (mg_m2 <= 0) level.fail("value", "must be greater than 0");
    if (range) levels.push_back({*range, mg_m2});
  });
  return levels;
}

ScheduledDose read_scheduled_dose(const TreatmentSpec& spec, ObjectReader& in) {
  ScheduledDose dose;
  dose.drug = in.required_text("drug");
  if (!spec.drug(dose.drug)) in.fail("drug", "'" + dose.drug + "' is not in $.treatment.drugs");
  dose.day = whole_at_least(in, "day", 1, std::nullopt);
  dose.levels = read_levels(in);
  dose.window_days = whole_at_least(in, "window_days", 0, 0);
  dose.order = whole_at_least(in, "order", 1, 1);
  return dose;
}

// "schedules": {"name": [doses...]}, a drug at most once a day.
void read_schedules(const TreatmentSpec& spec, ObjectReader& in, Regimen& regimen) {
  const Json* schedules = in.member("schedules");
  if (!schedules || !schedules->is_object() || schedules->empty()) {
    return in.fail("schedules", "must name at least one schedule: {\"name\": [doses...]}");
  }
  in.each_member(*schedules, in.path_of("schedules"),
                 [&](const std::string& name, const Json& list, const std::string& here) {
    if (!list.is_array() || list.empty()) return in.fail(Error{here, "must be a non-empty list of doses"});
    std::vector<ScheduledDose>& doses = regimen.schedules[name];
    in.each(list, here, [&](const Json& entry, const std::string& dose_path) {
      in.nested(entry, dose_path, [&](ObjectReader& fields) {
        ScheduledDose dose = read_scheduled_dose(spec, fields);
        for (const ScheduledDose& earlier : doses) {
          if (earlier.drug == dose.drug && earlier.day == dose.day) {
            fields.fail(Error{dose_path, dose.drug + " is scheduled twice on day " + std::to_string(dose.day)});
          }
        }
        doses.push_back(std::move(dose));
      });
    });
  });
}

// "schedule_by_course": which schedule each course follows, first match wins.
void read_schedule_rules(const TreatmentSpec& spec, ObjectReader& in, Regimen& regimen) {
  const Json* rules = in.member("schedule_by_course");
  if (!rules || !rules->is_array() || rules->empty()) {
    return in.fail("schedule_by_course",
                   "must be a list of {\"courses\", \"schedule\"[, \"with_add_on\"]}, first match wins");
  }
  in.each_object(*rules, in.path_of("schedule_by_course"), [&](ObjectReader& entry) {
    ScheduleRule rule;
    std::string courses = entry.text("courses").value_or("1-");
    rule.schedule = entry.required_text("schedule");
    if (!regimen.schedules.count(rule.schedule)) {
      entry.fail("schedule", "'" + rule.schedule + "' is not a schedule of this regimen");
    }
    if (auto range = entry.take(parse_course_range(courses, entry.path_of("courses")))) rule.courses = *range;
    rule.with_add_on = entry.text("with_add_on").value_or("");
    if (!rule.with_add_on.empty() && !spec.add_on(rule.with_add_on)) {
      entry.fail("with_add_on", "'" + rule.with_add_on + "' is not in $.treatment.add_ons");
    }
    regimen.rules.push_back(std::move(rule));
  });
}

// Every course must have a schedule without any add-on, and every dose a level.
void check_every_course(const TreatmentSpec& spec, ObjectReader& in, const Regimen& regimen) {
  for (int course = 1; course <= spec.max_courses; ++course) {
    if (!regimen.rule_for(course, {})) {
      return in.fail("schedule_by_course", "no schedule applies to course " + std::to_string(course) + " without add-ons");
    }
  }
  for (const auto& [name, doses] : regimen.schedules) {
    for (const ScheduledDose& dose : doses) {
      for (int course = 1; course <= spec.max_courses; ++course) {
        if (!dose.level_for(course)) {
          return in.fail(Error{member_path(in.path_of("schedules"), name),
                               dose.drug + " on day " + std::to_string(dose.day) + " has no dose level for course " +
                                   std::to_string(course)});
        }
      }
    }
  }
}

Regimen read_regimen(const TreatmentSpec& spec, const std::string& period, ObjectReader& in) {
  Regimen regimen;
  regimen.period = period;
  regimen.course_interval_days = whole_at_least(in, "course_interval_days", 1, std::nullopt);
  regimen.earliest_next_course_days =
      whole_at_least(in, "earliest_next_course_days", 1, regimen.course_interval_days);
  if (regimen.earliest_next_course_days > regimen.course_interval_days) {
    in.fail("earliest_next_course_days", "must not be later than course_interval_days");
  }
  read_schedules(spec, in, regimen);
  read_schedule_rules(spec, in, regimen);
  if (in.ok()) check_every_course(spec, in, regimen);
  return regimen;
}

void read_settings(ObjectReader& in, TreatmentSpec& spec) {
  in.object("bsa", [&](ObjectReader& bsa) {
    if (auto formula = bsa.text("formula")) {
      auto parsed = parse_bsa_formula(*formula);
      if (parsed.ok()) spec.bsa_formula = *parsed;
      else bsa.fail("formula", parsed.error().message);
    }
    spec.bsa_decimals = whole_at_least(bsa, "decimals", 0, 2);
    spec.bsa_warn_above_m2 = positive(bsa, "warn_above_m2");
    spec.bsa_cap_m2 = positive(bsa, "cap_m2");
  });
  spec.dose_rounding_mg = positive(in, "dose_rounding_mg").value_or(0.01);
  std::optional<double> tolerance = in.number("dose_tolerance_percent");
  if (tolerance && (*tolerance < 0 || *tolerance >= 100)) {
    in.fail("dose_tolerance_percent", "must be 0 or more and below 100");
  }
  spec.dose_tolerance_percent = tolerance.value_or(5);
  spec.max_courses = whole_at_least(in, "max_courses", 1, std::nullopt);
}

}  // namespace

Result<TreatmentSpec> parse_treatment_spec(const Json& section, const std::string& path,
                                           const std::vector<std::string>& period_ids) {
  ObjectReader in(section, path);
  TreatmentSpec spec;
  read_settings(in, spec);
  const Json* drugs = in.member("drugs");
  if (!drugs || !drugs->is_object() || drugs->empty()) {
    in.fail("drugs", "must name at least one drug");
  } else {
    in.each_member(*drugs, in.path_of("drugs"), [&](const std::string& id, const Json& entry, const std::string& here) {
      in.nested(entry, here, [&](ObjectReader& fields) { spec.drugs.push_back(read_drug(id, fields)); });
    });
  }
  in.each_member_of(in.member("add_ons"), "add_ons", "add-on names",
                    [&](const std::string& id, const Json& entry, const std::string& here) {
    in.nested(entry, here, [&](ObjectReader& fields) {
      std::string description = fields.required_text("description");
      spec.add_ons.push_back({id, description, fields.text("signal").value_or("")});
    });
  });
  const Json* regimens = in.member("regimens");
  if (!regimens || !regimens->is_object()) {
    in.fail("regimens", "must give a regimen for each period: {\"period-id\": {...}}");
  } else {
    in.each_member(*regimens, in.path_of("regimens"),
                   [&](const std::string& period, const Json& entry, const std::string& here) {
      if (std::find(period_ids.begin(), period_ids.end(), period) == period_ids.end()) {
        return in.fail(Error{here, "'" + period + "' is not a period of the protocol"});
      }
      in.nested(entry, here, [&](ObjectReader& fields) { spec.regimens.push_back(read_regimen(spec, period, fields)); });
    });
  }
  for (const std::string& period : period_ids) {
    if (in.ok() && !spec.regimen(period)) in.fail("regimens", "period '" + period + "' has no regimen");
  }
  return in.finish(std::move(spec));
}

}  // namespace trialcore::treatment

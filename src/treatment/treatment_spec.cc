#include "treatment/treatment_spec.h"

#include <algorithm>
#include <cstdlib>

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

const Regimen* TreatmentSpec::regimen(const std::string& period) const {
  for (const Regimen& regimen : regimens) {
    if (regimen.period == period) return &regimen;
  }
  return nullptr;
}

const Drug* TreatmentSpec::drug(const std::string& id) const {
  for (const Drug& drug : drugs) {
    if (drug.id == id) return &drug;
  }
  return nullptr;
}

const AddOn* TreatmentSpec::add_on(const std::string& id) const {
  for (const AddOn& add_on : add_ons) {
    if (add_on.id == id) return &add_on;
  }
  return nullptr;
}

namespace {

Result<int> whole_at_least(const Json& object, const char* key, const std::string& path, int minimum,
                           std::optional<int> fallback) {
  auto value = read_integer(object, key, path);
  if (!value.ok()) return value.error();
  if (!value->has_value()) {
    if (fallback) return *fallback;
    return Error{member_path(path, key), "is required"};
  }
  if (**value < minimum) return Error{member_path(path, key), "must be at least " + std::to_string(minimum)};
  return static_cast<int>(**value);
}

Result<double> positive_number(const Json& object, const char* key, const std::string& path) {
  auto value = required(read_number(object, key, path), key, path);
  if (!value.ok()) return value.error();
  if (*value <= 0) return Error{member_path(path, key), "must be greater than 0"};
  return *value;
}

Result<Drug> read_drug(const std::string& id, const Json& entry, const std::string& path) {
  Status known = reject_unknown_members(entry, {"name", "route", "infusion_minutes"}, path);
  if (!known.ok()) return known.error();
  Drug drug;
  drug.id = id;
  auto name = required(read_text(entry, "name", path), "name", path);
  if (!name.ok()) return name.error();
  drug.name = *name;
  auto route = read_text(entry, "route", path);
  if (!route.ok()) return route.error();
  drug.route = route->value_or("");
  std::string infusion_path = member_path(path, "infusion_minutes");
  if (!entry.contains("infusion_minutes")) return Error{infusion_path, "is required: {\"min\": ..., \"max\": ...}"};
  const Json& infusion = entry["infusion_minutes"];
  Status members = reject_unknown_members(infusion, {"min", "max"}, infusion_path);
  if (!members.ok()) return members.error();
  auto minimum = whole_at_least(infusion, "min", infusion_path, 1, std::nullopt);
  if (!minimum.ok()) return minimum.error();
  auto maximum = whole_at_least(infusion, "max", infusion_path, *minimum, std::nullopt);
  if (!maximum.ok()) return maximum.error();
  drug.infusion_minimum = *minimum;
  drug.infusion_maximum = *maximum;
  return drug;
}

Result<std::vector<DoseLevel>> read_levels(const Json& entry, const std::string& path) {
  std::string here = member_path(path, "dose_mg_m2");
  if (!entry.contains("dose_mg_m2")) return Error{here, "is required"};
  const Json& value = entry["dose_mg_m2"];
  if (value.is_number()) {
    if (!(value.get<double>() > 0)) return Error{here, "must be greater than 0"};
    return std::vector<DoseLevel>{{CourseRange{1, 0}, value.get<double>()}};
  }
  if (!value.is_array() || value.empty()) {
    return Error{here, "must be a number or a list of {\"courses\": \"1\", \"value\": 1.3}"};
  }
  std::vector<DoseLevel> levels;
  for (size_t i = 0; i < value.size(); ++i) {
    std::string level_path = element_path(here, i);
    Status known = reject_unknown_members(value[i], {"courses", "value"}, level_path);
    if (!known.ok()) return known.error();
    auto courses = required(read_text(value[i], "courses", level_path), "courses", level_path);
    if (!courses.ok()) return courses.error();
    auto range = parse_course_range(*courses, member_path(level_path, "courses"));
    if (!range.ok()) return range.error();
    auto level = positive_number(value[i], "value", level_path);
    if (!level.ok()) return level.error();
    levels.push_back({*range, *level});
  }
  return levels;
}

Result<ScheduledDose> read_scheduled_dose(const TreatmentSpec& spec, const Json& entry, const std::string& path) {
  Status known = reject_unknown_members(entry, {"drug", "day", "dose_mg_m2", "window_days", "order"}, path);
  if (!known.ok()) return known.error();
  ScheduledDose dose;
  auto drug = required(read_text(entry, "drug", path), "drug", path);
  if (!drug.ok()) return drug.error();
  if (!spec.drug(*drug)) return Error{member_path(path, "drug"), "'" + *drug + "' is not in $.treatment.drugs"};
  dose.drug = *drug;
  auto day = whole_at_least(entry, "day", path, 1, std::nullopt);
  if (!day.ok()) return day.error();
  dose.day = *day;
  auto window = whole_at_least(entry, "window_days", path, 0, 0);
  if (!window.ok()) return window.error();
  dose.window_days = *window;
  auto order = whole_at_least(entry, "order", path, 1, 1);
  if (!order.ok()) return order.error();
  dose.order = *order;
  auto levels = read_levels(entry, path);
  if (!levels.ok()) return levels.error();
  dose.levels = std::move(*levels);
  return dose;
}

Result<Regimen> read_regimen(const TreatmentSpec& spec, const std::string& period, const Json& entry,
                             const std::string& path) {
  Status known = reject_unknown_members(
      entry, {"course_interval_days", "earliest_next_course_days", "schedules", "schedule_by_course"}, path);
  if (!known.ok()) return known.error();
  Regimen regimen;
  regimen.period = period;
  auto interval = whole_at_least(entry, "course_interval_days", path, 1, std::nullopt);
  if (!interval.ok()) return interval.error();
  regimen.course_interval_days = *interval;
  auto earliest = whole_at_least(entry, "earliest_next_course_days", path, 1, *interval);
  if (!earliest.ok()) return earliest.error();
  if (*earliest > *interval) {
    return Error{member_path(path, "earliest_next_course_days"), "must not be later than course_interval_days"};
  }
  regimen.earliest_next_course_days = *earliest;

  std::string schedules_path = member_path(path, "schedules");
  if (!entry.contains("schedules") || !entry["schedules"].is_object() || entry["schedules"].empty()) {
    return Error{schedules_path, "must name at least one schedule: {\"name\": [doses...]}"};
  }
  for (auto it = entry["schedules"].begin(); it != entry["schedules"].end(); ++it) {
    std::string here = member_path(schedules_path, it.key());
    if (!it->is_array() || it->empty()) return Error{here, "must be a non-empty list of doses"};
    std::vector<ScheduledDose> doses;
    for (size_t i = 0; i < it->size(); ++i) {
      auto dose = read_scheduled_dose(spec, (*it)[i], element_path(here, i));
      if (!dose.ok()) return dose.error();
      for (const ScheduledDose& earlier : doses) {
        if (earlier.drug == dose->drug && earlier.day == dose->day) {
          return Error{element_path(here, i), dose->drug + " is scheduled twice on day " + std::to_string(dose->day)};
        }
      }
      doses.push_back(std::move(*dose));
    }
    regimen.schedules[it.key()] = std::move(doses);
  }

  std::string rules_path = member_path(path, "schedule_by_course");
  if (!entry.contains("schedule_by_course") || !entry["schedule_by_course"].is_array() ||
      entry["schedule_by_course"].empty()) {
    return Error{rules_path, "must be a list of {\"courses\", \"schedule\"[, \"with_add_on\"]}, first match wins"};
  }
  const Json& rules = entry["schedule_by_course"];
  for (size_t i = 0; i < rules.size(); ++i) {
    std::string here = element_path(rules_path, i);
    Status members = reject_unknown_members(rules[i], {"courses", "schedule", "with_add_on"}, here);
    if (!members.ok()) return members.error();
    ScheduleRule rule;
    auto schedule = required(read_text(rules[i], "schedule", here), "schedule", here);
    if (!schedule.ok()) return schedule.error();
    if (!regimen.schedules.count(*schedule)) {
      return Error{member_path(here, "schedule"), "'" + *schedule + "' is not a schedule of this regimen"};
    }
    rule.schedule = *schedule;
    auto courses = read_text(rules[i], "courses", here);
    if (!courses.ok()) return courses.error();
    auto range = parse_course_range(courses->value_or("1-"), member_path(here, "courses"));
    if (!range.ok()) return range.error();
    rule.courses = *range;
    auto add_on = read_text(rules[i], "with_add_on", here);
    if (!add_on.ok()) return add_on.error();
    rule.with_add_on = add_on->value_or("");
    if (!rule.with_add_on.empty() && !spec.add_on(rule.with_add_on)) {
      return Error{member_path(here, "with_add_on"), "'" + rule.with_add_on + "' is not in $.treatment.add_ons"};
    }
    regimen.rules.push_back(std::move(rule));
  }
  // Every course must have a schedule without any add-on, and every dose a level.
  for (int course = 1; course <= spec.max_courses; ++course) {
    const ScheduleRule* rule = regimen.rule_for(course, {});
    if (!rule) return Error{rules_path, "no schedule applies to course " + std::to_string(course) + " without add-ons"};
  }
  for (const auto& [name, doses] : regimen.schedules) {
    for (const ScheduledDose& dose : doses) {
      for (int course = 1; course <= spec.max_courses; ++course) {
        if (!dose.level_for(course)) {
          return Error{member_path(schedules_path, name), dose.drug + " on day " + std::to_string(dose.day) +
                                                             " has no dose level for course " + std::to_string(course)};
        }
      }
    }
  }
  return regimen;
}

Status read_settings(TreatmentSpec& spec, const Json& section, const std::string& path) {
  if (section.contains("bsa")) {
    std::string here = member_path(path, "bsa");
    const Json& bsa = section["bsa"];
    Status known = reject_unknown_members(bsa, {"formula", "decimals", "warn_above_m2", "cap_m2"}, here);
    if (!known.ok()) return known;
    auto formula = read_text(bsa, "formula", here);
    if (!formula.ok()) return formula.error();
    if (formula->has_value()) {
      auto parsed = parse_bsa_formula(**formula);
      if (!parsed.ok()) return Error{member_path(here, "formula"), parsed.error().message};
      spec.bsa_formula = *parsed;
    }
    auto decimals = whole_at_least(bsa, "decimals", here, 0, 2);
    if (!decimals.ok()) return decimals.error();
    spec.bsa_decimals = *decimals;
    for (auto [key, target] : {std::pair{"warn_above_m2", &spec.bsa_warn_above_m2}, std::pair{"cap_m2", &spec.bsa_cap_m2}}) {
      auto value = read_number(bsa, key, here);
      if (!value.ok()) return value.error();
      if (value->has_value() && **value <= 0) return Error{member_path(here, key), "must be greater than 0"};
      *target = *value;
    }
  }
  auto rounding = read_number(section, "dose_rounding_mg", path);
  if (!rounding.ok()) return rounding.error();
  if (rounding->has_value() && **rounding <= 0) return Error{member_path(path, "dose_rounding_mg"), "must be greater than 0"};
  spec.dose_rounding_mg = rounding->value_or(0.01);
  auto tolerance = read_number(section, "dose_tolerance_percent", path);
  if (!tolerance.ok()) return tolerance.error();
  if (tolerance->has_value() && (**tolerance < 0 || **tolerance >= 100)) {
    return Error{member_path(path, "dose_tolerance_percent"), "must be 0 or more and below 100"};
  }
  spec.dose_tolerance_percent = tolerance->value_or(5);
  auto max_courses = whole_at_least(section, "max_courses", path, 1, std::nullopt);
  if (!max_courses.ok()) return max_courses.error();
  spec.max_courses = *max_courses;
  return Status::Ok();
}

}  // namespace

Result<TreatmentSpec> parse_treatment_spec(const Json& section, const std::string& path,
                                           const std::vector<std::string>& period_ids) {
  Status known = reject_unknown_members(
      section, {"bsa", "dose_rounding_mg", "dose_tolerance_percent", "max_courses", "drugs", "add_ons", "regimens"}, path);
  if (!known.ok()) return known.error();
  TreatmentSpec spec;
  Status settings = read_settings(spec, section, path);
  if (!settings.ok()) return settings.error();

  std::string drugs_path = member_path(path, "drugs");
  if (!section.contains("drugs") || !section["drugs"].is_object() || section["drugs"].empty()) {
    return Error{drugs_path, "must name at least one drug"};
  }
  for (auto it = section["drugs"].begin(); it != section["drugs"].end(); ++it) {
    auto drug = read_drug(it.key(), *it, member_path(drugs_path, it.key()));
    if (!drug.ok()) return drug.error();
    spec.drugs.push_back(std::move(*drug));
  }
  if (section.contains("add_ons")) {
    std::string add_ons_path = member_path(path, "add_ons");
    if (!section["add_ons"].is_object()) return Error{add_ons_path, "must be an object of add-on names"};
    for (auto it = section["add_ons"].begin(); it != section["add_ons"].end(); ++it) {
      std::string here = member_path(add_ons_path, it.key());
      Status members = reject_unknown_members(*it, {"description", "signal"}, here);
      if (!members.ok()) return members.error();
      AddOn add_on;
      add_on.id = it.key();
      auto description = required(read_text(*it, "description", here), "description", here);
      if (!description.ok()) return description.error();
      add_on.description = *description;
      auto signal = read_text(*it, "signal", here);
      if (!signal.ok()) return signal.error();
      add_on.signal = signal->value_or("");
      spec.add_ons.push_back(std::move(add_on));
    }
  }
  std::string regimens_path = member_path(path, "regimens");
  if (!section.contains("regimens") || !section["regimens"].is_object()) {
    return Error{regimens_path, "must give a regimen for each period: {\"period-id\": {...}}"};
  }
  for (auto it = section["regimens"].begin(); it != section["regimens"].end(); ++it) {
    std::string here = member_path(regimens_path, it.key());
    if (std::find(period_ids.begin(), period_ids.end(), it.key()) == period_ids.end()) {
      return Error{here, "'" + it.key() + "' is not a period of the protocol"};
    }
    auto regimen = read_regimen(spec, it.key(), *it, here);
    if (!regimen.ok()) return regimen.error();
    spec.regimens.push_back(std::move(*regimen));
  }
  for (const std::string& period : period_ids) {
    if (!spec.regimen(period)) return Error{regimens_path, "period '" + period + "' has no regimen"};
  }
  return spec;
}

}  // namespace trialcore::treatment

#include "results/registry_results.h"

#include <algorithm>
#include <map>

#include "base/number_text.h"
#include "expr/value.h"

namespace trialcore::results {

namespace {

// A group of the registry's tables: a period and its registry arm.
struct Group {
  std::string period;
  std::string title;
  std::string description;
};

std::vector<Group> groups_of(const Protocol& protocol) {
  std::vector<Group> groups;
  for (const Period& period : protocol.periods) {
    Group group{period.id, period.title, period.description};
    for (const Json& arm : protocol.registry.value("arms", Json::array())) {
      if (arm.is_object() && arm.value("period", "") == period.id) {
        group.title = arm.value("label", group.title);
        group.description = arm.value("description", group.description);
      }
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

// "FG000", "BG001", ...: the registry's group ids.
std::string group_id(const char* prefix, size_t index) {
  std::string number = std::to_string(index);
  return prefix + std::string(number.size() < 3 ? 3 - number.size() : 0, '0') + number;
}

OrderedJson groups_json(const std::vector<Group>& groups, const char* prefix) {
  OrderedJson list = OrderedJson::array();
  for (size_t i = 0; i < groups.size(); ++i) {
    list.push_back({{"id", group_id(prefix, i)}, {"title", groups[i].title}, {"description", groups[i].description}});
  }
  return list;
}

// One count per group, as the registry writes counts in its flow and baseline tables: text.
template <class Count>
OrderedJson counts_json(const std::vector<Group>& groups, const char* prefix, const char* count_key, Count&& count) {
  OrderedJson list = OrderedJson::array();
  for (size_t i = 0; i < groups.size(); ++i) {
    list.push_back({{"groupId", group_id(prefix, i)}, {count_key, std::to_string(count(groups[i]))}});
  }
  return list;
}

std::string number_text(double value) { return expr::format_number(value); }

// The patients as they stood on `as_of`, enrolled, by period.
std::map<std::string, std::vector<trial::PatientState>> enrolled_by_period(const std::vector<trial::PatientState>& patients,
                                                                           Date as_of) {
  std::map<std::string, std::vector<trial::PatientState>> by_period;
  for (const trial::PatientState& state : patients) {
    trial::PatientState patient = trial::state_as_of(state, as_of);
    if (patient.enrolled()) by_period[patient.period].push_back(std::move(patient));
  }
  return by_period;
}

OrderedJson participant_flow(const std::vector<Group>& groups,
                             const std::map<std::string, std::vector<trial::PatientState>>& enrolled, Date as_of) {
  auto count = [&](const Group& group, auto&& which) {
    auto found = enrolled.find(group.period);
    if (found == enrolled.end()) return 0;
    return static_cast<int>(std::count_if(found->second.begin(), found->second.end(), which));
  };
  auto all = [](const trial::PatientState&) { return true; };
  auto treated = [](const trial::PatientState& patient) { return !patient.doses.empty(); };
  auto off_study = [](const trial::PatientState& patient) { return !patient.active(); };
  auto on_study = [](const trial::PatientState& patient) { return patient.active(); };
  OrderedJson milestones = OrderedJson::array();
  milestones.push_back({{"type", "STARTED"}, {"comment", "Enrolled"},
                        {"achievements", counts_json(groups, "FG", "numSubjects", [&](const Group& g) { return count(g, all); })}});
  milestones.push_back({{"type", "Treated"}, {"comment", "At least one dose given"},
                        {"achievements", counts_json(groups, "FG", "numSubjects", [&](const Group& g) { return count(g, treated); })}});
  milestones.push_back({{"type", "COMPLETED"}, {"comment", "Went off study (participation ended), as of " + as_of.to_string()},
                        {"achievements", counts_json(groups, "FG", "numSubjects", [&](const Group& g) { return count(g, off_study); })}});
  milestones.push_back({{"type", "NOT COMPLETED"},
                        {"achievements", counts_json(groups, "FG", "numSubjects", [&](const Group& g) { return count(g, on_study); })}});
  OrderedJson withdrawals = OrderedJson::array();
  withdrawals.push_back({{"type", "On study as of " + as_of.to_string()},
                         {"reasons", counts_json(groups, "FG", "numSubjects", [&](const Group& g) { return count(g, on_study); })}});
  OrderedJson period = {{"title", "Overall Study"}, {"milestones", std::move(milestones)}, {"dropWithdraws", std::move(withdrawals)}};
  return {{"recruitmentDetails", "Patients enrolled in each period of the protocol, as the trial's record holds them on " +
                                     as_of.to_string() + "."},
          {"groups", groups_json(groups, "FG")},
          {"periods", OrderedJson::array({std::move(period)})}};
}

// Age at enrollment (whole years) and sex, from each patient's registered record.
OrderedJson baseline(const std::vector<Group>& groups, const std::map<std::string, std::vector<trial::PatientState>>& enrolled) {
  std::vector<Group> with_total = groups;
  with_total.push_back({"", "Total", "All periods"});
  auto patients_of = [&](const Group& group) {
    std::vector<const trial::PatientState*> patients;
    for (const auto& [period, list] : enrolled) {
      if (!group.period.empty() && period != group.period) continue;
      for (const trial::PatientState& patient : list) patients.push_back(&patient);
    }
    return patients;
  };
  OrderedJson denoms = OrderedJson::array(
      {{{"units", "Participants"}, {"counts", counts_json(with_total, "BG", "value", [&](const Group& g) { return patients_of(g).size(); })}}});
  OrderedJson ages = OrderedJson::array();
  for (size_t i = 0; i < with_total.size(); ++i) {
    std::vector<int> years;
    for (const trial::PatientState* patient : patients_of(with_total[i])) {
      auto born = Date::Parse(patient->record.value("birth_date", ""));
      if (born.ok() && patient->enrolled_on) years.push_back(born->whole_years_until(*patient->enrolled_on));
    }
    std::sort(years.begin(), years.end());
    OrderedJson measurement = {{"groupId", group_id("BG", i)}};
    if (years.empty()) {
      measurement["value"] = "NA";
      measurement["comment"] = "No participants";
    } else {
      size_t n = years.size();
      double median = n % 2 ? years[n / 2] : (years[n / 2 - 1] + years[n / 2]) / 2.0;
      measurement["value"] = number_text(median);
      measurement["lowerLimit"] = std::to_string(years.front());
      measurement["upperLimit"] = std::to_string(years.back());
    }
    ages.push_back(std::move(measurement));
  }
  OrderedJson sex_categories = OrderedJson::array();
  for (const char* sex : {"female", "male"}) {
    std::string title = sex == std::string("female") ? "Female" : "Male";
    sex_categories.push_back({{"title", title}, {"measurements", counts_json(with_total, "BG", "value", [&](const Group& g) {
                                 auto patients = patients_of(g);
                                 return std::count_if(patients.begin(), patients.end(), [&](const trial::PatientState* p) {
                                   return p->record.value("sex", "") == sex;
                                 });
                               })}});
  }
  OrderedJson measures = OrderedJson::array();
  measures.push_back({{"title", "Age, Continuous"}, {"description", "Age at enrollment, whole years"},
                      {"paramType", "MEDIAN"}, {"dispersionType", "FULL_RANGE"}, {"unitOfMeasure", "years"},
                      {"classes", OrderedJson::array({{{"categories", OrderedJson::array({{{"measurements", std::move(ages)}}})}}})}});
  measures.push_back({{"title", "Sex: Female, Male"}, {"paramType", "COUNT_OF_PARTICIPANTS"}, {"unitOfMeasure", "Participants"},
                      {"classes", OrderedJson::array({{{"categories", std::move(sex_categories)}}})}});
  return {{"populationDescription", "All patients enrolled"},
          {"groups", groups_json(with_total, "BG")},
          {"denoms", std::move(denoms)},
          {"measures", std::move(measures)}};
}

OrderedJson primary_outcome(const Protocol& protocol, const std::vector<Group>& groups, const report::EndpointReport& endpoint) {
  auto result_of = [&](const Group& group) -> const report::GroupResult* {
    for (const report::GroupResult& result : endpoint.periods) {
      if (result.label == group.period) return &result;
    }
    return nullptr;
  };
  OrderedJson measurements = OrderedJson::array();
  OrderedJson analyses = OrderedJson::array();
  for (size_t i = 0; i < groups.size(); ++i) {
    const report::GroupResult* result = result_of(groups[i]);
    measurements.push_back({{"groupId", group_id("OG", i)}, {"value", std::to_string(result ? result->responders : 0)}});
    if (!result || !result->rate) continue;
    analyses.push_back({{"paramType", "Proportion of treated participants with response"},
                        {"paramValue", fixed_text(result->rate->proportion, 3)},
                        {"ciNumSides", "TWO_SIDED"},
                        {"ciPctValue", "95"},
                        {"ciLowerLimit", fixed_text(result->rate->lower, 3)},
                        {"ciUpperLimit", fixed_text(result->rate->upper, 3)},
                        {"estimateComment", "Exact (Clopper-Pearson) 95% confidence interval"},
                        {"groupDescription", groups[i].title},
                        {"groupIds", OrderedJson::array({group_id("OG", i)})}});
  }
  if (endpoint.overall.rate) {
    OrderedJson all = OrderedJson::array();
    for (size_t i = 0; i < groups.size(); ++i) all.push_back(group_id("OG", i));
    analyses.push_back({{"paramType", "Proportion of treated participants with response"},
                        {"paramValue", fixed_text(endpoint.overall.rate->proportion, 3)},
                        {"ciNumSides", "TWO_SIDED"},
                        {"ciPctValue", "95"},
                        {"ciLowerLimit", fixed_text(endpoint.overall.rate->lower, 3)},
                        {"ciUpperLimit", fixed_text(endpoint.overall.rate->upper, 3)},
                        {"estimateComment", "Exact (Clopper-Pearson) 95% confidence interval, all periods together"},
                        {"groupDescription", "All periods together"},
                        {"groupIds", std::move(all)}});
  }
  const Json outcome = protocol.registry.value("primary_outcome", Json::object());
  OrderedJson measure = {
      {"type", "PRIMARY"},
      {"title", outcome.value("measure", "Primary outcome")},
      {"description", outcome.value("description", "")},
      {"populationDescription", "Patients treated (at least one dose given): intent to treat"},
      {"reportingStatus", "POSTED"},
      {"paramType", "COUNT_OF_PARTICIPANTS"},
      {"unitOfMeasure", "Participants"},
      {"timeFrame", outcome.value("time_frame", "")},
      {"groups", groups_json(groups, "OG")},
      {"denoms", OrderedJson::array({{{"units", "Participants"}, {"counts", counts_json(groups, "OG", "value", [&](const Group& g) {
                                        const report::GroupResult* result = result_of(g);
                                        return result ? result->treated : 0;
                                      })}}})},
      {"classes", OrderedJson::array({{{"categories", OrderedJson::array({{{"measurements", std::move(measurements)}}})}}})},
      {"analyses", std::move(analyses)}};
  return {{"outcomeMeasures", OrderedJson::array({std::move(measure)})}};
}

OrderedJson adverse_events(const Protocol& protocol, const std::vector<Group>& groups, const SafetyReport& safety, Date as_of) {
  auto group_of = [&](const Group& group) -> const SafetyGroup* {
    for (const SafetyGroup& each : safety.periods) {
      if (each.id == group.period) return &each;
    }
    return nullptr;
  };
  OrderedJson event_groups = OrderedJson::array();
  for (size_t i = 0; i < groups.size(); ++i) {
    const SafetyGroup* counts = group_of(groups[i]);
    int at_risk = counts ? counts->at_risk : 0;
    event_groups.push_back({{"id", group_id("EG", i)},
                            {"title", groups[i].title},
                            {"description", groups[i].description},
                            {"deathsNumAffected", counts ? counts->deaths : 0},
                            {"deathsNumAtRisk", at_risk},
                            {"seriousNumAffected", counts ? counts->serious_patients : 0},
                            {"seriousNumAtRisk", at_risk},
                            {"otherNumAffected", counts ? counts->other_patients : 0},
                            {"otherNumAtRisk", at_risk}});
  }
  // Every reported term of the trial, in the order of the overall table.
  auto events = [&](bool serious) {
    OrderedJson list = OrderedJson::array();
    for (const TermCount& overall : safety.overall.terms) {
      if (!overall.term.reported) continue;
      if (serious ? overall.serious_events == 0 : overall.events == overall.serious_events) continue;
      OrderedJson stats = OrderedJson::array();
      for (size_t i = 0; i < groups.size(); ++i) {
        const SafetyGroup* counts = group_of(groups[i]);
        const TermCount* row = nullptr;
        if (counts) {
          for (const TermCount& each : counts->terms) {
            if (each.term == overall.term) row = &each;
          }
        }
        int events_count = !row ? 0 : serious ? row->serious_events : row->events - row->serious_events;
        int affected = !row ? 0 : serious ? row->serious_patients : row->other_patients;
        stats.push_back({{"groupId", group_id("EG", i)},
                         {"numEvents", events_count},
                         {"numAffected", affected},
                         {"numAtRisk", counts ? counts->at_risk : 0}});
      }
      OrderedJson event = {{"term", overall.term.specify.empty() ? overall.term.term : overall.term.specify},
                           {"organSystem", overall.term.organ_system},
                           {"sourceVocabulary", safety.scale},
                           {"assessmentType", "SYSTEMATIC_ASSESSMENT"}};
      if (!overall.term.specify.empty()) event["notes"] = overall.term.term;
      event["stats"] = std::move(stats);
      list.push_back(std::move(event));
    }
    return list;
  };
  std::string not_reported;
  for (const std::string& term : protocol.safety.not_reported) not_reported += (not_reported.empty() ? "" : ", ") + term;
  return {{"frequencyThreshold", "0"},
          {"timeFrame", "From the first dose to " + as_of.to_string()},
          {"description", "Graded by " + safety.scale + "; every event of a reported term is listed (threshold 0%). " +
                              "Not reported, as expected from the disease (the protocol's assumption): " + not_reported + "."},
          {"allCauseMortalityComment", "Deaths on study: before or on the day of going off study"},
          {"eventGroups", std::move(event_groups)},
          {"seriousEvents", events(true)},
          {"otherEvents", events(false)}};
}

}  // namespace

OrderedJson registry_results(const Protocol& protocol, const report::EndpointReport& endpoint, const SafetyReport& safety,
                             const std::vector<trial::PatientState>& patients, Date as_of) {
  std::vector<Group> groups = groups_of(protocol);
  auto enrolled = enrolled_by_period(patients, as_of);
  return {{"participantFlowModule", participant_flow(groups, enrolled, as_of)},
          {"baselineCharacteristicsModule", baseline(groups, enrolled)},
          {"outcomeMeasuresModule", primary_outcome(protocol, groups, endpoint)},
          {"adverseEventsModule", adverse_events(protocol, groups, safety, as_of)}};
}

}  // namespace trialcore::results

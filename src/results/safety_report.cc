#include "results/safety_report.h"

#include <algorithm>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "base/json_array.h"
#include "safety/adverse_event.h"

namespace trialcore::results {

namespace {

int grade_column(int grade) { return grade <= 2 ? 0 : grade - 2; }

bool counted(const trial::AdverseEventEntry& event, Date from) { return !(event.start < from); }

std::vector<std::string> related_drugs(const trial::AdverseEventEntry& event) {
  std::vector<std::string> drugs;
  for (const auto& [drug, attribution] : event.attribution) {
    if (safety::related(attribution)) drugs.push_back(drug);
  }
  return drugs;
}

// Adds one patient's counted events to `group`.
void add_patient(SafetyGroup& group, const Protocol& protocol, const trial::PatientState& patient, Date from) {
  group.at_risk += 1;
  std::map<ReportedTerm, int> worst;  // term -> the patient's worst grade of it
  std::map<ReportedTerm, std::pair<int, int>> events;  // term -> events, serious events
  std::set<ReportedTerm> serious_terms, other_terms;
  bool any = false, serious = false, related = false, other = false;
  for (const trial::AdverseEventEntry& event : patient.adverse_events) {
    if (!counted(event, from)) continue;
    ReportedTerm term = reported_term(protocol, event);
    worst[term] = std::max(worst[term], event.worst_grade);
    events[term].first += 1;
    if (event.is_serious()) {
      events[term].second += 1;
      serious_terms.insert(term);
    } else {
      other_terms.insert(term);
    }
    if (!term.reported) continue;
    any = true;
    if (event.is_serious()) {
      serious = true;
      group.serious_events += 1;
    } else {
      other = true;
    }
    if (!related_drugs(event).empty()) {
      related = true;
      group.related_events += 1;
    }
  }
  group.with_event += any;
  group.serious_patients += serious;
  group.related_patients += related;
  group.other_patients += other;
  for (const auto& worst_of_term : worst) {
    // Named, not a structured binding: the lambda below captures it (clang does not
    // capture bindings before C++20's later revisions).
    const auto& term = worst_of_term.first;
    const auto& grade = worst_of_term.second;
    auto row = std::find_if(group.terms.begin(), group.terms.end(), [&](const TermCount& each) { return each.term == term; });
    if (row == group.terms.end()) {
      TermCount counted_term;
      counted_term.term = term;
      row = group.terms.insert(group.terms.end(), counted_term);
    }
    row->by_grade[grade_column(grade)] += 1;
    row->patients += 1;
    row->events += events[term].first;
    row->serious_events += events[term].second;
    row->serious_patients += serious_terms.count(term);
    row->other_patients += other_terms.count(term);
  }
}

std::optional<Date> death_on_study(const trial::PatientState& patient) {
  if (!patient.died()) return std::nullopt;
  if (patient.off_study && patient.off_study->date < patient.vital_status->date) return std::nullopt;
  return patient.vital_status->date;
}

void sort_terms(SafetyGroup& group) {
  std::sort(group.terms.begin(), group.terms.end(), [](const TermCount& a, const TermCount& b) {
    return std::tie(a.term.organ_system, a.term.term, a.term.specify) < std::tie(b.term.organ_system, b.term.term, b.term.specify);
  });
}

OrderedJson group_json(const SafetyGroup& group) {
  OrderedJson terms = OrderedJson::array();
  for (const TermCount& row : group.terms) {
    OrderedJson term = {{"term", row.term.term}};
    if (!row.term.specify.empty()) term["specify"] = row.term.specify;
    term["organ_system"] = row.term.organ_system;
    term["reported"] = row.term.reported;
    term["patients"] = row.patients;
    term["by_worst_grade"] = {{"1-2", row.by_grade[0]}, {"3", row.by_grade[1]}, {"4", row.by_grade[2]}, {"5", row.by_grade[3]}};
    term["events"] = row.events;
    term["serious_patients"] = row.serious_patients;
    term["serious_events"] = row.serious_events;
    terms.push_back(std::move(term));
  }
  return {{"id", group.id},
          {"label", group.label},
          {"at_risk", group.at_risk},
          {"with_event", group.with_event},
          {"serious", {{"patients", group.serious_patients}, {"events", group.serious_events}}},
          {"related", {{"patients", group.related_patients}, {"events", group.related_events}}},
          {"deaths_on_study", group.deaths},
          {"terms", std::move(terms)}};
}

OrderedJson listed_json(const ListedEvent& event) {
  OrderedJson json = {{"patient", event.patient}, {"period", event.period}, {"adverse_event", event.adverse_event},
                      {"term", event.term.term}};
  if (!event.term.specify.empty()) json["specify"] = event.term.specify;
  json["grade"] = event.grade;
  json["start"] = event.start.to_string();
  json["serious"] = event.serious;
  json["related_to"] = event.related_to;
  return json;
}

std::string percent(int count, int of) {
  if (of == 0) return "";
  std::ostringstream text;
  text << " (" << std::fixed << std::setprecision(0) << 100.0 * count / of << "%)";
  return text.str();
}

}  // namespace

std::optional<Date> first_dose_date(const trial::PatientState& patient) {
  std::optional<Date> first;
  for (const trial::DoseEntry& dose : patient.doses) {
    if (!first || dose.date < *first) first = dose.date;
  }
  return first;
}

ReportedTerm reported_term(const Protocol& protocol, const trial::AdverseEventEntry& event) {
  const safety::Term* term = protocol.safety.find_term(event.term);
  return {event.term, event.specify, term ? term->organ_system : "", protocol.safety.reported(event.term)};
}

SafetyReport safety_report(const Protocol& protocol, const std::vector<trial::PatientState>& patients, Date as_of) {
  SafetyReport report;
  report.as_of = as_of;
  report.scale = protocol.safety.scale;
  auto group_of = [](std::string id, std::string label) {
    SafetyGroup group;
    group.id = std::move(id);
    group.label = std::move(label);
    return group;
  };
  for (const Period& period : protocol.periods) report.periods.push_back(group_of(period.id, period.title));
  report.overall = group_of("overall", "All periods");
  for (const trial::PatientState& state : patients) {
    trial::PatientState patient = trial::state_as_of(state, as_of);
    // Transplants after the trial are followed up for every patient enrolled.
    if (patient.enrolled() && !patient.transplants.empty()) {
      report.vod.transplanted += 1;
      bool vod = std::any_of(patient.transplants.begin(), patient.transplants.end(), [&](const trial::TransplantEntry& t) {
        return t.vod == true && !(t.vod_date && as_of < *t.vod_date);
      });
      report.vod.vod += vod;
    }
    std::optional<Date> from = first_dose_date(patient);
    if (!patient.enrolled() || !from) continue;
    auto group = std::find_if(report.periods.begin(), report.periods.end(),
                              [&](const SafetyGroup& each) { return each.id == patient.period; });
    if (group != report.periods.end()) add_patient(*group, protocol, patient, *from);
    add_patient(report.overall, protocol, patient, *from);
    std::string cause;
    for (const trial::AdverseEventEntry& event : patient.adverse_events) {
      if (!counted(event, *from)) {
        report.before_treatment += 1;
        continue;
      }
      ListedEvent listed{patient.id, patient.period, event.stamp.sequence, reported_term(protocol, event), event.grade,
                         event.start, event.serious, related_drugs(event)};
      if (event.grade == 5) cause = listed.term.name();
      if (event.is_serious()) report.serious.push_back(listed);
      if (!listed.related_to.empty()) report.related.push_back(listed);
    }
    if (auto died = death_on_study(patient)) {
      report.deaths.push_back({patient.id, patient.period, *died, cause});
      if (group != report.periods.end()) group->deaths += 1;
      report.overall.deaths += 1;
    }
  }
  for (SafetyGroup& group : report.periods) sort_terms(group);
  sort_terms(report.overall);
  if (report.vod.transplanted > 0) {
    auto rate = stats::clopper_pearson_interval(report.vod.vod, report.vod.transplanted);
    if (rate.ok()) report.vod.rate = *rate;
  }
  return report;
}

OrderedJson safety_report_json(const SafetyReport& report) {
  OrderedJson groups = json_array<OrderedJson>(report.periods, group_json);
  OrderedJson serious = json_array<OrderedJson>(report.serious, listed_json);
  OrderedJson related = json_array<OrderedJson>(report.related, listed_json);
  OrderedJson deaths = json_array<OrderedJson>(report.deaths, [](const Death& death) {
    return OrderedJson{{"patient", death.patient}, {"period", death.period}, {"date", death.date.to_string()}, {"cause", death.cause}};
  });
  OrderedJson vod = {{"transplanted", report.vod.transplanted}, {"vod", report.vod.vod}};
  if (report.vod.rate) {
    vod["rate"] = report.vod.rate->proportion;
    vod["ci95"] = {report.vod.rate->lower, report.vod.rate->upper};
    vod["method"] = "Clopper-Pearson exact";
  }
  return {{"as_of", report.as_of.to_string()},
          {"scale", report.scale},
          {"periods", std::move(groups)},
          {"overall", group_json(report.overall)},
          {"serious_events", std::move(serious)},
          {"related_events", std::move(related)},
          {"deaths_on_study", std::move(deaths)},
          {"vod_after_transplant", std::move(vod)},
          {"before_treatment_not_counted", report.before_treatment}};
}

std::string safety_report_text(const SafetyReport& report) {
  std::ostringstream out;
  out << "Safety report as of " << report.as_of.to_string() << " (" << report.scale
      << "; events from the first dose; patients by their worst grade)\n";
  std::vector<const SafetyGroup*> groups;
  for (const SafetyGroup& group : report.periods) groups.push_back(&group);
  groups.push_back(&report.overall);
  for (const SafetyGroup* group : groups) {
    out << "\n" << group->label << ": " << group->at_risk << " treated";
    if (group->at_risk == 0) {
      out << "\n";
      continue;
    }
    out << ", " << group->with_event << " with an event" << percent(group->with_event, group->at_risk) << ", "
        << group->serious_patients << " with a serious event (" << group->serious_events << " events), "
        << group->related_patients << " with a related event, " << group->deaths << " deaths on study\n";
    out << "  " << std::left << std::setw(58) << "TERM" << std::right << std::setw(6) << "1-2" << std::setw(5) << "3"
        << std::setw(5) << "4" << std::setw(5) << "5" << std::setw(7) << "ANY" << "\n";
    for (const TermCount& row : group->terms) {
      std::string name = row.term.name() + (row.term.reported ? "" : " (expected, not reported)");
      out << "  " << std::left << std::setw(58) << name.substr(0, 57) << std::right << std::setw(6) << row.by_grade[0]
          << std::setw(5) << row.by_grade[1] << std::setw(5) << row.by_grade[2] << std::setw(5) << row.by_grade[3]
          << std::setw(7) << row.patients << "\n";
    }
  }
  out << "\nSerious events: " << report.serious.size() << "\n";
  for (const ListedEvent& event : report.serious) {
    out << "  " << event.patient << " event " << event.adverse_event << ": " << event.term.name() << " grade " << event.grade
        << " from " << event.start.to_string() << "\n";
  }
  out << "Deaths on study: " << report.deaths.size() << "\n";
  for (const Death& death : report.deaths) {
    out << "  " << death.patient << " " << death.date.to_string() << (death.cause.empty() ? "" : " (" + death.cause + ")") << "\n";
  }
  out << "Veno-occlusive disease after transplant: " << report.vod.vod << " of " << report.vod.transplanted;
  if (report.vod.rate) {
    out << std::fixed << std::setprecision(1) << " (" << 100 * report.vod.rate->proportion << "%, exact 95% CI "
        << 100 * report.vod.rate->lower << "-" << 100 * report.vod.rate->upper << "%)";
  }
  out << "\n";
  if (report.before_treatment > 0) out << "Events before the first dose, not counted: " << report.before_treatment << "\n";
  return out.str();
}

}  // namespace trialcore::results

#include "omop/person_record.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace trialcore::omop {

namespace {

std::string day_text(int32_t day) { return Date(std::chrono::sys_days(std::chrono::days(day))).to_string(); }

// The index of the latest row of person's rows dated on or before `on` (rows are sorted by
// date, then id: the last such row), or -1.
int64_t latest_on_or_before(const EventRows& rows, size_t person, int32_t on) {
  int64_t latest = -1;
  for (uint32_t r = rows.begin(person); r < rows.finish(person); ++r) {
    if (rows.date[r] <= on) latest = r;
  }
  return latest;
}

// How many distinct start dates, on or before `on`, the person's entries of the fact's list
// have (those with the except member true left out), at most the record's largest value.
int64_t distinct_starts(const Population& population, size_t person, const OmopMapping& mapping, const FactMapping& fact,
                        const patient::RecordFormat& format, int32_t on) {
  size_t l = 0;
  while (mapping.lists[l].fact != fact.list) ++l;
  const EventRows& entries = population.lists[l];
  bool except = !fact.except_member.empty();
  std::set<int32_t> starts;
  for (uint32_t r = entries.begin(person); r < entries.finish(person); ++r) {
    if (entries.date[r] > on) continue;
    if (except && entries.flag[r]) continue;
    starts.insert(entries.date[r]);
  }
  const patient::FieldSpec& spec = format.fields[format.find_field(fact.fact)];
  double count = static_cast<double>(starts.size());
  if (spec.maximum) count = std::min(count, *spec.maximum);  // the record's largest value
  return static_cast<int64_t>(count);
}

// The fact's value for the person as of `on`; null when unknown.
Json fact_value(const Population& population, size_t person, const OmopMapping& mapping, size_t f,
                const patient::RecordFormat& format, int32_t on) {
  const FactMapping& fact = mapping.facts[f];
  const EventRows& rows = population.facts[f];
  switch (fact.source) {
    case FactSource::kBirthDate:
      return population.birth[person] != kNoDate ? Json(day_text(population.birth[person])) : Json();
    case FactSource::kGender:
      return population.gender[person] >= 0 ? Json(fact.values[population.gender[person]].value) : Json();
    case FactSource::kLatestCondition: {
      int64_t latest = latest_on_or_before(rows, person, on);
      if (latest >= 0) return fact.values[rows.choice[latest]].value;
      return fact.when_absent ? Json(*fact.when_absent) : Json();
    }
    case FactSource::kEventPresent:
      if (latest_on_or_before(rows, person, on) >= 0) return true;
      return fact.when_absent ? Json(false) : Json();
    case FactSource::kLatestNumber: {
      int64_t latest = latest_on_or_before(rows, person, on);
      if (latest < 0 || (fact.within_days && rows.date[latest] < on - *fact.within_days)) return Json();
      double value = rows.number[latest];
      return value == std::floor(value) ? Json(static_cast<int64_t>(value)) : Json(value);
    }
    case FactSource::kDistinctStarts:
      return distinct_starts(population, person, mapping, fact, format, on);
  }
  return Json();
}

Json observations_json(const Population& population, size_t person, const OmopMapping& mapping) {
  Json observations = Json::array();
  for (size_t o = 0; o < mapping.observations.size(); ++o) {
    const ObservationMapping& observation = mapping.observations[o];
    const EventRows& rows = population.observations[o];
    for (uint32_t r = rows.begin(person); r < rows.finish(person); ++r) {
      Json entry = {{"code", observation.code}, {"date", day_text(rows.date[r])}};
      if (!observation.results.empty()) {
        entry["value"] = observation.results[rows.choice[r]].value;
      } else {
        entry["value"] = rows.number[r];
        entry["unit"] = observation.units[rows.choice[r]].value;
        if (!rows.uln.empty() && !std::isnan(rows.uln[r])) entry["uln"] = rows.uln[r];
      }
      observations.push_back(std::move(entry));
    }
  }
  return observations;
}

Json list_entries_json(const Population& population, size_t person, const ListMapping& list, const EventRows& rows) {
  Json entries = Json::array();
  for (uint32_t r = rows.begin(person); r < rows.finish(person); ++r) {
    Json entry = Json::object();
    for (const MemberMapping& member : list.members) {
      switch (member.source) {
        case MemberSource::kConceptName: entry[member.member] = population.names[rows.name[r]]; break;
        case MemberSource::kStartDate: entry[member.member] = day_text(rows.date[r]); break;
        case MemberSource::kEndDate:
          entry[member.member] = rows.end[r] == kNoDate ? Json() : Json(day_text(rows.end[r]));
          break;
        case MemberSource::kRoute: entry[member.member] = rows.flag[r] != 0; break;
        case MemberSource::kByConcept:
          entry[member.member] = rows.choice[r] < 0 ? Json() : Json(member.values[rows.choice[r]].value);
          break;
      }
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace

Json person_record_json(const Population& population, size_t person, const OmopMapping& mapping,
                        const Protocol& protocol, Date as_of) {
  int32_t on = static_cast<int32_t>(as_of.sys_days().time_since_epoch().count());
  Json record = Json::object();
  record["id"] = std::to_string(population.person_id[person]);
  for (size_t f = 0; f < mapping.facts.size(); ++f) {
    // An unknown fact is left out of the record, not written as null.
    Json value = fact_value(population, person, mapping, f, protocol.record_format, on);
    if (!value.is_null()) record[mapping.facts[f].fact] = std::move(value);
  }
  record["observations"] = observations_json(population, person, mapping);
  for (size_t l = 0; l < mapping.lists.size(); ++l) {
    record[mapping.lists[l].fact] = list_entries_json(population, person, mapping.lists[l], population.lists[l]);
  }
  return record;
}

}  // namespace trialcore::omop

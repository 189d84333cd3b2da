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

}  // namespace

Json person_record_json(const Population& population, size_t person, const OmopMapping& mapping,
                        const Protocol& protocol, Date as_of) {
  const patient::RecordFormat& format = protocol.record_format;
  int32_t on = static_cast<int32_t>(as_of.sys_days().time_since_epoch().count());
  Json record = Json::object();
  record["id"] = std::to_string(population.person_id[person]);
  for (size_t f = 0; f < mapping.facts.size(); ++f) {
    const FactMapping& fact = mapping.facts[f];
    const EventRows& rows = population.facts[f];
    switch (fact.source) {
      case FactSource::kBirthDate:
        if (population.birth[person] != kNoDate) record[fact.fact] = day_text(population.birth[person]);
        break;
      case FactSource::kGender:
        if (population.gender[person] >= 0) record[fact.fact] = fact.values[population.gender[person]].value;
        break;
      case FactSource::kLatestCondition: {
        int64_t latest = latest_on_or_before(rows, person, on);
        if (latest >= 0) {
          record[fact.fact] = fact.values[rows.choice[latest]].value;
        } else if (fact.when_absent) {
          record[fact.fact] = *fact.when_absent;
        }
        break;
      }
      case FactSource::kEventPresent:
        if (latest_on_or_before(rows, person, on) >= 0) {
          record[fact.fact] = true;
        } else if (fact.when_absent) {
          record[fact.fact] = false;
        }
        break;
      case FactSource::kLatestNumber: {
        int64_t latest = latest_on_or_before(rows, person, on);
        if (latest >= 0 && (!fact.within_days || rows.date[latest] >= on - *fact.within_days)) {
          double value = rows.number[latest];
          if (value == std::floor(value)) {
            record[fact.fact] = static_cast<int64_t>(value);
          } else {
            record[fact.fact] = value;
          }
        }
        break;
      }
      case FactSource::kDistinctStarts: {
        size_t l = 0;
        while (mapping.lists[l].fact != fact.list) ++l;
        const ListMapping& list = mapping.lists[l];
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
        record[fact.fact] = static_cast<int64_t>(count);
        (void)list;
        break;
      }
    }
  }
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
  record["observations"] = std::move(observations);
  for (size_t l = 0; l < mapping.lists.size(); ++l) {
    const ListMapping& list = mapping.lists[l];
    const EventRows& rows = population.lists[l];
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
    record[list.fact] = std::move(entries);
  }
  return record;
}

}  // namespace trialcore::omop

#include "omop/omop_population.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "omop/concept_ids.h"

namespace trialcore::omop {

int32_t parse_day(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return kNoDate;
  int parts[3] = {0, 0, 0};
  size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
      if (text[i] < '0' || text[i] > '9') return kNoDate;
      parts[p] = parts[p] * 10 + (text[i] - '0');
    }
  }
  std::chrono::year_month_day day{std::chrono::year{parts[0]}, std::chrono::month{static_cast<unsigned>(parts[1])},
                                  std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (!day.ok()) return kNoDate;
  return static_cast<int32_t>(std::chrono::sys_days(day).time_since_epoch().count());
}

size_t Population::memory_bytes() const {
  auto rows = [](const EventRows& r) {
    return r.offsets.capacity() * 4 + r.date.capacity() * 4 + r.end.capacity() * 4 + r.choice.capacity() * 4 +
           r.number.capacity() * 8 + r.uln.capacity() * 8 + r.flag.capacity() + r.name.capacity() * 4;
  };
  size_t bytes = person_id.capacity() * 8 + birth.capacity() * 4 + gender.capacity() * 4;
  for (const auto* group : {&facts, &observations, &lists}) {
    for (const EventRows& r : *group) bytes += rows(r);
  }
  return bytes;
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One source reading rows of a table: it says whether a row is its own and appends it.
struct Source {
  EventRows* rows = nullptr;
  std::vector<int64_t> ids;                       // row ids, for sorting
  std::vector<int32_t> persons;                   // person index of each row, for sorting
  std::unordered_map<int64_t, int32_t> concepts;  // concept id -> choice (or 0)
  // Reads the row's value columns; false when the row is not used.
  std::function<bool(const Row&, int32_t choice, EventRows&)> take;
  std::string unused;                             // "measurement rows of bilirubin ..." when refused
};

// Columns every table query selects first.
enum Column { kPerson = 0, kId, kConcept, kSourceConcept, kDate, kEnd, kNumber, kValueConcept, kUnit, kRange, kRoute };

std::string id_list(const std::vector<int64_t>& ids) {
  std::string list;
  for (int64_t id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  return list.empty() ? "NULL" : list;
}

void sort_rows(Source& source) {
  EventRows& rows = *source.rows;
  size_t count = rows.date.size();
  std::vector<uint32_t> order(count);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (source.persons[a] != source.persons[b]) return source.persons[a] < source.persons[b];
    if (rows.date[a] != rows.date[b]) return rows.date[a] < rows.date[b];
    return source.ids[a] < source.ids[b];
  });
  auto permute = [&](auto& column) {
    if (column.empty()) return;
    std::remove_reference_t<decltype(column)> sorted(count);
    for (size_t i = 0; i < count; ++i) sorted[i] = column[order[i]];
    column = std::move(sorted);
  };
  permute(rows.date);
  permute(rows.end);
  permute(rows.choice);
  permute(rows.number);
  permute(rows.uln);
  permute(rows.flag);
  permute(rows.name);
  permute(source.persons);
  source.ids.clear();
}

void fill_offsets(Source& source, size_t persons) {
  EventRows& rows = *source.rows;
  rows.offsets.assign(persons + 1, 0);
  for (int32_t person : source.persons) ++rows.offsets[person + 1];
  for (size_t i = 0; i < persons; ++i) rows.offsets[i + 1] += rows.offsets[i];
  source.persons.clear();
  source.persons.shrink_to_fit();
}

// The person table: ids in order, gender by the mapping's values, birth dates complete.
Status read_persons(Database& database, const OmopMapping& mapping, const ConceptIds& concepts,
                    const std::string& shard_filter, Population& population) {
  const FactMapping* sex = mapping.find_fact("sex");
  std::unordered_map<int64_t, int32_t> gender_values;
  if (sex) gender_values = concepts.value_map(sex->values);
  return database.query(
      "SELECT person_id, gender_concept_id, year_of_birth, month_of_birth, day_of_birth FROM person WHERE 1 = 1" +
          shard_filter + " ORDER BY person_id",
      [&](const Row& row) {
        population.person_id.push_back(row.integer(0));
        auto gender = gender_values.find(row.null(1) ? -1 : row.integer(1));
        population.gender.push_back(gender == gender_values.end() ? -1 : gender->second);
        int32_t birth = kNoDate;
        if (!row.null(2) && !row.null(3) && !row.null(4)) {
          std::chrono::year_month_day day{std::chrono::year{static_cast<int>(row.integer(2))},
                                          std::chrono::month{static_cast<unsigned>(row.integer(3))},
                                          std::chrono::day{static_cast<unsigned>(row.integer(4))}};
          if (day.ok() && row.integer(2) >= 1900) {
            birth = static_cast<int32_t>(std::chrono::sys_days(day).time_since_epoch().count());
          }
        }
        population.birth.push_back(birth);
      });
}

// A person's index from their id: a table when the ids are dense, a binary search otherwise.
class PersonIndex {
 public:
  explicit PersonIndex(const std::vector<int64_t>& ids) : ids_(ids) {
    size_t count = ids.size();
    first_ = count ? ids.front() : 0;
    if (count && ids.back() - first_ < static_cast<int64_t>(4 * count + 1024)) {
      dense_.assign(ids.back() - first_ + 1, -1);
      for (size_t i = 0; i < count; ++i) dense_[ids[i] - first_] = static_cast<int32_t>(i);
    }
  }

  // -1 when the id is not a person read.
  int32_t operator()(int64_t id) const {
    if (!dense_.empty()) return id < first_ || id - first_ >= static_cast<int64_t>(dense_.size()) ? -1 : dense_[id - first_];
    auto found = std::lower_bound(ids_.begin(), ids_.end(), id);
    return found == ids_.end() || *found != id ? -1 : static_cast<int32_t>(found - ids_.begin());
  }

 private:
  const std::vector<int64_t>& ids_;
  int64_t first_ = 0;
  std::vector<int32_t> dense_;
};

Source fact_source(const FactMapping& fact, const ConceptIds& concepts, const patient::RecordFormat& format,
                   EventRows& rows) {
  Source source;
  source.rows = &rows;
  if (fact.source == FactSource::kLatestCondition) {
    source.concepts = concepts.value_map(fact.values);
    source.take = [](const Row& row, int32_t choice, EventRows& into) {
      into.date.push_back(parse_day(row.text(kDate)));
      into.choice.push_back(choice);
      return true;
    };
    return source;
  }
  if (fact.source == FactSource::kEventPresent) {
    source.concepts = concepts.set_map(fact.concepts);
    source.take = [](const Row& row, int32_t, EventRows& into) {
      into.date.push_back(parse_day(row.text(kDate)));
      return true;
    };
    return source;
  }
  // kLatestNumber
  source.concepts = concepts.set_map(fact.concepts);
  const patient::FieldSpec& spec = format.fields[format.find_field(fact.fact)];
  bool integer = spec.kind == patient::FieldKind::kInteger;
  double low = spec.minimum.value_or(-HUGE_VAL), high = spec.maximum.value_or(HUGE_VAL);
  source.unused = fact.table->name + " rows of " + fact.fact + " without a value the record accepts";
  source.take = [integer, low, high](const Row& row, int32_t, EventRows& into) {
    if (row.null(kNumber)) return false;
    double value = row.number(kNumber);
    if (value < low || value > high || (integer && value != std::floor(value))) return false;
    into.date.push_back(parse_day(row.text(kDate)));
    into.number.push_back(value);
    return true;
  };
  return source;
}

Source observation_source(const ObservationMapping& observation, const ConceptIds& concepts,
                          const patient::ObservationSpec* spec, EventRows& rows) {
  Source source;
  source.rows = &rows;
  source.concepts = concepts.set_map(observation.concepts);
  if (spec->is_text) {
    auto results = concepts.value_map(observation.results);
    source.unused = observation.table->name + " rows of " + observation.code + " without a result the mapping names";
    source.take = [results](const Row& row, int32_t, EventRows& into) {
      auto result = results.find(row.null(kValueConcept) ? -1 : row.integer(kValueConcept));
      if (result == results.end()) return false;
      into.date.push_back(parse_day(row.text(kDate)));
      into.choice.push_back(result->second);
      return true;
    };
    return source;
  }
  auto units = concepts.value_map(observation.units);
  std::vector<std::string> unit_names;
  for (const ValueConcepts& unit : observation.units) unit_names.push_back(unit.value);
  source.unused = observation.table->name + " rows of " + observation.code +
                  " without a value, negative, above the maximum or in a unit not accepted";
  // The checks a record makes: a unit accepted, a value not negative and, in the
  // catalogue's unit, not above its maximum; a ULN not above 0 is not one.
  source.take = [units, unit_names, spec](const Row& row, int32_t, EventRows& into) {
    auto unit = units.find(row.null(kUnit) ? -1 : row.integer(kUnit));
    if (unit == units.end() || row.null(kNumber)) return false;
    double value = row.number(kNumber);
    if (value < 0) return false;
    if (spec->maximum && *spec->to_unit(value, unit_names[unit->second]) > *spec->maximum) return false;
    into.date.push_back(parse_day(row.text(kDate)));
    into.choice.push_back(unit->second);
    into.number.push_back(value);
    double range = spec->has_uln && !row.null(kRange) ? row.number(kRange) : kNaN;
    into.uln.push_back(range > 0 ? range : kNaN);
    return true;
  };
  return source;
}

// The entries' concept names, each once, by concept id: shared by every list.
struct ConceptNames {
  const ConceptIds& concepts;
  std::vector<std::string>& names;
  std::unordered_map<int64_t, int32_t> index = {};

  int32_t of(int64_t concept_id) {
    auto named = index.find(concept_id);
    if (named == index.end()) {
      named = index.emplace(concept_id, static_cast<int32_t>(names.size())).first;
      names.push_back(concepts.name_of(concept_id));
    }
    return named->second;
  }
};

Source list_source(const ListMapping& list, const ConceptIds& concepts, ConceptNames& names, EventRows& rows) {
  Source source;
  source.rows = &rows;
  source.concepts = concepts.set_map(list.concepts);
  std::unordered_map<int64_t, int32_t> by_concept;
  std::unordered_set<int64_t> route;
  for (const MemberMapping& member : list.members) {
    if (member.source == MemberSource::kByConcept) by_concept = concepts.value_map(member.values);
    if (member.source == MemberSource::kRoute) {
      for (const auto& [id, choice] : concepts.set_map(member.route)) route.insert(id);
    }
  }
  bool has_end = !list.table->end_date.empty();
  source.unused = list.table->name + " rows of " + list.fact + " ending before they start";
  source.take = [by_concept, route, has_end, &names](const Row& row, int32_t, EventRows& into) {
    int32_t start = parse_day(row.text(kDate));
    int32_t end = has_end && !row.null(kEnd) ? parse_day(row.text(kEnd)) : kNoDate;
    if (end != kNoDate && end < start) return false;
    int64_t concept_id = row.integer(kConcept);
    int32_t choice = -1;
    auto found = by_concept.find(concept_id);
    if (found == by_concept.end() && !row.null(kSourceConcept)) found = by_concept.find(row.integer(kSourceConcept));
    if (found != by_concept.end()) choice = found->second;
    into.date.push_back(start);
    into.end.push_back(end);
    into.choice.push_back(choice);
    into.flag.push_back(!row.null(kRoute) && route.count(row.integer(kRoute)) ? 1 : 0);
    into.name.push_back(names.of(concept_id));
    return true;
  };
  return source;
}

// The query of `table` for the rows of any of the sources' concepts (as a standard or as a
// source concept), its columns in Column's order.
std::string table_query(const EventTable& table, const std::vector<Source>& sources, const std::string& shard_filter) {
  std::unordered_set<int64_t> wanted;
  for (const Source& source : sources) {
    for (const auto& [id, choice] : source.concepts) wanted.insert(id);
  }
  std::vector<int64_t> ids(wanted.begin(), wanted.end());
  std::sort(ids.begin(), ids.end());
  std::string list = id_list(ids);
  return "SELECT person_id, " + table.id + ", " + table.concept_column + ", " + table.source_column + ", " + table.date +
         ", " + (table.end_date.empty() ? "NULL" : table.end_date) + ", " +
         (table.has_value ? "value_as_number, value_as_concept_id, unit_concept_id" : "NULL, NULL, NULL") + ", " +
         (table.has_range ? "range_high" : "NULL") + ", " + (table.has_route ? "route_concept_id" : "NULL") + " FROM " +
         table.name + " WHERE (" + table.concept_column + " IN (" + list + ") OR " + table.source_column + " IN (" +
         list + "))" + shard_filter;
}

// Reads one table once for all its sources; each row goes to every source whose concept it
// has, and a row a source refuses is counted under the source's reason.
Status read_table(Database& database, const EventTable& table, std::vector<Source>& sources, const std::string& shard_filter,
                  const PersonIndex& person_index, Population& population) {
  Status read = database.query(table_query(table, sources, shard_filter), [&](const Row& row) {
    int32_t person = person_index(row.integer(kPerson));
    if (person < 0) return;
    int64_t concept_id = row.integer(kConcept);
    int64_t source_concept_id = row.null(kSourceConcept) ? -1 : row.integer(kSourceConcept);
    for (Source& source : sources) {
      auto found = source.concepts.find(concept_id);
      if (found == source.concepts.end()) found = source.concepts.find(source_concept_id);
      if (found == source.concepts.end()) continue;
      if (source.take(row, found->second, *source.rows)) {
        source.persons.push_back(person);
        source.ids.push_back(row.integer(kId));
      } else {
        ++population.unused[source.unused];
      }
    }
  });
  if (!read.ok()) return read;
  for (Source& source : sources) {
    sort_rows(source);
    fill_offsets(source, population.person_id.size());
  }
  return Status::Ok();
}

// Every mapped fact, observation and list with a table, as a source of the rows of its table.
std::map<std::string, std::vector<Source>> sources_by_table(const OmopMapping& mapping, const ConceptIds& concepts,
                                                            const Protocol& protocol, ConceptNames& names,
                                                            Population& population) {
  population.facts.resize(mapping.facts.size());
  population.observations.resize(mapping.observations.size());
  population.lists.resize(mapping.lists.size());
  std::map<std::string, std::vector<Source>> by_table;
  const patient::RecordFormat& format = protocol.record_format;
  for (size_t f = 0; f < mapping.facts.size(); ++f) {
    const FactMapping& fact = mapping.facts[f];
    if (fact.table) by_table[fact.table->name].push_back(fact_source(fact, concepts, format, population.facts[f]));
  }
  for (size_t o = 0; o < mapping.observations.size(); ++o) {
    const ObservationMapping& observation = mapping.observations[o];
    const patient::ObservationSpec* spec = patient::find_observation(format.observations, observation.code);
    by_table[observation.table->name].push_back(observation_source(observation, concepts, spec, population.observations[o]));
  }
  for (size_t l = 0; l < mapping.lists.size(); ++l) {
    const ListMapping& list = mapping.lists[l];
    by_table[list.table->name].push_back(list_source(list, concepts, names, population.lists[l]));
  }
  return by_table;
}

}  // namespace

Result<Population> load_population(Database& database, const OmopMapping& mapping, const Protocol& protocol,
                                   Shard shard) {
  if (shard.count < 1 || shard.index < 0 || shard.index >= shard.count) {
    return Error{"$.shard", "must be K/N with 0 <= K < N"};
  }
  Population population;
  auto resolved = resolve_concepts(database, mapping);
  if (!resolved.ok()) return resolved.error();
  const ConceptIds& concepts = *resolved;
  population.unresolved = concepts.unresolved;
  std::string shard_filter =
      shard.count > 1 ? " AND person_id % " + std::to_string(shard.count) + " = " + std::to_string(shard.index) : "";
  Status persons = read_persons(database, mapping, concepts, shard_filter, population);
  if (!persons.ok()) return persons.error();
  PersonIndex person_index(population.person_id);
  ConceptNames names{concepts, population.names};
  auto by_table = sources_by_table(mapping, concepts, protocol, names, population);
  for (auto& table_sources : by_table) {
    Status read = read_table(database, *find_event_table(table_sources.first), table_sources.second, shard_filter,
                             person_index, population);
    if (!read.ok()) return read.error();
  }
  // Sources of no table (person facts, counts) still answer for every person.
  size_t count = population.person_id.size();
  for (auto* group : {&population.facts, &population.observations, &population.lists}) {
    for (EventRows& rows : *group) {
      if (rows.offsets.empty()) rows.offsets.assign(count + 1, 0);
    }
  }
  return population;
}

}  // namespace trialcore::omop

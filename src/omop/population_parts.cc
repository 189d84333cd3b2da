#include "omop/population_parts.h"

#include <algorithm>

namespace trialcore::omop {

namespace {

template <typename T>
std::vector<T> slice(const std::vector<T>& values, size_t first, size_t last) {
  if (values.empty()) return {};  // a column the source has no use for stays empty
  return std::vector<T>(values.begin() + static_cast<std::ptrdiff_t>(first), values.begin() + static_cast<std::ptrdiff_t>(last));
}

// The rows of persons [first, last), their offsets counted from the part's first row.
EventRows rows_of(const EventRows& rows, size_t first, size_t last) {
  EventRows part;
  if (rows.offsets.empty()) return part;  // a person source: no rows of its own
  uint32_t begin = rows.offsets[first], end = rows.offsets[last];
  part.offsets.reserve(last - first + 1);
  for (size_t p = first; p <= last; ++p) part.offsets.push_back(rows.offsets[p] - begin);
  part.date = slice(rows.date, begin, end);
  part.end = slice(rows.end, begin, end);
  part.choice = slice(rows.choice, begin, end);
  part.number = slice(rows.number, begin, end);
  part.uln = slice(rows.uln, begin, end);
  part.flag = slice(rows.flag, begin, end);
  part.name = slice(rows.name, begin, end);
  return part;
}

std::vector<EventRows> rows_of(const std::vector<EventRows>& sources, size_t first, size_t last) {
  std::vector<EventRows> parts;
  parts.reserve(sources.size());
  for (const EventRows& rows : sources) parts.push_back(rows_of(rows, first, last));
  return parts;
}

}  // namespace

std::vector<Population> split_population(Population&& population, size_t persons_per_part) {
  persons_per_part = std::max<size_t>(persons_per_part, 1);
  size_t persons = population.size();
  if (persons <= persons_per_part) {
    std::vector<Population> one;
    one.push_back(std::move(population));
    return one;
  }
  std::vector<Population> parts;
  for (size_t first = 0; first < persons; first += persons_per_part) {
    size_t last = std::min(persons, first + persons_per_part);
    Population part;
    part.person_id = slice(population.person_id, first, last);
    part.birth = slice(population.birth, first, last);
    part.gender = slice(population.gender, first, last);
    part.facts = rows_of(population.facts, first, last);
    part.observations = rows_of(population.observations, first, last);
    part.lists = rows_of(population.lists, first, last);
    part.names = population.names;
    if (parts.empty()) {
      part.unused = population.unused;
      part.unresolved = population.unresolved;
    }
    parts.push_back(std::move(part));
  }
  population = Population{};  // its arrays are in the parts now
  return parts;
}

}  // namespace trialcore::omop

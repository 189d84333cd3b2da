// A population read from an OMOP database through a mapping, column by column: the rows
// the mapping names, each resolved to its fact (the value its concept says, the unit its
// unit concept says), sorted by person, date and row id. Read once, it serves the native
// engine (which evaluates over these arrays) and the per-person records (the reference).
// Rows a patient record would refuse (a unit not accepted, a negative count, an end before
// the start) are not used, and counted.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "omop/omop_database.h"
#include "omop/omop_mapping.h"

namespace trialcore::omop {

constexpr int32_t kNoDate = std::numeric_limits<int32_t>::min();

// Which persons: those whose person_id % count == index. One shard of 1 is everyone.
struct Shard {
  int64_t index = 0;
  int64_t count = 1;
};

// The rows of one mapped source, sorted by person, then date, then row id; person i's rows
// are [offsets[i], offsets[i + 1]). Columns a source has no use for stay empty.
struct EventRows {
  std::vector<uint32_t> offsets;
  std::vector<int32_t> date;      // days since 1970-01-01
  std::vector<int32_t> end;       // lists from a table with an end date; kNoDate when none
  std::vector<int32_t> choice;    // the index of the value (or result, or unit) the concept says
  std::vector<double> number;     // value_as_number as recorded (in the unit `choice` names)
  std::vector<double> uln;        // range_high as recorded; NaN when none
  std::vector<uint8_t> flag;      // lists: the route member
  std::vector<int32_t> name;      // lists: index into Population::names

  size_t size() const { return date.size(); }
  uint32_t begin(size_t person) const { return offsets[person]; }
  uint32_t finish(size_t person) const { return offsets[person + 1]; }
};

struct Population {
  std::vector<int64_t> person_id;          // ascending
  std::vector<int32_t> birth;              // days, kNoDate when month or day is missing
  std::vector<int32_t> gender;             // index of the sex mapping's value, -1 when none
  std::vector<EventRows> facts;            // by OmopMapping::facts (empty for person sources)
  std::vector<EventRows> observations;     // by OmopMapping::observations
  std::vector<EventRows> lists;            // by OmopMapping::lists
  std::vector<std::string> names;          // concept names of list entries
  std::map<std::string, int64_t> unused;   // "measurement rows of bilirubin in a unit not accepted" -> count
  std::vector<std::string> unresolved;     // concepts the concept table lacks ("LOINC 1975-2")

  size_t size() const { return person_id.size(); }
  // Bytes held by the arrays.
  size_t memory_bytes() const;
};

// Reads the persons of `shard` and the rows `mapping` names.
Result<Population> load_population(Database& database, const OmopMapping& mapping, const Protocol& protocol,
                                   Shard shard);

// Days since 1970-01-01 of "YYYY-MM-DD" (the start of a timestamp too); kNoDate if it is not one.
int32_t parse_day(std::string_view text);

}  // namespace trialcore::omop

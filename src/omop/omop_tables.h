// The OMOP common data model (version 5.4) as far as pre-screening reads it: the tables a
// mapping may name, the columns each is read by, and the DDL that creates them (for the
// synthetic population and the test databases; a hospital's warehouse already has them).
#pragma once

#include <string>
#include <vector>

#include "omop/omop_database.h"

namespace trialcore::omop {

// An event table read by concept: condition_occurrence, measurement, observation,
// drug_exposure, procedure_occurrence.
struct EventTable {
  std::string name;                 // "measurement"
  std::string id;                   // "measurement_id"
  std::string concept_column;            // "measurement_concept_id" (the standard concept)
  std::string source_column;      // "measurement_source_concept_id"
  std::string date;                 // "measurement_date"
  std::string end_date;             // "drug_exposure_end_date"; empty when the table has none
  bool has_value = false;           // value_as_number, value_as_concept_id, unit_concept_id
  bool has_range = false;           // range_high
  bool has_route = false;           // route_concept_id
};

// The event table named `name`, or nullptr.
const EventTable* find_event_table(const std::string& name);

// "condition_occurrence, measurement, ..." for messages.
std::string event_table_names();

// CREATE TABLE statements for the tables pre-screening reads, in `dialect`, then the
// indexes a warehouse has on person_id.
std::string omop_ddl(Dialect dialect);
// The same in two steps, for a bulk load: the tables, then (after the rows) the indexes.
std::string omop_table_ddl(Dialect dialect);
std::string omop_index_ddl();

// The tables omop_ddl creates, in the order a loader fills them.
const std::vector<std::string>& omop_table_names();

}  // namespace trialcore::omop

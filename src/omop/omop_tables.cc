#include "omop/omop_tables.h"

namespace trialcore::omop {

namespace {

const std::vector<EventTable>& event_tables() {
  static const std::vector<EventTable> tables = {
      {"condition_occurrence", "condition_occurrence_id", "condition_concept_id", "condition_source_concept_id",
       "condition_start_date", "", false, false, false},
      {"measurement", "measurement_id", "measurement_concept_id", "measurement_source_concept_id",
       "measurement_date", "", true, true, false},
      {"observation", "observation_id", "observation_concept_id", "observation_source_concept_id",
       "observation_date", "", true, false, false},
      {"drug_exposure", "drug_exposure_id", "drug_concept_id", "drug_source_concept_id",
       "drug_exposure_start_date", "drug_exposure_end_date", false, false, true},
      {"procedure_occurrence", "procedure_occurrence_id", "procedure_concept_id", "procedure_source_concept_id",
       "procedure_date", "", false, false, false},
  };
  return tables;
}

}  // namespace

const EventTable* find_event_table(const std::string& name) {
  for (const EventTable& table : event_tables()) {
    if (table.name == name) return &table;
  }
  return nullptr;
}

std::string event_table_names() {
  std::string names;
  for (const EventTable& table : event_tables()) names += (names.empty() ? "" : ", ") + table.name;
  return names;
}

const std::vector<std::string>& omop_table_names() {
  static const std::vector<std::string> names = {"concept", "person", "observation_period", "condition_occurrence",
                                                 "measurement", "observation", "drug_exposure",
                                                 "procedure_occurrence"};
  return names;
}

std::string omop_ddl(Dialect dialect) { return omop_table_ddl(dialect) + omop_index_ddl(); }

std::string omop_index_ddl() {
  return "CREATE INDEX concept_code_index ON concept (vocabulary_id, concept_code);\n"
         "CREATE INDEX condition_person ON condition_occurrence (person_id);\n"
         "CREATE INDEX measurement_person ON measurement (person_id);\n"
         "CREATE INDEX observation_person ON observation (person_id);\n"
         "CREATE INDEX drug_person ON drug_exposure (person_id);\n"
         "CREATE INDEX procedure_person ON procedure_occurrence (person_id);\n";
}

std::string omop_table_ddl(Dialect dialect) {
  // The CDM's types: dates are DATE (SQLite keeps them as ISO text), values NUMERIC.
  std::string date = dialect == Dialect::kSqlite ? "TEXT" : "DATE";
  std::string number = dialect == Dialect::kSqlite ? "REAL" : "NUMERIC";
  std::string id = dialect == Dialect::kSqlite ? "INTEGER" : "BIGINT";
  return "CREATE TABLE concept (concept_id INTEGER PRIMARY KEY, concept_name VARCHAR(255) NOT NULL, "
         "domain_id VARCHAR(20) NOT NULL, vocabulary_id VARCHAR(20) NOT NULL, concept_class_id VARCHAR(20) NOT NULL, "
         "standard_concept VARCHAR(1), concept_code VARCHAR(50) NOT NULL, valid_start_date " + date + " NOT NULL, "
         "valid_end_date " + date + " NOT NULL, invalid_reason VARCHAR(1));\n"
         "CREATE TABLE person (person_id " + id + " PRIMARY KEY, gender_concept_id INTEGER NOT NULL, "
         "year_of_birth INTEGER NOT NULL, month_of_birth INTEGER, day_of_birth INTEGER, "
         "race_concept_id INTEGER NOT NULL, ethnicity_concept_id INTEGER NOT NULL, person_source_value VARCHAR(50));\n"
         "CREATE TABLE observation_period (observation_period_id " + id + " PRIMARY KEY, person_id " + id + " NOT NULL, "
         "observation_period_start_date " + date + " NOT NULL, observation_period_end_date " + date + " NOT NULL, "
         "period_type_concept_id INTEGER NOT NULL);\n"
         "CREATE TABLE condition_occurrence (condition_occurrence_id " + id + " PRIMARY KEY, person_id " + id + " NOT NULL, "
         "condition_concept_id INTEGER NOT NULL, condition_start_date " + date + " NOT NULL, "
         "condition_end_date " + date + ", condition_type_concept_id INTEGER NOT NULL, "
         "condition_source_value VARCHAR(50), condition_source_concept_id INTEGER);\n"
         "CREATE TABLE measurement (measurement_id " + id + " PRIMARY KEY, person_id " + id + " NOT NULL, "
         "measurement_concept_id INTEGER NOT NULL, measurement_date " + date + " NOT NULL, "
         "measurement_type_concept_id INTEGER NOT NULL, value_as_number " + number + ", value_as_concept_id INTEGER, "
         "unit_concept_id INTEGER, range_low " + number + ", range_high " + number + ", "
         "measurement_source_value VARCHAR(50), measurement_source_concept_id INTEGER, unit_source_value VARCHAR(50));\n"
         "CREATE TABLE observation (observation_id " + id + " PRIMARY KEY, person_id " + id + " NOT NULL, "
         "observation_concept_id INTEGER NOT NULL, observation_date " + date + " NOT NULL, "
         "observation_type_concept_id INTEGER NOT NULL, value_as_number " + number + ", value_as_string VARCHAR(60), "
         "value_as_concept_id INTEGER, unit_concept_id INTEGER, observation_source_value VARCHAR(50), "
         "observation_source_concept_id INTEGER);\n"
         "CREATE TABLE drug_exposure (drug_exposure_id " + id + " PRIMARY KEY, person_id " + id + " NOT NULL, "
         "drug_concept_id INTEGER NOT NULL, drug_exposure_start_date " + date + " NOT NULL, "
         "drug_exposure_end_date " + date + " NOT NULL, drug_type_concept_id INTEGER NOT NULL, "
         "route_concept_id INTEGER, drug_source_value VARCHAR(50), drug_source_concept_id INTEGER);\n"
         "CREATE TABLE procedure_occurrence (procedure_occurrence_id " + id + " PRIMARY KEY, person_id " + id + " NOT NULL, "
         "procedure_concept_id INTEGER NOT NULL, procedure_date " + date + " NOT NULL, "
         "procedure_type_concept_id INTEGER NOT NULL, procedure_source_value VARCHAR(50), "
         "procedure_source_concept_id INTEGER);\n";
}

}  // namespace trialcore::omop

// LB: every laboratory value of a subject: those of the registered record, those recorded
// since, and the counts entered with each marrow assessment. The original result and unit
// are as entered; the standard ones are in the protocol's unit for the test (a bilirubin
// entered in umol/L is also given in mg/dL); the laboratory's upper limit of normal is
// LBORNRHI and, converted, LBSTNRHI. Which code is which test is the protocol's terms file.
#include <cctype>

#include "sdtm/subject_domains.h"

namespace trialcore::sdtm {

namespace {

// One value as entered: from the record, a later observation, or a marrow assessment.
struct LabValue {
  std::string code;
  Date date;
  Json value;  // a number or a text result
  std::string unit;
  std::optional<double> uln;
  const TestTerms* test = nullptr;  // the laboratory test the terms file makes of the code
};

std::optional<Date> date_member(const Json& object) {
  if (!object.contains("date") || !object["date"].is_string()) return std::nullopt;
  auto date = Date::Parse(object["date"].get<std::string>());
  return date.ok() ? std::optional<Date>(*date) : std::nullopt;
}

void add_observation(const Json& entry, std::vector<LabValue>& values) {
  auto date = date_member(entry);
  if (!date || !entry.contains("value")) return;
  LabValue value{entry.value("code", ""), *date, entry["value"], entry.value("unit", ""), std::nullopt};
  if (entry.contains("uln") && entry["uln"].is_number()) value.uln = entry["uln"].get<double>();
  values.push_back(std::move(value));
}

std::vector<LabValue> lab_values(const Protocol& protocol, const trial::PatientState& state) {
  std::vector<LabValue> values;
  const Json registered = state.record.value("observations", Json::array());
  if (registered.is_array()) {
    for (const Json& entry : registered) add_observation(entry, values);
  }
  for (const trial::ObservationEntry& observation : state.observations) add_observation(observation.entry, values);
  for (const trial::AssessmentEntry& assessment : state.assessments) {
    for (const patient::FieldSpec& fact : protocol.response.facts) {
      if (!assessment.assessment.contains(fact.name)) continue;
      const Json& given = assessment.assessment[fact.name];
      if (given.is_number()) {
        values.push_back({fact.name, assessment.date, given, fact.unit, std::nullopt});
      } else if (given.is_object() && given.contains("value")) {
        values.push_back({fact.name, assessment.date, given["value"], given.value("unit", fact.unit), std::nullopt});
      }
    }
  }
  in_date_order(values);
  return values;
}

// The subject's values of laboratory tests, with their test: a code the terms file does not
// make a test of is not a laboratory test (the terms file says why).
std::vector<LabValue> laboratory_tests(const Study& study, const trial::PatientState& state) {
  std::vector<LabValue> tested;
  for (LabValue& value : lab_values(study.protocol, state)) {
    value.test = study.terms.test(value.code);
    if (value.test) tested.push_back(std::move(value));
  }
  return tested;
}

// A value in the protocol's unit for the code, when the catalogue (or the unit table for a
// response fact) converts it.
std::optional<double> in_standard_unit(const Protocol& protocol, const std::string& code, double value,
                                       const std::string& unit, std::string& standard_unit) {
  if (const patient::ObservationSpec* spec = patient::find_observation(protocol.record_format.observations, code)) {
    standard_unit = spec->unit;
    auto converted = spec->to_unit(value, unit.empty() ? spec->unit : unit);
    return converted.ok() ? std::optional<double>(*converted) : std::nullopt;
  }
  for (const patient::FieldSpec& fact : protocol.response.facts) {
    if (fact.name != code) continue;
    standard_unit = fact.unit;
    if (unit == fact.unit) return value;
    auto from = find_unit(unit);
    auto to = find_unit(fact.unit);
    if (from && to && from->dimension == to->dimension) return value * from->per_base / to->per_base;
  }
  return std::nullopt;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::vector<Dataset> laboratory(const Study& study, const std::vector<Subject>& subjects) {
  Dataset dataset = subject_dataset("LB", "Laboratory Test Results",
                                    {"LBSEQ", "LBTESTCD", "LBTEST", "LBCAT", "LBORRES", "LBORRESU", "LBORNRHI",
                                     "LBSTRESC", "LBSTRESN", "LBSTRESU", "LBSTNRHI", "LBSPEC", "LBLOINC", "EPOCH",
                                     "LBDTC", "LBDY"},
                                    {{"LBTESTCD", 3}, {"LBDTC", 4}});
  add_subject_records(
      dataset, study, subjects, [&](const Subject& subject) { return laboratory_tests(study, subject.state); },
      [&](RowBuilder& row, const Subject& subject, const LabValue& value, int64_t) {
        const TestTerms* test = value.test;
        row.set("LBTESTCD", test->testcd).set("LBTEST", test->test);
        row.set("LBCAT", test->category).set("LBSPEC", test->specimen).set("LBLOINC", test->loinc);
        if (value.value.is_number()) {
          double original = value.value.get<double>();
          row.set("LBORRES", number_text(original)).set("LBORRESU", study.terms.unit(value.unit));
          std::string standard_unit;
          if (auto standard = in_standard_unit(study.protocol, value.code, original, value.unit, standard_unit)) {
            row.set("LBSTRESC", number_text(*standard)).set("LBSTRESN", shown(*standard));
            row.set("LBSTRESU", study.terms.unit(standard_unit));
            if (value.uln) {
              std::string unused;
              row.set("LBORNRHI", number_text(*value.uln));
              if (auto uln = in_standard_unit(study.protocol, value.code, *value.uln, value.unit, unused)) {
                row.set("LBSTNRHI", shown(*uln));
              }
            }
          }
        } else if (value.value.is_string()) {
          row.set("LBORRES", value.value.get<std::string>()).set("LBSTRESC", upper(value.value.get<std::string>()));
        }
        set_timing(row, study, subject, value.date, "LBDTC", "LBDY");
      });
  return {dataset};
}

}  // namespace trialcore::sdtm

#include "patient/patient_record.h"

#include <gtest/gtest.h>

#include "patient/facts_as_of.h"

namespace trialcore::patient {
namespace {

// A small catalogue of the kinds a protocol declares (not any one trial's).
RecordFormat format() {
  RecordFormat format;
  format.fields = contract_fields();
  Json catalogue = Json::parse(R"({
    "bilirubin": {"unit": "mg/dL", "also": {"umol/L": 17.1}},
    "alt": {"unit": "U/L", "uln": true},
    "platelets": {"unit": "10*9/L", "also": {"/uL": 1000}},
    "marrow_blasts": {"unit": "%", "maximum": 100},
    "pregnancy_test": {"values": ["negative", "positive"]}
  })");
  auto observations = parse_observation_catalogue(catalogue, "$.observations");
  if (!observations.ok()) ADD_FAILURE() << observations.error().to_string();
  if (observations.ok()) format.observations = std::move(*observations);
  return format;
}

Result<ParsedRecord> parse(const std::string& text) { return parse_patient_record(text, format()); }

std::string error_of(const std::string& text) {
  auto parsed = parse(text);
  EXPECT_FALSE(parsed.ok()) << text;
  return parsed.ok() ? "" : parsed.error().to_string();
}

TEST(PatientRecordTest, NormalizesUnits) {
  auto parsed = parse(R"({"id": "P1", "height": {"value": 65, "unit": "in"}, "weight": {"value": 154, "unit": "lb"},
    "observations": [{"code": "bilirubin", "value": 25.65, "unit": "umol/L", "date": "2010-07-01"},
                     {"code": "platelets", "value": 150000, "unit": "/uL", "date": "2010-07-01"},
                     {"code": "alt", "value": 40, "unit": "U/L", "uln": 41, "date": "2010-07-01"}]})");
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  const PatientRecord& record = parsed->record;
  EXPECT_DOUBLE_EQ(record.fact(format(), "height").quantity().amount, 165.1);
  EXPECT_NEAR(record.fact(format(), "weight").quantity().amount, 69.853, 1e-3);
  ASSERT_EQ(record.observations.size(), 3u);
  EXPECT_NEAR(std::get<expr::Quantity>(record.observations[0].value).amount, 1.5, 1e-12);
  EXPECT_EQ(std::get<expr::Quantity>(record.observations[0].value).unit, "mg/dL");
  EXPECT_DOUBLE_EQ(std::get<expr::Quantity>(record.observations[1].value).amount, 150);
  EXPECT_EQ(record.observations[2].uln, 41);
}

TEST(PatientRecordTest, AbsentAndNullAreUnknown) {
  auto parsed = parse(R"({"id": "P1", "zubrod": null})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE(parsed->record.fact(format(), "zubrod").known());
  EXPECT_FALSE(parsed->record.fact(format(), "therapies").known());
  auto empty = parse(R"({"id": "P1", "therapies": []})");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->record.fact(format(), "therapies").known());
}

TEST(PatientRecordTest, UnknownFieldsAreIgnoredWithAWarning) {
  auto parsed = parse(R"({"id": "P1", "colour": "blue", "therapies": [{"name": "x", "dose": 3}],
    "observations": [{"code": "potassium", "value": 4, "unit": "mmol/L", "date": "2010-07-01"}]})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->warnings, (std::vector<std::string>{
                                  "$.therapies[0].dose: unknown field, ignored",
                                  "$.observations[0].code: observation 'potassium' is not in the protocol's catalogue, ignored",
                                  "$.colour: unknown field, ignored"}));
  EXPECT_TRUE(parsed->record.observations.empty());
}

TEST(PatientRecordTest, MalformedJson) {
  EXPECT_EQ(error_of("{\"id\": \"P1\",\n \"zubrod\": }"), "the patient record is not valid JSON (line 2, column 12)");
  EXPECT_EQ(error_of("[1, 2]"), "$: a patient record must be a JSON object, not an array");
  EXPECT_EQ(error_of(""), "the patient record is not valid JSON (line 1, column 1)");
}

TEST(PatientRecordTest, WrongTypesNameThePath) {
  EXPECT_EQ(error_of(R"({"zubrod": 1})"), "$.id: is required");
  EXPECT_EQ(error_of(R"({"id": 7})"), "$.id: must be a string, not a number");
  EXPECT_EQ(error_of(R"({"id": "P1", "zubrod": "1"})"), "$.zubrod: must be a whole number, not a string");
  EXPECT_EQ(error_of(R"({"id": "P1", "zubrod": 1.5})"), "$.zubrod: must be a whole number, not 1.5");
  EXPECT_EQ(error_of(R"({"id": "P1", "pregnant": "no"})"), "$.pregnant: must be true or false, not a string");
  EXPECT_EQ(error_of(R"({"id": "P1", "height": 170})"),
            "$.height: must be an object such as {\"value\": 1, \"unit\": \"cm\"}, not a number");
  EXPECT_EQ(error_of(R"({"id": "P1", "therapies": {"name": "x"}})"), "$.therapies: must be a list, not an object");
  EXPECT_EQ(error_of(R"({"id": "P1", "therapies": [{"name": "x", "cns_directed": "yes"}]})"),
            "$.therapies[0].cns_directed: must be true or false, not a string");
  EXPECT_EQ(error_of(R"({"id": "P1", "sex": "f"})"), "$.sex: 'f' is not one of female, male, other, unknown");
}

TEST(PatientRecordTest, ImpossibleValues) {
  EXPECT_EQ(error_of(R"({"id": "P1", "height": {"value": 0, "unit": "cm"}})"), "$.height.value: must be 30 to 272 cm, not 0 cm");
  EXPECT_EQ(error_of(R"({"id": "P1", "weight": {"value": -3, "unit": "kg"}})"), "$.weight.value: must be 1 to 400 kg, not -3 kg");
  EXPECT_EQ(error_of(R"({"id": "P1", "height": {"value": 400, "unit": "cm"}})"), "$.height.value: must be 30 to 272 cm, not 400 cm");
  // One set of limits for a person, the same as a plan's (base/body_limits.h).
  EXPECT_EQ(error_of(R"({"id": "P1", "height": {"value": 280, "unit": "cm"}})"), "$.height.value: must be 30 to 272 cm, not 280 cm");
  EXPECT_EQ(error_of(R"({"id": "P1", "weight": {"value": 500, "unit": "kg"}})"), "$.weight.value: must be 1 to 400 kg, not 500 kg");
  EXPECT_EQ(error_of(R"({"id": "P1", "zubrod": 7})"), "$.zubrod: must be 0 to 4, not 7");
  EXPECT_EQ(error_of(R"({"id": "P1", "prior_lines": -1})"), "$.prior_lines: must be 0 to 50, not -1");
  EXPECT_EQ(error_of(R"({"id": "P1", "birth_date": "2010-02-30"})"), "$.birth_date: '2010-02-30' is not a date (2010-02 has no day 30)");
  EXPECT_EQ(error_of(R"({"id": "P1", "toxicities": [{"term": "x", "grade": 0}]})"), "$.toxicities[0].grade: must be 1 to 5, not 0");
  EXPECT_EQ(error_of(R"({"id": "P1", "therapies": [{"name": "x", "start": "2010-03-01", "end": "2010-02-01"}]})"),
            "$.therapies[0].end: 2010-02-01 is before the start 2010-03-01");
  EXPECT_EQ(error_of(R"({"id": "P1", "observations": [{"code": "platelets", "value": -5, "unit": "10*9/L", "date": "2010-07-01"}]})"),
            "$.observations[0].value: must not be negative, not -5");
  EXPECT_EQ(error_of(R"({"id": "P1", "observations": [{"code": "marrow_blasts", "value": 101, "unit": "%", "date": "2010-07-01"}]})"),
            "$.observations[0].value: must be at most 100 %, not 101 %");
  EXPECT_EQ(error_of(R"({"id": "P1", "observations": [{"code": "alt", "value": 40, "unit": "U/L", "uln": 0, "date": "2010-07-01"}]})"),
            "$.observations[0].uln: must be greater than 0, not 0");
}

TEST(PatientRecordTest, UnitsNotAcceptedAreErrors) {
  EXPECT_EQ(error_of(R"({"id": "P1", "observations": [{"code": "bilirubin", "value": 1, "unit": "mmol/L", "date": "2010-07-01"}]})"),
            "$.observations[0].unit: unit 'mmol/L' is not accepted for bilirubin; use mg/dL, umol/L");
  EXPECT_EQ(error_of(R"({"id": "P1", "observations": [{"code": "platelets", "value": 1, "unit": "mg/dL", "date": "2010-07-01"}]})"),
            "$.observations[0].unit: unit 'mg/dL' is not accepted for platelets; use 10*9/L, /uL");
  EXPECT_EQ(error_of(R"({"id": "P1", "height": {"value": 1.7, "unit": "furlong"}})"),
            "$.height.unit: unit 'furlong' is not accepted for height; use cm, in");
  EXPECT_EQ(error_of(R"({"id": "P1", "height": {"value": 1.7, "unit": "m"}})"),
            "$.height.unit: unit 'm' is not accepted for height; use cm, in");
  EXPECT_EQ(error_of(R"({"id": "P1", "observations": [{"code": "bilirubin", "value": 0.001, "unit": "g/dL", "date": "2010-07-01"}]})"),
            "$.observations[0].unit: unit 'g/dL' is not accepted for bilirubin; use mg/dL, umol/L");
  EXPECT_EQ(error_of(R"({"id": "P1", "observations": [{"code": "bilirubin", "value": 1, "date": "2010-07-01"}]})"),
            "$.observations[0].unit: is required");
}

TEST(PatientRecordTest, ObservationsNeedADateAndAKnownResult) {
  EXPECT_EQ(error_of(R"({"id": "P1", "observations": [{"code": "bilirubin", "value": 1, "unit": "mg/dL"}]})"),
            "$.observations[0].date: is required");
  EXPECT_EQ(error_of(R"({"id": "P1", "observations": [{"code": "pregnancy_test", "value": "maybe", "date": "2010-07-01"}]})"),
            "$.observations[0].value: 'maybe' is not a result of pregnancy_test (negative, positive)");
  EXPECT_EQ(error_of(R"({"id": "P1", "observations": [{"value": 1}]})"), "$.observations[0].code: is required");
}

TEST(PatientRecordTest, WaiversSayWhoWhenAndWhy) {
  EXPECT_EQ(error_of(R"({"id": "P1", "waivers": [{"criterion": "c", "by": "", "date": "2010-07-01", "reason": "r"}]})"),
            "$.waivers[0].by: must not be empty: a waiver says who, when and why");
  EXPECT_EQ(error_of(R"({"id": "P1", "waivers": [{"criterion": "c", "by": "PI", "reason": "r"}]})"),
            "$.waivers[0].date: is required");
}

TEST(FactsAsOfTest, LaterDataAreNotUsed) {
  auto parsed = parse(R"({"id": "P1", "birth_date": "1980-01-01", "menopause_date": "2011-01-01",
    "therapies": [{"name": "a", "start": "2010-01-01", "end": "2010-08-01", "cns_directed": false},
                  {"name": "b", "start": "2010-09-01", "end": null, "cns_directed": false}],
    "transplants": [{"type": "allogeneic", "date": "2010-09-01"}]})");
  ASSERT_TRUE(parsed.ok());
  RecordFormat f = format();
  expr::FactValues facts = facts_as_of(parsed->record, f, *Date::Parse("2010-07-02"), {});
  EXPECT_TRUE(facts.facts[f.find_field("birth_date")].known());
  EXPECT_FALSE(facts.facts[f.find_field("menopause_date")].known());
  const auto& therapies = *facts.facts[f.find_field("therapies")].list();
  ASSERT_EQ(therapies.size(), 1u);               // b starts later
  EXPECT_FALSE(therapies[0].members[2].known()); // a ends later: still going on
  EXPECT_TRUE(facts.facts[f.find_field("transplants")].list()->empty());
}

TEST(ObservationCatalogueTest, RejectsBadDeclarations) {
  auto bad = [](const char* text) {
    auto parsed = parse_observation_catalogue(Json::parse(text), "$.observations");
    EXPECT_FALSE(parsed.ok()) << text;
    return parsed.ok() ? "" : parsed.error().to_string();
  };
  EXPECT_EQ(bad(R"({"x": {"unit": "mg/dl"}})"), "$.observations.x.unit: unknown unit 'mg/dl'");
  EXPECT_EQ(bad(R"({"x": {"unit": "mg/dL", "also": {"umol/L": 0}}})"),
            "$.observations.x.also.umol/L: must be a positive number: how many umol/L make 1 mg/dL");
  EXPECT_EQ(bad(R"({"x": {"unit": "10*9/L", "also": {"/uL": 100}}})"),
            "$.observations.x.also./uL: 1 10*9/L is 1000 /uL, not 100");
  EXPECT_EQ(bad(R"({"x": {"unit": "cm", "colour": 1}})"),
            "$.observations.x.colour: is not a member here (expected unit, also, uln, maximum, values, description)");
  EXPECT_EQ(bad(R"({"x": {"values": ["a"], "unit": "cm"}})"), "$.observations.x.unit: a text result has no unit");
}

}  // namespace
}  // namespace trialcore::patient

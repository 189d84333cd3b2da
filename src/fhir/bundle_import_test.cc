#include "fhir/bundle_import.h"
#include "protocol/test_builtin_protocol.h"

#include <gtest/gtest.h>

namespace trialcore::fhir {
namespace {

const FhirMapping& mapping() {
  static const FhirMapping loaded = *load_builtin_fhir_mapping(testing::builtin_protocol());
  return loaded;
}

Json patient() {
  return {{"resourceType", "Patient"}, {"id", "p1"},
          {"identifier", Json::array({{{"system", "urn:trialcore:patient"}, {"value", "MDA-0001"}}})},
          {"birthDate", "1975-03-14"}, {"gender", "female"}};
}

Json coding(const std::string& system, const std::string& code) {
  return {{"coding", Json::array({{{"system", system}, {"code", code}}})}};
}

Json lab(const std::string& loinc, double value, const std::string& unit, const std::string& date) {
  return {{"resourceType", "Observation"}, {"status", "final"}, {"code", coding("http://loinc.org", loinc)},
          {"effectiveDateTime", date}, {"valueQuantity", {{"value", value}, {"unit", unit}}}};
}

Json bundle_of(std::vector<Json> resources) {
  Json entries = Json::array();
  for (Json& resource : resources) entries.push_back({{"resource", std::move(resource)}});
  return {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", entries}};
}

ImportedRecord imported(std::vector<Json> resources) {
  auto result = import_bundle(bundle_of(std::move(resources)), testing::builtin_protocol(), mapping());
  EXPECT_TRUE(result.ok()) << result.error().to_string();
  return result.ok() ? *result : ImportedRecord{};
}

Error refused(std::vector<Json> resources) {
  auto result = import_bundle(bundle_of(std::move(resources)), testing::builtin_protocol(), mapping());
  EXPECT_FALSE(result.ok()) << result->record.dump();
  return result.ok() ? Error{} : result.error();
}

TEST(FhirImport, PatientGivesIdBirthDateAndSex) {
  ImportedRecord record = imported({patient()});
  EXPECT_EQ(record.record["id"], "MDA-0001");
  EXPECT_EQ(record.record["birth_date"], "1975-03-14");
  EXPECT_EQ(record.record["sex"], "female");
  EXPECT_FALSE(record.record.contains("diagnosis")) << "a fact the bundle lacks stays unknown";
}

TEST(FhirImport, LabsWithUcumUnitsAndReferenceRangeForTheUln) {
  Json alt = lab("1742-6", 40, "U/L", "2010-07-01");
  alt["referenceRange"] = Json::array({{{"high", {{"value", 41}, {"unit", "U/L"}}}}});
  Json bilirubin = lab("77137-8", 13.68, "umol/L", "2010-07-01T08:30:00Z");
  bilirubin["valueQuantity"] = {{"value", 13.68}, {"system", "http://unitsofmeasure.org"}, {"code", "umol/L"}};
  ImportedRecord record = imported({patient(), alt, bilirubin, lab("35050-4", 3200, "/uL", "2010-07-01")});
  const Json& observations = record.record["observations"];
  ASSERT_EQ(observations.size(), 3u);
  EXPECT_EQ(observations[0], Json({{"code", "alt"}, {"value", 40}, {"unit", "U/L"}, {"uln", 41}, {"date", "2010-07-01"}}));
  EXPECT_EQ(observations[1]["unit"], "umol/L");
  EXPECT_EQ(observations[1]["date"], "2010-07-01");
  EXPECT_EQ(observations[2]["unit"], "/uL");
  EXPECT_TRUE(record.unmapped.empty());
}

TEST(FhirImport, AUnitThatCannotBeConvertedIsAnErrorNamingTheResource) {
  Error error = refused({patient(), lab("1742-6", 40, "U/L", "2010-07-01"), lab("1975-2", 1, "mmol/L", "2010-07-01")});
  EXPECT_EQ(error.path, "Bundle.entry[2].resource.valueQuantity.unit");
  EXPECT_NE(error.message.find("'mmol/L' cannot be converted to bilirubin (mg/dL)"), std::string::npos) << error.message;
  EXPECT_EQ(error.kind, ErrorKind::kBadInput);
}

TEST(FhirImport, AValueTheRecordRefusesNamesTheResourceItCameFrom) {
  Error error = refused({patient(), lab("10230-1", 160, "%", "2010-06-20")});
  EXPECT_EQ(error.path, "Bundle.entry[1].resource");
  EXPECT_NE(error.message.find("observations[0].value: must be at most 100 %"), std::string::npos) << error.message;
}

TEST(FhirImport, UnknownCodesAndResourcesAreListedNotDropped) {
  Json hemoglobin = lab("718-7", 9, "g/dL", "2010-07-01");
  Json encounter = {{"resourceType", "Encounter"}, {"status", "finished"}};
  Json unknown_condition = {{"resourceType", "Condition"}, {"code", coding("http://snomed.info/sct", "38341003")}};
  ImportedRecord record = imported({patient(), hemoglobin, encounter, unknown_condition});
  ASSERT_EQ(record.unmapped.size(), 3u);
  EXPECT_EQ(record.unmapped[0].path, "Bundle.entry[1].resource");
  EXPECT_EQ(record.unmapped[0].code, "http://loinc.org|718-7");
  EXPECT_EQ(record.unmapped[1].resource_type, "Encounter");
  EXPECT_EQ(record.unmapped[2].code, "http://snomed.info/sct|38341003");
  EXPECT_FALSE(record.record.contains("observations"));
}

TEST(FhirImport, WhatIsNotMappedIsSaidAsAWarningAndListedAsJson) {
  Json encounter = {{"resourceType", "Encounter"}, {"status", "finished"}};
  ImportedRecord record = imported({patient(), lab("718-7", 9, "g/dL", "2010-07-01"), encounter});
  ASSERT_EQ(record.unmapped.size(), 2u);
  EXPECT_EQ(unmapped_text(record.unmapped[0]),
            "not mapped: Bundle.entry[1].resource (Observation http://loinc.org|718-7): " + record.unmapped[0].reason);
  EXPECT_EQ(unmapped_text(record.unmapped[1]), "not mapped: Bundle.entry[2].resource (Encounter): " + record.unmapped[1].reason);
  Json list = unmapped_json(record.unmapped);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1], Json({{"path", "Bundle.entry[2].resource"}, {"resourceType", "Encounter"}, {"code", ""},
                           {"reason", record.unmapped[1].reason}}));
}

TEST(FhirImport, ConditionsGiveDiagnosisStatusHeartFailureClassAndHepatitisB) {
  Json diagnosis = {{"resourceType", "Condition"}, {"code", coding("http://snomed.info/sct", "91857003")},
                    {"clinicalStatus", coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "relapse")}};
  Json nyha = {{"resourceType", "Condition"}, {"code", coding("http://snomed.info/sct", "420913000")}};
  Json hepatitis = {{"resourceType", "Condition"}, {"code", coding("http://snomed.info/sct", "66071002")},
                    {"verificationStatus", coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted")}};
  ImportedRecord record = imported({patient(), diagnosis, nyha, hepatitis});
  EXPECT_EQ(record.record["diagnosis"], "ALL");
  EXPECT_EQ(record.record["disease_status"], "relapsed");
  EXPECT_EQ(record.record["nyha_class"], 3);
  EXPECT_EQ(record.record["hepatitis_b"], false) << "a refuted condition says the patient does not have it";
}

TEST(FhirImport, ObservationsGivePerformanceStatusPregnancyAndTheLatestWins) {
  Json ecog_old = {{"resourceType", "Observation"}, {"status", "final"}, {"code", coding("http://loinc.org", "89247-1")},
                   {"effectiveDateTime", "2010-05-01"}, {"valueInteger", 3}};
  Json ecog = ecog_old;
  ecog["effectiveDateTime"] = "2010-07-01";
  ecog["valueInteger"] = 1;
  Json pregnancy = {{"resourceType", "Observation"}, {"status", "final"}, {"code", coding("http://loinc.org", "82810-3")},
                    {"effectiveDateTime", "2010-07-01"}, {"valueCodeableConcept", coding("http://snomed.info/sct", "77386006")}};
  ImportedRecord record = imported({patient(), ecog, ecog_old, pregnancy});
  EXPECT_EQ(record.record["zubrod"], 1);
  EXPECT_EQ(record.record["pregnant"], true);
}

TEST(FhirImport, TherapiesToxicitiesAndTransplants) {
  Json chemo = {{"resourceType", "MedicationStatement"}, {"status", "completed"},
                {"medicationCodeableConcept", {{"text", "hyper-CVAD"}}},
                {"effectivePeriod", {{"start", "2010-03-01"}, {"end", "2010-06-10"}}},
                {"dosage", Json::array({{{"route", coding("urn:trialcore:fact", "systemic")}}})}};
  Json intrathecal = {{"resourceType", "MedicationAdministration"}, {"status", "completed"},
                      {"medicationCodeableConcept", {{"text", "intrathecal methotrexate"}}},
                      {"effectiveDateTime", "2010-06-20"}, {"dosage", {{"route", coding("http://snomed.info/sct", "72607000")}}}};
  Json neuropathy = {{"resourceType", "Condition"}, {"code", {{"text", "peripheral neuropathy"}}},
                     {"clinicalStatus", coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active")},
                     {"stage", Json::array({{{"summary", coding("urn:trialcore:fact", "ctcae-grade-1")}}})}};
  Json transplant = {{"resourceType", "Procedure"}, {"status", "completed"},
                     {"code", coding("urn:trialcore:fact", "allogeneic-sct")}, {"performedDateTime", "2009-11-02"}};
  ImportedRecord record = imported({patient(), chemo, intrathecal, neuropathy, transplant});
  EXPECT_EQ(record.record["therapies"][0],
            Json({{"name", "hyper-CVAD"}, {"start", "2010-03-01"}, {"end", "2010-06-10"}, {"cns_directed", false}}));
  EXPECT_EQ(record.record["therapies"][1]["cns_directed"], true);
  EXPECT_EQ(record.record["therapies"][1]["end"], "2010-06-20");
  EXPECT_EQ(record.record["toxicities"][0], Json({{"term", "peripheral neuropathy"}, {"grade", 1}, {"resolved", false}}));
  EXPECT_EQ(record.record["transplants"][0], Json({{"type", "allogeneic"}, {"date", "2009-11-02"}}));
}

TEST(FhirImport, DataAfterTheDateAreNotUsedAndAreListed) {
  auto result = import_bundle(bundle_of({patient(), lab("1975-2", 0.8, "mg/dL", "2010-08-01")}), testing::builtin_protocol(), mapping(),
                              Date(2010, 7, 2));
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_FALSE(result->record.contains("observations"));
  ASSERT_EQ(result->unmapped.size(), 1u);
  EXPECT_NE(result->unmapped[0].reason.find("after 2010-07-02"), std::string::npos);
}

TEST(FhirImport, BadBundlesAreRefusedNamingWhere) {
  EXPECT_EQ(import_bundle(Json::array(), testing::builtin_protocol(), mapping()).error().path, "Bundle");
  EXPECT_EQ(import_bundle({{"resourceType", "Patient"}}, testing::builtin_protocol(), mapping()).error().path, "Bundle.resourceType");
  EXPECT_EQ(import_bundle({{"resourceType", "Bundle"}}, testing::builtin_protocol(), mapping()).error().path, "Bundle.entry");
  EXPECT_EQ(refused({lab("1975-2", 0.8, "mg/dL", "2010-07-01")}).path, "Bundle.entry") << "no Patient";
  EXPECT_EQ(refused({patient(), patient()}).path, "Bundle.entry[1].resource");
  Json undated = lab("1975-2", 0.8, "mg/dL", "2010-07-01");
  undated.erase("effectiveDateTime");
  EXPECT_EQ(refused({patient(), undated}).path, "Bundle.entry[1].resource.effectiveDateTime");
  Json partial = patient();
  partial["birthDate"] = "1975-03";
  EXPECT_EQ(refused({partial}).path, "Bundle.entry[0].resource.birthDate");
  Json impossible = patient();
  impossible["birthDate"] = "1975-02-30";
  EXPECT_EQ(refused({impossible}).path, "Bundle.entry[0].resource.birthDate");
  auto text = import_bundle_text("{\"resourceType\": \"Bundle\",", testing::builtin_protocol(), mapping());
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message.rfind("the FHIR Bundle is not valid JSON (line 1", 0), 0u) << text.error().message;
}

TEST(FhirMappingFile, EveryCodeNamesItsSourceAndFitsTheProtocol) {
  std::string text(builtin_fhir_mapping_text());
  Json document = Json::parse(text);
  document["observations"]["alt"]["codes"][0].erase("source");
  auto missing = load_fhir_mapping(document.dump(), "test", testing::builtin_protocol());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().path, "$.observations.alt.codes[0].source");

  document = Json::parse(text);
  document["observations"]["hemoglobin"] = document["observations"]["alt"];
  EXPECT_EQ(load_fhir_mapping(document.dump(), "test", testing::builtin_protocol()).error().path, "$.observations.hemoglobin");

  document = Json::parse(text);
  document["observations"]["bilirubin"]["units"]["mmol/L"] = "mmol/L";
  EXPECT_EQ(load_fhir_mapping(document.dump(), "test", testing::builtin_protocol()).error().path, "$.observations.bilirubin.units.mmol/L");

  document = Json::parse(text);
  document["facts"]["nyha_class"]["values"]["7"] = document["facts"]["nyha_class"]["values"]["1"];
  EXPECT_EQ(load_fhir_mapping(document.dump(), "test", testing::builtin_protocol()).error().path, "$.facts.nyha_class.values.7");

  document = Json::parse(text);
  document["protocol"] = "NCT00000000";
  EXPECT_EQ(load_fhir_mapping(document.dump(), "test", testing::builtin_protocol()).error().path, "$.protocol");
}

}  // namespace
}  // namespace trialcore::fhir

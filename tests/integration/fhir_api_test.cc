// FHIR over the HTTP API, called for real on 127.0.0.1: a patient registered from a FHIR
// Bundle (Content-Type: application/fhir+json), a bad Bundle refused with 400 writing
// nothing, GET /fhir/Bundle for every signed-in role, never without a session, and a voided
// dose and lab absent from it.
#include "api_fixture.h"
#include "fhir/bundle_export.h"

namespace trialcore::server {
namespace {

using api_testing::Client;

constexpr const char* kFhirJson = "application/fhir+json";

class FhirApiTest : public api_testing::ApiTest {
 protected:
  FhirApiTest() { today_ = Date(2010, 7, 20); }

  // A Bundle of the test trial's eligible record, written by the exporter.
  Json bundle_of(const std::string& id) {
    trial::PatientState state;
    state.id = id;
    state.record = trial::testing::eligible_record(id);
    return fhir::export_bundle(*protocol_, *mapping_, {state}, 0, "")->bundle;
  }
};

TEST_F(FhirApiTest, ACoordinatorRegistersAPatientFromABundle) {
  Client coordinator = as("coordinator");
  Json bundle = bundle_of("P-FHIR-1");
  bundle["entry"].push_back({{"resource", {{"resourceType", "Encounter"}, {"status", "finished"}}}});
  auto result = coordinator.post_text("/api/patients", bundle.dump(), kFhirJson);
  ASSERT_EQ(result->status, 201) << result->body;
  Json answer = Json::parse(result->body);
  EXPECT_EQ(answer["id"], "P-FHIR-1");
  EXPECT_EQ(answer["record"]["diagnosis"], trial::testing::eligible_record("P-FHIR-1")["diagnosis"]);
  bool encounter_listed = false;
  for (const Json& unmapped : answer["unmapped"]) encounter_listed = encounter_listed || unmapped["resourceType"] == "Encounter";
  EXPECT_TRUE(encounter_listed) << answer["unmapped"].dump();
  auto state = service_->patient_state("P-FHIR-1");
  ASSERT_TRUE(state.ok()) << state.error().to_string();
  auto screened = service_->screen({"coordinator", "2026-11-25T10:00:00Z"}, "P-FHIR-1", Date(2010, 7, 2));
  ASSERT_TRUE(screened.ok());
  EXPECT_EQ(screened->screening.eligible, Eligibility::kYes) << "the Bundle carries the whole record";
}

TEST_F(FhirApiTest, ABadBundleIsRefusedWith400AndWritesNothing) {
  Client coordinator = as("coordinator");
  int64_t before = last_event();
  Json bundle = bundle_of("P-FHIR-2");
  for (Json& entry : bundle["entry"]) {
    Json& resource = entry["resource"];
    if (resource["resourceType"] == "Observation" && resource["code"]["coding"][0]["code"] == "1975-2") {
      resource["valueQuantity"] = {{"value", 1}, {"unit", "mmol/L"}};
    }
  }
  auto result = coordinator.post_text("/api/patients", bundle.dump(), kFhirJson);
  ASSERT_EQ(result->status, 400) << result->body;
  std::string path = Json::parse(result->body)["error"]["path"];
  EXPECT_EQ(path.rfind("Bundle.entry[", 0), 0u) << path;
  EXPECT_NE(path.find("].resource.valueQuantity.unit"), std::string::npos) << path;
  EXPECT_EQ(coordinator.post_text("/api/patients", "{\"resourceType\": \"Bundle\"", kFhirJson)->status, 400);
  EXPECT_EQ(coordinator.post_text("/api/patients", Json({{"resourceType", "Patient"}}).dump(), kFhirJson)->status, 400);
  EXPECT_EQ(last_event(), before);
  EXPECT_FALSE(service_->patient_state("P-FHIR-2").ok());
  EXPECT_EQ(as("monitor").post_text("/api/patients", bundle_of("P-FHIR-3").dump(), kFhirJson)->status, 403)
      << "a monitor only reads";
}

TEST_F(FhirApiTest, ABundleReadIntoARecordRecordsNothing) {
  int64_t before = last_event();
  Client monitor = as("monitor");
  auto result = monitor.post_text("/api/fhir/record", bundle_of("P-FHIR-5").dump(), kFhirJson);
  ASSERT_EQ(result->status, 200) << result->body;
  Json answer = Json::parse(result->body);
  EXPECT_EQ(answer["record"]["id"], "P-FHIR-5");
  EXPECT_EQ(answer["record"]["observations"].size(), trial::testing::eligible_record("P-FHIR-5")["observations"].size());
  EXPECT_EQ(last_event(), before);
  auto bad = monitor.post_text("/api/fhir/record", "[]", kFhirJson);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(Json::parse(bad->body)["error"]["path"], "Bundle");
}

TEST_F(FhirApiTest, EverySignedInRoleReadsTheTrialAsABundle) {
  ASSERT_EQ(as("coordinator").post_text("/api/patients", bundle_of("P-FHIR-4").dump(), kFhirJson)->status, 201);
  Client anonymous(port_);
  EXPECT_EQ(anonymous.get("/fhir/Bundle")->status, 401);
  for (const char* role : {"monitor", "pharmacist", "coordinator"}) {
    auto result = as(role).get("/fhir/Bundle?patient=P-FHIR-4");
    ASSERT_EQ(result->status, 200) << role << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/fhir+json");
    Json bundle = Json::parse(result->body);
    EXPECT_EQ(bundle["resourceType"], "Bundle");
    EXPECT_EQ(bundle["entry"][0]["resource"]["resourceType"], "ResearchStudy");
    EXPECT_EQ(bundle["entry"][1]["resource"]["identifier"][0]["value"], "P-FHIR-4");
  }
  EXPECT_EQ(as("monitor").get("/fhir/Bundle?patient=NOBODY")->status, 404);
}

// The resources of a kind in a Bundle.
size_t count_of(const Json& bundle, const std::string& type) {
  size_t count = 0;
  for (const Json& entry : bundle["entry"]) count += entry["resource"]["resourceType"] == type ? 1 : 0;
  return count;
}

TEST_F(FhirApiTest, AVoidedDoseAndLabAreNotExported) {
  const trial::Actor coordinator{"coordinator", "2026-11-25T10:00:00Z"};
  Client client = as("coordinator");
  ASSERT_NO_FATAL_FAILURE(enroll(client, "P1"));
  trial::DoseInput dose;
  dose.course = 1;
  dose.day = 1;
  dose.drug = "inotuzumab";
  dose.date = Date(2010, 7, 5);
  dose.dose_mg = 2.36;
  dose.infusion_minutes = 62;
  auto given = service_->record_dose(coordinator, "P1", dose);
  ASSERT_TRUE(given.ok()) << given.error().to_string();
  auto lab = service_->record_observation(coordinator, "P1", {{"code", "bilirubin"}, {"value", 1.1}, {"unit", "mg/dL"}, {"date", "2010-07-06"}});
  ASSERT_TRUE(lab.ok()) << lab.error().to_string();
  auto bundle = [&] {
    auto result = client.get("/fhir/Bundle?patient=P1");
    EXPECT_EQ(result->status, 200) << result->body;
    return Json::parse(result->body);
  };
  Json before = bundle();
  EXPECT_EQ(count_of(before, "MedicationAdministration"), 1u);
  // The lab recorded after registration: bilirubin 1.1 mg/dL (the registered one is 0.8).
  auto labs_valued = [](const Json& of, double value) {
    size_t count = 0;
    for (const Json& entry : of["entry"]) {
      const Json& resource = entry["resource"];
      if (resource["resourceType"] == "Observation" && resource.contains("valueQuantity") &&
          resource["valueQuantity"].value("value", 0.0) == value) {
        ++count;
      }
    }
    return count;
  };
  EXPECT_EQ(labs_valued(before, 1.1), 1u);
  for (int64_t voided : {given->event.sequence, lab->event.sequence}) {
    auto answer = client.post("/api/voids", {{"voids", voided}, {"reason", "another patient's"}});
    ASSERT_EQ(answer->status, 201) << answer->body;
  }
  Json after = bundle();
  EXPECT_EQ(count_of(after, "MedicationAdministration"), 0u);
  EXPECT_EQ(count_of(after, "Observation"), count_of(before, "Observation") - 1);
  EXPECT_EQ(labs_valued(after, 1.1), 0u);
}

}  // namespace
}  // namespace trialcore::server

// FHIR over the HTTP API, called for real on 127.0.0.1: a patient registered from a FHIR
// Bundle (Content-Type: application/fhir+json), a bad Bundle refused with 400 writing
// nothing, GET /fhir/Bundle for every signed-in role, never without a session, and a voided
// dose and lab absent from it.
#include <gtest/gtest.h>
#include <httplib.h>

#include <ctime>
#include <thread>

#include "fhir/bundle_export.h"
#include "server/api_server.h"
#include "store/test_stores.h"
#include "trial/test_trial.h"
#include "trial/record_projector.h"

namespace trialcore::server {
namespace {

class FhirApiTest : public ::testing::Test {
 protected:
  static constexpr const char* kPassword = "a-long-test-password";

  void SetUp() override {
    protocol_ = std::make_unique<Protocol>(*load_builtin_protocol());
    path_ = store::testing::fresh_sqlite_file();
    auto opened = store::open_store(path_, projector_);
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    store_ = std::move(*opened);
    service_ = std::make_unique<trial::TrialService>(*protocol_, *store_);
    accounts_ = std::make_unique<Accounts>(
        *store_, [] { return static_cast<int64_t>(std::time(nullptr)); }, [] { return std::string("2026-11-25T10:00:00Z"); });
    for (const char* role : {"coordinator", "monitor", "pharmacist"}) {
      ASSERT_TRUE(accounts_->create_user("setup", role, *parse_role(role), kPassword, false).ok());
    }
    mapping_ = std::make_unique<fhir::FhirMapping>(*fhir::load_builtin_fhir_mapping(*protocol_));
    ApiContext context{*service_, *accounts_, *protocol_, [] { return Date(2010, 7, 20); },
                       [] { return std::string("2026-11-25T10:00:00Z"); }, false, ""};
    context.fhir_mapping = mapping_.get();
    ServerOptions options;
    options.port = 0;
    options.log_requests = false;
    server_ = std::make_unique<ApiServer>(context, options);
    auto port = server_->bind();
    ASSERT_TRUE(port.ok()) << port.error().to_string();
    port_ = *port;
    thread_ = std::thread([this] { server_->run(); });
  }

  void TearDown() override {
    server_->stop();
    thread_.join();
    server_.reset();
    service_.reset();
    accounts_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  // Signs in as `role`: the session's headers (cookie, CSRF token).
  httplib::Headers session(const std::string& role) {
    httplib::Client client("127.0.0.1", port_);
    auto result = client.Post("/api/session", Json({{"username", role}, {"password", kPassword}}).dump(), "application/json");
    EXPECT_EQ(result->status, 200);
    std::string cookie = result->get_header_value("Set-Cookie");
    return {{"Cookie", cookie.substr(0, cookie.find(';'))},
            {"X-CSRF-Token", Json::parse(result->body)["csrf_token"].get<std::string>()}};
  }

  httplib::Result post_bundle(const httplib::Headers& headers, const std::string& body) {
    httplib::Client client("127.0.0.1", port_);
    return client.Post("/api/patients", headers, body, "application/fhir+json");
  }

  // A Bundle of the test trial's eligible record, written by the exporter.
  Json bundle_of(const std::string& id) {
    trial::PatientState state;
    state.id = id;
    state.record = trial::testing::eligible_record(id);
    return fhir::export_bundle(*protocol_, *fhir::load_builtin_fhir_mapping(*protocol_), {state}, 0, "")->bundle;
  }

  int64_t events() {
    int64_t last = -1;
    Status read = store_->read([&](store::Transaction& transaction) -> Status {
      auto sequence = transaction.last_sequence();
      if (!sequence.ok()) return sequence.error();
      last = *sequence;
      return Status::Ok();
    });
    return read.ok() ? last : -1;
  }

  trial::RecordProjector projector_;
  std::unique_ptr<Protocol> protocol_;
  std::unique_ptr<fhir::FhirMapping> mapping_;  // the served mapping, as serve reads it
  std::string path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<trial::TrialService> service_;
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(FhirApiTest, ACoordinatorRegistersAPatientFromABundle) {
  httplib::Headers coordinator = session("coordinator");
  Json bundle = bundle_of("P-FHIR-1");
  bundle["entry"].push_back({{"resource", {{"resourceType", "Encounter"}, {"status", "finished"}}}});
  auto result = post_bundle(coordinator, bundle.dump());
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
  httplib::Headers coordinator = session("coordinator");
  int64_t before = events();
  Json bundle = bundle_of("P-FHIR-2");
  for (Json& entry : bundle["entry"]) {
    Json& resource = entry["resource"];
    if (resource["resourceType"] == "Observation" && resource["code"]["coding"][0]["code"] == "1975-2") {
      resource["valueQuantity"] = {{"value", 1}, {"unit", "mmol/L"}};
    }
  }
  auto result = post_bundle(coordinator, bundle.dump());
  ASSERT_EQ(result->status, 400) << result->body;
  std::string path = Json::parse(result->body)["error"]["path"];
  EXPECT_EQ(path.rfind("Bundle.entry[", 0), 0u) << path;
  EXPECT_NE(path.find("].resource.valueQuantity.unit"), std::string::npos) << path;
  EXPECT_EQ(post_bundle(coordinator, "{\"resourceType\": \"Bundle\"")->status, 400);
  EXPECT_EQ(post_bundle(coordinator, Json({{"resourceType", "Patient"}}).dump())->status, 400);
  EXPECT_EQ(events(), before);
  EXPECT_FALSE(service_->patient_state("P-FHIR-2").ok());
  EXPECT_EQ(post_bundle(session("monitor"), bundle_of("P-FHIR-3").dump())->status, 403) << "a monitor only reads";
}

TEST_F(FhirApiTest, ABundleReadIntoARecordRecordsNothing) {
  int64_t before = events();
  httplib::Client client("127.0.0.1", port_);
  auto result = client.Post("/api/fhir/record", session("monitor"), bundle_of("P-FHIR-5").dump(), "application/fhir+json");
  ASSERT_EQ(result->status, 200) << result->body;
  Json answer = Json::parse(result->body);
  EXPECT_EQ(answer["record"]["id"], "P-FHIR-5");
  EXPECT_EQ(answer["record"]["observations"].size(), trial::testing::eligible_record("P-FHIR-5")["observations"].size());
  EXPECT_EQ(events(), before);
  auto bad = client.Post("/api/fhir/record", session("monitor"), "[]", "application/fhir+json");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(Json::parse(bad->body)["error"]["path"], "Bundle");
}

TEST_F(FhirApiTest, EverySignedInRoleReadsTheTrialAsABundle) {
  ASSERT_EQ(post_bundle(session("coordinator"), bundle_of("P-FHIR-4").dump())->status, 201);
  httplib::Client anonymous("127.0.0.1", port_);
  EXPECT_EQ(anonymous.Get("/fhir/Bundle")->status, 401);
  for (const char* role : {"monitor", "pharmacist", "coordinator"}) {
    httplib::Client client("127.0.0.1", port_);
    auto result = client.Get("/fhir/Bundle?patient=P-FHIR-4", session(role));
    ASSERT_EQ(result->status, 200) << role << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/fhir+json");
    Json bundle = Json::parse(result->body);
    EXPECT_EQ(bundle["resourceType"], "Bundle");
    EXPECT_EQ(bundle["entry"][0]["resource"]["resourceType"], "ResearchStudy");
    EXPECT_EQ(bundle["entry"][1]["resource"]["identifier"][0]["value"], "P-FHIR-4");
  }
  httplib::Client client("127.0.0.1", port_);
  EXPECT_EQ(client.Get("/fhir/Bundle?patient=NOBODY", session("monitor"))->status, 404);
}

// The resources of a kind in a Bundle.
size_t count_of(const Json& bundle, const std::string& type) {
  size_t count = 0;
  for (const Json& entry : bundle["entry"]) count += entry["resource"]["resourceType"] == type ? 1 : 0;
  return count;
}

TEST_F(FhirApiTest, AVoidedDoseAndLabAreNotExported) {
  const trial::Actor coordinator{"coordinator", "2026-11-25T10:00:00Z"};
  ASSERT_TRUE(service_->register_patient(coordinator, trial::testing::eligible_record("P1")).ok());
  ASSERT_TRUE(service_->sign_consent(coordinator, "P1", Date(2010, 7, 2)).ok());
  ASSERT_TRUE(service_->enroll(coordinator, "P1", Date(2010, 7, 5)).ok());
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
  httplib::Headers headers = session("coordinator");
  auto bundle = [&] {
    httplib::Client client("127.0.0.1", port_);
    auto result = client.Get("/fhir/Bundle?patient=P1", headers);
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
    httplib::Client client("127.0.0.1", port_);
    auto answer = client.Post("/api/voids", headers, Json({{"voids", voided}, {"reason", "another patient's"}}).dump(), "application/json");
    ASSERT_EQ(answer->status, 201) << answer->body;
  }
  Json after = bundle();
  EXPECT_EQ(count_of(after, "MedicationAdministration"), 0u);
  EXPECT_EQ(count_of(after, "Observation"), count_of(before, "Observation") - 1);
  EXPECT_EQ(labs_valued(after, 1.1), 0u);
}

}  // namespace
}  // namespace trialcore::server

// No clinical date after the server's today over HTTP: every write that takes one refuses a
// date a day later with 400 naming the member, and writes nothing; today itself is accepted.
#include "api_fixture.h"

namespace trialcore::server {
namespace {

using namespace api_testing;  // NOLINT: the fixture's client and helpers
using trial::testing::eligible_record;

TEST_F(ApiTest, AClinicalDateAfterTodayIsRefusedOnEveryWrite) {
  Client coordinator = as("coordinator");
  Client investigator = as("investigator");
  Client monitor = as("monitor");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  ASSERT_EQ(coordinator.post("/api/patients/P1/doses", {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-05"},
                                                        {"dose_mg", 2.36}, {"infusion_minutes", 62}})->status, 201);
  int64_t dose = json_of(coordinator.get("/api/patients/P1"))["doses"][0]["sequence"];
  const std::string tomorrow = today_.plus_days(1).to_string();
  struct Write {
    Client* client;
    std::string path;
    Json body;
    std::string field;
  };
  const std::vector<Write> writes = {
      {&coordinator, "/api/patients/P1/body", {{"date", tomorrow}, {"height_cm", 170}, {"weight_kg", 70}}, "$.date"},
      {&coordinator, "/api/patients/P1/observations", {{"code", "alt"}, {"value", 30}, {"unit", "U/L"}, {"uln", 40}, {"date", tomorrow}}, "$.date"},
      {&coordinator, "/api/patients/P1/doses",
       {{"course", 2}, {"day", 1}, {"drug", "inotuzumab"}, {"date", tomorrow}, {"dose_mg", 3.27}, {"infusion_minutes", 62}}, "$.date"},
      {&coordinator, "/api/patients/P1/marrow", {{"course", 1}, {"date", tomorrow}, {"anc", 1.5}}, "$.date"},
      {&coordinator, "/api/patients/P1/consent", {{"date", tomorrow}}, "$.date"},
      {&coordinator, "/api/patients/P1/screenings", {{"date", tomorrow}}, "$.date"},
      {&coordinator, "/api/patients/P1/enrollment", {{"date", tomorrow}}, "$.date"},
      {&investigator, "/api/patients/P1/waivers", {{"criterion", "exc-washout"}, {"date", tomorrow}, {"reason", "progressing"}}, "$.date"},
      {&coordinator, "/api/patients/P1/vital-status", {{"date", tomorrow}, {"alive", true}}, "$.date"},
      {&coordinator, "/api/patients/P1/off-study", {{"date", tomorrow}, {"reason", "withdrew"}}, "$.date"},
      {&coordinator, "/api/patients/P1/adverse-events", {{"term", "Fatigue"}, {"grade", 1}, {"start", tomorrow}, {"outcome", "recovered"}}, "$.start"},
      {&coordinator, "/api/patients/P1/adverse-events",
       {{"term", "Fatigue"}, {"grade", 1}, {"start", "2010-07-10"}, {"end", tomorrow}, {"outcome", "recovered"}}, "$.end"},
      {&coordinator, "/api/patients/P1/transplants", {{"date", tomorrow}}, "$.date"},
      {&coordinator, "/api/corrections",
       {{"corrects", dose}, {"reason", "typed the wrong date"},
        {"payload", {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", tomorrow}, {"dose_mg", 2.36}}}}, "$.payload.date"},
  };
  size_t events = json_of(monitor.get("/api/verify"))["events"];
  for (const Write& write : writes) {
    auto answer = write.client->post(write.path, write.body);
    EXPECT_EQ(refusal(answer), "400 " + write.field) << write.path << ": " << answer->body;
    EXPECT_NE(answer->body.find(tomorrow + " is after today (" + today_.to_string() + ")"), std::string::npos) << answer->body;
  }
  EXPECT_EQ(json_of(monitor.get("/api/verify"))["events"], events) << "nothing written";
  // Today is not the future.
  EXPECT_EQ(coordinator.post("/api/patients/P1/vital-status", {{"date", today_.to_string()}, {"alive", true}})->status, 201);
}

}  // namespace
}  // namespace trialcore::server

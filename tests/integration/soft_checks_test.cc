// Soft checks over HTTP: a height typed in inches, a lab far outside its usual range and a
// dose beyond the tolerance are answered 409 with the checks to confirm and write nothing;
// the same body with "confirm" is recorded with the confirmation; an unknown check id is
// bad input, an empty marrow assessment too.
#include "api_fixture.h"

namespace trialcore::server {
namespace {

using namespace api_testing;  // NOLINT: the fixture's client and helpers

TEST_F(ApiTest, SoftChecksAreConfirmedAndRecorded) {
  Client coordinator = as("coordinator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  size_t events = json_of(as("monitor").get("/api/verify"))["events"];
  Json inches = {{"date", "2010-07-06"}, {"height_cm", 65}, {"weight_kg", 136}};
  auto asked = coordinator.post("/api/patients/P1/body", inches);
  EXPECT_EQ(refusal(asked), "409 $.height_cm");
  Json confirmations = json_of(asked)["confirmations"];
  ASSERT_EQ(confirmations.size(), 1u) << asked->body;
  EXPECT_EQ(confirmations[0]["check"], "height-plausible");
  EXPECT_EQ(confirmations[0]["path"], "$.height_cm");
  EXPECT_NE(confirmations[0]["message"].get<std::string>().find("65 cm"), std::string::npos);
  Json lab = {{"code", "alt"}, {"value", 4000}, {"unit", "U/L"}, {"uln", 40}, {"date", "2010-07-06"}};
  EXPECT_EQ(refusal(coordinator.post("/api/patients/P1/observations", lab)), "409 $.value");
  Json dose = {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-05"}, {"dose_mg", 3.6}, {"infusion_minutes", 62}};
  EXPECT_EQ(refusal(coordinator.post("/api/patients/P1/doses", dose)), "409 $.dose_mg");
  Json unknown = inches;
  unknown["confirm"] = {"height-plausibel"};
  EXPECT_EQ(refusal(coordinator.post("/api/patients/P1/body", unknown)), "400 $.confirm[0]");
  EXPECT_EQ(refusal(coordinator.post("/api/patients/P1/marrow", {{"course", 1}, {"date", "2010-08-01"}})), "400 $");
  EXPECT_EQ(json_of(as("monitor").get("/api/verify"))["events"], events) << "nothing written";

  inches["confirm"] = {"height-plausible"};
  ASSERT_EQ(coordinator.post("/api/patients/P1/body", inches)->status, 201);
  lab["confirm"] = {"lab-usual-range"};
  ASSERT_EQ(coordinator.post("/api/patients/P1/observations", lab)->status, 201);
  dose["confirm"] = {"dose-tolerance"};
  auto given = coordinator.post("/api/patients/P1/doses", dose);
  ASSERT_EQ(given->status, 201) << given->body;
  EXPECT_EQ(json_of(given)["deviations"][0]["kind"], "dose-off");  // confirmed, and still a deviation
  Json history = json_of(coordinator.get("/api/patients/P1/history"));
  std::vector<std::string> confirmed;
  for (const Json& event : history) {
    if (event["payload"].contains("confirmed")) confirmed.push_back(event["payload"]["confirmed"][0]["check"]);
  }
  EXPECT_EQ(confirmed, (std::vector<std::string>{"height-plausible", "lab-usual-range", "dose-tolerance"}));
  // The lab's value is kept as entered, without the write's confirmation in it.
  Json patient = json_of(coordinator.get("/api/patients/P1"));
  EXPECT_FALSE(patient["observations"].back().contains("confirm"));
  // A dose recorded without a pharmacist's verification is flagged.
  EXPECT_EQ(patient["doses"][0]["unverified"], true);
  EXPECT_EQ(patient["derived"]["unverified_doses"].size(), 1u);
}

}  // namespace
}  // namespace trialcore::server

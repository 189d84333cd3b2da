// Voids over HTTP, for real: POST /api/voids by the roles that correct, the voided dose gone
// from the patient's state, each refusal naming its field and writing nothing, a repeat with
// the same Idempotency-Key answered once; and the session naming what its user may do.
#include "api_fixture.h"

namespace trialcore::server {
namespace {

using namespace api_testing;  // NOLINT: the fixture's client and helpers

class VoidApiTest : public ApiTest {
 protected:
  size_t events() { return json_of(as("monitor").get("/api/verify"))["events"].get<size_t>(); }

  int64_t given_dose(Client& coordinator) {
    auto dose = coordinator.post("/api/patients/P1/doses", {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-05"},
                                                            {"dose_mg", 2.36}, {"infusion_minutes", 62}});
    EXPECT_EQ(dose->status, 201) << dose->body;
    return json_of(dose)["sequence"].get<int64_t>();
  }
};

TEST_F(VoidApiTest, AVoidedDoseNoLongerCountsAsGiven) {
  Client coordinator = as("coordinator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  int64_t dose = given_dose(coordinator);
  EXPECT_EQ(json_of(coordinator.get("/api/patients/P1"))["derived"]["courses_given"], 1);
  auto voided = as("investigator").post("/api/voids", {{"voids", dose}, {"reason", "entered for the wrong patient"}});
  ASSERT_EQ(voided->status, 201) << voided->body;
  int64_t void_event = json_of(voided)["sequence"];
  Json patient = json_of(coordinator.get("/api/patients/P1"));
  EXPECT_TRUE(patient["doses"].empty());
  EXPECT_EQ(patient["derived"]["courses_given"], 0);
  EXPECT_EQ(patient["voids"][0]["voids"], dose);
  EXPECT_EQ(patient["voids"][0]["actor"], "investigator");
  Json history = json_of(coordinator.get("/api/patients/P1/history"));
  Json last = history.back();
  EXPECT_EQ(last["sequence"], void_event);
  EXPECT_EQ(last["kind"], "void");
  EXPECT_EQ(last["corrects"], dose);
  EXPECT_EQ(last["reason"], "entered for the wrong patient");
  EXPECT_EQ(last["payload"]["voided_kind"], "dose-given");
  EXPECT_EQ(json_of(as("monitor").get("/api/verify"))["ok"], true);
}

TEST_F(VoidApiTest, EachRefusalNamesTheFieldAndWritesNothing) {
  Client coordinator = as("coordinator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  int64_t dose = given_dose(coordinator);
  int64_t period = json_of(as("investigator").post("/api/periods/period-2/opening", {{"date", "2010-09-01"}}))["sequence"];
  Json history = json_of(coordinator.get("/api/patients/P1/history"));
  int64_t registration = history[0]["sequence"];
  size_t before = events();
  struct Refused {
    Json body;
    std::string status_and_path;
    std::string message;
  };
  const std::vector<Refused> refusals = {
      {{{"voids", dose}}, "400 $.reason", "is required"},
      {{{"voids", dose}, {"reason", ""}}, "400 $.reason", "a void says why"},
      {{{"voids", "the dose"}, {"reason", "typo"}}, "400 $.voids", "must be a whole number, not a string"},
      {{{"voids", dose}, {"reason", "typo"}, {"payload", Json::object()}}, "400 $.payload", "is not a member here"},
      {{{"voids", 9999}, {"reason", "typo"}}, "404 $.voids", "event 9999 does not exist"},
      {{{"voids", period}, {"reason", "typo"}}, "400 $.voids", "event " + std::to_string(period) + " is not about a patient"},
      {{{"voids", registration}, {"reason", "typo"}}, "400 $.voids", "a patient-registered event cannot be voided: correct the record instead"},
  };
  for (const Refused& refused : refusals) {
    auto answer = coordinator.post("/api/voids", refused.body);
    EXPECT_EQ(refusal(answer), refused.status_and_path) << refused.body;
    EXPECT_EQ(json_of(answer)["error"]["message"].get<std::string>().rfind(refused.message, 0), 0u) << answer->body;
  }
  EXPECT_EQ(as("pharmacist").post("/api/voids", {{"voids", dose}, {"reason", "typo"}})->status, 403);
  EXPECT_EQ(as("monitor").post("/api/voids", {{"voids", dose}, {"reason", "typo"}})->status, 403);
  EXPECT_EQ(events(), before);
  ASSERT_EQ(coordinator.post("/api/voids", {{"voids", dose}, {"reason", "wrong patient"}})->status, 201);
  before = events();
  auto again = coordinator.post("/api/voids", {{"voids", dose}, {"reason", "wrong patient"}});
  EXPECT_EQ(refusal(again), "400 $.voids");
  EXPECT_EQ(json_of(again)["error"]["message"].get<std::string>().rfind("event " + std::to_string(dose) + " is already voided (event ", 0), 0u);
  EXPECT_EQ(events(), before);
}

TEST_F(VoidApiTest, TheSameVoidTwiceWithItsKeyWritesOneEvent) {
  Client coordinator = as("coordinator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  int64_t dose = given_dose(coordinator);
  size_t before = events();
  Json body = {{"voids", dose}, {"reason", "entered twice"}};
  auto first = coordinator.post_keyed("/api/voids", body, "void-form-1");
  ASSERT_EQ(first->status, 201) << first->body;
  auto second = coordinator.post_keyed("/api/voids", body, "void-form-1");
  EXPECT_EQ(second->status, 201);
  EXPECT_EQ(second->body, first->body);
  EXPECT_EQ(second->get_header_value("Idempotent-Replayed"), "true");
  EXPECT_EQ(events(), before + 1);
  EXPECT_EQ(refusal(coordinator.post_keyed("/api/voids", {{"voids", dose}, {"reason", "other"}}, "void-form-1")), "422 Idempotency-Key");
}

// The page offers what the server allows: the session names the actions of its user's role.
TEST_F(VoidApiTest, TheSessionNamesWhatItsUserMayDo) {
  auto may = [&](const char* role) {
    Json session = json_of(as(role).get("/api/session"));
    return session["user"]["may"];
  };
  Json investigator = may("investigator");
  EXPECT_NE(std::find(investigator.begin(), investigator.end(), "manage-periods"), investigator.end()) << investigator;
  EXPECT_NE(std::find(investigator.begin(), investigator.end(), "correct"), investigator.end()) << investigator;
  Json coordinator = may("coordinator");
  EXPECT_EQ(std::find(coordinator.begin(), coordinator.end(), "manage-periods"), coordinator.end()) << coordinator;
  EXPECT_NE(std::find(coordinator.begin(), coordinator.end(), "record-clinical"), coordinator.end()) << coordinator;
  // The investigator alone signs an adverse event's seriousness and attribution, and sees feasibility.
  for (const char* action : {"sign-adverse-event", "see-feasibility"}) {
    EXPECT_NE(std::find(investigator.begin(), investigator.end(), action), investigator.end()) << investigator;
    EXPECT_EQ(std::find(coordinator.begin(), coordinator.end(), action), coordinator.end()) << coordinator;
  }
  // The server refuses what the session leaves out.
  auto feasibility = as("coordinator").get("/api/feasibility");
  ASSERT_TRUE(feasibility);
  EXPECT_EQ(feasibility->status, 403) << feasibility->body;
  EXPECT_NE(feasibility->body.find("only an investigator sees the feasibility"), std::string::npos) << feasibility->body;
  Json administrator = may("administrator");
  EXPECT_NE(std::find(administrator.begin(), administrator.end(), "manage-periods"), administrator.end()) << administrator;
  EXPECT_EQ(std::find(administrator.begin(), administrator.end(), "correct"), administrator.end()) << administrator;
}

}  // namespace
}  // namespace trialcore::server

// Writes sent twice over HTTP, for real: with the same Idempotency-Key and body the second
// gets the first answer and writes nothing, on every kind of write tried here; the same key
// with another body is 422; keys belong to their user, survive a restart, and a write that
// was refused keeps no key.
#include <future>

#include "api_fixture.h"

namespace trialcore::server {
namespace {

using namespace api_testing;  // NOLINT: the fixture's client and helpers
using trial::testing::eligible_record;

class IdempotencyTest : public ApiTest {
 protected:
  size_t events() { return json_of(as("monitor").get("/api/verify"))["events"].get<size_t>(); }
};

TEST_F(IdempotencyTest, TheSameRequestTwiceWritesOneEvent) {
  Client coordinator = as("coordinator");
  Client pharmacist = as("pharmacist");
  Client investigator = as("investigator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  struct Write {
    Client* client;
    std::string path;
    Json body;
  };
  const std::vector<Write> writes = {
      {&coordinator, "/api/patients", {{"record", eligible_record("P2")}}},
      {&coordinator, "/api/patients/P1/body", {{"date", "2010-07-06"}, {"height_cm", 170}, {"weight_kg", 71}}},
      {&coordinator, "/api/patients/P1/observations", {{"code", "alt"}, {"value", 30}, {"unit", "U/L"}, {"uln", 40}, {"date", "2010-07-06"}}},
      {&pharmacist, "/api/patients/P1/dose-verifications", {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"dose_mg", 2.38}}},
      {&coordinator, "/api/patients/P1/doses",
       {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-07"}, {"dose_mg", 2.38}, {"infusion_minutes", 62}}},
      {&coordinator, "/api/patients/P1/marrow",
       {{"course", 1}, {"date", "2010-08-01"}, {"anc", 1.5}, {"platelets", 150}, {"marrow_blasts", 3}, {"extramedullary", "absent"}}},
      {&investigator, "/api/patients/P1/adverse-events",
       {{"term", "Fatigue"}, {"grade", 1}, {"start", "2010-07-10"}, {"outcome", "recovered"}}},
      {&coordinator, "/api/patients/P1/vital-status", {{"date", "2010-09-01"}, {"alive", true}}},
  };
  int n = 0;
  for (const Write& write : writes) {
    std::string key = "form-submission-" + std::to_string(++n);
    size_t before = events();
    auto first = write.client->post_keyed(write.path, write.body, key);
    ASSERT_EQ(first->status, 201) << write.path << ": " << first->body;
    EXPECT_FALSE(first->has_header("Idempotent-Replayed"));
    auto second = write.client->post_keyed(write.path, write.body, key);
    EXPECT_EQ(second->status, first->status) << write.path;
    EXPECT_EQ(second->body, first->body) << write.path;
    EXPECT_EQ(second->get_header_value("Idempotent-Replayed"), "true") << write.path;
    EXPECT_EQ(events(), before + 1) << write.path << ": one event, not two";
  }
  // The dose was recorded once: one given dose in the patient's state, no "not in plan".
  Json patient = json_of(coordinator.get("/api/patients/P1"));
  EXPECT_EQ(patient["doses"].size(), 1u);
  // Without a key the same body is a new write.
  size_t before = events();
  EXPECT_EQ(coordinator.post("/api/patients/P1/vital-status", {{"date", "2010-09-01"}, {"alive", true}})->status, 201);
  EXPECT_EQ(events(), before + 1);
}

TEST_F(IdempotencyTest, TheSameKeyWithAnotherBodyIs422) {
  Client coordinator = as("coordinator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  const std::string path = "/api/patients/P1/observations";
  ASSERT_EQ(coordinator.post_keyed(path, {{"code", "alt"}, {"value", 40}, {"unit", "U/L"}, {"uln", 40}, {"date", "2010-07-20"}}, "k-1")->status, 201);
  size_t before = events();
  auto other = coordinator.post_keyed(path, {{"code", "alt"}, {"value", 41}, {"unit", "U/L"}, {"uln", 40}, {"date", "2010-07-20"}}, "k-1");
  EXPECT_EQ(refusal(other), "422 Idempotency-Key");
  auto elsewhere = coordinator.post_keyed("/api/patients/P1/vital-status", {{"date", "2010-09-01"}, {"alive", true}}, "k-1");
  EXPECT_EQ(refusal(elsewhere), "422 Idempotency-Key");
  EXPECT_EQ(events(), before) << "nothing written";
}

TEST_F(IdempotencyTest, ABadKeyIsBadInput) {
  Client coordinator = as("coordinator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  size_t before = events();
  Json body = {{"date", "2010-09-01"}, {"alive", true}};
  EXPECT_EQ(refusal(coordinator.post_keyed("/api/patients/P1/vital-status", body, std::string(256, 'k'))), "400 Idempotency-Key");
  EXPECT_EQ(refusal(coordinator.post_keyed("/api/patients/P1/vital-status", body, "two words")), "400 Idempotency-Key");
  EXPECT_EQ(events(), before);
}

TEST_F(IdempotencyTest, KeysBelongToTheirUser) {
  Client coordinator = as("coordinator");
  Client investigator = as("investigator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  size_t before = events();
  Json body = {{"date", "2010-09-01"}, {"alive", true}};
  ASSERT_EQ(coordinator.post_keyed("/api/patients/P1/vital-status", body, "same-key")->status, 201);
  auto theirs = investigator.post_keyed("/api/patients/P1/vital-status", body, "same-key");
  EXPECT_EQ(theirs->status, 201);
  EXPECT_FALSE(theirs->has_header("Idempotent-Replayed"));
  EXPECT_EQ(events(), before + 2);
}

TEST_F(IdempotencyTest, ARefusedWriteKeepsNoKey) {
  Client coordinator = as("coordinator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  size_t before = events();
  auto wrong = coordinator.post_keyed("/api/patients/P1/body", {{"date", "2010-07-06"}, {"height_cm", "170"}, {"weight_kg", 71}}, "k-2");
  EXPECT_EQ(refusal(wrong), "400 $.height_cm");
  auto fixed = coordinator.post_keyed("/api/patients/P1/body", {{"date", "2010-07-06"}, {"height_cm", 170}, {"weight_kg", 71}}, "k-2");
  EXPECT_EQ(fixed->status, 201) << fixed->body;
  EXPECT_EQ(events(), before + 1);
}

TEST_F(IdempotencyTest, KeysSurviveARestart) {
  Client coordinator = as("coordinator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  Json body = {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-05"}, {"dose_mg", 2.36}, {"infusion_minutes", 62}};
  auto first = coordinator.post_keyed("/api/patients/P1/doses", body, "before-restart");
  ASSERT_EQ(first->status, 201) << first->body;
  size_t before = events();
  stop();
  ASSERT_NO_FATAL_FAILURE(start(false));
  Client again = as("coordinator");  // signed in anew on the restarted server
  auto repeat = again.post_keyed("/api/patients/P1/doses", body, "before-restart");
  EXPECT_EQ(repeat->status, 201);
  EXPECT_EQ(repeat->body, first->body);
  EXPECT_EQ(repeat->get_header_value("Idempotent-Replayed"), "true");
  EXPECT_EQ(events(), before);
}

// A double-click: two copies at once, one event, the same answer to both.
TEST_F(IdempotencyTest, TwoCopiesAtOnceWriteOnce) {
  Client coordinator = as("coordinator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  size_t before = events();
  Json body = {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-05"}, {"dose_mg", 2.36}, {"infusion_minutes", 62}};
  auto send = [&] {
    Client copy = coordinator.another_connection(port_);
    auto answer = copy.post_keyed("/api/patients/P1/doses", body, "double-click");
    return std::make_pair(answer ? answer->status : -1, answer ? answer->body : std::string());
  };
  auto one = std::async(std::launch::async, send);
  auto two = std::async(std::launch::async, send);
  auto first = one.get();
  auto second = two.get();
  EXPECT_EQ(first.first, 201);
  EXPECT_EQ(second.first, 201);
  EXPECT_EQ(first.second, second.second);
  EXPECT_EQ(events(), before + 1);
  EXPECT_EQ(json_of(coordinator.get("/api/patients/P1"))["doses"].size(), 1u);
}

}  // namespace
}  // namespace trialcore::server

// What the server keeps between reads is never older than the record: a patient's answer is
// kept as of the record's head, a checked session as of its stored row and the head. A write
// acknowledged before a read (through this server, or another program on the same store)
// is in the read's answer, a session that ended is refused at its next request, and a
// restarted server answers from the record.
#include "api_fixture.h"

namespace trialcore::server {
namespace {

using namespace api_testing;  // NOLINT: the fixture's client and helpers

Json latest_anc(Client& client, const std::string& id) {
  auto answer = client.get("/api/patients/" + id);
  EXPECT_EQ(answer->status, 200) << answer->body;
  return json_of(answer)["derived"]["latest_observations"].value("anc", Json());
}

Json anc(double value, const std::string& date) {
  return {{"code", "anc"}, {"value", value}, {"unit", "10*9/L"}, {"date", date}};
}

class ReadCacheTest : public ApiTest {
 protected:
  // Another program on the same store: its own connections, its own writer.
  struct OtherProgram {
    trial::RecordProjector projector;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<trial::TrialService> service;
    std::unique_ptr<Accounts> accounts;
  };
  std::unique_ptr<OtherProgram> other_program() {
    auto other = std::make_unique<OtherProgram>();
    auto opened = store::open_store(path_, other->projector);
    EXPECT_TRUE(opened.ok()) << opened.error().to_string();
    other->store = std::move(*opened);
    other->service = std::make_unique<trial::TrialService>(*protocol_, *other->store);
    other->accounts = std::make_unique<Accounts>(
        *other->store, [] { return static_cast<int64_t>(std::time(nullptr)); }, [] { return std::string("2026-11-25T10:00:00Z"); });
    return other;
  }
};

TEST_F(ReadCacheTest, AReadShowsEveryWriteAcknowledgedBeforeIt) {
  Client coordinator = as("coordinator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P2"));
  EXPECT_EQ(latest_anc(coordinator, "P1"), Json());
  EXPECT_EQ(latest_anc(coordinator, "P1"), Json());  // the kept answer
  for (int i = 1; i <= 5; ++i) {
    double value = 1.0 + i / 10.0;
    ASSERT_EQ(coordinator.post("/api/patients/P1/observations", anc(value, "2010-07-0" + std::to_string(i + 4)))->status, 201);
    EXPECT_EQ(latest_anc(coordinator, "P1").value("value", 0.0), value) << "write " << i;
    EXPECT_EQ(latest_anc(coordinator, "P1").value("value", 0.0), value) << "write " << i << ", the kept answer";
  }
  EXPECT_EQ(latest_anc(coordinator, "P2"), Json());  // another patient's answer is their own

  // Written by another program on the same store, then read through this server.
  auto other = other_program();
  trial::Actor nurse{"coordinator", "2026-11-25T10:00:00Z"};
  ASSERT_TRUE(other->service->record_observation(nurse, "P1", anc(2.5, "2010-07-20")).ok());
  EXPECT_EQ(latest_anc(coordinator, "P1").value("value", 0.0), 2.5);
  ASSERT_TRUE(other->service->record_observation(nurse, "P2", anc(0.7, "2010-07-20")).ok());
  EXPECT_EQ(latest_anc(coordinator, "P2").value("value", 0.0), 0.7);
  Client monitor = as("monitor");
  EXPECT_EQ(latest_anc(monitor, "P2").value("value", 0.0), 0.7);  // the same answer for every role that may read
}

TEST_F(ReadCacheTest, ASessionThatEndedIsRefusedAtItsNextRead) {
  Client coordinator = as("coordinator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  Client monitor = as("monitor");
  Client investigator = as("investigator");
  for (Client* client : {&coordinator, &monitor, &investigator}) {
    for (int i = 0; i < 3; ++i) ASSERT_EQ(client->get("/api/patients/P1")->status, 200);  // checked once, then kept
  }
  // Signed out: the next read is refused.
  EXPECT_EQ(coordinator.send("DELETE", "/api/session")->status, 204);
  EXPECT_EQ(coordinator.get("/api/patients/P1")->status, 401);
  // Deactivated by an administrator: refused at once.
  ASSERT_EQ(as("administrator").post("/api/users/monitor/deactivation", {{"reason", "left the site"}})->status, 200);
  EXPECT_EQ(monitor.get("/api/patients/P1")->status, 401);
  // Signed out through another server on the same store, which only deletes the session's row.
  auto other = other_program();
  std::string token = investigator.cookie().substr(investigator.cookie().find('=') + 1);
  ASSERT_TRUE(other->accounts->log_out(token).ok());
  EXPECT_EQ(investigator.get("/api/patients/P1")->status, 401);
  // A password changed by another server ends the user's sessions here too.
  Client pharmacist = as("pharmacist");
  ASSERT_EQ(pharmacist.get("/api/patients/P1")->status, 200);
  auto admin = other->accounts->log_in("administrator", kPassword, "127.0.0.1");
  ASSERT_TRUE(admin.ok()) << admin.error().to_string();
  ASSERT_TRUE(other->accounts->reset_password(admin->session, "pharmacist", "127.0.0.1").ok());
  EXPECT_EQ(pharmacist.get("/api/patients/P1")->status, 401);
}

TEST_F(ReadCacheTest, ARestartedServerAnswersFromTheRecord) {
  Client coordinator = as("coordinator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  ASSERT_EQ(coordinator.post("/api/patients/P1/observations", anc(1.1, "2010-07-06"))->status, 201);
  EXPECT_EQ(latest_anc(coordinator, "P1").value("value", 0.0), 1.1);
  stop();
  {  // Written while the server is down, as the command line would.
    auto other = other_program();
    ASSERT_TRUE(other->service->record_observation({"coordinator", "2026-11-25T11:00:00Z"}, "P1", anc(1.9, "2010-07-07")).ok());
  }
  ASSERT_NO_FATAL_FAILURE(start(false));
  Client again = coordinator.another_connection(port_);  // the stored session, on the new port
  EXPECT_EQ(latest_anc(again, "P1").value("value", 0.0), 1.9);
  ASSERT_EQ(again.post("/api/patients/P1/observations", anc(0.9, "2010-07-08"))->status, 201);
  EXPECT_EQ(latest_anc(again, "P1").value("value", 0.0), 0.9);
}

}  // namespace
}  // namespace trialcore::server

// The HTTP API, called for real: a server on 127.0.0.1 over a fresh SQLite record, users of
// every role, and a client that signs in as each. Every endpoint, every role refusal, bad
// input, oversized bodies, sessions, CSRF, throttled logins, and text that looks like SQL.
#include "api_fixture.h"

namespace trialcore::server {
namespace {

using namespace api_testing;  // NOLINT: the fixture's client and helpers
using trial::testing::eligible_record;

TEST_F(ApiTest, HealthNeedsNoSessionButEverythingElseDoes) {
  Client anonymous(port_);
  auto health = anonymous.get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(json_of(health)["status"], "ok");
  for (const char* path : {"/api/patients", "/api/protocol", "/api/report", "/api/session", "/api/patients/X/history"}) {
    EXPECT_EQ(anonymous.get(path)->status, 401) << path;
  }
  EXPECT_EQ(anonymous.post("/api/patients", {{"record", eligible_record("P1")}})->status, 401);
}

TEST_F(ApiTest, SignInAndOut) {
  Client client(port_);
  EXPECT_EQ(client.sign_in("coordinator", "wrong password here"), 401);
  EXPECT_EQ(client.sign_in("nobody", kPassword), 401);
  EXPECT_EQ(client.sign_in("coordinator", kPassword), 200);
  auto session = client.get("/api/session");
  EXPECT_EQ(json_of(session)["user"]["role"], "coordinator");
  auto login = httplib::Client("127.0.0.1", port_).Post("/api/session", Json{{"username", "monitor"}, {"password", kPassword}}.dump(),
                                                         "application/json");
  std::string cookie = login->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(client.send("DELETE", "/api/session")->status, 204);
  EXPECT_EQ(client.get("/api/patients")->status, 401);  // the token is gone
}

TEST_F(ApiTest, RepeatedFailedLoginsAreThrottled) {
  Client client(port_);
  for (int i = 0; i < LoginPolicy{}.failures_per_user_and_address; ++i) {
    EXPECT_EQ(client.sign_in("pharmacist", "guess number " + std::to_string(i)), 401);
  }
  EXPECT_EQ(client.sign_in("pharmacist", kPassword), 429);  // even the right password, from this address, for the window
  EXPECT_EQ(Client(port_).sign_in("monitor", kPassword), 200);  // other users are not affected
}

TEST_F(ApiTest, WritesNeedTheSessionsCsrfToken) {
  Client coordinator = as("coordinator");
  const Json body = {{"record", eligible_record("P1")}};
  EXPECT_EQ(coordinator.send("POST", "/api/patients", &body, false)->status, 403);
  coordinator.forge_csrf(std::string(64, 'a'));
  auto forged = coordinator.post("/api/patients", {{"record", eligible_record("P1")}});
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(json_of(forged)["error"]["path"], "X-CSRF-Token");
  EXPECT_EQ(as("coordinator").get("/api/patients")->body, "[]");  // nothing was written
}

TEST_F(ApiTest, AOneTimePasswordMustBeChangedFirst) {
  auto created = as("administrator").post("/api/users", {{"username", "nurse.ann"}, {"role", "coordinator"}});
  ASSERT_EQ(created->status, 201);
  std::string one_time = json_of(created)["password"];
  Client nurse(port_);
  ASSERT_EQ(nurse.sign_in("nurse.ann", one_time), 200);
  EXPECT_EQ(nurse.get("/api/patients")->status, 403);
  EXPECT_EQ(nurse.post("/api/users/nurse.ann/password", {{"current_password", one_time}, {"password", "short"}})->status, 400);
  EXPECT_EQ(nurse.post("/api/users/nurse.ann/password", {{"password", "a-good-long-password"}})->status, 400);  // the current one too
  auto changed = nurse.post("/api/users/nurse.ann/password", {{"current_password", one_time}, {"password", "a-good-long-password"}});
  ASSERT_EQ(changed->status, 200);
  EXPECT_EQ(nurse.get("/api/patients")->status, 401);  // the change ended the old session (its answer opened a new one)
  Client renewed(port_);
  ASSERT_EQ(renewed.sign_in("nurse.ann", "a-good-long-password"), 200);
  EXPECT_EQ(renewed.get("/api/patients")->status, 200);
  EXPECT_EQ(renewed.post("/api/users/coordinator/password", {{"password", "a-good-long-password"}})->status, 403);
}

TEST_F(ApiTest, UsersAreManagedByAnAdministrator) {
  Client admin = as("administrator");
  EXPECT_EQ(refusal(admin.post("/api/users", {{"username", "x"}, {"role", "surgeon"}})), "400 $.role");
  EXPECT_EQ(refusal(admin.post("/api/users", {{"username", "bad name!"}, {"role", "monitor"}})), "400 $.username");
  EXPECT_EQ(refusal(admin.post("/api/users", {{"username", "coordinator"}, {"role", "monitor"}})), "409 $.username");
  auto users = admin.get("/api/users");
  EXPECT_EQ(json_of(users).size(), 5u);
  EXPECT_EQ(json_of(users)[0].count("password_hash"), 0u);  // never sent
  EXPECT_EQ(as("coordinator").get("/api/users")->status, 403);
  EXPECT_EQ(as("investigator").post("/api/users", {{"username", "y"}, {"role", "monitor"}})->status, 403);
}

TEST_F(ApiTest, AnAdministratorDeactivatesAndResetsUsers) {
  Client admin = as("administrator");
  Client coordinator = as("coordinator");
  EXPECT_EQ(coordinator.get("/api/patients")->status, 200);
  EXPECT_EQ(refusal(admin.post("/api/users/coordinator/deactivation", Json::object())), "400 $.reason");
  EXPECT_EQ(as("investigator").post("/api/users/coordinator/deactivation", {{"reason", "left"}})->status, 403);
  auto deactivated = admin.post("/api/users/coordinator/deactivation", {{"reason", "left the site"}});
  ASSERT_EQ(deactivated->status, 200) << deactivated->body;
  EXPECT_EQ(json_of(deactivated)["active"], false);
  EXPECT_EQ(coordinator.get("/api/patients")->status, 401) << "the session ended";
  EXPECT_EQ(Client(port_).sign_in("coordinator", kPassword), 401) << "as a wrong password";
  Json users = json_of(admin.get("/api/users"));
  for (const Json& user : users) EXPECT_EQ(user["active"], user["username"] != "coordinator") << user.dump();
  EXPECT_EQ(admin.post("/api/users/administrator/deactivation", {{"reason", "x"}})->status, 409);  // not oneself
  EXPECT_EQ(admin.post("/api/users/nobody/deactivation", {{"reason", "x"}})->status, 404);
  ASSERT_EQ(admin.post("/api/users/coordinator/activation", {{"reason", "came back"}})->status, 200);
  EXPECT_EQ(Client(port_).sign_in("coordinator", kPassword), 200);
  // A reset: a new one-time password, every session of the user ended.
  Client pharmacist = as("pharmacist");
  EXPECT_EQ(coordinator.post("/api/users/pharmacist/password-reset", Json::object())->status, 401);  // ended above
  EXPECT_EQ(as("coordinator").post("/api/users/pharmacist/password-reset", Json::object())->status, 403);
  auto reset = admin.post("/api/users/pharmacist/password-reset", Json::object());
  ASSERT_EQ(reset->status, 201) << reset->body;
  std::string one_time = json_of(reset)["password"];
  EXPECT_EQ(pharmacist.get("/api/patients")->status, 401);
  EXPECT_EQ(Client(port_).sign_in("pharmacist", kPassword), 401);
  Client renewed(port_);
  ASSERT_EQ(renewed.sign_in("pharmacist", one_time), 200);
  EXPECT_EQ(renewed.get("/api/patients")->status, 403) << "a one-time password is changed first";
  // Each change is an event of the record.
  Json verified = json_of(as("monitor").get("/api/verify"));
  EXPECT_EQ(verified["ok"], true);
  EXPECT_EQ(verified["events"], 5 + 3);  // the users, deactivation, activation, reset
}

TEST_F(ApiTest, EachRoleDoesOnlyWhatItMay) {
  Client coordinator = as("coordinator");
  Client investigator = as("investigator");
  Client pharmacist = as("pharmacist");
  Client monitor = as("monitor");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  // A monitor reads and verifies, never writes.
  EXPECT_EQ(monitor.get("/api/patients/P1")->status, 200);
  EXPECT_EQ(monitor.get("/api/verify")->status, 200);
  EXPECT_EQ(monitor.post("/api/patients", {{"record", eligible_record("P2")}})->status, 403);
  EXPECT_EQ(monitor.post("/api/patients/P1/body", {{"date", "2010-07-06"}, {"height_cm", 170}, {"weight_kg", 70}})->status, 403);
  // Only a pharmacist verifies a dose.
  Json verification = {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"dose_mg", 2.36}};
  EXPECT_EQ(coordinator.post("/api/patients/P1/dose-verifications", verification)->status, 403);
  EXPECT_EQ(investigator.post("/api/patients/P1/dose-verifications", verification)->status, 403);
  auto verified = pharmacist.post("/api/patients/P1/dose-verifications", verification);
  EXPECT_EQ(verified->status, 201) << verified->body;
  EXPECT_EQ(json_of(verified)["planned_mg"], 2.36);
  EXPECT_EQ(pharmacist.post("/api/patients/P1/doses", {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-05"}, {"dose_mg", 2.36}})->status, 403);
  // Only an investigator waives or adjudicates or starts an add-on.
  Json waiver = {{"criterion", "exc-washout"}, {"date", "2010-07-06"}, {"reason", "rapidly progressive disease"}};
  EXPECT_EQ(coordinator.post("/api/patients/P1/waivers", waiver)->status, 403);
  EXPECT_EQ(investigator.post("/api/patients/P1/waivers", waiver)->status, 201);
  ASSERT_EQ(coordinator.post("/api/patients/P1/doses", {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-05"}, {"dose_mg", 2.36}})->status, 201);
  ASSERT_EQ(coordinator.post("/api/patients/P1/marrow", {{"course", 1}, {"date", "2010-07-30"}, {"anc", 0.8}, {"platelets", 150}, {"marrow_blasts", 2}, {"extramedullary", "absent"}})->status, 201);
  Json adjudication = {{"course", 1}, {"category", "CR"}, {"reason", "repeat count recovered"}};
  EXPECT_EQ(coordinator.post("/api/patients/P1/responses", adjudication)->status, 403);
  EXPECT_EQ(investigator.post("/api/patients/P1/responses", adjudication)->status, 201);
  EXPECT_EQ(coordinator.post("/api/patients/P1/add-ons", {{"add_on", "rituximab"}, {"from_course", 3}, {"reason", "x"}})->status, 403);
  // Periods: an investigator or an administrator.
  EXPECT_EQ(coordinator.post("/api/periods/period-2/opening", {{"date", "2010-09-01"}})->status, 403);
  EXPECT_EQ(investigator.post("/api/periods/period-2/opening", {{"date", "2010-09-01"}})->status, 201);
  // Every write names its user in the log.
  auto history = json_of(monitor.get("/api/patients/P1/history"));
  std::set<std::string> actors;
  for (const Json& event : history) actors.insert(event["actor"]);
  EXPECT_EQ(actors, (std::set<std::string>{"coordinator", "investigator", "pharmacist"}));
}

TEST_F(ApiTest, BadInputIsAPreciseErrorAndWritesNothing) {
  Client coordinator = as("coordinator");
  auto malformed = httplib::Client("127.0.0.1", port_)
                       .Post("/api/patients", {{"Cookie", coordinator.cookie()}, {"X-CSRF-Token", ""}}, "{not json", "application/json");
  EXPECT_EQ(malformed->status, 403);  // no CSRF token: refused before the body is read
  Json record = eligible_record("P1");
  record["birth_date"] = "1975-02-30";
  auto impossible = coordinator.post("/api/patients", {{"record", record}});
  EXPECT_EQ(impossible->status, 400);
  EXPECT_EQ(json_of(impossible)["error"]["path"], "$.record.birth_date");
  const Json array = Json::array();
  auto not_object = coordinator.send("POST", "/api/patients", &array);
  EXPECT_EQ(refusal(not_object), "400 $");
  EXPECT_EQ(refusal(coordinator.post("/api/patients", Json::object())), "400 $.record");
  EXPECT_EQ(coordinator.get("/api/patients/NOBODY")->status, 404);
  EXPECT_EQ(coordinator.post("/api/patients/NOBODY/consent", {{"date", "2010-07-01"}})->status, 404);
  EXPECT_EQ(coordinator.get("/api/nothing-here")->status, 404);
  EXPECT_EQ(refusal(coordinator.get("/api/report?date=2010-02-30")), "400 date");
  EXPECT_EQ(json_of(coordinator.get("/api/patients")).size(), 0u);
  EXPECT_EQ(json_of(as("monitor").get("/api/verify"))["events"], 5);  // only the users
}

TEST_F(ApiTest, OversizedBodiesAreRefused) {
  Client coordinator = as("coordinator");
  Json record = eligible_record("P1");
  record["diagnosis"] = std::string(100 * 1024, 'x');
  auto large = coordinator.post("/api/patients", {{"record", record}});
  EXPECT_EQ(large->status, 413);
  EXPECT_EQ(json_of(coordinator.get("/api/patients")).size(), 0u);
}

TEST_F(ApiTest, RefusalsSayWhy) {
  Client coordinator = as("coordinator");
  Json record = eligible_record("P1");
  record["hepatitis_b"] = true;
  ASSERT_EQ(coordinator.post("/api/patients", {{"record", record}})->status, 201);
  auto refused = coordinator.post("/api/patients/P1/enrollment", {{"date", "2010-07-05"}});
  EXPECT_EQ(refused->status, 409);
  std::string reasons = json_of(refused)["reasons"].dump();
  EXPECT_NE(reasons.find("consent"), std::string::npos);
  EXPECT_NE(reasons.find("exc-hepatitis-b: fail"), std::string::npos);
}

TEST_F(ApiTest, TextThatLooksLikeSqlIsStoredAndShownLiterally) {
  Client coordinator = as("coordinator");
  const std::string sly = "O'Brien\"); DROP TABLE events; --";
  Json record = eligible_record("P1");
  record["diagnosis"] = sly;
  record["therapies"][0]["name"] = sly;
  ASSERT_EQ(coordinator.post("/api/patients", {{"record", record}})->status, 201);
  ASSERT_EQ(coordinator.post("/api/patients/P1/consent", {{"date", "2010-07-02"}})->status, 201);
  auto off = coordinator.post("/api/patients/P1/off-study", {{"date", "2010-07-10"}, {"reason", sly}});
  ASSERT_EQ(off->status, 201);
  Json patient = json_of(coordinator.get("/api/patients/P1"));
  EXPECT_EQ(patient["record"]["diagnosis"], sly);
  EXPECT_EQ(patient["record"]["therapies"][0]["name"], sly);
  EXPECT_EQ(patient["off_study"]["reason"], sly);
  Json history = json_of(coordinator.get("/api/patients/P1/history"));
  EXPECT_EQ(history.back()["reason"], sly);
  Json verified = json_of(as("monitor").get("/api/verify"));
  EXPECT_EQ(verified["ok"], true);  // the events table is whole
}

TEST_F(ApiTest, TheWholeWorkflowOverHttp) {
  Client coordinator = as("coordinator");
  Client investigator = as("investigator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  auto screened = coordinator.post("/api/screen", {{"patient", eligible_record("X")}, {"date", "2010-07-02"}});
  EXPECT_EQ(json_of(screened)["eligible"], "yes");
  EXPECT_EQ(refusal(coordinator.post("/api/screen", {{"patient", {{"id", 3}}}, {"date", "2010-07-02"}})), "400 $.patient.id");
  EXPECT_EQ(json_of(coordinator.post("/api/patients/P1/screenings", {{"date", "2010-07-05"}}))["eligible"], "yes");
  EXPECT_EQ(coordinator.post("/api/patients/P1/body", {{"date", "2010-07-06"}, {"height_cm", 170}, {"weight_kg", 71}})->status, 201);
  EXPECT_EQ(coordinator.post("/api/patients/P1/observations", {{"code", "anc"}, {"value", 1.2}, {"unit", "10*9/L"}, {"date", "2010-07-06"}})->status, 201);
  EXPECT_EQ(refusal(coordinator.post("/api/patients/P1/observations", {{"code", "anc"}, {"value", 1.2}, {"unit", "mg/dL"}, {"date", "2010-07-06"}})),
            "400 $.unit");
  Json mistyped = {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-07"},
                   {"dose_mg", 2.5}, {"infusion_minutes", 62}, {"start_time", "09:00"}};
  auto unconfirmed = coordinator.post("/api/patients/P1/doses", mistyped);
  EXPECT_EQ(refusal(unconfirmed), "409 $.dose_mg");
  EXPECT_EQ(json_of(unconfirmed)["confirmations"][0]["check"], "dose-tolerance");
  mistyped["confirm"] = {"dose-tolerance"};
  auto dose = coordinator.post("/api/patients/P1/doses", mistyped);
  ASSERT_EQ(dose->status, 201) << dose->body;
  int64_t dose_event = json_of(dose)["sequence"];
  // Course 1 starts with its day-1 dose; 2.5 mg is 5.0% over 2.38 mg (1.3 mg/m2 for 170 cm, 71 kg).
  EXPECT_EQ(json_of(dose)["deviations"][0]["kind"], "dose-off");
  EXPECT_EQ(json_of(dose)["planned_mg"], 2.38);
  EXPECT_EQ(coordinator.post("/api/patients/P1/deviation-explanations", {{"dose_sequence", dose_event}, {"explanation", "order"}})->status, 201);
  auto calendar = json_of(coordinator.get("/api/patients/P1/calendar?date=2010-07-20"));
  EXPECT_EQ(calendar["courses"][0]["doses"][0]["status"], "given");
  auto marrow = coordinator.post("/api/patients/P1/marrow", {{"course", 1}, {"date", "2010-08-01"}, {"anc", 1.5}, {"platelets", 150},
                                                             {"marrow_blasts", 3}, {"extramedullary", "absent"}});
  EXPECT_EQ(json_of(marrow)["response"], "CR");
  EXPECT_EQ(json_of(coordinator.post("/api/assess", {{"anc", 1.0}, {"platelets", 150}, {"marrow_blasts", 3}, {"extramedullary", "absent"}}))["response"], "CRi");
  EXPECT_EQ(refusal(coordinator.post("/api/assess", {{"anc", -1}})), "400 $.anc");
  auto plan = json_of(coordinator.post("/api/plan", {{"period", "period-2"}, {"start", "2010-07-05"}, {"height", 170}, {"weight", 70}, {"courses", 1}}));
  EXPECT_EQ(plan["doses"][0]["dose_mg"], 3.27);
  EXPECT_EQ(refusal(coordinator.post("/api/plan", {{"period", "period-9"}, {"start", "2010-07-05"}, {"height", 170}, {"weight", 70}, {"courses", 1}})),
            "400 $.period");
  EXPECT_EQ(coordinator.post("/api/corrections", {{"corrects", dose_event}, {"reason", "typed 2.5 for 2.36"},
                                                   {"payload", {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-07"}, {"dose_mg", 2.36}}}})->status, 201);
  auto report = json_of(coordinator.get("/api/report?date=2010-09-01"));
  EXPECT_EQ(report["overall"]["responders"], 1);
  EXPECT_EQ(report["overall"]["treated"], 1);
  auto protocol = json_of(coordinator.get("/api/protocol"));
  EXPECT_EQ(protocol["criteria"].size(), 18u);
  EXPECT_EQ(json_of(coordinator.get("/api/periods?date=2010-07-20"))["open"], "period-1");
  EXPECT_EQ(coordinator.post("/api/patients/P1/vital-status", {{"date", "2010-12-01"}, {"alive", true}})->status, 201);
  EXPECT_EQ(investigator.post("/api/patients/P1/off-study", {{"date", "2010-12-02"}, {"reason", "completed"}})->status, 201);
  EXPECT_EQ(json_of(as("monitor").get("/api/verify"))["ok"], true);
}

// What the page's forms and tables read: the record's fields with their kinds, units and
// list members (the registration form is made from them), and each height and weight
// recorded with its surface area by the protocol's formula.
TEST_F(ApiTest, TheFormsReadTheRecordFieldsAndTheSurfaceAreas) {
  Client coordinator = as("coordinator");
  auto protocol = json_of(coordinator.get("/api/protocol"));
  std::map<std::string, Json> fields;
  for (const Json& field : protocol["record_fields"]) fields[field["name"].get<std::string>()] = field;
  EXPECT_EQ(fields["height"]["kind"], "quantity");
  EXPECT_EQ(fields["height"]["units"], Json::array({"cm", "in"}));
  EXPECT_EQ(fields["sex"]["choices"], Json::array({"female", "male", "other", "unknown"}));
  EXPECT_EQ(fields["zubrod"]["maximum"], 4);
  EXPECT_EQ(fields["therapies"]["kind"], "list");
  EXPECT_EQ(fields["therapies"]["members"][3]["name"], "cns_directed");
  EXPECT_EQ(fields["therapies"]["members"][3]["kind"], "boolean");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  auto measured = coordinator.post("/api/patients/P1/body", {{"date", "2010-07-06"}, {"height_cm", 170}, {"weight_kg", 71}});
  ASSERT_EQ(measured->status, 201);
  Json patient = json_of(coordinator.get("/api/patients/P1"));
  Json areas = patient["derived"]["body_surface_areas"];
  ASSERT_EQ(areas.size(), patient["body"].size());  // one a measurement, the enrollment's and this one
  EXPECT_EQ(areas.back()["sequence"], json_of(measured)["sequence"]);
  // Mosteller: python3 -c 'import math; print(math.sqrt(170 * 71 / 3600))' prints 1.8310591955963023
  EXPECT_NEAR(areas.back()["bsa_m2"].get<double>(), 1.8310591955963023, 1e-12);
}

// Adverse events over HTTP: bad input refused with its path, attribution and seriousness
// refused to a coordinator (403), nothing written; the investigator's serious event on its
// clock; the safety report, the registry's results and the forms' vocabulary.
TEST_F(ApiTest, AdverseEventsOverHttp) {
  Client coordinator = as("coordinator");
  Client investigator = as("investigator");
  ASSERT_NO_FATAL_FAILURE(enroll(coordinator, "P1"));
  ASSERT_EQ(coordinator.post("/api/patients/P1/doses", {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-05"},
                                                        {"dose_mg", 2.36}, {"infusion_minutes", 62}})->status, 201);
  size_t events = json_of(coordinator.get("/api/patients/P1/history")).size();
  Json event = {{"term", "Hepatobiliary disorders - Other, specify"}, {"specify", "veno-occlusive disease"}, {"grade", 4},
                {"start", "2010-07-20"}, {"outcome", "not-recovered"}};
  Json bad = event;
  bad["grade"] = 6;
  EXPECT_EQ(refusal(coordinator.post("/api/patients/P1/adverse-events", bad)), "400 $.grade");
  bad = event;
  bad["end"] = "2010-07-19";
  EXPECT_EQ(refusal(coordinator.post("/api/patients/P1/adverse-events", bad)), "400 $.end");
  Json signed_event = event;
  signed_event["attribution"] = {{"inotuzumab", "probable"}};
  signed_event["serious"] = {"hospitalization", "life-threatening"};
  signed_event["aware_at"] = "2010-07-20T10:00:00Z";
  EXPECT_EQ(refusal(coordinator.post("/api/patients/P1/adverse-events", signed_event)), "403 $.attribution");
  Json serious_only = event;
  serious_only["serious"] = "hospitalization";
  EXPECT_EQ(refusal(coordinator.post("/api/patients/P1/adverse-events", serious_only)), "403 $.serious");
  EXPECT_EQ(as("monitor").post("/api/patients/P1/adverse-events", event)->status, 403);
  EXPECT_EQ(json_of(coordinator.get("/api/patients/P1/history")).size(), events) << "nothing written";

  auto recorded = investigator.post("/api/patients/P1/adverse-events", signed_event);
  ASSERT_EQ(recorded->status, 201) << recorded->body;
  EXPECT_EQ(json_of(recorded)["report_by"], "2010-07-21T10:00:00Z");
  int64_t serious_event = json_of(recorded)["sequence"];
  auto due = json_of(coordinator.get("/api/serious-events"));
  ASSERT_EQ(due["events"].size(), 1u);
  EXPECT_EQ(due["events"][0]["status"], "overdue");  // the server's now is 2026
  EXPECT_EQ(coordinator.post("/api/patients/P1/sae-reports", {{"adverse_event", serious_event},
                                                              {"reported_at", "2010-07-20T18:00:00Z"}, {"to", "sponsor"}})->status, 201);
  EXPECT_EQ(json_of(coordinator.get("/api/serious-events"))["events"][0]["status"], "reported");
  EXPECT_EQ(coordinator.post("/api/patients/P1/adverse-event-follow-ups", {{"adverse_event", serious_event}, {"grade", 3},
                                                                          {"reason", "improving"}})->status, 201);
  EXPECT_EQ(refusal(coordinator.post("/api/patients/P1/adverse-event-follow-ups", {{"adverse_event", serious_event},
                                                                                   {"attribution", "inotuzumab=definite"}})),
            "403 $.attribution");
  EXPECT_EQ(coordinator.post("/api/patients/P1/transplants", {{"date", "2010-10-01"}, {"vod", true}})->status, 201);

  auto safety = json_of(coordinator.get("/api/safety-report?date=2010-12-31"));
  EXPECT_EQ(safety["overall"]["at_risk"], 1);
  EXPECT_EQ(safety["overall"]["serious"]["patients"], 1);
  EXPECT_EQ(safety["overall"]["terms"][0]["by_worst_grade"]["4"], 1);  // worst grade 4, though now 3
  EXPECT_EQ(safety["vod_after_transplant"]["vod"], 1);
  auto registry = json_of(coordinator.get("/api/registry-results?date=2010-12-31"));
  const Json& module = registry["resultsSection"]["adverseEventsModule"];
  EXPECT_EQ(module["eventGroups"][0]["seriousNumAffected"], 1);
  EXPECT_EQ(module["eventGroups"][0]["seriousNumAtRisk"], 1);
  EXPECT_EQ(module["seriousEvents"][0]["term"], "veno-occlusive disease");
  auto vocabulary = json_of(coordinator.get("/api/adverse-event-terms"));
  EXPECT_EQ(vocabulary["scale"], "CTCAE v4.03");
  EXPECT_EQ(vocabulary["report_within_hours"], 24);
  EXPECT_EQ(refusal(coordinator.get("/api/safety-report?date=2010-13-01")), "400 date");
}

// TLS in the server: HTTPS answers, and the session cookie is marked Secure.
TEST(ApiTlsTest, ServesHttpsWithSecureCookies) {
  trial::RecordProjector projector;
  std::string path = store::testing::fresh_sqlite_file();
  auto opened = store::open_store(path, projector);
  ASSERT_TRUE(opened.ok());
  std::unique_ptr<store::Store> store = std::move(*opened);
  auto loaded = load_builtin_protocol();
  ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
  Protocol protocol = std::move(*loaded);
  trial::TrialService service(protocol, *store);
  Accounts accounts(*store, [] { return static_cast<int64_t>(std::time(nullptr)); }, [] { return std::string("2026-11-25T10:00:00Z"); });
  ASSERT_TRUE(accounts.create_user("setup", "monitor", Role::kMonitor, "a-long-test-password", false).ok());
  ServerOptions options;
  options.port = 0;
  options.log_requests = false;
  options.tls_certificate = std::string(TRIALCORE_SOURCE_DIR) + "/tests/data/tls/certificate.pem";
  options.tls_key = std::string(TRIALCORE_SOURCE_DIR) + "/tests/data/tls/key.pem";
  ApiServer server({service, accounts, protocol, [] { return Date(2010, 7, 20); }, [] { return std::string("2026-11-25T10:00:00Z"); }, false, ""},
                   options);
  auto port = server.bind();
  ASSERT_TRUE(port.ok()) << port.error().to_string();
  std::thread thread([&] { server.run(); });
  {
    httplib::SSLClient client("127.0.0.1", *port);
    client.set_ca_cert_path(options.tls_certificate.c_str());
    client.enable_server_certificate_verification(true);
    auto health = client.Get("/healthz");
    ASSERT_TRUE(health) << "no HTTPS answer";
    EXPECT_EQ(health->status, 200);
    auto login = client.Post("/api/session", Json{{"username", "monitor"}, {"password", "a-long-test-password"}}.dump(), "application/json");
    ASSERT_TRUE(login);
    EXPECT_NE(login->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
    httplib::Client plain("127.0.0.1", *port);
    plain.set_connection_timeout(2);
    auto refused = plain.Get("/healthz");
    EXPECT_TRUE(!refused || refused->status != 200);  // plain HTTP gets no answer from the HTTPS port
  }
  server.stop();
  thread.join();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

TEST(ApiTlsTest, AMissingCertificateIsAClearError) {
  trial::RecordProjector projector;
  std::string path = store::testing::fresh_sqlite_file();
  auto opened = store::open_store(path, projector);
  ASSERT_TRUE(opened.ok()) << opened.error().to_string();
  std::unique_ptr<store::Store> store = std::move(*opened);
  auto loaded = load_builtin_protocol();
  ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
  Protocol protocol = std::move(*loaded);
  trial::TrialService service(protocol, *store);
  Accounts accounts(*store, [] { return int64_t{0}; }, [] { return std::string("2026-11-25T10:00:00Z"); });
  ServerOptions options;
  options.port = 0;
  options.tls_certificate = "/nonexistent/certificate.pem";
  options.tls_key = "/nonexistent/key.pem";
  ApiServer server({service, accounts, protocol, [] { return Date(2010, 7, 20); }, [] { return std::string(); }, false, ""}, options);
  auto port = server.bind();
  ASSERT_FALSE(port.ok());
  EXPECT_EQ(port.error().path, "$.tls_certificate");
  options.tls_key.clear();
  ApiServer half({service, accounts, protocol, [] { return Date(2010, 7, 20); }, [] { return std::string(); }, false, ""}, options);
  EXPECT_EQ(half.bind().error().path, "$.tls_key");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace
}  // namespace trialcore::server

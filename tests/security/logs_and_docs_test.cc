// The server's log cannot be forged, and the server does what docs/api.md says: roles, the
// body measurement's fields, how long a session lasts, HSTS under TLS.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <sstream>

#include "security_support.h"

namespace trialcore::security {
namespace {

// Item 12: a request path could write a forged member into the JSON log, or a whole line;
// backslashes, NUL and bytes that are not UTF-8 gave lines that were not JSON.
TEST(LogsTest, EveryLogLineIsJsonWhateverTheRequest) {
  ServerProcess server;
  const std::vector<std::string> targets = {
      "/x%22,%22status%22:200,%22forged%22:%22yes",
      "/%0a%7b%22forged%22:%22line%22%7d",
      "/x%22%7d%0a%7b%22forged%22:%22line%22,%22a%22:%22",
      "/a%5c%5cb%5c",
      "/a%5c",
      "/a%00b",
      "/%ff%fe%c3",
      "/\xff\xfe\xc3(",
      "/api/patients/%22%0a%7b%22forged%22:1%7d/history",
      "/%e2%80%a8%1b[2J",
  };
  for (const std::string& target : targets) {
    auto answer = exchange(server.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    ASSERT_TRUE(answer) << target;
  }
  ASSERT_EQ(server.stop(), 0);
  std::istringstream lines(server.log());
  std::string line;
  int requests = 0;
  while (std::getline(lines, line)) {
    Json entry = Json::parse(line, nullptr, false);  // strict: no invalid UTF-8, nothing after the object
    ASSERT_FALSE(entry.is_discarded()) << "not JSON: " << line;
    ASSERT_TRUE(entry.is_object()) << line;
    EXPECT_FALSE(entry.contains("forged")) << line;
    EXPECT_TRUE(entry.contains("time") && entry.contains("level") && entry.contains("event")) << line;
    if (entry["event"] == "request") {
      ++requests;
      EXPECT_TRUE(entry["status"].is_number()) << line;
      EXPECT_TRUE(entry["route"].is_string()) << line;
    }
  }
  EXPECT_EQ(requests, static_cast<int>(targets.size()));
}

std::string docs_row(const std::string& endpoint) {
  std::ifstream file(std::string(TRIALCORE_SOURCE_DIR) + "/docs/api.md");
  std::string line;
  while (std::getline(file, line)) {
    if (line.rfind("| `" + endpoint + "`", 0) == 0) return line;
  }
  return "";
}

// Item 14: an investigator could record observations and doses (the docs said coordinator
// only); the body endpoint took height_cm/weight_kg while the docs showed {value, unit}.
TEST(DocsTest, RolesAndFieldsAreAsDocumented) {
  TrialServer trial({}, {"coordinator", "investigator"});
  Signed coordinator = trial.as("coordinator");
  Signed investigator = trial.as("investigator");
  ASSERT_EQ(call(trial.port(), "POST", "/api/patients", Json{{"record", eligible_record("P1")}}, &coordinator)->status, 201);
  ASSERT_EQ(call(trial.port(), "POST", "/api/patients/P1/consent", Json{{"date", "2010-07-02"}}, &coordinator)->status, 201);
  ASSERT_EQ(call(trial.port(), "POST", "/api/patients/P1/enrollment", Json{{"date", "2010-07-05"}}, &coordinator)->status, 201);

  struct Write {
    std::string what;
    Json body;
  };
  const std::vector<Write> coordinator_only = {
      {"body", {{"date", "2010-07-05"}, {"height_cm", 170}, {"weight_kg", 70}}},
      {"observations", {{"code", "anc"}, {"value", 1.2}, {"unit", "10*9/L"}, {"date", "2010-07-06"}}},
      {"doses", {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-05"}, {"dose_mg", 2.36}}},
      {"marrow", {{"course", 1}, {"date", "2010-07-30"}, {"anc", 1.5}, {"platelets", 150}, {"marrow_blasts", 3}, {"extramedullary", "absent"}}}};
  for (const Write& write : coordinator_only) {
    std::string row = docs_row("POST /api/patients/{id}/" + write.what);
    ASSERT_FALSE(row.empty()) << write.what << " is not in docs/api.md";
    EXPECT_NE(row.find("| coordinator |"), std::string::npos) << row;
    auto refused = call(trial.port(), "POST", "/api/patients/P1/" + write.what, write.body, &investigator);
    EXPECT_EQ(refused->status, 403) << write.what << ": " << refused->body;
    auto done = call(trial.port(), "POST", "/api/patients/P1/" + write.what, write.body, &coordinator);
    EXPECT_EQ(done->status, 201) << write.what << ": " << done->body;
  }
  // What both may record.
  for (const char* what : {"deviation-explanations", "off-study"}) {
    EXPECT_NE(docs_row(std::string("POST /api/patients/{id}/") + what).find("| coordinator, investigator |"), std::string::npos) << what;
  }
  auto vital = call(trial.port(), "POST", "/api/patients/P1/vital-status", Json{{"date", "2010-12-01"}, {"alive", true}}, &investigator);
  EXPECT_EQ(vital->status, 201) << vital->body;
  EXPECT_NE(docs_row("POST /api/patients/{id}/vital-status").find("| coordinator, investigator |"), std::string::npos);

  // The body measurement: the documented fields, and the documented ones only.
  std::string body_row = docs_row("POST /api/patients/{id}/body");
  EXPECT_NE(body_row.find(R"("height_cm")"), std::string::npos) << body_row;
  EXPECT_NE(body_row.find(R"("weight_kg")"), std::string::npos) << body_row;
  auto value_and_unit = call(trial.port(), "POST", "/api/patients/P1/body",
                             Json{{"date", "2010-07-06"}, {"height", {{"value", 170}, {"unit", "cm"}}}, {"weight", {{"value", 70}, {"unit", "kg"}}}},
                             &coordinator);
  EXPECT_EQ(value_and_unit->status, 400);
  // The {value, unit} shape is not this body's: its member is named, with the ones expected.
  EXPECT_EQ(value_and_unit->json()["error"]["path"], "$.height");
  EXPECT_NE(value_and_unit->json()["error"]["message"].get<std::string>().find("height_cm"), std::string::npos) << value_and_unit->body;
  auto implausible = call(trial.port(), "POST", "/api/patients/P1/body", Json{{"date", "2010-07-06"}, {"height_cm", 17}, {"weight_kg", 70}},
                          &coordinator);
  EXPECT_EQ(implausible->json()["error"]["path"], "$.height_cm") << implausible->body;

  // Sessions last 12 hours, as documented.
  std::ifstream docs(std::string(TRIALCORE_SOURCE_DIR) + "/docs/api.md");
  std::string text((std::istreambuf_iterator<char>(docs)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("last 12 hours"), std::string::npos);
  auto login = call(trial.port(), "POST", "/api/session", Json{{"username", "coordinator"}, {"password", own_password("coordinator")}});
  EXPECT_NE(login->header("Set-Cookie").value_or("").find("Max-Age=43200"), std::string::npos);
  EXPECT_FALSE(login->header("Strict-Transport-Security"));  // plain HTTP: no HSTS
}

// Item 14: under TLS there was no HSTS header.
TEST(DocsTest, HttpsAnswersWithHsts) {
  std::string certificate = std::string(TRIALCORE_SOURCE_DIR) + "/tests/data/tls/certificate.pem";
  ServerProcess server({"--tls-certificate", certificate, "--tls-key", std::string(TRIALCORE_SOURCE_DIR) + "/tests/data/tls/key.pem"});
  httplib::SSLClient client("127.0.0.1", server.port());
  client.set_ca_cert_path(certificate.c_str());
  client.enable_server_certificate_verification(true);
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health) << "no HTTPS answer";
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(health->get_header_value("Strict-Transport-Security"), "max-age=31536000");
  auto login = client.Post("/api/session", Json{{"username", "admin"}, {"password", server.one_time_password()}}.dump(), "application/json");
  ASSERT_TRUE(login);
  EXPECT_NE(login->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
}

}  // namespace
}  // namespace trialcore::security

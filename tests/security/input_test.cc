// Hostile input, over HTTP and on the command line: JSON nested 200,000 deep, malformed
// framing, numbers that are not finite, patient ids that are not ids. Each is refused with
// a precise answer (400 / exit 2), at once, and the server goes on answering.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "security_support.h"

namespace trialcore::security {
namespace {

class InputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    web_root_ = fresh_path("-web");
    std::filesystem::create_directories(web_root_);
    std::ofstream(web_root_ + "/index.html") << "<!doctype html><title>trialcore</title>";
    std::ofstream(web_root_ + "/index.html.js") << "export {};";
    trial_ = new TrialServer({"--web-root", web_root_}, {"coordinator"});
  }
  static void TearDownTestSuite() {
    delete trial_;
    std::filesystem::remove_all(web_root_);
  }
  static int port() { return trial_->port(); }
  static Signed& coordinator() { return trial_->as("coordinator"); }

  static void expect_healthy() {
    auto health = call(port(), "GET", "/healthz");
    ASSERT_TRUE(health) << "the server no longer answers";
    EXPECT_EQ(health->status, 200);
  }

  static std::string write_file(const std::string& text) {
    std::string path = fresh_path(".json");
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  static inline TrialServer* trial_ = nullptr;
  static inline std::string web_root_;
};

std::string deep(int levels) { return std::string(levels, '[') + std::string(levels, ']'); }

// Item 1: JSON nested 200,000 deep used to crash the server (a stack overflow) without
// signing in, and `register` with it exited 139.
TEST_F(InputTest, DeepJsonIsRefusedNamingTheLimit) {
  std::string body = R"({"username": )" + deep(200000) + R"(, "password": "x"})";
  auto answer = exchange(port(), "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                 "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  ASSERT_TRUE(answer) << "no answer: the server crashed";
  EXPECT_EQ(answer->status, 400);
  EXPECT_NE(answer->json()["error"]["message"].get<std::string>().find("limit of 64 levels"), std::string::npos) << answer->body;
  expect_healthy();
  // A signed-in endpoint, a patient record inside a body.
  Json record = eligible_record("DEEP-1");
  std::string text = R"({"record": )" + record.dump().substr(0, record.dump().size() - 1) + R"(, "note": )" + deep(100) + "}}";
  answer = exchange(port(), "POST /api/patients HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: " + coordinator().cookie +
                                "\r\nX-CSRF-Token: " + coordinator().csrf + "\r\nContent-Length: " + std::to_string(text.size()) + "\r\n\r\n" + text);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 400) << answer->body;

  // Every file reader of the command line: exit 2 naming the limit, nothing written.
  std::string store = fresh_path(".db");
  std::string nested_record = write_file(R"({"id": "P1", "diagnosis": )" + deep(200000) + "}");
  std::string nested_report = write_file(R"({"patients": )" + deep(200000) + "}");
  std::string nested_protocol = write_file(R"({"id": "X", "criteria": )" + deep(200000) + "}");
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"register", nested_record, "--store", store}, {"screen", nested_record, "--date", "2010-07-02"},
        {"report", "--input", nested_report, "--date", "2010-07-02"}, {"protocol", "--check", "--protocol", nested_protocol}}) {
    CommandRun run = run_trialcore(command);
    EXPECT_EQ(run.exit_code, 2) << command[0] << ": " << run.err;
    EXPECT_NE(run.err.find("limit of 64 levels"), std::string::npos) << command[0] << ": " << run.err;
    EXPECT_EQ(run.out, "");
  }
  EXPECT_FALSE(std::filesystem::exists(store));
  for (const std::string& path : {nested_record, nested_report, nested_protocol}) std::filesystem::remove(path);
}

// Item 3: malformed framing used to be accepted, or to hang with no answer.
TEST_F(InputTest, MalformedFramingIsRefusedAtOnce) {
  const std::string login = R"({"username":"coordinator","password":"x"})";
  const std::string start = "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
  struct Case {
    std::string name;
    std::string head;  // the headers that frame it
    int status;
    std::string path;
  };
  const std::string length = std::to_string(login.size());
  for (const Case& c : std::vector<Case>{
           {"two different lengths", "Content-Length: " + length + "\r\nContent-Length: 5\r\n", 400, "Content-Length"},
           {"the same length twice", "Content-Length: " + length + "\r\nContent-Length: " + length + "\r\n", 400, "Content-Length"},
           {"a negative length", "Content-Length: -1\r\n", 400, "Content-Length"},
           {"a length in exponent form", "Content-Length: 1e20\r\n", 400, "Content-Length"},
           {"a length with a sign", "Content-Length: +" + length + "\r\n", 400, "Content-Length"},
           {"a length beyond any body", "Content-Length: 99999999999999999999999\r\n", 400, "Content-Length"},
           {"a length over the limit", "Content-Length: 2000000\r\n", 413, "$"},
           {"an unknown encoding with a length", "Transfer-Encoding: gzip\r\nContent-Length: " + length + "\r\n", 400, "Transfer-Encoding"},
           {"chunks with a length", "Transfer-Encoding: chunked\r\nContent-Length: " + length + "\r\n", 400, "Transfer-Encoding"},
           {"chunks", "Transfer-Encoding: chunked\r\n", 400, "Transfer-Encoding"},
           {"no length", "", 411, "Content-Length"}}) {
    int socket = open_connection(port());
    ASSERT_GE(socket, 0);
    auto sent_at = std::chrono::steady_clock::now();
    // The head only: the answer must come without waiting for a body.
    ASSERT_TRUE(send_bytes(socket, start + c.head + "\r\n"));
    auto answer = read_answer(socket, 2s);
    close(socket);
    ASSERT_TRUE(answer) << c.name << ": no answer within 2 s";
    EXPECT_LT(milliseconds_since(sent_at), 1000) << c.name;
    EXPECT_EQ(answer->status, c.status) << c.name << ": " << answer->body;
    EXPECT_EQ(answer->json()["error"]["path"], c.path) << c.name;
    EXPECT_EQ(answer->header("Connection"), "close") << c.name;  // what follows is never read as a request
  }
  // A body smuggled after a refused head is not answered as a request of its own.
  std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  int socket = open_connection(port());
  ASSERT_TRUE(send_bytes(socket, start + "Content-Length: " + std::to_string(smuggled.size()) + "\r\nContent-Length: 0\r\n\r\n" + smuggled));
  auto refused = read_answer(socket, 2s);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_FALSE(read_answer(socket, 500ms)) << "the smuggled request was answered";
  close(socket);
  // A GET with a body, and control characters in the path.
  auto get_with_body = exchange(port(), "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n\r\nGET ");
  ASSERT_TRUE(get_with_body);
  EXPECT_EQ(get_with_body->status, 400);
  for (const char* path : {"/index.html%00.js", "/index.html%0a.js", "/api/patients/A%00B", "/healthz?date=2010%0d%0a", "/%1b[31m"}) {
    auto answer = call(port(), "GET", path, std::nullopt, &coordinator());
    ASSERT_TRUE(answer) << path;
    EXPECT_EQ(answer->status, 400) << path << ": " << answer->head;
    EXPECT_EQ(answer->header("Content-Type"), "application/json") << path;
  }
  auto long_path = call(port(), "GET", "/api/patients/" + std::string(8000, 'A') + "/history", std::nullopt, &coordinator());
  ASSERT_TRUE(long_path);
  EXPECT_EQ(long_path->status, 414);
  auto page = call(port(), "GET", "/index.html");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  expect_healthy();
}

// Item 4: {"value": 1e400} in an observation answered 500.
TEST_F(InputTest, NumbersThatAreNotFiniteAreBadInputEverywhere) {
  std::string id = "FINITE-1";
  ASSERT_EQ(call(port(), "POST", "/api/patients", Json{{"record", eligible_record(id)}}, &coordinator())->status, 201);
  struct Case {
    std::string path;
    std::string body;
    std::string field;
  };
  for (const Case& c : std::vector<Case>{
           {"/api/patients/" + id + "/observations", R"({"code": "anc", "value": 1e400, "unit": "10*9/L", "date": "2010-07-01"})", "$.value"},
           {"/api/patients/" + id + "/observations", R"({"code": "alt", "value": 40, "unit": "U/L", "uln": -1e999, "date": "2010-07-01"})", "$.uln"},
           {"/api/patients/" + id + "/body", R"({"date": "2010-07-01", "height_cm": 1e400, "weight_kg": 70})", "$.height_cm"},
           {"/api/plan", R"({"period": "period-1", "start": "2010-07-05", "height": 170, "weight": 1E999, "courses": 1})", "$.weight"},
           {"/api/assess", R"({"anc": 1e400, "platelets": 150})", "$.anc"},
           {"/api/screen", R"({"date": "2010-07-02", "patient": {"id": "X", "observations": [{"code": "anc", "value": 2e308}]}})",
            "$.patient.observations[0].value"},
           {"/api/patients", R"({"record": {"id": "FINITE-2", "height": {"value": 1e400, "unit": "cm"}}})", "$.record.height.value"}}) {
    auto answer = exchange(port(), "POST " + c.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: " + coordinator().cookie +
                                       "\r\nX-CSRF-Token: " + coordinator().csrf + "\r\nContent-Length: " + std::to_string(c.body.size()) +
                                       "\r\n\r\n" + c.body);
    ASSERT_TRUE(answer) << c.path;
    EXPECT_EQ(answer->status, 400) << c.path << ": " << answer->body;
    EXPECT_EQ(answer->json()["error"]["path"], c.field) << c.path << ": " << answer->body;
  }
  auto patient = call(port(), "GET", "/api/patients/" + id, std::nullopt, &coordinator());
  EXPECT_TRUE(patient->json()["observations"].empty()) << "nothing was written";
  // The command line: files and options.
  std::string store = fresh_path(".db");
  std::string record = write_file(R"({"id": "P1", "observations": [{"code": "anc", "value": 1e400, "unit": "10*9/L", "date": "2010-07-01"}]})");
  std::string report = write_file(R"({"patients": [{"id": "P1", "period": "period-1", "courses_given": 1e400}]})");
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"screen", record, "--date", "2010-07-02"}, {"register", record, "--store", store},
        {"report", "--input", report, "--date", "2010-07-02"}}) {
    CommandRun run = run_trialcore(command);
    EXPECT_EQ(run.exit_code, 2) << command[0] << ": " << run.err;
    EXPECT_NE(run.err.find("must be a finite number"), std::string::npos) << command[0] << ": " << run.err;
  }
  std::string good = write_file(eligible_record("P1").dump());
  ASSERT_EQ(run_trialcore({"register", good, "--store", store}).exit_code, 0);
  for (const char* value : {"1e400", "-1e400", "nan", "inf"}) {
    CommandRun lab = run_trialcore({"record-lab", "P1", "--code", "anc", "--value", value, "--unit", "10*9/L", "--date", "2010-07-01", "--store", store});
    EXPECT_EQ(lab.exit_code, 2) << value << ": " << lab.err;
  }
  CommandRun body = run_trialcore({"record-body", "P1", "--date", "2010-07-01", "--height", "nan", "--weight", "70", "--store", store});
  EXPECT_EQ(body.exit_code, 2) << body.err;
  CommandRun history = run_trialcore({"history", "P1", "--store", store, "--json"});
  EXPECT_EQ(history.out.find("observation-recorded"), std::string::npos) << "nothing was written";
  EXPECT_EQ(history.out.find("body-measured"), std::string::npos) << "nothing was written";
  for (const std::string& path : {record, report, good, store, store + "-wal", store + "-shm"}) std::filesystem::remove(path);
}

// Item 13: "A/../B" was registered but could not be read back; blank and NUL ids were taken.
TEST_F(InputTest, PatientIdsFollowOnePattern) {
  for (const std::string& id : {std::string("A/../B"), std::string("   "), std::string("\t"), std::string("A\0B", 3), std::string(""),
                                std::string("user:admin"), std::string(65, 'A'), std::string("-A"), std::string("A B")}) {
    auto answer = call(port(), "POST", "/api/patients", Json{{"record", eligible_record(id)}}, &coordinator());
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 400) << "'" << id << "': " << answer->body;
    EXPECT_EQ(answer->json()["error"]["path"], "$.record.id") << answer->body;
  }
  EXPECT_EQ(call(port(), "GET", "/api/patients/%20", std::nullopt, &coordinator())->status, 400);
  EXPECT_EQ(call(port(), "GET", "/api/patients/-A/history", std::nullopt, &coordinator())->status, 400);
  auto screened = call(port(), "POST", "/api/screen", Json{{"patient", eligible_record("A/B")}, {"date", "2010-07-02"}}, &coordinator());
  EXPECT_EQ(screened->status, 400);
  EXPECT_EQ(screened->json()["error"]["path"], "$.patient.id");
  // A good id is read back as registered.
  ASSERT_EQ(call(port(), "POST", "/api/patients", Json{{"record", eligible_record("MDA-0101.b_2")}}, &coordinator())->status, 201);
  EXPECT_EQ(call(port(), "GET", "/api/patients/MDA-0101.b_2", std::nullopt, &coordinator())->json()["id"], "MDA-0101.b_2");
  // The command line, the same.
  std::string store = fresh_path(".db");
  std::string record = write_file(eligible_record("A/../B").dump());
  CommandRun run = run_trialcore({"register", record, "--store", store});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("$.id"), std::string::npos) << run.err;
  CommandRun consent = run_trialcore({"consent", "A/../B", "--date", "2010-07-02", "--store", store});
  EXPECT_NE(consent.exit_code, 0);
  for (const std::string& path : {record, store, store + "-wal", store + "-shm"}) std::filesystem::remove(path);
}

}  // namespace
}  // namespace trialcore::security

// The HTTP API called for real, as its tests share it: a server on 127.0.0.1 over a fresh
// SQLite record, users of every role, and a client that signs in as each.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <ctime>
#include <filesystem>
#include <thread>

#include "server/api_server.h"
#include "store/test_stores.h"
#include "trial/test_trial.h"

namespace trialcore::server {
namespace api_testing {

using trial::testing::eligible_record;

class Client {
 public:
  explicit Client(int port) : http_("127.0.0.1", port) {}

  httplib::Result send(const std::string& method, const std::string& path, const Json* body = nullptr,
                       bool with_csrf = true, const httplib::Headers& extra = {}) {
    httplib::Headers headers = extra;
    if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
    if (with_csrf && !csrf_.empty()) headers.emplace("X-CSRF-Token", csrf_);
    std::string text = body ? body->dump() : "";
    if (method == "GET") return http_.Get(path.c_str(), headers);
    if (method == "DELETE") return http_.Delete(path.c_str(), headers, text, "application/json");
    return http_.Post(path.c_str(), headers, text, "application/json");
  }
  httplib::Result get(const std::string& path) { return send("GET", path); }
  httplib::Result post(const std::string& path, const Json& body) { return send("POST", path, &body); }
  // A write with an Idempotency-Key.
  httplib::Result post_keyed(const std::string& path, const Json& body, const std::string& key) {
    return send("POST", path, &body, true, {{"Idempotency-Key", key}});
  }

  // Signs in; remembers the cookie and the CSRF token.
  int sign_in(const std::string& username, const std::string& password) {
    Json body = {{"username", username}, {"password", password}};
    auto result = http_.Post("/api/session", body.dump(), "application/json");
    if (!result) return -1;
    if (result->status == 200) {
      std::string cookie = result->get_header_value("Set-Cookie");
      cookie_ = cookie.substr(0, cookie.find(';'));
      csrf_ = Json::parse(result->body)["csrf_token"];
    }
    return result->status;
  }
  void forge_csrf(const std::string& token) { csrf_ = token; }
  // The same session on a connection of its own (for requests sent at the same time).
  Client another_connection(int port) const {
    Client copy(port);
    copy.cookie_ = cookie_;
    copy.csrf_ = csrf_;
    return copy;
  }
  const std::string& cookie() const { return cookie_; }

 private:
  httplib::Client http_;
  std::string cookie_;
  std::string csrf_;
};

inline Json json_of(const httplib::Result& result) { return Json::parse(result->body, nullptr, false); }

// "400 $.record.birth_date": a refusal's status and the path its error names.
inline std::string refusal(const httplib::Result& result) {
  Json error = json_of(result)["error"];
  return std::to_string(result->status) + " " + (error.is_object() ? error.value("path", "?") : "(no error)");
}

class ApiTest : public ::testing::Test {
 protected:
  static constexpr const char* kPassword = "a-long-test-password";

  void SetUp() override { start(true); }

  // Starts a server on a fresh store with a user of each role, or, after stop(), on the
  // same store again (a restart).
  void start(bool fresh) {
    auto protocol = load_builtin_protocol();
    ASSERT_TRUE(protocol.ok()) << protocol.error().to_string();
    protocol_ = std::make_unique<Protocol>(std::move(*protocol));
    if (fresh) path_ = store::testing::fresh_sqlite_file();
    auto opened = store::open_store(path_, projector_);
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    store_ = std::move(*opened);
    service_ = std::make_unique<trial::TrialService>(*protocol_, *store_);
    accounts_ = std::make_unique<Accounts>(
        *store_, [] { return static_cast<int64_t>(std::time(nullptr)); }, [] { return std::string("2026-11-25T10:00:00Z"); });
    for (const char* role : {"administrator", "investigator", "coordinator", "pharmacist", "monitor"}) {
      if (!fresh) break;
      ASSERT_TRUE(accounts_->create_user("setup", role, *parse_role(role), kPassword, false).ok());
    }
    ApiContext context{*service_, *accounts_, *protocol_, [this] { return today_; },
                       [] { return std::string("2026-11-25T10:00:00Z"); }, false, ""};
    ServerOptions options;
    options.port = 0;
    options.max_body_bytes = 64 * 1024;
    options.log_requests = false;
    server_ = std::make_unique<ApiServer>(context, options);
    auto port = server_->bind();
    ASSERT_TRUE(port.ok()) << port.error().to_string();
    port_ = *port;
    thread_ = std::thread([this] { server_->run(); });
  }

  void TearDown() override {
    stop();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  // Stops the server and closes the store, as a restart would.
  void stop() {
    if (!server_) return;
    server_->stop();
    thread_.join();
    server_.reset();
    service_.reset();
    accounts_.reset();
    store_.reset();
  }

  Client as(const std::string& role) {
    Client client(port_);
    EXPECT_EQ(client.sign_in(role, kPassword), 200) << role;
    return client;
  }

  // Registered, consented and enrolled by the coordinator.
  void enroll(Client& coordinator, const std::string& id) {
    ASSERT_EQ(coordinator.post("/api/patients", {{"record", eligible_record(id)}})->status, 201);
    ASSERT_EQ(coordinator.post("/api/patients/" + id + "/consent", {{"date", "2010-07-02"}})->status, 201);
    auto enrolled = coordinator.post("/api/patients/" + id + "/enrollment", {{"date", "2010-07-05"}});
    ASSERT_EQ(enrolled->status, 201) << enrolled->body;
  }

  // The server's today: after every clinical date the tests record.
  Date today_ = Date(2011, 1, 31);
  trial::RecordProjector projector_;
  std::unique_ptr<Protocol> protocol_;
  std::string path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<trial::TrialService> service_;
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace api_testing
}  // namespace trialcore::server

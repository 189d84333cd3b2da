// libFuzzer: requests to the HTTP API, whole, through the server's own request handling
// (framing, routing, sessions, the handlers, the trial's service) on an in-memory record, as
// a signed-in coordinator. The first byte picks an endpoint whose JSON body is the rest; 255
// sends the rest as the raw bytes of requests.
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <string>

#include "server/api_server.h"
#include "store/test_stores.h"
#include "trial/test_trial.h"

namespace {

using namespace trialcore;

struct Fixture {
  trial::RecordProjector projector;
  Protocol protocol = *load_builtin_protocol();
  std::unique_ptr<store::Store> store;
  std::unique_ptr<trial::TrialService> service;
  std::unique_ptr<server::Accounts> accounts;
  std::unique_ptr<server::ApiServer> api;
  std::string headers;

  Fixture() {
    // A file, not ":memory:": the store reads on connections of its own, which must see
    // what its writer wrote.
    store = std::move(*store::open_store(store::testing::fresh_sqlite_file(), projector));
    service = std::make_unique<trial::TrialService>(protocol, *store);
    accounts = std::make_unique<server::Accounts>(
        *store, [] { return static_cast<int64_t>(std::time(nullptr)); }, [] { return std::string("2026-11-25T10:00:00Z"); });
    (void)accounts->create_user("setup", "coordinator", server::Role::kCoordinator, "a-long-fuzz-password", false);
    auto session = *accounts->log_in("coordinator", "a-long-fuzz-password", "127.0.0.1");
    trial::Actor actor{"coordinator", "2026-11-25T10:00:00Z"};
    (void)service->register_patient(actor, trial::testing::eligible_record("P1"));
    (void)service->sign_consent(actor, "P1", Date(2010, 7, 2));
    (void)service->enroll(actor, "P1", Date(2010, 7, 5));
    server::ApiContext context{*service, *accounts, protocol, [] { return Date(2010, 7, 20); },
                               [] { return std::string("2026-11-25T10:00:00Z"); }, false, ""};
    server::ServerOptions options;
    options.port = 0;
    options.log_requests = false;
    options.max_body_bytes = 64 * 1024;
    api = std::make_unique<server::ApiServer>(context, options);
    (void)api->bind();
    headers = "Host: 127.0.0.1\r\nCookie: trialcore_session=" + session.token + "\r\nX-CSRF-Token: " + session.session.csrf_token +
              "\r\nContent-Type: application/json\r\n";
  }
};

const char* const kEndpoints[] = {
    "/api/patients",
    "/api/patients/P1/screenings",
    "/api/patients/P1/consent",
    "/api/patients/P1/enrollment",
    "/api/patients/P1/body",
    "/api/patients/P1/observations",
    "/api/patients/P1/doses",
    "/api/patients/P1/deviation-explanations",
    "/api/patients/P1/marrow",
    "/api/patients/P1/vital-status",
    "/api/patients/P1/off-study",
    "/api/screen",
    "/api/assess",
    "/api/plan",
    "/api/corrections",
    "/api/session",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fixture;
  if (size == 0) return 0;
  std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] == 255) {
    (void)fixture.api->http().answer_bytes(rest);
    return 0;
  }
  const char* endpoint = kEndpoints[data[0] % (sizeof kEndpoints / sizeof kEndpoints[0])];
  (void)fixture.api->http().answer_bytes(std::string("POST ") + endpoint + " HTTP/1.1\r\n" + fixture.headers +
                                         "Content-Length: " + std::to_string(rest.size()) + "\r\n\r\n" + rest);
  return 0;
}

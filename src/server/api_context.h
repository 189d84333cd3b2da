// What every route of the HTTP API shares: the service, the accounts and the protocol; the
// clock (the server's); and the checks in front of every handler: a session, the CSRF token
// on writes, the role's permission, a one-time password changed first. Errors become JSON
// with the right status.
#pragma once

#include <httplib.h>

#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "commands/command.h"
#include "fhir/fhir_mapping.h"
#include "server/accounts.h"
#include "server/answer_cache.h"
#include "trial/service_support.h"
#include "trial/record_projector.h"
#include "trial/trial_service.h"

namespace trialcore::server {

struct ApiContext {
  trial::TrialService& service;
  Accounts& accounts;
  const Protocol& protocol;
  std::function<Date()> today;
  std::function<std::string()> utc_now;
  bool secure_cookies = false;  // under TLS
  // A proxy in front (its address): for requests from it, the client is the last address
  // of X-Forwarded-For. Empty: the peer is the client.
  std::string trusted_proxy = {};
  // The writes of the trial's record (src/commands) for the served protocol, made when the
  // server binds; their routes take their addresses, so the list never changes after.
  std::vector<commands::Command> commands = {};
  // The clock in unix seconds, for how long Idempotency-Keys are kept.
  std::function<int64_t()> unix_now = [] { return static_cast<int64_t>(std::time(nullptr)); };
  // The served protocol's FHIR mapping, read when the server starts (the built-in one's, or
  // the file beside --protocol FILE); null: none, and the FHIR routes answer 404.
  const fhir::FhirMapping* fhir_mapping = nullptr;
  // Each patient's answer to GET /api/patients/ID, as of the record's head (answer_cache.h).
  std::shared_ptr<AnswerCache> patient_answers = std::make_shared<AnswerCache>();
};

inline constexpr const char* kSessionCookie = "trialcore_session";  // also spelt out in session_token()

// Sends {"error": {"path", "message"}, "reasons": [...]} with the status its kind implies.
void send_error(httplib::Response& response, const Error& error);
void send_json(httplib::Response& response, const Json& body, int status = 200);
// The text send_json() sends for `body`.
std::string json_text(const Json& body);
// The same for an answer whose members keep the order they were written in.
void send_answer(httplib::Response& response, const OrderedJson& body, int status);

// The request's JSON body; an Error naming the problem (not JSON, not an object).
Result<Json> body_of(const httplib::Request& request);

// The session of the request if it may do `action`; otherwise the error response is sent
// and nullopt returned. Writes (any method but GET) also need the X-CSRF-Token header.
std::optional<Session> authorize(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                                 Action action);

// The session token from the request's cookie, or empty.
std::string session_token(const httplib::Request& request);

// The client's address, as failed logins are counted by it.
std::string source_of(const ApiContext& context, const httplib::Request& request);

// The actor of a write: the session's user, now.
trial::Actor actor_of(ApiContext& context, const Session& session);

// A date from the body (required) or the query (optional, default today); errors name it.
Result<Date> date_in(const Json& body, const char* key);
Result<Date> date_or_today(ApiContext& context, const httplib::Request& request);
// A text from the body (required); errors name it.
Result<std::string> text_in(const Json& body, const char* key);

// A GET handler of the trial as of a date (the query's, today by default), for any session
// that may read: `answer` runs with that date once the session and the date are in order;
// otherwise the error is sent.
using DatedAnswer = std::function<void(const httplib::Request&, httplib::Response&, const Date&)>;
httplib::Server::Handler dated_read(ApiContext& context, DatedAnswer answer);

// A POST's handler that answers a repeat of a request carrying an Idempotency-Key with the
// first answer, without running it again (server/idempotency.h, docs/api.md).
httplib::Server::Handler idempotent(ApiContext& context, httplib::Server::Handler handler);

// Routes by area.
void add_session_routes(httplib::Server& server, ApiContext& context);
void add_protocol_routes(httplib::Server& server, ApiContext& context);
void add_patient_routes(httplib::Server& server, ApiContext& context);
void add_trial_routes(httplib::Server& server, ApiContext& context);
void add_command_routes(httplib::Server& server, ApiContext& context);  // every command of the table
void add_feasibility_routes(httplib::Server& server, ApiContext& context, std::string omop_url);
void add_safety_routes(httplib::Server& server, ApiContext& context);   // adverse events: reads and reports

}  // namespace trialcore::server

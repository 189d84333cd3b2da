#include "server/api_context.h"

#include "server/idempotency.h"

namespace trialcore::server {

// Bytes that are not UTF-8 (a request's path echoed in a message) are answered as U+FFFD:
// an answer is always JSON, never an exception in the middle of a request.
std::string json_text(const Json& body) { return body.dump(-1, ' ', false, Json::error_handler_t::replace); }

void send_json(httplib::Response& response, const Json& body, int status) {
  response.status = status;
  response.set_content(json_text(body), "application/json");
}

void send_answer(httplib::Response& response, const OrderedJson& body, int status) {
  response.status = status;
  response.set_content(body.dump(-1, ' ', false, OrderedJson::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& response, const Error& error) {
  int status = 400;
  switch (error.kind) {
    case ErrorKind::kBadInput: status = 400; break;
    case ErrorKind::kNotFound: status = 404; break;
    case ErrorKind::kRefused: status = 409; break;
    case ErrorKind::kForbidden: status = 403; break;
    case ErrorKind::kFailure: status = 500; break;
  }
  Json body = {{"error", {{"path", error.path}, {"message", error.message}}}};
  if (!error.reasons.empty()) body["reasons"] = error.reasons;
  if (!error.to_confirm.empty()) {
    body["confirmations"] = Json::array();
    for (const SoftCheck& check : error.to_confirm) {
      body["confirmations"].push_back({{"check", check.check}, {"path", check.path}, {"message", check.message}});
    }
  }
  send_json(response, body, status);
}

Result<Json> body_of(const httplib::Request& request) {
  if (request.body.empty()) return Error{"$", "a JSON object is expected in the request body"};
  auto json = parse_json_text(request.body, "the request body");
  // A syntax error is about the whole body ("$"); a number out of range or nesting too deep
  // names where it is.
  if (!json.ok()) return Error{json.error().path.empty() ? "$" : json.error().path, json.error().message};
  if (!json->is_object()) return Error{"$", "the request body must be a JSON object, not " + json_type_name(*json)};
  return *json;
}

std::string session_token(const httplib::Request& request) {
  std::string cookies = request.get_header_value("Cookie");
  constexpr std::string_view prefix = "trialcore_session=";
  size_t at = 0;
  while (at < cookies.size()) {
    size_t end = cookies.find(';', at);
    std::string pair = cookies.substr(at, end == std::string::npos ? std::string::npos : end - at);
    while (!pair.empty() && pair.front() == ' ') pair.erase(0, 1);
    if (pair.compare(0, prefix.size(), prefix) == 0) return pair.substr(prefix.size());
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return "";
}

std::optional<Session> authorize(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                                 Action action) {
  auto session = context.accounts.session(session_token(request));
  if (!session.ok()) {
    if (session.error().kind == ErrorKind::kFailure) {
      send_error(response, session.error());
    } else {
      send_json(response, {{"error", {{"path", ""}, {"message", "sign in first"}}}}, 401);
    }
    return std::nullopt;
  }
  if (request.method != "GET" && request.method != "HEAD") {
    std::string csrf = request.get_header_value("X-CSRF-Token");
    if (csrf.empty() || csrf != session->csrf_token) {
      send_error(response, Error{"X-CSRF-Token", "missing or wrong: a write needs the session's CSRF token", ErrorKind::kForbidden});
      return std::nullopt;
    }
  }
  if (session->user.must_change_password) {
    send_error(response, Error{"", "change your one-time password first", ErrorKind::kForbidden});
    return std::nullopt;
  }
  if (!may(session->user.role, action)) {
    send_error(response, Error{"", std::string("a ") + role_name(session->user.role) + " may not do this", ErrorKind::kForbidden});
    return std::nullopt;
  }
  return *session;
}

std::string source_of(const ApiContext& context, const httplib::Request& request) {
  if (context.trusted_proxy.empty() || request.remote_addr != context.trusted_proxy) return request.remote_addr;
  // The proxy appends the address it saw; what comes before it the client may have written.
  std::string forwarded = request.get_header_value("X-Forwarded-For");
  size_t comma = forwarded.rfind(',');
  std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
  size_t begin = last.find_first_not_of(' ');
  size_t end = last.find_last_not_of(' ');
  return begin == std::string::npos ? request.remote_addr : last.substr(begin, end - begin + 1);
}

trial::Actor actor_of(ApiContext& context, const Session& session) {
  return {session.user.username, context.utc_now(), role_name(session.user.role), context.today()};
}

Result<Date> date_in(const Json& body, const char* key) {
  auto date = required(read_date(body, key, "$"), key, "$");
  if (!date.ok()) return date.error();
  return *date;
}

Result<Date> date_or_today(ApiContext& context, const httplib::Request& request) {
  if (!request.has_param("date")) return context.today();
  auto date = Date::Parse(request.get_param_value("date"));
  if (!date.ok()) return Error{"date", date.error().message};
  return *date;
}

Result<std::string> text_in(const Json& body, const char* key) { return required(read_text(body, key, "$"), key, "$"); }

httplib::Server::Handler dated_read(ApiContext& context, DatedAnswer answer) {
  return [&context, answer = std::move(answer)](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto date = date_or_today(context, request);
    if (!date.ok()) return send_error(response, date.error());
    answer(request, response, *date);
  };
}

httplib::Server::Handler idempotent(ApiContext& context, httplib::Server::Handler handler) {
  return [&context, handler = std::move(handler)](const httplib::Request& request, httplib::Response& response) {
    if (!request.has_header(kIdempotencyHeader)) return handler(request, response);
    std::string key = request.get_header_value(kIdempotencyHeader);
    Status valid = IdempotencyKeys::check_key(key);
    if (!valid.ok()) return send_error(response, valid.error());
    // Keys are the user's: without a session (or its CSRF token) the handler refuses the
    // request, and nothing is kept or replayed.
    auto session = context.accounts.session(session_token(request));
    if (!session.ok() || request.get_header_value("X-CSRF-Token") != session->csrf_token) return handler(request, response);
    IdempotencyKeys keys(context.service.store(), context.unix_now);
    std::string fingerprint = request_fingerprint(request);
    auto claim = keys.claim(session->user.username, key, fingerprint);
    if (!claim.ok()) return send_error(response, claim.error());
    using Outcome = IdempotencyKeys::Claim::Outcome;
    switch (claim->outcome) {
      case Outcome::kReplay:
        response.status = claim->replay.status;
        response.set_header("Idempotent-Replayed", "true");
        response.set_content(claim->replay.body, claim->replay.content_type);
        return;
      case Outcome::kOtherRequest:
        return send_json(response,
                         {{"error", {{"path", kIdempotencyHeader},
                                     {"message", "was used for another request (another body or path) within the last day: "
                                                 "send a new key for a new request"}}}},
                         422);
      case Outcome::kUnfinished:
        return send_error(response, Error{kIdempotencyHeader,
                                          "its first request did not finish: look at the record, and send the write "
                                          "again with a new key if it is not there",
                                          ErrorKind::kRefused});
      case Outcome::kRun: break;
    }
    // The claim is settled whatever happens, a fault included: a key never stays claimed
    // for an answer that was given.
    try {
      handler(request, response);
    } catch (...) {
      (void)keys.settle(claim->slot, fingerprint, {500, "", ""});
      throw;
    }
    int status = response.status == -1 ? 200 : response.status;
    Status settled = keys.settle(claim->slot, fingerprint, {status, response.body, response.get_header_value("Content-Type")});
    (void)settled;  // answered; a key left claimed refuses a repeat as unfinished, never writes it twice
  };
}

}  // namespace trialcore::server

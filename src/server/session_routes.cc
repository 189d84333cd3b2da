// Signing in and out, and users: /api/session, /api/users.
#include <sstream>

#include "server/api_context.h"
#include "server/credentials.h"

namespace trialcore::server {

namespace {

// The session cookie (an ostringstream: g++ 12 misreads string concatenation here as
// out of bounds).
std::string session_cookie(const std::string& token, int64_t max_age, bool secure) {
  std::ostringstream cookie;
  cookie << kSessionCookie << '=' << token << "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" << max_age;
  if (secure) cookie << "; Secure";
  return cookie.str();
}

Json session_json(const Session& session) {
  return {{"user", {{"username", session.user.username}, {"role", role_name(session.user.role)},
                    {"must_change_password", session.user.must_change_password}, {"may", actions_of(session.user.role)}}},
          {"csrf_token", session.csrf_token}};
}

void send_sign_in_first(httplib::Response& response) {
  send_json(response, {{"error", {{"path", ""}, {"message", "sign in first"}}}}, 401);
}

// Failed logins hold the client back: 429, and the seconds to wait.
void send_held_back(httplib::Response& response, int64_t retry_after, const std::string& message) {
  response.set_header("Retry-After", std::to_string(retry_after));
  send_json(response, {{"error", {{"path", ""}, {"message", message}}}}, 429);
}

// The request's session with its CSRF token checked, for what a session does on itself
// (sign out, change a password) before any role is asked; else the answer is sent.
std::optional<Session> own_session(ApiContext& context, const httplib::Request& request, httplib::Response& response) {
  auto session = context.accounts.session(session_token(request));
  if (!session.ok()) {
    send_sign_in_first(response);
    return std::nullopt;
  }
  if (request.get_header_value("X-CSRF-Token") != session->csrf_token) {
    send_error(response, Error{"X-CSRF-Token", "missing or wrong", ErrorKind::kForbidden});
    return std::nullopt;
  }
  return *session;
}

void sign_in(ApiContext& context, const httplib::Request& request, httplib::Response& response) {
  auto body = body_of(request);
  if (!body.ok()) return send_error(response, body.error());
  auto username = text_in(*body, "username");
  auto password = text_in(*body, "password");
  if (!username.ok()) return send_error(response, username.error());
  if (!password.ok()) return send_error(response, password.error());
  int64_t retry_after = 0;
  auto logged_in = context.accounts.log_in(*username, *password, source_of(context, request), &retry_after);
  if (!logged_in.ok()) {
    const Error& error = logged_in.error();
    if (error.kind == ErrorKind::kRefused) return send_held_back(response, retry_after, error.message);
    if (error.kind == ErrorKind::kForbidden) return send_json(response, {{"error", {{"path", ""}, {"message", error.message}}}}, 401);
    return send_error(response, error);
  }
  response.set_header("Set-Cookie", session_cookie(logged_in->token, Accounts::kSessionSeconds, context.secure_cookies));
  send_json(response, session_json(logged_in->session));
}

// An administrator's write about users: its session and body. When either is not in order
// the error is sent, and nullopt returned.
struct UserWrite {
  Session session;
  Json body;
};
std::optional<UserWrite> user_write(ApiContext& context, const httplib::Request& request, httplib::Response& response) {
  auto session = authorize(context, request, response, Action::kManageUsers);
  if (!session) return std::nullopt;
  auto body = body_of(request);
  if (!body.ok()) {
    send_error(response, body.error());
    return std::nullopt;
  }
  return UserWrite{std::move(*session), std::move(*body)};
}

void create_user(ApiContext& context, const httplib::Request& request, httplib::Response& response) {
  auto write = user_write(context, request, response);
  if (!write) return;
  auto username = text_in(write->body, "username");
  if (!username.ok()) return send_error(response, username.error());
  auto role_text = text_in(write->body, "role");
  if (!role_text.ok()) return send_error(response, role_text.error());
  auto role = parse_role(*role_text);
  if (!role) {
    return send_error(response, Error{"$.role", "'" + *role_text +
                                                   "' is not a role (administrator, investigator, coordinator, pharmacist, monitor)"});
  }
  std::string password = random_password();
  auto created = context.accounts.create_user(write->session.user.username, *username, *role, password, true);
  if (!created.ok()) return send_error(response, created.error());
  send_json(response, {{"username", *username}, {"role", *role_text}, {"password", password}}, 201);
}

void change_password(ApiContext& context, const httplib::Request& request, httplib::Response& response) {
  // Reachable with a one-time password: changing it is the one thing such a session may do.
  auto session = own_session(context, request, response);
  if (!session) return;
  std::string username = request.matches[1];
  if (username != session->user.username && !may(session->user.role, Action::kManageUsers)) {
    return send_error(response, Error{"", "only an administrator sets another user's password", ErrorKind::kForbidden});
  }
  auto body = body_of(request);
  if (!body.ok()) return send_error(response, body.error());
  auto password = text_in(*body, "password");
  if (!password.ok()) return send_error(response, password.error());
  auto current = read_text(*body, "current_password", "$");
  if (!current.ok()) return send_error(response, current.error());
  int64_t retry_after = 0;
  auto changed =
      context.accounts.change_password(*session, username, *current, *password, source_of(context, request), &retry_after);
  if (!changed.ok()) {
    if (retry_after > 0) return send_held_back(response, retry_after, changed.error().message);
    return send_error(response, changed.error());
  }
  if (!changed->has_value()) {
    response.status = 204;  // another user's: every session of theirs has ended
    return;
  }
  // One's own: every other session has ended; this one goes on with a new cookie.
  response.set_header("Set-Cookie", session_cookie((*changed)->token, Accounts::kSessionSeconds, context.secure_cookies));
  send_json(response, session_json((*changed)->session));
}

// An administrator deactivates a user or activates them again, saying why.
void set_active(ApiContext& context, const httplib::Request& request, httplib::Response& response, bool active) {
  auto write = user_write(context, request, response);
  if (!write) return;
  auto reason = text_in(write->body, "reason");
  if (!reason.ok()) return send_error(response, reason.error());
  std::string username = request.matches[1];
  Status changed = context.accounts.set_active(write->session, username, active, *reason);
  if (!changed.ok()) return send_error(response, changed.error());
  send_json(response, {{"username", username}, {"active", active}});
}

void add_user_routes(httplib::Server& server, ApiContext& context) {
  server.Get("/api/users", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kManageUsers)) return;
    auto users = context.accounts.list_users();
    if (!users.ok()) return send_error(response, users.error());
    send_json(response, *users);
  });
  server.Post("/api/users", [&context](const httplib::Request& request, httplib::Response& response) {
    create_user(context, request, response);
  });
  server.Post(R"(/api/users/([^/]+)/password-reset)", [&context](const httplib::Request& request, httplib::Response& response) {
    auto session = authorize(context, request, response, Action::kManageUsers);
    if (!session) return;
    std::string username = request.matches[1];
    auto password = context.accounts.reset_password(*session, username, source_of(context, request));
    if (!password.ok()) return send_error(response, password.error());
    send_json(response, {{"username", username}, {"password", *password}}, 201);
  });
  for (bool active : {false, true}) {
    std::string route = active ? R"(/api/users/([^/]+)/activation)" : R"(/api/users/([^/]+)/deactivation)";
    server.Post(route, [&context, active](const httplib::Request& request, httplib::Response& response) {
      set_active(context, request, response, active);
    });
  }
  server.Post(R"(/api/users/([^/]+)/password)", [&context](const httplib::Request& request, httplib::Response& response) {
    change_password(context, request, response);
  });
}

}  // namespace

void add_session_routes(httplib::Server& server, ApiContext& context) {
  server.Post("/api/session", [&context](const httplib::Request& request, httplib::Response& response) {
    sign_in(context, request, response);
  });
  server.Get("/api/session", [&context](const httplib::Request& request, httplib::Response& response) {
    auto session = context.accounts.session(session_token(request));
    if (!session.ok()) return send_sign_in_first(response);
    send_json(response, session_json(*session));
  });
  server.Delete("/api/session", [&context](const httplib::Request& request, httplib::Response& response) {
    auto session = own_session(context, request, response);
    if (!session) return;
    Status out = context.accounts.log_out(session_token(request));
    if (!out.ok()) return send_error(response, out.error());
    response.set_header("Set-Cookie", session_cookie("", 0, context.secure_cookies));
    response.status = 204;
  });
  add_user_routes(server, context);
}

}  // namespace trialcore::server

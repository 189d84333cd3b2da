// Every write of the trial's record over HTTP, from the one command table (src/commands):
// POST on the command's route, the session's role checked against the command's action,
// the body as the command's input, 201 with the answer.
#include "server/api_context.h"

namespace trialcore::server {

namespace {

// "/api/patients/{id}/doses" as the pattern httplib matches, the subject its first group.
std::string pattern_of(const std::string& route) {
  std::string pattern = route;
  size_t at = pattern.find("{id}");
  if (at != std::string::npos) pattern.replace(at, 4, "([^/]+)");
  return pattern;
}

}  // namespace

void add_command_routes(httplib::Server& server, ApiContext& context) {
  for (const commands::Command& command : context.commands) {
    server.Post(pattern_of(command.route), [&context, &command](const httplib::Request& request, httplib::Response& response) {
      auto session = authorize(context, request, response, command.action);
      if (!session) return;
      auto body = body_of(request);
      if (!body.ok()) return send_error(response, body.error());
      std::string subject = command.subject == commands::Subject::kNone ? "" : std::string(request.matches[1]);
      auto execution = command.prepare(context.protocol, subject, *body);
      if (!execution.ok()) return send_error(response, execution.error());
      auto answer = (*execution)(context.service, actor_of(context, *session));
      if (!answer.ok()) return send_error(response, answer.error());
      OrderedJson json = answer->json;
      if (!answer->warnings.empty()) json["warnings"] = answer->warnings;
      send_answer(response, json, 201);
    });
  }
}

}  // namespace trialcore::server

// Every write of the trial's record over HTTP, from the one command table (src/commands):
// POST on the command's route, the session's role checked against the command's action,
// the body as the command's input, 201 with the answer.
#include "server/api_context.h"
#include "server/fhir_routes.h"

namespace trialcore::server {

namespace {

// "/api/patients/{id}/doses" as the pattern httplib matches, the subject its first group.
std::string pattern_of(const std::string& route) {
  std::string pattern = route;
  size_t at = pattern.find("{id}");
  if (at != std::string::npos) pattern.replace(at, 4, "([^/]+)");
  return pattern;
}

// The command's input from the request: its JSON body, or, for a command that takes a
// patient record, a FHIR Bundle of one patient read into {"record"} (what the Bundle held
// that the mapping does not know goes into `unmapped`, for the answer).
Result<Json> input_of(ApiContext& context, const commands::Command& command, const httplib::Request& request,
                      Json& unmapped) {
  if (!is_fhir_body(request)) return body_of(request);
  bool takes_record = false;
  for (const commands::Member& member : command.members) {
    takes_record = takes_record || (member.name == "record" && member.kind == commands::Kind::kDocument);
  }
  if (!takes_record) return Error{"$", "a FHIR Bundle is read only where a patient record is expected"};
  auto imported = record_from_fhir_body(context, request);
  if (!imported.ok()) return imported.error();
  unmapped = fhir::unmapped_json(imported->unmapped);
  return Json{{"record", imported->record}};
}

}  // namespace

void add_command_routes(httplib::Server& server, ApiContext& context) {
  for (const commands::Command& command : context.commands) {
    server.Post(pattern_of(command.route), idempotent(context, [&context, &command](const httplib::Request& request, httplib::Response& response) {
      auto session = authorize(context, request, response, command.action);
      if (!session) return;
      Json unmapped;
      auto body = input_of(context, command, request, unmapped);
      if (!body.ok()) return send_error(response, body.error());
      std::string subject = command.subject == commands::Subject::kNone ? "" : std::string(request.matches[1]);
      auto execution = command.prepare(context.protocol, subject, *body);
      if (!execution.ok()) return send_error(response, execution.error());
      auto answer = (*execution)(context.service, actor_of(context, *session));
      if (!answer.ok()) return send_error(response, answer.error());
      OrderedJson json = answer->json;
      if (!answer->warnings.empty()) json["warnings"] = answer->warnings;
      if (!unmapped.is_null()) {
        json["record"] = (*body)["record"];
        json["unmapped"] = unmapped;
      }
      send_answer(response, json, 201);
    }));
  }
}

}  // namespace trialcore::server

// The trial's record, patient by patient: the list, a patient, the calendar and the history
// (the writes are commands: command_routes.cc).
#include "server/api_context.h"
#include "store/event.h"

namespace trialcore::server {

void add_patient_routes(httplib::Server& server, ApiContext& context) {
  server.Get("/api/patients", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto patients = context.service.patients(context.today());
    if (!patients.ok()) return send_error(response, patients.error());
    send_json(response, *patients);
  });

  // A patient's answer depends on their state alone: kept as of the head the session check
  // read, it is answered again, without reading the row, until the record moves on.
  server.Get(R"(/api/patients/([^/]+))", [&context](const httplib::Request& request, httplib::Response& response) {
    auto session = authorize(context, request, response, Action::kRead);
    if (!session) return;
    std::string id = request.matches[1];
    if (auto kept = context.patient_answers->find(id, session->record_head)) {
      response.status = 200;
      return response.set_content(std::move(*kept), "application/json");
    }
    auto patient = context.service.patient(id);
    if (!patient.ok()) return send_error(response, patient.error());
    std::string answer = json_text(*patient);
    context.patient_answers->keep(id, session->record_head, answer);
    response.status = 200;
    response.set_content(std::move(answer), "application/json");
  });

  server.Get(R"(/api/patients/([^/]+)/calendar)", dated_read(context, [&context](const httplib::Request& request, httplib::Response& response,
                                          const Date& date) {
    auto calendar = context.service.calendar(request.matches[1], date);
    if (!calendar.ok()) return send_error(response, calendar.error());
    send_json(response, *calendar);
  }));

  server.Get(R"(/api/patients/([^/]+)/history)", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto events = context.service.history(request.matches[1]);
    if (!events.ok()) return send_error(response, events.error());
    Json list = Json::array();
    for (const store::Event& event : *events) list.push_back(Json::parse(store::event_json(event).dump()));
    send_json(response, list);
  });
}

}  // namespace trialcore::server

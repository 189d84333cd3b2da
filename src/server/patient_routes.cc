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

  server.Get(R"(/api/patients/([^/]+))", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto patient = context.service.patient(request.matches[1]);
    if (!patient.ok()) return send_error(response, patient.error());
    send_json(response, *patient);
  });

  server.Get(R"(/api/patients/([^/]+)/calendar)", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto date = date_or_today(context, request);
    if (!date.ok()) return send_error(response, date.error());
    auto calendar = context.service.calendar(request.matches[1], *date);
    if (!calendar.ok()) return send_error(response, calendar.error());
    send_json(response, *calendar);
  });

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

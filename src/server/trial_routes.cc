// The trial as a whole: corrections, periods, the report, verification, health.
#include "report/endpoint_report.h"
#include "server/api_context.h"
#include "store/verify.h"

namespace trialcore::server {

void add_trial_routes(httplib::Server& server, ApiContext& context) {
  server.Post("/api/corrections", [&context](const httplib::Request& request, httplib::Response& response) {
    auto session = authorize(context, request, response, Action::kCorrect);
    if (!session) return;
    auto body = body_of(request);
    if (!body.ok()) return send_error(response, body.error());
    auto corrects = required(read_integer(*body, "corrects", "$"), "corrects", "$");
    if (!corrects.ok()) return send_error(response, corrects.error());
    auto reason = required(read_text(*body, "reason", "$"), "reason", "$");
    if (!reason.ok()) return send_error(response, reason.error());
    if (!body->contains("payload")) return send_error(response, Error{"$.payload", "is required"});
    auto corrected = context.service.correct(actor_of(context, *session), *corrects, *reason, (*body)["payload"]);
    if (!corrected.ok()) return send_error(response, corrected.error());
    send_json(response, {{"sequence", corrected->event.sequence}, {"kind", corrected->event.kind}}, 201);
  });

  server.Post(R"(/api/periods/([^/]+)/(opening|closing))", [&context](const httplib::Request& request, httplib::Response& response) {
    auto session = authorize(context, request, response, Action::kManagePeriods);
    if (!session) return;
    auto body = body_of(request);
    if (!body.ok()) return send_error(response, body.error());
    auto date = date_in(*body, "date");
    if (!date.ok()) return send_error(response, date.error());
    trial::Actor actor = actor_of(context, *session);
    auto result = request.matches[2] == "opening" ? context.service.open_period(actor, request.matches[1], *date)
                                                  : context.service.close_period(actor, request.matches[1], *date);
    if (!result.ok()) return send_error(response, result.error());
    send_json(response, {{"sequence", result->event.sequence}, {"kind", result->event.kind}}, 201);
  });

  server.Get("/api/periods", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto date = date_or_today(context, request);
    if (!date.ok()) return send_error(response, date.error());
    auto open = context.service.open_period_on(*date);
    if (!open.ok()) return send_error(response, open.error());
    send_json(response, {{"date", date->to_string()}, {"open", *open ? Json(**open) : Json()}});
  });

  server.Get("/api/report", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto date = date_or_today(context, request);
    if (!date.ok()) return send_error(response, date.error());
    auto report = context.service.report(*date);
    if (!report.ok()) return send_error(response, report.error());
    send_json(response, Json::parse(report::report_json(*report, context.protocol).dump()));
  });

  server.Get("/api/verify", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kVerifyRecord)) return;
    trial::TrialProjector projector;
    auto verification = store::verify_store(context.service.store(), projector);
    if (!verification.ok()) return send_error(response, verification.error());
    send_json(response, {{"ok", verification->ok}, {"events", verification->events}, {"head", verification->head.to_string()},
                         {"first_bad_event", verification->first_bad_event ? Json(*verification->first_bad_event) : Json()},
                         {"problem", verification->problem}});
  });

  server.Get("/healthz", [&context](const httplib::Request&, httplib::Response& response) {
    int64_t events = 0;
    Status read = context.service.store().read([&](store::Transaction& transaction) -> Status {
      auto last = transaction.last_sequence();
      if (!last.ok()) return last.error();
      events = *last;
      return Status::Ok();
    });
    if (!read.ok()) return send_json(response, {{"status", "unavailable"}, {"store", context.service.store().backend()}}, 503);
    send_json(response, {{"status", "ok"}, {"store", context.service.store().backend()}, {"events", events}});
  });
}

}  // namespace trialcore::server

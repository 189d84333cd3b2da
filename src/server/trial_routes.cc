// The trial as a whole: the open period, the report, verification, health (corrections and
// periods' openings are commands: command_routes.cc).
#include "report/endpoint_report.h"
#include "server/api_context.h"
#include "store/verify.h"

namespace trialcore::server {

void add_trial_routes(httplib::Server& server, ApiContext& context) {
  server.Get("/api/periods", dated_read(context, [&context](const httplib::Request&, httplib::Response& response,
                                          const Date& date) {
    auto open = context.service.open_period_on(date);
    if (!open.ok()) return send_error(response, open.error());
    send_json(response, {{"date", date.to_string()}, {"open", *open ? Json(**open) : Json()}});
  }));

  server.Get("/api/report", dated_read(context, [&context](const httplib::Request&, httplib::Response& response,
                                          const Date& date) {
    auto report = context.service.report(date);
    if (!report.ok()) return send_error(response, report.error());
    send_json(response, Json::parse(report::report_json(*report, context.protocol).dump()));
  }));

  server.Get("/api/verify", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kVerifyRecord)) return;
    trial::RecordProjector projector;
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

// Safety over HTTP (docs/api.md, "Adverse events"): the safety report, the serious events'
// reporting clock as of the server's now, the registry's results section, and the
// protocol's adverse-event vocabulary for the page's forms. The writes (record-ae,
// update-ae, report-sae, record-transplant) are commands: command_routes.cc.
#include "results/registry_results.h"
#include "results/safety_report.h"
#include "safety/adverse_event.h"
#include "server/api_context.h"

namespace trialcore::server {

namespace {

template <size_t N>
Json words(const std::string_view (&listed)[N]) {
  Json array = Json::array();
  for (std::string_view word : listed) array.push_back(std::string(word));
  return array;
}

}  // namespace

void add_safety_routes(httplib::Server& server, ApiContext& context) {
  server.Get("/api/safety-report", dated_read(context, [&context](const httplib::Request&, httplib::Response& response,
                                          const Date& date) {
    auto states = context.service.patient_states();
    if (!states.ok()) return send_error(response, states.error());
    send_answer(response, results::safety_report_json(results::safety_report(context.protocol, *states, date)), 200);
  }));

  server.Get("/api/serious-events", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    std::string now = context.utc_now();
    auto clocks = context.service.serious_events(now);
    if (!clocks.ok()) return send_error(response, clocks.error());
    Json events = Json::array();
    for (const trial::SeriousEventClock& clock : *clocks) events.push_back(trial::serious_event_clock_json(clock));
    send_json(response, {{"now", now}, {"report_within_hours", context.protocol.safety.sae_report_hours}, {"events", events}});
  });

  server.Get("/api/registry-results", dated_read(context, [&context](const httplib::Request&, httplib::Response& response,
                                          const Date& date) {
    auto report = context.service.report(date);
    if (!report.ok()) return send_error(response, report.error());
    auto states = context.service.patient_states();
    if (!states.ok()) return send_error(response, states.error());
    results::SafetyReport safety = results::safety_report(context.protocol, *states, date);
    send_answer(response, {{"resultsSection", results::registry_results(context.protocol, *report, safety, *states, date)}}, 200);
  }));

  server.Get("/api/adverse-event-terms", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    const safety::SafetySpec& spec = context.protocol.safety;
    Json terms = Json::array();
    for (const safety::Term& term : spec.terms) {
      terms.push_back({{"term", term.term}, {"organ_system", term.organ_system}, {"other_specify", term.other_specify},
                       {"reported", spec.reported(term.term)}});
    }
    Json drugs = Json::array();
    for (const treatment::Drug& drug : context.protocol.treatment.drugs) drugs.push_back({{"id", drug.id}, {"name", drug.name}});
    send_json(response, {{"scale", spec.scale},
                         {"citation", spec.citation},
                         {"terms", terms},
                         {"drugs", drugs},
                         {"serious_criteria", words(safety::kSeriousCriteria)},
                         {"attributions", words(safety::kAttributions)},
                         {"actions", words(safety::kActions)},
                         {"outcomes", words(safety::kOutcomes)},
                         {"report_within_hours", spec.sae_report_hours}});
  });
}

}  // namespace trialcore::server

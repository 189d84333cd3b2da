#include "server/fhir_routes.h"

#include "fhir/bundle_export.h"

namespace trialcore::server {

namespace {

// The served protocol's mapping, read when the server started; a protocol without one has
// no FHIR routes: 404.
Result<const fhir::FhirMapping*> served_mapping(const ApiContext& context) {
  if (context.fhir_mapping) return context.fhir_mapping;
  return Error{"", "the served protocol " + context.protocol.id +
                   " has no FHIR mapping: the server reads one beside the protocol's file or a given one (docs/fhir.md)",
               ErrorKind::kNotFound};
}

}  // namespace

bool is_fhir_body(const httplib::Request& request) {
  return request.get_header_value("Content-Type").rfind("application/fhir+json", 0) == 0;
}

Result<fhir::ImportedRecord> record_from_fhir_body(ApiContext& context, const httplib::Request& request) {
  auto mapping = served_mapping(context);
  if (!mapping.ok()) return mapping.error();
  if (request.body.empty()) return Error{"Bundle", "a FHIR Bundle is expected in the request body"};
  return fhir::import_bundle_text(request.body, context.protocol, **mapping);
}

void add_fhir_routes(httplib::Server& server, ApiContext& context) {
  // A Bundle read into a patient record, nothing recorded: what a form fills itself from
  // before the coordinator checks it and registers.
  server.Post("/api/fhir/record", idempotent(context, [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto imported = record_from_fhir_body(context, request);
    if (!imported.ok()) return send_error(response, imported.error());
    send_json(response,
              {{"record", imported->record}, {"unmapped", fhir::unmapped_json(imported->unmapped)}, {"warnings", imported->warnings}});
  }));

  // Every signed-in role may read it: a monitor's role, or one with more rights.
  server.Get("/fhir/Bundle", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto mapping = served_mapping(context);
    if (!mapping.ok()) return send_error(response, mapping.error());
    auto states = context.service.patient_states();
    if (!states.ok()) return send_error(response, states.error());
    std::string only = request.has_param("patient") ? request.get_param_value("patient") : "";
    auto bundle = fhir::export_record_bundle(context.protocol, **mapping, std::move(*states), only, context.utc_now());
    if (!bundle.ok()) return send_error(response, bundle.error());
    response.status = 200;
    response.set_content(bundle->bundle.dump(), "application/fhir+json");
  });
}

}  // namespace trialcore::server

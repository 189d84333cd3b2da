// FHIR R4 over HTTP: GET /fhir/Bundle (the trial's record as a Bundle) and the reading of a
// patient's Bundle that POST /api/patients accepts (Content-Type: application/fhir+json).
#pragma once

#include <httplib.h>

#include "fhir/bundle_import.h"
#include "server/api_context.h"

namespace trialcore::server {

// True when the request's body is FHIR JSON (Content-Type: application/fhir+json).
bool is_fhir_body(const httplib::Request& request);

// The patient record read from the request's Bundle through the served protocol's mapping;
// an Error names the resource at fault (400), or says the protocol has no FHIR mapping.
Result<fhir::ImportedRecord> record_from_fhir_body(ApiContext& context, const httplib::Request& request);

void add_fhir_routes(httplib::Server& server, ApiContext& context);

}  // namespace trialcore::server

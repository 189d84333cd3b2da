// `serve` over the trial's record: the process prepared and the trial's time zone set
// before any thread, then the HTTP API and the web page served (server/serve.h) with the
// FHIR mapping read once. An Error names the input member by its JSON path ("$.time_zone",
// "$.mapping", "$.port").
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "base/result.h"
#include "server/serve.h"
#include "trial/open_trial.h"

namespace trialcore::answers {

struct ServeInput {
  server::ServerOptions server;
  std::string trusted_proxy;
  std::string time_zone;  // IANA; empty: the computer's
  std::string mapping_file;
  bool quiet = false;  // no request log lines
};

// Before any thread is started.
Status serve_prepared(const ServeInput& input);

// Serves until stopped. The FHIR mapping is the built-in protocol's, or the file beside a
// protocol file (or the input's); without one the trial is still served, only its FHIR
// routes answer 404, and `warn` says so before it listens.
Status serve_record(trial::OpenTrial& trial, const ServeInput& input, const std::string& protocol_file,
                    const std::function<void(const std::string&)>& warn, std::ostream& log);

}  // namespace trialcore::answers

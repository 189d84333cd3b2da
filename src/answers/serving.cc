#include "answers/serving.h"

#include "base/clock.h"
#include "fhir/mapping_file.h"

namespace trialcore::answers {

Status serve_prepared(const ServeInput& input) {
  server::prepare_process();
  return use_time_zone(input.time_zone, "$.time_zone");
}

Status serve_record(trial::OpenTrial& trial, const ServeInput& input, const std::string& protocol_file,
                    const std::function<void(const std::string&)>& warn, std::ostream& log) {
  std::vector<std::string> warnings;
  auto mapping = fhir::load_served_mapping(input.mapping_file, protocol_file, trial.protocol, "$.mapping", warnings);
  for (const std::string& warning : warnings) warn(warning);
  if (!mapping.ok()) return mapping.error();
  server::ServerOptions served = input.server;
  served.log_requests = !input.quiet;
  server::ServeSetup setup{*trial.service, *trial.store, trial.protocol, *mapping ? &**mapping : nullptr,
                           today,          utc_now,      input.trusted_proxy, served};
  return server::serve(setup, log);
}

}  // namespace trialcore::answers

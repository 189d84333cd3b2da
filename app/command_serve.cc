// `trialcore serve`: the HTTP API and the coordinators' web page over the trial's record
// (server/serve.h runs it).
#include <iostream>

#include "command.h"
#include "fhir/mapping_file.h"
#include "flags.h"
#include "output.h"
#include "protocol_option.h"
#include "server/serve.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct ServeOptions {
  TrialOptions trial;
  server::ServerOptions server;
  std::string trusted_proxy;
  std::string time_zone;
  std::string mapping_file;
  bool quiet = false;
};

int run_serve(const ServeOptions& options) {
  server::prepare_process();
  Status zoned = use_time_zone(options.time_zone, "--time-zone");  // before any thread
  if (!zoned.ok()) return fail(zoned.error());
  auto trial = open_trial(options.trial);
  if (!trial.ok()) return fail(trial.error());
  OpenTrial& open = **trial;
  // The FHIR mapping, read once here: the built-in protocol's, or the file beside a protocol
  // file (or --mapping). Without one the server still serves the trial; only its FHIR routes
  // answer 404, and it says so now.
  std::vector<std::string> warnings;
  auto mapping = fhir::load_served_mapping(options.mapping_file, options.trial.protocol_file, open.protocol, "--mapping", warnings);
  for (const std::string& warning : warnings) print_warning(warning);
  if (!mapping.ok()) return fail(mapping.error());
  server::ServerOptions served = options.server;
  served.log_requests = !options.quiet;
  server::ServeSetup setup{*open.service, *open.store, open.protocol, *mapping ? &**mapping : nullptr,
                           today,         utc_now,     options.trusted_proxy, served};
  Status ran = server::serve(setup, std::cout);
  return ran.ok() ? kExitOk : fail(on_flags(ran.error(), {"port", "tls_key", "tls_certificate"}));
}

}  // namespace

void add_serve_command(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<ServeOptions>();
  o->server.web_root = TRIALCORE_DEFAULT_WEB_ROOT;
  // Every option a deployment sets may come from the environment instead.
  add_command(
      app, outcome, "serve", o, run_serve,
      {Flag("--store", &o->trial.store, "The trial's record: a SQLite file or a postgresql:// URL", "LOCATION").from_environment(),
       protocol_flag(o->trial.protocol_file),
       mapping_flag(o->mapping_file),
       Flag("--host", &o->server.host, "Address to listen on (default 127.0.0.1; 0.0.0.0 for all)").from_environment(),
       Flag("--port", &o->server.port, "Port (default 8080; 0 picks a free one)").from_environment().checked(CLI::Range(0, 65535)),
       Flag("--omop", &o->server.omop_url, "An OMOP warehouse (sqlite:FILE or postgresql://...) for the feasibility view", "URL")
           .from_environment(),
       Flag("--web-root", &o->server.web_root, "The built web page (web/dist)").from_environment(),
       Flag("--tls-certificate", &o->server.tls_certificate, "PEM certificate: serve HTTPS").from_environment(),
       Flag("--tls-key", &o->server.tls_key, "PEM private key of the certificate").from_environment(),
       {"--max-body", &o->server.max_body_bytes, "Largest request body in bytes (default 1 MiB)"},
       Flag("--timeout", &o->server.timeout_seconds,
            "Seconds a request has to arrive whole, headers and body, from its first byte; and its answer to be written (default 10)")
           .checked(CLI::Range(1, 3600)),
       Flag("--max-connections", &o->server.max_threads, "Connections served at once; more wait their turn (default 512)")
           .checked(CLI::Range(1, 4096)),
       Flag("--trusted-proxy", &o->trusted_proxy,
            "The address of a proxy in front: its requests are counted by the client address it appends to X-Forwarded-For",
            "ADDRESS")
           .from_environment(),
       Flag("--time-zone", &o->time_zone,
            "The trial's time zone (IANA, e.g. America/Chicago): what today is, after which no clinical date is accepted "
            "(default: the computer's)",
            "ZONE")
           .from_environment(),
       {"--quiet", &o->quiet, "No request log lines"}});
}

}  // namespace trialcore::app

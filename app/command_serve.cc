// `trialcore serve`: the HTTP API and the coordinators' web page over the trial's record
// (answers/serving.h runs it).
#include <iostream>

#include "answers/serving.h"
#include "command.h"
#include "protocol_option.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

using ServeOptions = OnRecord<answers::ServeInput>;

int run_serve(const ServeOptions& options) {
  Status prepared = answers::serve_prepared(options.input);  // before any thread
  if (!prepared.ok()) return fail(on_flags(prepared.error()));
  auto trial = open_trial(options.trial);
  if (!trial.ok()) return fail(trial.error());
  Status ran = answers::serve_record(**trial, options.input, options.trial.protocol_file, print_warning, std::cout);
  return ran.ok() ? kExitOk : fail(on_flags(ran.error(), {"port", "tls_key", "tls_certificate", "mapping"}));
}

}  // namespace

void add_serve_command(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<ServeOptions>();
  o->input.server.web_root = TRIALCORE_DEFAULT_WEB_ROOT;
  // Every option a deployment sets may come from the environment instead.
  add_command(
      app, outcome, "serve", o, run_serve,
      {Flag("--store", &o->trial.store, "The trial's record: a SQLite file or a postgresql:// URL", "LOCATION").from_environment(),
       protocol_flag(o->trial.protocol_file),
       mapping_flag(o->input.mapping_file),
       Flag("--host", &o->input.server.host, "Address to listen on (default 127.0.0.1; 0.0.0.0 for all)").from_environment(),
       Flag("--port", &o->input.server.port, "Port (default 8080; 0 picks a free one)").from_environment().checked(CLI::Range(0, 65535)),
       Flag("--omop", &o->input.server.omop_url, "An OMOP warehouse (sqlite:FILE or postgresql://...) for the feasibility view", "URL")
           .from_environment(),
       Flag("--web-root", &o->input.server.web_root, "The built web page (web/dist)").from_environment(),
       Flag("--tls-certificate", &o->input.server.tls_certificate, "PEM certificate: serve HTTPS").from_environment(),
       Flag("--tls-key", &o->input.server.tls_key, "PEM private key of the certificate").from_environment(),
       {"--max-body", &o->input.server.max_body_bytes, "Largest request body in bytes (default 1 MiB)"},
       Flag("--timeout", &o->input.server.timeout_seconds,
            "Seconds a request has to arrive whole, headers and body, from its first byte; and its answer to be written (default 10)")
           .checked(CLI::Range(1, 3600)),
       Flag("--max-connections", &o->input.server.max_threads, "Connections served at once; more wait their turn (default 512)")
           .checked(CLI::Range(1, 4096)),
       Flag("--trusted-proxy", &o->input.trusted_proxy,
            "The address of a proxy in front: its requests are counted by the client address it appends to X-Forwarded-For",
            "ADDRESS")
           .from_environment(),
       Flag("--time-zone", &o->input.time_zone,
            "The trial's time zone (IANA, e.g. America/Chicago): what today is, after which no clinical date is accepted "
            "(default: the computer's)",
            "ZONE")
           .from_environment(),
       {"--quiet", &o->input.quiet, "No request log lines"}});
}

}  // namespace trialcore::app

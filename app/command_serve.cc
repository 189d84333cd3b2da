// `trialcore serve`: the HTTP API and the coordinators' web page over the trial's record.
#include <signal.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "command.h"
#include "fhir_mapping_option.h"
#include "output.h"
#include "protocol_option.h"
#include "server/api_server.h"
#include "server/request_log.h"
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

int run_serve(ServeOptions& options) {
  // SIGTERM and SIGINT are waited for by one thread, so the server stops between requests.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto logger = spdlog::stderr_logger_mt("trialcore");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("{\"time\":\"%Y-%m-%dT%H:%M:%S.%eZ\",\"level\":\"%l\",%v}", spdlog::pattern_time_type::utc);

  Status zoned = use_time_zone(options.time_zone, "--time-zone");  // before any thread
  if (!zoned.ok()) return fail(zoned.error());
  auto trial = open_trial(options.trial);
  if (!trial.ok()) return fail(trial.error());
  OpenTrial& open = **trial;
  server::Accounts accounts(
      *open.store, [] { return static_cast<int64_t>(std::time(nullptr)); }, utc_now);
  auto first = accounts.create_first_administrator();
  if (!first.ok()) return fail(first.error());
  server::ApiContext context{*open.service, accounts, open.protocol, today, utc_now, false, options.trusted_proxy};
  // The FHIR mapping, read once here: the built-in protocol's, or the file beside a protocol
  // file (or --mapping). Without one the server still serves the trial; only its FHIR routes
  // answer 404, and it says so now.
  std::optional<fhir::FhirMapping> mapping;
  auto loaded = load_mapping_option(options.mapping_file, options.trial.protocol_file, open.protocol);
  if (loaded.ok()) {
    mapping = std::move(*loaded);
    context.fhir_mapping = &*mapping;
  } else if (!options.mapping_file.empty()) {
    return fail(loaded.error());
  } else {
    print_warning("no FHIR mapping for this protocol (" + loaded.error().message + "): the FHIR routes answer 404");
  }
  options.server.log_requests = !options.quiet;
  server::ApiServer api(context, options.server);
  auto port = api.bind();
  if (!port.ok()) return fail(on_flags(port.error()));

  std::string scheme = options.server.tls_certificate.empty() ? "http" : "https";
  std::cout << "trialcore " << open.protocol.id << " (protocol version " << open.protocol.version << ") on "
            << open.store->backend() << " store " << open.store->location() << "\n";
  if (first->has_value()) {
    std::cout << "first administrator: admin, one-time password: " << **first << "\n"
              << "  (sign in with it and choose your own; it is shown only now)\n";
  }
  std::cout << "trialcore is running at " << scheme << "://" << options.server.host << ":" << *port << "/\n" << std::flush;
  server::log_event({{"event", "listening"}, {"port", *port}, {"store", open.store->backend()}});

  std::thread stopper([&] {
    int received = 0;
    sigwait(&stop_signals, &received);
    server::log_event({{"event", "stopping"}, {"signal", received}});
    api.stop();
  });
  api.run();  // returns once stopped, requests in flight finished
  if (stopper.joinable()) {
    pthread_kill(stopper.native_handle(), SIGTERM);  // wakes the waiter if the server stopped by itself
    stopper.join();
  }
  server::log_event({{"event", "stopped"}});
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<ServeOptions>();
  o->server.web_root = TRIALCORE_DEFAULT_WEB_ROOT;
  auto* command = app.add_subcommand("serve", "Serve the HTTP API and the coordinators' web page");
  command->footer(
      "Starts on the store (default ./trial.db), creating it and, on first start, the first\n"
      "administrator 'admin' with a one-time password printed once. Logs go to stderr as JSON\n"
      "lines without patient data. SIGTERM stops it after the requests in flight. Every option\n"
      "may come from the environment (TRIALCORE_STORE, TRIALCORE_PORT, ...). See docs/operations.md.");
  command->add_option("--store", o->trial.store, "The trial's record: a SQLite file or a postgresql:// URL")
      ->envname("TRIALCORE_STORE")
      ->type_name("LOCATION");
  add_protocol_option(*command, o->trial.protocol_file);
  add_mapping_option(*command, o->mapping_file);
  command->add_option("--host", o->server.host, "Address to listen on (default 127.0.0.1; 0.0.0.0 for all)")
      ->envname("TRIALCORE_HOST");
  command->add_option("--port", o->server.port, "Port (default 8080; 0 picks a free one)")
      ->envname("TRIALCORE_PORT")
      ->check(CLI::Range(0, 65535));
  command->add_option("--omop", o->server.omop_url, "An OMOP warehouse (sqlite:FILE or postgresql://...) for the feasibility view")
      ->envname("TRIALCORE_OMOP")->type_name("URL");
  command->add_option("--web-root", o->server.web_root, "The built web page (web/dist)")->envname("TRIALCORE_WEB_ROOT");
  command->add_option("--tls-certificate", o->server.tls_certificate, "PEM certificate: serve HTTPS")
      ->envname("TRIALCORE_TLS_CERTIFICATE");
  command->add_option("--tls-key", o->server.tls_key, "PEM private key of the certificate")->envname("TRIALCORE_TLS_KEY");
  command->add_option("--max-body", o->server.max_body_bytes, "Largest request body in bytes (default 1 MiB)");
  command->add_option("--timeout", o->server.timeout_seconds,
                      "Seconds a request has to arrive whole, headers and body, from its first byte; and its answer to be written (default 10)")
      ->check(CLI::Range(1, 3600));
  command->add_option("--max-connections", o->server.max_threads, "Connections served at once; more wait their turn (default 512)")
      ->check(CLI::Range(1, 4096));
  command->add_option("--trusted-proxy", o->trusted_proxy,
                      "The address of a proxy in front: its requests are counted by the client address it appends to X-Forwarded-For")
      ->envname("TRIALCORE_TRUSTED_PROXY")
      ->type_name("ADDRESS");
  command->add_option("--time-zone", o->time_zone,
                      "The trial's time zone (IANA, e.g. America/Chicago): what today is, after which no clinical date "
                      "is accepted (default: the computer's)")
      ->envname("TRIALCORE_TIME_ZONE")
      ->type_name("ZONE");
  command->add_flag("--quiet", o->quiet, "No request log lines");
  command->callback([o, &outcome] { outcome.exit_code = run_serve(*o); });
}

}  // namespace trialcore::app

#include "server/serve.h"

#include <signal.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <ctime>
#include <thread>

#include "server/request_log.h"

namespace trialcore::server {

namespace {

sigset_t stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

}  // namespace

void prepare_process() {
  sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto logger = spdlog::stderr_logger_mt("trialcore");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("{\"time\":\"%Y-%m-%dT%H:%M:%S.%eZ\",\"level\":\"%l\",%v}", spdlog::pattern_time_type::utc);
}

Status serve(const ServeSetup& setup, std::ostream& out) {
  Accounts accounts(setup.store, [] { return static_cast<int64_t>(std::time(nullptr)); }, setup.utc_now);
  auto first = accounts.create_first_administrator();
  if (!first.ok()) return first.error();
  ApiContext context{setup.service, accounts, setup.protocol, setup.today, setup.utc_now, false, setup.trusted_proxy};
  context.fhir_mapping = setup.fhir_mapping;
  ApiServer api(context, setup.options);
  auto port = api.bind();
  if (!port.ok()) return port.error();

  std::string scheme = setup.options.tls_certificate.empty() ? "http" : "https";
  out << "trialcore " << setup.protocol.id << " (protocol version " << setup.protocol.version << ") on "
      << setup.store.backend() << " store " << setup.store.location() << "\n";
  if (first->has_value()) {
    out << "first administrator: admin, one-time password: " << **first << "\n"
        << "  (sign in with it and choose your own; it is shown only now)\n";
  }
  out << "trialcore is running at " << scheme << "://" << setup.options.host << ":" << *port << "/\n" << std::flush;
  log_event({{"event", "listening"}, {"port", *port}, {"store", setup.store.backend()}});

  std::thread stopper([&] {
    sigset_t signals = stop_signals();
    int received = 0;
    sigwait(&signals, &received);
    log_event({{"event", "stopping"}, {"signal", received}});
    api.stop();
  });
  api.run();  // returns once stopped, requests in flight finished
  if (stopper.joinable()) {
    pthread_kill(stopper.native_handle(), SIGTERM);  // wakes the waiter if the server stopped by itself
    stopper.join();
  }
  log_event({{"event", "stopped"}});
  return Status::Ok();
}

}  // namespace trialcore::server

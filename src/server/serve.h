// The server as a process runs it: SIGTERM and SIGINT waited for by one thread, so that the
// server stops between requests; the log as JSON lines on stderr; the first administrator
// made on a new record; the lines that say where it runs; and the run until stopped.
#pragma once

#include <ostream>

#include "server/api_server.h"
#include "store/store.h"

namespace trialcore::server {

// Blocks the stop signals in this thread and every thread it starts later, and sends the
// log to stderr as JSON lines. First thing, before any thread starts.
void prepare_process();

struct ServeSetup {
  trial::TrialService& service;
  store::Store& store;
  const Protocol& protocol;
  const fhir::FhirMapping* fhir_mapping;  // null: the FHIR routes answer 404
  std::function<Date()> today;
  std::function<std::string()> utc_now;
  std::string trusted_proxy;
  ServerOptions options;
};

// Makes the accounts (and a new record's first administrator), binds, says on `out` where
// it runs (and the administrator's one-time password, shown only then), serves until a stop
// signal, and returns once the requests in flight are done.
Status serve(const ServeSetup& setup, std::ostream& out);

}  // namespace trialcore::server

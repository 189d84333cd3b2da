// The HTTP server: the API's routes, the web page's files, limits and deadlines, TLS when
// given a certificate, and one structured log line a request that names the route, never
// the patient. Malformed framing is refused before a body is read (request_framing.h);
// every request has a deadline on the whole of it (guarded_server.h). stop() lets
// requests in flight finish (a write completes or rolls back).
#pragma once

#include <memory>
#include <string>

#include "server/api_context.h"
#include "server/guarded_server.h"

namespace trialcore::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0: any free port
  std::string web_root;            // the built page (web/dist); empty: none
  std::string tls_certificate;     // PEM files; both or neither
  std::string tls_key;
  size_t max_body_bytes = 1 << 20;
  int timeout_seconds = 10;        // a request whole (headers and body), and its answer written
  size_t max_threads = 512;        // connections served at once; more wait their turn
  bool log_requests = true;
  std::string omop_url;            // the OMOP warehouse the feasibility view pre-screens; empty: none
};

class ApiServer {
 public:
  ApiServer(ApiContext context, ServerOptions options);
  ~ApiServer();

  // Binds the address; the port it listens on.
  Result<int> bind();
  // Serves until stop(); returns once requests in flight are done.
  void run();
  void stop();

  // The server itself, for fuzzing its handlers without a socket.
  GuardedServer& http() { return *http_; }

 private:
  ApiContext context_;
  ServerOptions options_;
  std::unique_ptr<GuardedServer> http_;
};

// "/api/patients/MDA-0001/doses" -> "/api/patients/:id/doses": what a log may say.
std::string route_of(const std::string& path);

}  // namespace trialcore::server

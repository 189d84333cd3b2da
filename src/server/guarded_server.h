// httplib's server with connections handled here: httplib reads a request with a timeout per
// read, so a peer that sends a byte every few seconds keeps a connection (and a thread)
// for ever. Here every request has a deadline on the whole of it, headers and body, counted
// from its first byte; a request not whole by then is answered 408 and its connection
// closed. A request may not exceed its body limit plus 64 KiB of headers, however sent.
// TLS, when given, is done here too (OpenSSL), under the same deadline.
//
// httplib parses the request and routes it (Server::process_request); this class owns the
// socket, the stream and the keep-alive loop around it.
#pragma once

#include <httplib.h>
#include <openssl/ssl.h>

#include <chrono>
#include <memory>
#include <string>

#include "base/result.h"

namespace trialcore::server {

struct ConnectionLimits {
  std::chrono::milliseconds request_deadline{10000};  // from a request's first byte to its last
  std::chrono::milliseconds answer_deadline{10000};   // to write the answer
  std::chrono::milliseconds idle_keep_alive{5000};    // between requests on one connection
  size_t maximum_request_bytes = (1 << 20) + (64 << 10);
  size_t maximum_threads = 512;
};

// An OpenSSL server context from PEM files; an Error naming the option when they cannot
// be used.
struct TlsContextDeleter {
  void operator()(SSL_CTX* context) const { SSL_CTX_free(context); }
};
using TlsContext = std::unique_ptr<SSL_CTX, TlsContextDeleter>;
Result<TlsContext> tls_context(const std::string& certificate_file, const std::string& key_file);

class GuardedServer : public httplib::Server {
 public:
  // `tls`: serve HTTPS with it; nullptr: plain HTTP.
  GuardedServer(ConnectionLimits limits, TlsContext tls);

  // Answers requests given as bytes, as a connection would, without a socket: the
  // answers' bytes (for fuzzing the whole path from bytes to handlers).
  std::string answer_bytes(const std::string& requests);

  const ConnectionLimits& limits() const { return limits_; }

 private:
  bool process_and_close_socket(socket_t socket) override;

  ConnectionLimits limits_;
  TlsContext tls_;
};

// From a handler (or the pre-routing check): close the connection once this answer is
// written, because what follows on it cannot be trusted (a body left unread).
void close_connection_after_answer();

}  // namespace trialcore::server

#include "server/api_server.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "server/fhir_routes.h"

namespace trialcore::server {

std::string route_of(const std::string& path) {
  std::string route = path.substr(0, path.find('?'));
  for (const char* collection : {"/api/patients/", "/api/users/", "/api/periods/"}) {
    std::string prefix = collection;
    if (route.rfind(prefix, 0) != 0) continue;
    size_t end = route.find('/', prefix.size());
    route = prefix + ":id" + (end == std::string::npos ? "" : route.substr(end));
  }
  return route;
}

ApiServer::ApiServer(ApiContext context, ServerOptions options) : context_(std::move(context)), options_(std::move(options)) {}

ApiServer::~ApiServer() = default;

Result<int> ApiServer::bind() {
  if (options_.tls_certificate.empty() != options_.tls_key.empty()) {
    return Error{"--tls-key", "give both the certificate and the key, or neither"};
  }
  if (!options_.tls_certificate.empty()) {
    auto secure = std::make_unique<httplib::SSLServer>(options_.tls_certificate.c_str(), options_.tls_key.c_str());
    if (!secure->is_valid()) return Error{"--tls-certificate", "the certificate or key cannot be read"};
    http_ = std::move(secure);
    context_.secure_cookies = true;
  } else {
    http_ = std::make_unique<httplib::Server>();
  }
  httplib::Server& http = *http_;
  // Small JSON answers must not wait for the peer's delayed acknowledgement (40 ms a request).
  http.set_tcp_nodelay(true);
  http.set_payload_max_length(options_.max_body_bytes);
  http.set_read_timeout(options_.timeout_seconds, 0);
  http.set_write_timeout(options_.timeout_seconds, 0);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"X-Frame-Options", "DENY"},
                            {"Referrer-Policy", "no-referrer"}, {"Cache-Control", "no-store"}});
  http.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
    send_error(response, Error{"", "an internal fault: the request was not completed", ErrorKind::kFailure});
  });
  http.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;
    if (response.status == 413) {
      send_json(response, {{"error", {{"path", "$"}, {"message", "the request body is too large"}}}}, 413);
    } else if (response.status == 404 && request.path.rfind("/api/", 0) == 0) {
      send_json(response, {{"error", {{"path", ""}, {"message", "no such endpoint: " + request.method + " " + route_of(request.path)}}}}, 404);
    }
  });
  if (options_.log_requests) {
    http.set_logger([](const httplib::Request& request, const httplib::Response& response) {
      spdlog::info("\"event\":\"request\",\"method\":\"{}\",\"route\":\"{}\",\"status\":{}", request.method,
                   route_of(request.path), response.status);
    });
  }
  add_session_routes(http, context_);
  add_protocol_routes(http, context_);
  add_patient_routes(http, context_);
  add_trial_routes(http, context_);
  context_.commands = commands::trial_commands(context_.protocol);
  add_command_routes(http, context_);
  add_fhir_routes(http, context_);
  add_feasibility_routes(http, context_, options_.omop_url);
  if (!options_.web_root.empty() && std::filesystem::exists(options_.web_root + "/index.html")) {
    http.set_mount_point("/", options_.web_root);
  } else {
    http.Get("/", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("<!doctype html><title>trialcore</title><p>The web page is not built: run scripts/build-web.sh "
                           "(or scripts/run.sh). The API answers under /api.</p>",
                           "text/html");
    });
  }
  int port = options_.port == 0 ? http.bind_to_any_port(options_.host) : (http.bind_to_port(options_.host, options_.port) ? options_.port : -1);
  if (port < 0) {
    return Error{"--port", "cannot listen on " + options_.host + ":" + std::to_string(options_.port) + " (in use, or not allowed)",
                 ErrorKind::kFailure};
  }
  return port;
}

void ApiServer::run() { http_->listen_after_bind(); }

void ApiServer::stop() {
  if (http_) http_->stop();
}

}  // namespace trialcore::server

#include "server/api_server.h"

#include <algorithm>
#include <filesystem>

#include "server/request_framing.h"
#include "server/request_log.h"
#include "server/fhir_routes.h"

namespace trialcore::server {

namespace {

// Room for the request line and the headers, beside the body's limit.
constexpr size_t kMaximumHeadBytes = 64 * 1024;

}  // namespace

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
    return Error{"$.tls_key", "give both the certificate and the key, or neither"};
  }
  TlsContext tls;
  if (!options_.tls_certificate.empty()) {
    auto context = tls_context(options_.tls_certificate, options_.tls_key);
    if (!context.ok()) return context.error();
    tls = std::move(*context);
    context_.secure_cookies = true;
  }
  ConnectionLimits limits;
  limits.request_deadline = limits.answer_deadline = std::chrono::seconds(std::max(1, options_.timeout_seconds));
  limits.maximum_request_bytes = options_.max_body_bytes + kMaximumHeadBytes;
  limits.maximum_threads = std::max<size_t>(1, options_.max_threads);
  http_ = std::make_unique<GuardedServer>(limits, std::move(tls));
  GuardedServer& http = *http_;
  // Small JSON answers must not wait for the peer's delayed acknowledgement (40 ms a request).
  http.set_tcp_nodelay(true);
  http.set_payload_max_length(options_.max_body_bytes);
  httplib::Headers headers = {{"X-Content-Type-Options", "nosniff"}, {"X-Frame-Options", "DENY"},
                              {"Referrer-Policy", "no-referrer"}, {"Cache-Control", "no-store"}};
  // Under TLS, browsers are told to use nothing else for a year.
  if (context_.secure_cookies) headers.emplace("Strict-Transport-Security", "max-age=31536000");
  http.set_default_headers(headers);
  size_t max_body = options_.max_body_bytes;
  http.set_pre_routing_handler([max_body](const httplib::Request& request, httplib::Response& response) {
    auto problem = framing_problem(request, max_body);
    if (!problem) return httplib::Server::HandlerResponse::Unhandled;
    close_connection_after_answer();  // the body, if any, was not read
    response.set_header("Connection", "close");
    send_json(response, {{"error", {{"path", problem->path}, {"message", problem->message}}}}, problem->status);
    return httplib::Server::HandlerResponse::Handled;
  });
  http.set_post_routing_handler([](const httplib::Request&, httplib::Response& response) {
    // A connection about to close promises no keep-alive.
    if (response.get_header_value("Connection") == "close") response.headers.erase("Keep-Alive");
  });
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
      log_event({{"event", "request"}, {"method", request.method}, {"route", route_of(request.path)}, {"status", response.status}});
    });
  }
  add_session_routes(http, context_);
  add_protocol_routes(http, context_);
  add_patient_routes(http, context_);
  add_trial_routes(http, context_);
  add_safety_routes(http, context_);
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
    return Error{"$.port", "cannot listen on " + options_.host + ":" + std::to_string(options_.port) + " (in use, or not allowed)",
                 ErrorKind::kFailure};
  }
  return port;
}

void ApiServer::run() { http_->listen_after_bind(); }

void ApiServer::stop() {
  if (http_) http_->stop();
}

}  // namespace trialcore::server

#include "server/request_framing.h"

namespace trialcore::server {

namespace {

bool has_control_character(const std::string& text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return true;
  }
  return false;
}

bool carries_body(const std::string& method) { return method == "POST" || method == "PUT" || method == "PATCH"; }

}  // namespace

std::optional<FramingProblem> framing_problem(const httplib::Request& request, size_t maximum_body_bytes) {
  if (request.path.size() > kMaximumPathBytes) {
    return FramingProblem{414, "", "the path is longer than " + std::to_string(kMaximumPathBytes) + " bytes"};
  }
  bool control = has_control_character(request.path);
  for (const auto& [name, value] : request.params) control = control || has_control_character(name) || has_control_character(value);
  if (control) return FramingProblem{400, "", "the path or the query holds a control character (NUL, a line break, ...)"};

  if (request.has_header("Transfer-Encoding")) {
    return FramingProblem{400, "Transfer-Encoding", "is not accepted: send the body with a Content-Length"};
  }
  size_t lengths = request.get_header_value_count("Content-Length");
  if (lengths > 1) return FramingProblem{400, "Content-Length", "is given more than once"};
  if (lengths == 0) {
    if (carries_body(request.method)) return FramingProblem{411, "Content-Length", "is required: a body comes with its length"};
    return std::nullopt;
  }
  const std::string length = request.get_header_value("Content-Length");
  // A plain count of bytes: digits only (no sign, no exponent), at most 18 of them.
  bool digits = !length.empty() && length.size() <= 18 &&
                length.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) return FramingProblem{400, "Content-Length", "'" + length + "' is not a length in bytes"};
  unsigned long long bytes = std::stoull(length);
  if (bytes > 0 && !carries_body(request.method) && request.method != "DELETE") {
    return FramingProblem{400, "Content-Length", "a " + request.method + " request has no body"};
  }
  if (bytes > maximum_body_bytes) return FramingProblem{413, "$", "the request body is too large"};
  return std::nullopt;
}

}  // namespace trialcore::server

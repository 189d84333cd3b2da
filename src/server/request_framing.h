// How a request is framed, checked once its headers are read and before its body is: what
// proxies and servers disagree on is refused at once, so no body is read by one rule and
// forwarded by another, and no client makes the server wait for bytes that never come.
// Refused: a control character (NUL, a line break) in the path or the query; any
// Transfer-Encoding (bodies come with a Content-Length); a Content-Length given twice or
// that is not a plain count of bytes (-1, 1e20); a body larger than the limit (413, before
// any of it is read); a POST without a Content-Length (411); a GET with a body; a path
// longer than 1024 bytes (414: no route is that long, and the routes' regular expressions
// would recurse over every byte of it).
#pragma once

#include <httplib.h>

#include <optional>
#include <string>

namespace trialcore::server {

inline constexpr size_t kMaximumPathBytes = 1024;

struct FramingProblem {
  int status = 400;
  std::string path;  // the header, or "" for the request line
  std::string message;
};

std::optional<FramingProblem> framing_problem(const httplib::Request& request, size_t maximum_body_bytes);

}  // namespace trialcore::server

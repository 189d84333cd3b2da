#include "server/request_framing.h"

#include <gtest/gtest.h>

namespace trialcore::server {
namespace {

httplib::Request request(const std::string& method, const std::string& path, httplib::Headers headers) {
  httplib::Request built;
  built.method = method;
  built.path = path;
  built.headers = std::move(headers);
  return built;
}

TEST(RequestFramingTest, PlainRequestsPass) {
  EXPECT_FALSE(framing_problem(request("GET", "/healthz", {}), 1024));
  EXPECT_FALSE(framing_problem(request("POST", "/api/session", {{"Content-Length", "42"}}), 1024));
  EXPECT_FALSE(framing_problem(request("DELETE", "/api/session", {}), 1024));
  EXPECT_FALSE(framing_problem(request("GET", "/", {{"Content-Length", "0"}}), 1024));
}

TEST(RequestFramingTest, WhatServersDisagreeOnIsRefused) {
  auto status = [](const httplib::Request& r) { return framing_problem(r, 1024).value_or(FramingProblem{0, "", ""}).status; };
  EXPECT_EQ(status(request("POST", "/x", {{"Content-Length", "5"}, {"Content-Length", "6"}})), 400);
  EXPECT_EQ(status(request("POST", "/x", {{"Content-Length", "-1"}})), 400);
  EXPECT_EQ(status(request("POST", "/x", {{"Content-Length", "1e20"}})), 400);
  EXPECT_EQ(status(request("POST", "/x", {{"Content-Length", ""}})), 400);
  EXPECT_EQ(status(request("POST", "/x", {{"Content-Length", "12345678901234567890"}})), 400);
  EXPECT_EQ(status(request("POST", "/x", {{"Content-Length", "2048"}})), 413);
  EXPECT_EQ(status(request("POST", "/x", {{"Transfer-Encoding", "gzip"}, {"Content-Length", "5"}})), 400);
  EXPECT_EQ(status(request("POST", "/x", {{"Transfer-Encoding", "chunked"}})), 400);
  EXPECT_EQ(status(request("POST", "/x", {})), 411);
  EXPECT_EQ(status(request("GET", "/x", {{"Content-Length", "4"}})), 400);
  EXPECT_EQ(status(request("GET", std::string("/index.html\0.js", 15), {})), 400);
  EXPECT_EQ(status(request("GET", "/a\nb", {})), 400);
  EXPECT_EQ(status(request("GET", "/a\x7f", {})), 400);
  EXPECT_EQ(status(request("GET", "/api/patients/" + std::string(2000, 'A'), {})), 414);
  auto two = framing_problem(request("POST", "/x", {{"Content-Length", "5"}, {"Content-Length", "5"}}), 1024);
  EXPECT_EQ(two->path, "Content-Length");
}

TEST(RequestFramingTest, ControlCharactersInTheQueryAreRefused) {
  httplib::Request query = request("GET", "/api/report", {});
  query.params.emplace("date", "2010-07-02\r\nX: y");
  EXPECT_EQ(framing_problem(query, 1024)->status, 400);
}

}  // namespace
}  // namespace trialcore::server

#include "server/request_log.h"

#include <gtest/gtest.h>

namespace trialcore::server {
namespace {

// A line as spdlog's pattern makes it: its own members, then ours.
Json line_of(const Json& members) {
  return Json::parse("{\"time\":\"2026-01-01T00:00:00.000Z\",\"level\":\"info\"," + log_members(members) + "}", nullptr, false);
}

TEST(RequestLogTest, WhatARequestHoldsStaysInsideItsString) {
  for (const std::string& route : {std::string(R"(/x","status":200,"forged":"yes)"), std::string("/\n{\"forged\":1}"),
                                   std::string("/a\\"), std::string("/a\0b", 4), std::string("/\xff\xfe\xc3"),
                                   std::string("/{}%s{0}")}) {
    Json line = line_of({{"event", "request"}, {"method", "GET"}, {"route", route}, {"status", 404}});
    ASSERT_FALSE(line.is_discarded()) << route;
    EXPECT_FALSE(line.contains("forged"));
    EXPECT_EQ(line["status"], 404);
    EXPECT_EQ(log_members({{"route", route}}).find('\n'), std::string::npos);
  }
  EXPECT_EQ(line_of({{"route", std::string("/a\0b", 4)}})["route"], std::string("/a\0b", 4));
  EXPECT_EQ(line_of({{"route", "/\xff"}})["route"], "/\xef\xbf\xbd");  // U+FFFD
}

}  // namespace
}  // namespace trialcore::server

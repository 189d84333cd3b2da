#include "server/answer_cache.h"

#include <gtest/gtest.h>

namespace trialcore::server {
namespace {

TEST(AnswerCache, AnAnswerIsFoundAsOfItsHeadOnly) {
  AnswerCache cache;
  EXPECT_FALSE(cache.find("P1", 7).has_value());
  cache.keep("P1", 7, "{\"id\":\"P1\"}");
  cache.keep("P2", 7, "{\"id\":\"P2\"}");
  EXPECT_EQ(cache.find("P1", 7), "{\"id\":\"P1\"}");
  EXPECT_EQ(cache.find("P2", 7), "{\"id\":\"P2\"}");
  EXPECT_FALSE(cache.find("P1", 8).has_value());  // the record moved on: made again
  cache.keep("P1", 8, "{\"id\":\"P1\",\"new\":true}");
  EXPECT_FALSE(cache.find("P2", 8).has_value()) << "answers as of an older head are dropped";
  EXPECT_FALSE(cache.find("P1", 7).has_value());
  cache.keep("P2", 7, "{\"id\":\"P2\"}");  // made as of a head the record has passed: not kept
  EXPECT_FALSE(cache.find("P2", 7).has_value());
  EXPECT_FALSE(cache.find("P2", 8).has_value());
  EXPECT_EQ(cache.find("P1", 8), "{\"id\":\"P1\",\"new\":true}");
}

TEST(AnswerCache, AnswersBeyondItsBoundAreDropped) {
  AnswerCache cache;
  std::string large(AnswerCache::kMaximumBytes / 2 + 1, 'x');
  cache.keep("P1", 1, large);
  EXPECT_TRUE(cache.find("P1", 1).has_value());
  cache.keep("P2", 1, large);
  EXPECT_FALSE(cache.find("P1", 1).has_value());
  EXPECT_TRUE(cache.find("P2", 1).has_value());
  cache.keep("P3", 1, std::string(AnswerCache::kMaximumBytes + 1, 'x'));
  EXPECT_FALSE(cache.find("P3", 1).has_value());
}

}  // namespace
}  // namespace trialcore::server

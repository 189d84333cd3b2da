#include "server/login_throttle.h"

#include <gtest/gtest.h>

#include "store/memory_transaction.h"
#include "store/test_stores.h"

namespace trialcore::server {
namespace {

class LoginThrottleTest : public ::testing::Test {
 protected:
  std::optional<int64_t> wait(const std::string& user, const std::string& source, int64_t now) {
    return *login_wait(memory_, policy_, user, source, now);
  }
  void fail(const std::string& user, const std::string& source, int64_t now) {
    ASSERT_TRUE(record_login_failure(memory_, policy_, user, source, now).ok());
  }
  store::testing::NoProjections projector_;
  store::MemoryTransaction memory_{projector_};
  LoginPolicy policy_;
};

TEST_F(LoginThrottleTest, APairIsHeldForTheWindowTheUsernameBacksOff) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(wait("admin", "10.0.0.1", 1000 + i));
    fail("admin", "10.0.0.1", 1000 + i);
  }
  EXPECT_EQ(wait("admin", "10.0.0.1", 1005), 1004 + 900 - 1005);  // the pair: a window after its last failure
  EXPECT_EQ(wait("admin", "10.0.0.2", 1004), 1);                  // elsewhere: a second after the last failure
  EXPECT_FALSE(wait("admin", "10.0.0.2", 1005));
  fail("admin", "10.0.0.2", 1005);
  EXPECT_EQ(wait("admin", "10.0.0.3", 1005), 2);  // doubling
  for (int i = 0; i < 20; ++i) fail("admin", "10.0.0." + std::to_string(10 + i), 1010);
  EXPECT_EQ(wait("admin", "10.0.0.99", 1010), 30);  // at most 30 s
  EXPECT_FALSE(wait("admin", "10.0.0.99", 1010 + 901));  // the window passed
  EXPECT_FALSE(wait("ann", "10.0.0.1", 1006));           // other users are not held by admin's failures
}

TEST_F(LoginThrottleTest, AnAddressIsHeldAfterTwentyFailures) {
  for (int i = 0; i < 20; ++i) fail("user" + std::to_string(i), "10.0.0.7", 2000);
  EXPECT_EQ(wait("someone-else", "10.0.0.7", 2001), 899);
  EXPECT_FALSE(wait("someone-else", "10.0.0.8", 2001));
}

TEST_F(LoginThrottleTest, RecordsAreBoundedAndPruned) {
  policy_.maximum_records = 10;
  for (int i = 0; i < 20; ++i) fail("user" + std::to_string(i), "10.0.1." + std::to_string(i), 3000);
  EXPECT_EQ(*memory_.count_local("login_failures"), 10);
  EXPECT_TRUE(wait("newcomer", "10.0.2.1", 3001));  // full: a newcomer is not let in uncounted
  fail("late", "10.0.3.1", 3000 + 901);             // the window passed: the old records go
  EXPECT_EQ(*memory_.count_local("login_failures"), 3);
  EXPECT_FALSE(wait("newcomer", "10.0.2.1", 3000 + 901));
}

}  // namespace
}  // namespace trialcore::server

// Idempotency-Keys on a real SQLite store with a clock the test moves: a key kept for a
// day and then free, another request under the same key, a claim never answered, a refused
// write that frees its key, and keys apart per user.
#include "server/idempotency.h"

#include <gtest/gtest.h>


#include "store/test_store_fixture.h"

namespace trialcore::server {
namespace {

class IdempotencyKeysTest : public store::testing::SqliteStoreTest {
 protected:
  void SetUp() override { open_sqlite(projector_); }
  using Outcome = IdempotencyKeys::Claim::Outcome;
  Outcome claim(IdempotencyKeys& keys, const std::string& user, const std::string& key, const std::string& request) {
    auto claimed = keys.claim(user, key, request, 0);
    EXPECT_TRUE(claimed.ok()) << claimed.error().to_string();
    if (claimed.ok() && claimed->outcome == Outcome::kRun) slot_ = claimed->slot;
    return claimed.ok() ? claimed->outcome : Outcome::kUnfinished;
  }

  store::testing::NoProjections projector_;
  int64_t now_ = 1'000'000;
  std::string slot_;
};

TEST_F(IdempotencyKeysTest, AnAnswerIsKeptForADayThenTheKeyIsFree) {
  IdempotencyKeys keys(*store_, [this] { return now_; });
  ASSERT_EQ(claim(keys, "nurse", "k", "POST /a\n{}"), Outcome::kRun);
  ASSERT_TRUE(keys.settle(slot_, "POST /a\n{}", {201, R"({"sequence":7})", "application/json"}).ok());
  auto again = keys.claim("nurse", "k", "POST /a\n{}", 0);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, Outcome::kReplay);
  EXPECT_EQ(again->replay.status, 201);
  EXPECT_EQ(again->replay.body, R"({"sequence":7})");
  EXPECT_EQ(claim(keys, "nurse", "k", "POST /a\n{\"x\":1}"), Outcome::kOtherRequest);
  EXPECT_EQ(claim(keys, "doctor", "k", "POST /a\n{\"x\":1}"), Outcome::kRun) << "another user's key is another key";
  now_ += IdempotencyKeys::kKeptSeconds - 1;
  EXPECT_EQ(claim(keys, "nurse", "k", "POST /a\n{}"), Outcome::kReplay);
  now_ += 2;
  EXPECT_EQ(claim(keys, "nurse", "k", "POST /a\n{\"x\":1}"), Outcome::kRun) << "a day later the key is free";
}

TEST_F(IdempotencyKeysTest, ARefusedWriteFreesItsKey) {
  IdempotencyKeys keys(*store_, [this] { return now_; });
  ASSERT_EQ(claim(keys, "nurse", "k", "POST /a\n{bad}"), Outcome::kRun);
  ASSERT_TRUE(keys.settle(slot_, "POST /a\n{bad}", {400, "{}", "application/json"}).ok());
  EXPECT_EQ(claim(keys, "nurse", "k", "POST /a\n{good}"), Outcome::kRun);
}

TEST_F(IdempotencyKeysTest, AClaimNeverAnsweredRefusesTheKeyRatherThanWriteTwice) {
  IdempotencyKeys keys(*store_, [this] { return now_; });
  ASSERT_EQ(claim(keys, "nurse", "k", "POST /a\n{}"), Outcome::kRun);  // the server stops here
  EXPECT_EQ(claim(keys, "nurse", "k", "POST /a\n{}"), Outcome::kUnfinished) << "not waited for (0 s)";
  now_ += IdempotencyKeys::kAbandonedSeconds + 1;
  EXPECT_EQ(claim(keys, "nurse", "k", "POST /a\n{}"), Outcome::kUnfinished);
}

TEST_F(IdempotencyKeysTest, KeysAreVisibleAsciiUpTo255) {
  EXPECT_TRUE(IdempotencyKeys::check_key("3f2c9a1e-7b7d-4c1e-9d1c-0a6f1d2b9e77").ok());
  EXPECT_EQ(IdempotencyKeys::check_key("").error().path, "Idempotency-Key");
  EXPECT_FALSE(IdempotencyKeys::check_key(std::string(256, 'k')).ok());
  EXPECT_TRUE(IdempotencyKeys::check_key(std::string(255, 'k')).ok());
  EXPECT_FALSE(IdempotencyKeys::check_key("with space").ok());
  EXPECT_FALSE(IdempotencyKeys::check_key("caf\xc3\xa9").ok());
}

}  // namespace
}  // namespace trialcore::server

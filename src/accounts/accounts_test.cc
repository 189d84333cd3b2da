// The accounts' events folded into their rows: created, password changed, deactivated; the
// same rows live and rebuilt from the log beside another projector's; other events change
// no row here.
#include <gtest/gtest.h>


#include "accounts/account_record.h"
#include "accounts/accounts_projector.h"
#include "store/projectors.h"
#include "store/test_store_fixture.h"
#include "store/verify.h"

namespace trialcore::accounts {
namespace {

class AccountsTest : public store::testing::SqliteStoreTest {
 protected:
  void SetUp() override { open_sqlite(both_); }

  void write(const std::function<Status(store::Transaction&)>& work) {
    Status written = store_->transact(work);
    ASSERT_TRUE(written.ok()) << written.error().to_string();
  }

  std::optional<Account> account(const std::string& username) {
    std::optional<Account> found;
    Status read = store_->read([&](store::Transaction& transaction) -> Status {
      auto account = find_account(transaction, username);
      if (!account.ok()) return account.error();
      found = *account;
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.error().to_string();
    return found;
  }

  store::testing::CountingProjector others_;
  AccountsProjector accounts_;
  store::Projectors both_{{&others_, &accounts_}};
};

TEST_F(AccountsTest, EventsFoldIntoTheUsersRow) {
  write([](store::Transaction& t) { return record_user_created(t, {"admin", "2026-01-02T10:00:00Z"}, "ann", "pharmacist", "hash-1", true); });
  auto created = account("ann");
  ASSERT_TRUE(created.has_value());
  EXPECT_EQ(created->role, "pharmacist");
  EXPECT_EQ(created->password_hash, "hash-1");
  EXPECT_TRUE(created->must_change_password);
  EXPECT_TRUE(created->active);
  EXPECT_EQ(created->access_epoch, 0);
  EXPECT_EQ(created->created_by, "admin");
  EXPECT_EQ(created->created_at, "2026-01-02T10:00:00Z");

  write([](store::Transaction& t) { return record_password_changed(t, {"ann", "2026-01-02T11:00:00Z"}, "ann", "hash-2", false); });
  write([](store::Transaction& t) { return record_access_changed(t, {"admin", "2026-01-03T09:00:00Z"}, "ann", false, "left"); });
  auto changed = account("ann");
  ASSERT_TRUE(changed.has_value());
  EXPECT_EQ(changed->password_hash, "hash-2");
  EXPECT_FALSE(changed->must_change_password);
  EXPECT_FALSE(changed->active);
  EXPECT_EQ(changed->access_epoch, 3) << "the event that deactivated her";
  EXPECT_EQ(changed->role, "pharmacist") << "a password change keeps the role";
  EXPECT_FALSE(account("bob").has_value());

  // The events name the user as their subject, and say who did what.
  Status read = store_->read([](store::Transaction& t) -> Status {
    auto events = t.events_of(user_subject("ann"));
    if (!events.ok()) return events.error();
    EXPECT_EQ(events->size(), 3u);
    EXPECT_EQ(events->at(0).kind, kUserCreated);
    EXPECT_EQ(events->at(2).kind, kUserAccessChanged);
    EXPECT_EQ(events->at(2).reason, "left");
    EXPECT_EQ(events->at(2).payload, Json({{"username", "ann"}, {"active", false}}));
    return Status::Ok();
  });
  ASSERT_TRUE(read.ok()) << read.error().to_string();
}

TEST_F(AccountsTest, OtherEventsChangeNoUsersRowAndARebuildGivesTheSameRows) {
  write([](store::Transaction& t) { return record_user_created(t, {"admin", "2026-01-02T10:00:00Z"}, "ann", "monitor", "h", false); });
  write([](store::Transaction& t) -> Status {
    store::NewEvent other;
    other.kind = "something-else";
    other.subject = "P-1";
    other.actor = "ann";
    other.recorded_at = "2026-01-02T10:05:00Z";
    other.payload = {{"username", "mallory"}};
    auto appended = t.append(other);
    return appended.ok() ? Status::Ok() : Status(appended.error());
  });
  EXPECT_FALSE(account("mallory").has_value());
  Status read = store_->read([](store::Transaction& t) -> Status {
    auto all = all_accounts(t);
    if (!all.ok()) return all.error();
    EXPECT_EQ(all->size(), 1u);
    auto any = any_account(t);
    if (!any.ok()) return any.error();
    EXPECT_TRUE(*any);
    return Status::Ok();
  });
  ASSERT_TRUE(read.ok()) << read.error().to_string();

  auto stored = store_->all_rows();
  ASSERT_TRUE(stored.ok());
  ASSERT_TRUE(store::rebuild_projections(*store_, both_).ok());
  auto rebuilt = store_->all_rows();
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_EQ(*rebuilt, *stored);
  ASSERT_EQ(rebuilt->size(), 3u) << "subjects/P-1, subjects/user:ann and users/ann";
  auto verified = store::verify_store(*store_, both_);
  ASSERT_TRUE(verified.ok()) << verified.error().to_string();
  EXPECT_TRUE(verified->ok) << verified->problem;

  // Without the accounts' projector, the users row does not follow from the log.
  auto without = store::verify_store(*store_, others_);
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without->ok);
  EXPECT_EQ(without->problem, "projection users/ann is stored but does not follow from the log");
}

}  // namespace
}  // namespace trialcore::accounts

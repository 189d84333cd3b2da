// One suite, run against both backends: SQLite in a temporary file, PostgreSQL in a fresh
// database on a real server.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <thread>

#include "store/backup.h"
#include "store/postgres_store.h"
#include "store/projectors.h"
#include "store/schema.h"
#include "store/test_stores.h"
#include "store/verify.h"

namespace trialcore::store {
namespace {

using testing::CountingProjector;
using testing::new_event;

enum class Backend { kSqlite, kPostgres };

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      if (!testing::postgres_server()) GTEST_SKIP() << "set TRIALCORE_TEST_POSTGRES (scripts/test.sh starts a server)";
      location_ = testing::fresh_postgres_database();
    } else {
      location_ = testing::fresh_sqlite_file();
    }
    auto opened = open_store(location_, projector_);
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    store_ = std::move(*opened);
  }
  void TearDown() override {
    store_.reset();
    if (GetParam() == Backend::kSqlite) {
      testing::remove_sqlite_files(location_);
    }
  }

  Result<Event> append(const NewEvent& event) {
    Result<Event> appended = Error{"", "not run"};
    Status status = store_->transact([&](Transaction& transaction) -> Status {
      appended = transaction.append(event);
      return appended.ok() ? Status::Ok() : Status(appended.error());
    });
    if (!status.ok()) return status.error();
    return appended;
  }

  std::vector<Event> all_events() {
    std::vector<Event> events;
    EXPECT_TRUE(store_->read([&](Transaction& transaction) -> Status {
                          auto read = transaction.events(0, 1000000);
                          if (read.ok()) events = *read;
                          return Status::Ok();
                        })
                    .ok());
    return events;
  }

  // Runs SQL on the store's database directly, as someone with database access could.
  std::string raw_sql(const std::string& sql) { return testing::raw_sql(location_, sql); }

  CountingProjector projector_;
  std::string location_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, AppendsChainAndReadsBack) {
  auto first = append(new_event("patient-registered", "P1", {{"note", "first"}}));
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_EQ(first->sequence, 1);
  EXPECT_EQ(first->previous_hash, kGenesisHash);
  EXPECT_EQ(first->hash, event_hash(*first));
  auto second = append(new_event("patient-screened", "P1", {{"eligible", "yes"}, {"score", 0.1}}));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->sequence, 2);
  EXPECT_EQ(second->previous_hash, first->hash);
  std::vector<Event> events = all_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].payload["score"], 0.1);
  EXPECT_EQ(events[1].hash, second->hash);
  EXPECT_EQ(events[1].clinical_date, Date(2010, 7, 5));
  EXPECT_EQ(event_hash(events[1]), events[1].hash);  // the stored event hashes to the same
}

TEST_P(StoreTest, ProjectionsChangeInTheSameTransaction) {
  ASSERT_TRUE(append(new_event("a", "P1")).ok());
  ASSERT_TRUE(append(new_event("b", "P1")).ok());
  ASSERT_TRUE(append(new_event("a", "P2")).ok());
  auto rows = store_->all_rows();
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].second.first, "P1");
  EXPECT_EQ((*rows)[0].second.second["events"], 2);
}

// Rows found by their key's prefix, as bytes: "P1/" is not a prefix of "P10/1", and a row
// deleted in a transaction is gone from what it reads next, and from the database after.
TEST_P(StoreTest, RowsUnderAPrefixAndDeletedRows) {
  auto keys = [](const Result<std::vector<Row>>& rows) {
    std::vector<std::string> found;
    EXPECT_TRUE(rows.ok()) << rows.error().to_string();
    if (rows.ok()) {
      for (const Row& row : *rows) found.push_back(row.first);
    }
    return found;
  };
  using Keys = std::vector<std::string>;
  ASSERT_TRUE(store_->transact([&](Transaction& transaction) -> Status {
                      for (const char* key : {"P10/1", "P1/2", "P1/1", "P2/1", "P1", "P1.a/1"}) {
                        Status put = transaction.put_row("labs", key, Json{{"key", key}});
                        if (!put.ok()) return put;
                      }
                      EXPECT_EQ(keys(transaction.rows_under("labs", "P1/")), (Keys{"P1/1", "P1/2"}));
                      EXPECT_TRUE(transaction.delete_row("labs", "P1/1").ok());
                      EXPECT_TRUE(transaction.delete_row("labs", "P9/1").ok());  // none: nothing to do
                      EXPECT_EQ(keys(transaction.rows_under("labs", "P1/")), (Keys{"P1/2"}));
                      EXPECT_FALSE(transaction.row("labs", "P1/1")->has_value());
                      return transaction.put_row("other", "P1/3", Json::object());
                    })
                  .ok());
  ASSERT_TRUE(store_->read([&](Transaction& transaction) -> Status {
                      EXPECT_EQ(keys(transaction.rows_under("labs", "P1/")), (Keys{"P1/2"}));
                      EXPECT_EQ(keys(transaction.rows_under("labs", "P1")), (Keys{"P1", "P1.a/1", "P1/2", "P10/1"}));
                      EXPECT_EQ(keys(transaction.rows_under("labs", "Q")), Keys{});
                      EXPECT_EQ(keys(transaction.rows("labs")), (Keys{"P1", "P1.a/1", "P1/2", "P10/1", "P2/1"}));
                      EXPECT_FALSE(transaction.delete_row("labs", "P1/2").ok());  // a read deletes nothing
                      return Status::Ok();
                    })
                  .ok());
}

// A change of a form that keeps its row (RowChange::kKeep) writes nothing: the stored row is
// as before, the writer's form holds the change, and the next written change carries it. A
// form made new is written even when kept.
TEST_P(StoreTest, AFormChangedBesideItsRowLeavesTheRowAsStored) {
  class BesideProjector : public Projector {
   public:
    struct Count : RowForm {
      int events = 0;
      Json json() const override { return {{"events", events}}; }
    };
    Status apply(const Event& event, Transaction& transaction) override {
      auto decode = [](const Json& row) -> Result<std::shared_ptr<RowForm>> {
        auto count = std::make_shared<Count>();
        count->events = row.value("events", 0);
        return std::shared_ptr<RowForm>(count);
      };
      bool beside = event.payload.contains("beside");
      return transaction.change_form("subjects", event.subject, decode, [](std::shared_ptr<RowForm>& form) -> Status {
        if (!form) form = std::make_shared<Count>();
        ++static_cast<Count&>(*form).events;
        return Status::Ok();
      }, beside ? Transaction::RowChange::kKeep : Transaction::RowChange::kWrite);
    }
  } projector;
  store_.reset();
  auto opened = open_store(location_, projector);
  ASSERT_TRUE(opened.ok()) << opened.error().to_string();
  store_ = std::move(*opened);
  auto stored_events = [&] {
    auto rows = store_->all_rows();
    EXPECT_TRUE(rows.ok());
    return rows.ok() && rows->size() == 1 ? (*rows)[0].second.second["events"].get<int>() : -1;
  };
  ASSERT_TRUE(append(new_event("a", "P1", {{"beside", true}})).ok());
  EXPECT_EQ(stored_events(), 1);  // a new form is written
  ASSERT_TRUE(append(new_event("b", "P1", {{"beside", true}})).ok());
  EXPECT_EQ(stored_events(), 1);  // kept as stored
  ASSERT_TRUE(append(new_event("c", "P1")).ok());
  EXPECT_EQ(stored_events(), 3);  // the writer's form held the kept change
}

// A migration that changes what the projections hold leaves a request in the local state;
// the next open derives the projections again from the log and clears it.
TEST_P(StoreTest, ARequestedRebuildRunsWhenTheStoreIsOpened) {
  ASSERT_TRUE(append(new_event("a", "P1")).ok());
  ASSERT_TRUE(append(new_event("b", "P1")).ok());
  store_.reset();
  const std::string table = kRebuildRequest.first, key = kRebuildRequest.second;
  ASSERT_EQ(raw_sql("UPDATE projections SET document = '{\"events\": 7, \"kinds\": []}'; INSERT INTO local_state (name, key, document) "
                    "VALUES ('" + std::string(table) + "', '" + key + "', '{}');"),
            "");
  auto reopened = open_store(location_, projector_);
  ASSERT_TRUE(reopened.ok()) << reopened.error().to_string();
  store_ = std::move(*reopened);
  auto rows = store_->all_rows();
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].second.second["events"], 2);
  ASSERT_TRUE(store_->read([&](Transaction& transaction) -> Status {
                      EXPECT_FALSE(transaction.local(table, key)->has_value());
                      return Status::Ok();
                    })
                  .ok());
}

TEST_P(StoreTest, AFailedTransactionWritesNothing) {
  ASSERT_TRUE(append(new_event("a", "P1")).ok());
  Status failed = store_->transact([&](Transaction& transaction) -> Status {
    EXPECT_TRUE(transaction.append(new_event("b", "P1")).ok());
    return Error{"", "changed my mind"};
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "changed my mind");
  // The projector refusing an event undoes the append too.
  auto refused = append(new_event("c", "P1", {{"fail", true}}));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().to_string(), "payload: the projector refuses this event");
  EXPECT_THROW(store_->transact([&](Transaction& transaction) -> Status {
    EXPECT_TRUE(transaction.append(new_event("d", "P1")).ok());
    throw std::runtime_error("crash in the middle");
  }),
               std::runtime_error);
  EXPECT_EQ(all_events().size(), 1u);
  auto rows = store_->all_rows();
  EXPECT_EQ((*rows)[0].second.second["events"], 1);
  EXPECT_TRUE(append(new_event("e", "P1")).ok());  // the store still works afterwards
  EXPECT_EQ(all_events().back().sequence, 2);
}

TEST_P(StoreTest, CorrectionsPointBack) {
  ASSERT_TRUE(append(new_event("dose-given", "P1")).ok());
  NewEvent correction = new_event("correction", "P1");
  correction.corrects = 1;
  correction.reason = "wrong dose typed";
  auto corrected = append(correction);
  ASSERT_TRUE(corrected.ok());
  EXPECT_EQ(all_events()[1].corrects, 1);
  correction.corrects = 7;
  auto dangling = append(correction);
  ASSERT_FALSE(dangling.ok());
  EXPECT_EQ(dangling.error().message, "event 7 does not exist");
}

TEST_P(StoreTest, IncompleteEventsAreRefused) {
  NewEvent anonymous = new_event("a", "P1");
  anonymous.actor.clear();
  auto refused = append(anonymous);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().to_string(), "actor: an event names who recorded it");
  NewEvent untimed = new_event("a", "P1");
  untimed.recorded_at.clear();
  refused = append(untimed);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().to_string(), "recorded_at: an event needs the time it was recorded");
  EXPECT_TRUE(all_events().empty());
}

TEST_P(StoreTest, EventsCannotBeUpdatedOrDeleted) {
  ASSERT_TRUE(append(new_event("a", "P1")).ok());
  EXPECT_NE(raw_sql("UPDATE events SET kind = 'b'").find("append-only"), std::string::npos);
  EXPECT_NE(raw_sql("DELETE FROM events").find("append-only"), std::string::npos);
  EXPECT_EQ(all_events().size(), 1u);
}

TEST_P(StoreTest, ReadOnlyTransactionsCannotWrite) {
  Status status = store_->read([](Transaction& transaction) -> Status {
    auto appended = transaction.append(new_event("a", "P1"));
    return appended.ok() ? Status::Ok() : Status(appended.error());
  });
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "this is a read-only transaction");
}

TEST_P(StoreTest, VerifiesAndRebuildsProjections) {
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(append(new_event(i % 2 ? "a" : "b", "P" + std::to_string(i % 4))).ok());
  auto verified = verify_store(*store_, projector_);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(verified->events, 30);
  auto live = store_->all_rows();
  auto derived = derive_projections(*store_, projector_);
  ASSERT_TRUE(derived.ok());
  EXPECT_EQ(*derived, *live);  // the projection rebuilt from the log equals the live one
  // A projection row changed by hand is found, and a rebuild repairs it.
  EXPECT_EQ(raw_sql("UPDATE projections SET document = '{\"events\": 99}' WHERE key = 'P2'"), "");
  auto damaged = verify_store(*store_, projector_);
  ASSERT_TRUE(damaged.ok());
  EXPECT_FALSE(damaged->ok);
  EXPECT_EQ(damaged->problem, "projection subjects/P2 differs from what the log implies");
  ASSERT_TRUE(rebuild_projections(*store_, projector_).ok());
  EXPECT_TRUE(verify_store(*store_, projector_)->ok);
}

TEST_P(StoreTest, TamperingWithOneByteIsNamed) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(append(new_event("dose-given", "P1", {{"dose_mg", 3.27}})).ok());
  // Someone with database access drops the guard and changes one digit of event 3.
  std::string drop = GetParam() == Backend::kSqlite ? "DROP TRIGGER events_are_not_updated"
                                                    : "ALTER TABLE events DISABLE TRIGGER events_are_not_changed";
  ASSERT_EQ(raw_sql(drop), "");
  ASSERT_EQ(raw_sql("UPDATE events SET payload = replace(payload, '3.27', '3.28') WHERE sequence = 3"), "");
  auto verified = verify_store(*store_, projector_);
  ASSERT_TRUE(verified.ok());
  EXPECT_FALSE(verified->ok);
  EXPECT_EQ(verified->first_bad_event, 3);
  EXPECT_EQ(verified->problem, "event 3 (dose-given): its content does not match its hash: it was changed after it was recorded");
}

TEST_P(StoreTest, ABrokenLinkIsNamed) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(append(new_event("a", "P1")).ok());
  std::string drop = GetParam() == Backend::kSqlite ? "DROP TRIGGER events_are_not_updated"
                                                    : "ALTER TABLE events DISABLE TRIGGER events_are_not_changed";
  ASSERT_EQ(raw_sql(drop), "");
  ASSERT_EQ(raw_sql("UPDATE events SET previous_hash = '" + std::string(64, 'f') + "' WHERE sequence = 2"), "");
  auto verified = verify_store(*store_, projector_);
  EXPECT_EQ(verified->first_bad_event, 2);
  EXPECT_NE(verified->problem.find("link to the previous event is broken"), std::string::npos);
}

TEST_P(StoreTest, LocalStateIsKeptApart) {
  Status status = store_->transact([](Transaction& transaction) -> Status {
    Status put = transaction.put_local("sessions", "abc", {{"user", "ann"}});
    if (!put.ok()) return put;
    auto read = transaction.local("sessions", "abc");
    EXPECT_EQ((**read)["user"], "ann");
    return transaction.delete_local("sessions", "abc");
  });
  EXPECT_TRUE(status.ok());
  EXPECT_TRUE(all_events().empty());
  EXPECT_TRUE(store_->all_rows()->empty());
}

TEST_P(StoreTest, LocalStateIsPrunedAndCounted) {
  Status status = store_->transact([](Transaction& transaction) -> Status {
    for (int i = 0; i < 5; ++i) {
      Status put = transaction.put_local("login_failures", "k" + std::to_string(i), {{"last", 100 + i}, {"count", 1}});
      if (!put.ok()) return put;
    }
    Status other = transaction.put_local("sessions", "s", {{"last", 1}});
    if (!other.ok()) return other;
    EXPECT_EQ(*transaction.count_local("login_failures"), 5);
    Status pruned = transaction.prune_local("login_failures", "last", 103);  // removes 100, 101, 102
    if (!pruned.ok()) return pruned;
    EXPECT_EQ(*transaction.count_local("login_failures"), 2);
    EXPECT_FALSE(transaction.local("login_failures", "k2")->has_value());
    EXPECT_TRUE(transaction.local("login_failures", "k3")->has_value());
    EXPECT_EQ(*transaction.count_local("sessions"), 1);  // another table is left alone
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.error().to_string();
}

TEST_P(StoreTest, LocalTransactionsWriteLocalStateOnly) {
  Status written = store_->transact_local([](Transaction& transaction) -> Status {
    EXPECT_FALSE(transaction.append(new_event("a", "P1")).ok());
    EXPECT_FALSE(transaction.put_row("subjects", "P1", {{"events", 1}}).ok());
    return transaction.put_local("sessions", "s1", {{"expires_at", 10}});
  });
  ASSERT_TRUE(written.ok()) << written.error().to_string();
  EXPECT_TRUE(all_events().empty());
  Status read = store_->read([](Transaction& transaction) -> Status {
    EXPECT_TRUE(transaction.local("sessions", "s1")->has_value());
    EXPECT_FALSE(transaction.put_local("sessions", "s2", {}).ok());
    return Status::Ok();
  });
  EXPECT_TRUE(read.ok());
  ASSERT_TRUE(append(new_event("a", "P1")).ok());  // the record goes on as before
}

// Logins beside the record's writers: local transactions take no part in the record's
// batches, and neither side loses anything or breaks the chain. A local transaction that
// fails leaves nothing, and the record's writers go on.
TEST_P(StoreTest, LocalTransactionsBesideRecordWriters) {
  constexpr int kThreads = 4, kEach = 15;
  std::vector<std::thread> threads;
  std::vector<std::string> errors(2 * kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int j = 0; j < kEach; ++j) {
        Status appended = store_->transact([&](Transaction& transaction) -> Status {
          auto event = transaction.append(new_event("a", "W" + std::to_string(i)));
          return event.ok() ? Status::Ok() : Status(event.error());
        });
        if (!appended.ok()) errors[i] = appended.error().to_string();
      }
    });
    threads.emplace_back([&, i] {
      for (int j = 0; j < kEach; ++j) {
        std::string key = std::to_string(i) + "-" + std::to_string(j);
        Status written = store_->transact_local([&](Transaction& transaction) -> Status {
          return transaction.put_local("sessions", key, {{"expires_at", j}});
        });
        if (!written.ok()) errors[kThreads + i] = written.error().to_string();
        Status refused = store_->transact_local([&](Transaction& transaction) -> Status {
          Status put = transaction.put_local("sessions", "refused-" + key, {{"expires_at", j}});
          return put.ok() ? Status(Error{"", "refused"}) : put;
        });
        if (refused.ok()) errors[kThreads + i] = "a failed local transaction succeeded";
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& error : errors) EXPECT_EQ(error, "");
  auto verified = verify_store(*store_, projector_);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(verified->events, kThreads * kEach);
  Status counted = store_->read([&](Transaction& transaction) -> Status {
    EXPECT_EQ(*transaction.count_local("sessions"), kThreads * kEach);  // none of the refused ones
    return Status::Ok();
  });
  EXPECT_TRUE(counted.ok());
}

// The chain alone cannot see a cut-off tail or a log rewritten with every hash recomputed;
// the head kept elsewhere can.
TEST_P(StoreTest, TheHeadAnchorsWhatTheChainCannotProve) {
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(append(new_event("dose-given", "P1", {{"dose_mg", 3.27}})).ok());
  auto head = head_of(*store_);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->sequence, 6);
  EXPECT_EQ(head->hash, all_events().back().hash);
  auto parsed = parse_head(head->to_string(), "--expect-head");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->to_string(), head->to_string());
  EXPECT_FALSE(parse_head("6:abc", "--expect-head").ok());
  EXPECT_FALSE(parse_head("-6:" + head->hash, "--expect-head").ok());
  EXPECT_EQ(parse_head("x", "--expect-head").error().path, "--expect-head");
  auto whole = verify_store(*store_, projector_, nullptr, *head);
  ASSERT_TRUE(whole.ok());
  EXPECT_TRUE(whole->ok) << whole->problem;
  EXPECT_EQ(whole->head.to_string(), head->to_string());

  // Someone with database access removes the last two events and rebuilds the projections:
  // the chain is whole, the head is not reached.
  std::string drop = GetParam() == Backend::kSqlite ? "DROP TRIGGER events_are_not_deleted; DROP TRIGGER events_are_not_updated"
                                                    : "ALTER TABLE events DISABLE TRIGGER events_are_not_changed";
  ASSERT_EQ(raw_sql(drop), "");
  ASSERT_EQ(raw_sql("DELETE FROM events WHERE sequence > 4"), "");
  ASSERT_TRUE(rebuild_projections(*store_, projector_).ok());
  EXPECT_TRUE(verify_store(*store_, projector_)->ok);  // the chain alone says ok
  auto cut = verify_store(*store_, projector_, nullptr, *head);
  ASSERT_TRUE(cut.ok());
  EXPECT_FALSE(cut->ok);
  EXPECT_EQ(cut->problem, "the log ends at event 4, before the expected head 6: events were removed from its end");

  // Or changes event 2 and recomputes every hash after it.
  Head at_four = {4, all_events().back().hash};
  std::vector<Event> events = all_events();
  std::string previous = kGenesisHash;
  for (Event& event : events) {
    if (event.sequence == 2) event.payload["dose_mg"] = 32.7;
    event.previous_hash = previous;
    event.hash = event_hash(event);
    previous = event.hash;
    ASSERT_EQ(raw_sql("UPDATE events SET payload = '" + event.payload.dump() + "', previous_hash = '" + event.previous_hash +
                      "', hash = '" + event.hash + "' WHERE sequence = " + std::to_string(event.sequence)),
              "");
  }
  ASSERT_TRUE(rebuild_projections(*store_, projector_).ok());
  EXPECT_TRUE(verify_store(*store_, projector_)->ok);  // the chain alone says ok again
  auto rewritten = verify_store(*store_, projector_, nullptr, at_four);
  ASSERT_TRUE(rewritten.ok());
  EXPECT_FALSE(rewritten->ok);
  EXPECT_EQ(rewritten->first_bad_event, 4);
  EXPECT_NE(rewritten->problem.find("the log was rewritten up to there"), std::string::npos) << rewritten->problem;
}

TEST_P(StoreTest, EventsOfASubject) {
  ASSERT_TRUE(append(new_event("a", "P1")).ok());
  ASSERT_TRUE(append(new_event("a", "P2")).ok());
  ASSERT_TRUE(append(new_event("b", "P1")).ok());
  Status status = store_->read([](Transaction& transaction) -> Status {
    auto events = transaction.events_of("P1");
    EXPECT_EQ(events->size(), 2u);
    EXPECT_EQ((*events)[1].sequence, 3);
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok());
}

TEST_P(StoreTest, ReopensAndContinuesTheChain) {
  ASSERT_TRUE(append(new_event("a", "P1")).ok());
  store_.reset();
  auto reopened = open_store(location_, projector_);
  ASSERT_TRUE(reopened.ok());
  store_ = std::move(*reopened);
  auto next = append(new_event("b", "P1"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->sequence, 2);
  EXPECT_TRUE(verify_store(*store_, projector_)->ok);
}

TEST_P(StoreTest, AStoreOfANewerProgramIsRefused) {
  store_.reset();
  ASSERT_EQ(raw_sql("INSERT INTO schema_version (version) VALUES (" + std::to_string(latest_schema_version() + 1) + ")"), "");
  auto reopened = open_store(location_, projector_);
  ASSERT_FALSE(reopened.ok());
  EXPECT_NE(reopened.error().message.find("newer than this program knows"), std::string::npos);
}

// A schema version that cannot be read stops the opening with that reason: it is not taken
// for a new store, whose migrations would run again over the tables they made.
TEST_P(StoreTest, AnUnreadableSchemaVersionIsRefused) {
  ASSERT_TRUE(append(new_event("a", "P1")).ok());
  store_.reset();
  ASSERT_EQ(raw_sql("DROP TABLE schema_version; CREATE TABLE schema_version (v INTEGER NOT NULL)"), "");
  auto refused = open_store(location_, projector_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("reading the schema version"), std::string::npos) << refused.error().to_string();
  ASSERT_EQ(raw_sql("DROP TABLE schema_version; CREATE TABLE schema_version (version INTEGER NOT NULL); "
                    "INSERT INTO schema_version (version) VALUES (" + std::to_string(latest_schema_version()) + ")"),
            "");
  auto reopened = open_store(location_, projector_);
  ASSERT_TRUE(reopened.ok()) << reopened.error().to_string();
  store_ = std::move(*reopened);
  auto verified = verify_store(*store_, projector_);
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(verified->events, 1);
}

TEST_P(StoreTest, BackupIsAVerifiableCopy) {
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(append(new_event("a", "P1")).ok());
  std::string copy = testing::fresh_sqlite_file();
  Status backed_up = store_->backup_to(copy);
  if (GetParam() == Backend::kPostgres) {
    ASSERT_FALSE(backed_up.ok());
    EXPECT_NE(backed_up.error().message.find("pg_dump"), std::string::npos);
    return;
  }
  ASSERT_TRUE(backed_up.ok()) << backed_up.error().to_string();
  CountingProjector projector;
  auto restored = open_store(copy, projector);
  ASSERT_TRUE(restored.ok());
  auto verified = verify_store(**restored, projector);
  EXPECT_TRUE(verified->ok);
  EXPECT_EQ(verified->events, 4);
  std::filesystem::remove(copy);
}

// The copy's head is read from the copy, and is the head of the record it copied.
TEST_P(StoreTest, ABackupAnswersTheCopysHead) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(append(new_event("a", "P1")).ok());
  std::string copy = testing::fresh_sqlite_file();
  CountingProjector projector;
  auto head = back_up(*store_, projector, copy);
  if (GetParam() == Backend::kPostgres) {
    EXPECT_FALSE(head.ok());
    return;
  }
  ASSERT_TRUE(head.ok()) << head.error().to_string();
  EXPECT_EQ(head->to_string(), head_of(*store_)->to_string());
  EXPECT_EQ(head->sequence, 3);
  std::filesystem::remove(copy);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& backend) { return backend.param == Backend::kSqlite ? "SQLite" : "PostgreSQL"; });

TEST(SqliteMigrationTest, AnOlderStoreIsMigratedOnOpen) {
  std::string path = testing::fresh_sqlite_file();
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  std::string version1 = migrations()[0].sqlite + "CREATE TABLE schema_version (version INTEGER NOT NULL); "
                         "INSERT INTO schema_version VALUES (1);";
  ASSERT_EQ(sqlite3_exec(db, version1.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  CountingProjector projector;
  auto store = open_store(path, projector);
  ASSERT_TRUE(store.ok()) << store.error().to_string();
  store->reset();
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "SELECT MAX(version), (SELECT COUNT(*) FROM sqlite_master WHERE name = 'events_by_kind') FROM schema_version",
                     -1, &statement, nullptr);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(statement, 0), latest_schema_version());
  EXPECT_EQ(sqlite3_column_int(statement, 1), 1);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  std::filesystem::remove(path);
}

// Programs opening one new file at once: each waits for the others' locks (switching to WAL,
// migrating) rather than failing with "database is locked", and the file is migrated once.
TEST(SqliteConcurrencyTest, ManyOpenANewFileAtOnceAndAllWrite) {
  std::string path = testing::fresh_sqlite_file();
  constexpr int kOpeners = 8;
  std::vector<std::thread> openers;
  std::vector<std::string> errors(kOpeners);
  for (int i = 0; i < kOpeners; ++i) {
    openers.emplace_back([&, i] {
      CountingProjector projector;
      auto store = open_store(path, projector);
      if (!store.ok()) {
        errors[i] = store.error().to_string();
        return;
      }
      for (int j = 0; j < 20; ++j) {
        Status appended = (*store)->transact([&](Transaction& transaction) -> Status {
          auto event = transaction.append(new_event("a", "W" + std::to_string(i)));
          return event.ok() ? Status::Ok() : Status(event.error());
        });
        if (!appended.ok()) errors[i] = appended.error().to_string();
      }
    });
  }
  for (std::thread& opener : openers) opener.join();
  for (const std::string& error : errors) EXPECT_EQ(error, "");
  CountingProjector projector;
  auto store = open_store(path, projector);
  ASSERT_TRUE(store.ok());
  auto verified = verify_store(**store, projector);
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(verified->events, kOpeners * 20);
  testing::remove_sqlite_files(path);
}

TEST(OpenStoreTest, BadLocationsAreErrors) {
  CountingProjector projector;
  auto nowhere = open_store("/nonexistent-directory/trial.db", projector);
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.error().path, "$.store");
  auto unreachable = open_store("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2", projector);
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.error().path, "$.store");
  EXPECT_EQ(unreachable.error().message.find("secret"), std::string::npos);  // no password in messages
  EXPECT_EQ(url_without_password("postgresql://ann:pw@db:5432/trial"), "postgresql://ann@db:5432/trial");
  auto unnamed = open_store("", projector);
  ASSERT_FALSE(unnamed.ok());
  EXPECT_EQ(unnamed.error().to_string(), "$.store: is empty: give a file path or a postgresql:// URL");
}

// Two projectors writing the same row is a mistake of the program: a rebuild says so.
TEST(ProjectorsTest, ARowDerivedTwiceIsAnError) {
  CountingProjector one, two;
  Projectors both({&one, &two});
  std::string path = testing::fresh_sqlite_file();
  {
    auto opened = open_store(path, one);
    ASSERT_TRUE(opened.ok());
    Status written = (*opened)->transact([](Transaction& t) -> Status {
      NewEvent event;
      event.kind = "k";
      event.subject = "s";
      event.actor = "a";
      event.recorded_at = "2026-01-02T10:00:00Z";
      auto appended = t.append(event);
      return appended.ok() ? Status::Ok() : Status(appended.error());
    });
    ASSERT_TRUE(written.ok());
    auto derived = derive_projections(**opened, both);
    ASSERT_FALSE(derived.ok());
    EXPECT_EQ(derived.error().message, "two projectors write the row subjects/s");
  }
  testing::remove_sqlite_files(path);
}

}  // namespace
}  // namespace trialcore::store

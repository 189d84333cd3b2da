// Group commit and the writer's cache, on both backends: units of work running at once from
// many threads each get their own outcome and land in one unbroken chain; a unit that fails
// or throws takes nothing else with it; two stores writing the same database in turn (as two
// processes do) never chain to, or project from, what the other has made stale. Each runs with
// rows as JSON and with rows in typed forms that the writer changes in place.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "store/test_stores.h"
#include "store/verify.h"

namespace trialcore::store {
namespace {

using testing::CountingProjector;
using testing::FormCountingProjector;
using testing::new_event;

class GroupCommitTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam().rfind("PostgreSQL", 0) == 0) {
      if (!testing::postgres_server()) GTEST_SKIP() << "set TRIALCORE_TEST_POSTGRES (scripts/test.sh starts a server)";
      location_ = testing::fresh_postgres_database();
    } else {
      location_ = testing::fresh_sqlite_file();
    }
    store_ = open();
    ASSERT_TRUE(store_);
  }
  void TearDown() override {
    store_.reset();
    if (GetParam().rfind("SQLite", 0) == 0) {
      testing::remove_sqlite_files(location_);
    }
  }

  std::unique_ptr<Store> open() {
    auto opened = open_store(location_, projector());
    EXPECT_TRUE(opened.ok()) << opened.error().to_string();
    return opened.ok() ? std::move(*opened) : nullptr;
  }

  static Result<Event> append(Store& store, const NewEvent& event) {
    Result<Event> appended = Error{"", "not run"};
    Status status = store.transact([&](Transaction& transaction) -> Status {
      appended = transaction.append(event);
      return appended.ok() ? Status::Ok() : Status(appended.error());
    });
    if (!status.ok()) return status.error();
    return appended;
  }

  // A unit that appends an event of `subject` and is, by `what`, kept (0), refused by the
  // projector (1), or throws after appending (2); whether it ended so.
  enum What { kKept, kRefused, kThrows };
  bool unit_ends_as(What what, const std::string& subject, Json payload) {
    if (what == kRefused) payload["fail"] = true;
    try {
      Status status = store_->transact([&](Transaction& transaction) -> Status {
        auto appended = transaction.append(new_event("dose-given", subject, payload));
        if (!appended.ok()) return appended.error();
        if (what == kThrows) throw std::runtime_error("crash in the middle");
        return Status::Ok();
      });
      if (what == kKept) return status.ok();
      return what == kRefused && !status.ok() && status.error().message == "the projector refuses this event";
    } catch (const std::runtime_error&) {
      return what == kThrows;
    }
  }

  int64_t events_of(const std::string& subject) {
    auto rows = store_->all_rows();
    EXPECT_TRUE(rows.ok());
    for (const auto& [table, row] : *rows) {
      if (table == "subjects" && row.first == subject) return row.second["events"].get<int64_t>();
    }
    return 0;
  }

  Projector& projector() {
    if (GetParam().find("forms") != std::string::npos) return form_projector_;
    return projector_;
  }

  CountingProjector projector_;
  FormCountingProjector form_projector_;
  std::string location_;
  std::unique_ptr<Store> store_;
};

TEST_P(GroupCommitTest, ConcurrentUnitsLandInOneChainEachWithItsOwnSequence) {
  constexpr int kThreads = 8, kEach = 40;
  std::mutex mutex;
  std::set<int64_t> acknowledged;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        // Half the threads share a subject: their units read and write the same row.
        auto appended = append(*store_, new_event("dose-given", "P" + std::to_string(t % 4), {{"thread", t}, {"i", i}}));
        std::lock_guard<std::mutex> lock(mutex);
        if (appended.ok()) {
          acknowledged.insert(appended->sequence);
        } else {
          failures.push_back(appended.error().to_string());
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_TRUE(failures.empty()) << failures.front();
  ASSERT_EQ(acknowledged.size(), static_cast<size_t>(kThreads * kEach));  // no sequence handed out twice
  EXPECT_EQ(*acknowledged.begin(), 1);
  EXPECT_EQ(*acknowledged.rbegin(), kThreads * kEach);
  auto verified = verify_store(*store_, projector());
  ASSERT_TRUE(verified.ok()) << verified.error().to_string();
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(verified->events, kThreads * kEach);
  for (int s = 0; s < 4; ++s) EXPECT_EQ(events_of("P" + std::to_string(s)), 2 * kEach);
}

TEST_P(GroupCommitTest, AUnitThatFailsOrThrowsTakesNothingElseWithIt) {
  constexpr int kThreads = 6, kEach = 30;
  std::atomic<int> ended[3] = {0, 0, 0}, wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto what = static_cast<What>((t + i) % 3);
        (unit_ends_as(what, "P" + std::to_string(t), {{"thread", t}, {"i", i}}) ? ended[what] : wrong)++;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong, 0);
  int kept = ended[kKept];
  EXPECT_EQ(kept, kThreads * kEach / 3);
  EXPECT_EQ(ended[kRefused], kThreads * kEach / 3);
  EXPECT_EQ(ended[kThrows], kThreads * kEach / 3);
  auto verified = verify_store(*store_, projector());
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(verified->events, kept);  // only the kept units' events are in the log
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(events_of("P" + std::to_string(t)), kEach / 3);
}

TEST_P(GroupCommitTest, AUnitThatFailsTakesNothingOfOthersThatChangedTheSameRow) {
  // Threads share two subjects, so a unit that fails or throws has often been preceded, in
  // its batch, by kept units that changed the same row (which a batch may write only at its
  // end).
  constexpr int kThreads = 8, kEach = 30;
  std::atomic<int> wrong{0};
  std::atomic<int> kept[2] = {0, 0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto what = static_cast<What>((t + i) % 3);
        if (!unit_ends_as(what, "P" + std::to_string(t % 2), {{"thread", t}, {"i", i}})) {
          ++wrong;
        } else if (what == kKept) {
          ++kept[t % 2];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong, 0);
  auto verified = verify_store(*store_, projector());
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(verified->events, kept[0] + kept[1]);
  EXPECT_EQ(events_of("P0"), kept[0]);
  EXPECT_EQ(events_of("P1"), kept[1]);
}

TEST_P(GroupCommitTest, TwoWritersOfOneDatabaseNeverActOnWhatTheOtherMadeStale) {
  // A second store on the same database stands for another process: each keeps the head and
  // the rows it last wrote, which the other's appends make stale.
  std::unique_ptr<Store> other = open();
  ASSERT_TRUE(other);
  for (int i = 0; i < 20; ++i) {
    Store& writer = i % 3 == 0 ? *other : *store_;
    auto appended = append(writer, new_event("dose-given", "P1", {{"i", i}}));
    ASSERT_TRUE(appended.ok()) << appended.error().to_string();
    EXPECT_EQ(appended->sequence, i + 1);
  }
  auto verified = verify_store(*store_, projector());
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;  // the chain and the counted row both hold
  EXPECT_EQ(events_of("P1"), 20);
}

TEST_P(GroupCommitTest, AUnitTheDatabaseRefusesFailsAloneInItsBatch) {
  // The database itself refuses some events (a trigger stands for any statement the server
  // rejects): on PostgreSQL, where a batch's statements reach the server with its commit, the
  // refusal fails the whole exchange; either way only the refused unit fails, with the
  // database's reason, and its batch's other units are kept.
  bool postgres = location_.rfind("postgres", 0) == 0;
  std::string refuse = postgres ? R"(
CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN IF NEW.payload LIKE '%refused-by-the-database%' THEN RAISE EXCEPTION 'the database refuses this event'; END IF;
  RETURN NEW; END $$;
CREATE TRIGGER test_refuses BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION test_refuse();)"
                                : R"(
CREATE TRIGGER test_refuses BEFORE INSERT ON events WHEN NEW.payload LIKE '%refused-by-the-database%'
  BEGIN SELECT RAISE(ABORT, 'the database refuses this event'); END;)";
  ASSERT_EQ(testing::raw_sql(location_, refuse), "");
  constexpr int kThreads = 8, kEach = 24;
  std::atomic<int> wrong{0}, kept{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        bool refuse_it = (t + i) % 3 == 0;
        Json payload = {{"thread", t}, {"i", i}};
        if (refuse_it) payload["note"] = "refused-by-the-database";
        auto appended = append(*store_, new_event("dose-given", "P" + std::to_string(t), payload));
        if (refuse_it && !appended.ok() &&
            appended.error().message.find("the database refuses this event") != std::string::npos) {
          ++refused;
        } else if (!refuse_it && appended.ok()) {
          ++kept;
        } else {
          ++wrong;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong, 0);
  EXPECT_EQ(refused, kThreads * kEach / 3);
  EXPECT_EQ(kept, kThreads * kEach * 2 / 3);
  auto verified = verify_store(*store_, projector());
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(verified->events, kept);
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(events_of("P" + std::to_string(t)), kEach * 2 / 3) << t;
}

TEST_P(GroupCommitTest, TwoWritersOfOneDatabaseAtOnceKeepOneChain) {
  // Two stores on one database (two processes), each with several threads: a batch of one
  // finds that the other appended since it last knew the head, and its units run again;
  // every acknowledged append is in the log once.
  std::unique_ptr<Store> other = open();
  ASSERT_TRUE(other);
  constexpr int kThreads = 4, kEach = 25;
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 2 * kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store& writer = t % 2 == 0 ? *store_ : *other;
      for (int i = 0; i < kEach; ++i) {
        if (!append(writer, new_event("dose-given", "P1", {{"thread", t}, {"i", i}})).ok()) ++failed;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failed, 0);
  auto verified = verify_store(*store_, projector());
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(verified->events, 2 * kThreads * kEach);
  EXPECT_EQ(events_of("P1"), 2 * kThreads * kEach);
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupCommitTest, ::testing::Values("SQLite", "PostgreSQL", "SQLite_forms", "PostgreSQL_forms"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace trialcore::store

// The record survives what happens to real processes: a writer killed with SIGKILL in the
// middle of many transactions, eight threads of it committing together (group commit),
// loses nothing it acknowledged and leaves nothing half written; several writing processes
// at once all land, in one unbroken chain. Both backends.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <set>

#include "store/test_stores.h"
#include "store/verify.h"

namespace trialcore::store {
namespace {

struct Writer {
  pid_t pid = 0;
  FILE* output = nullptr;
};

Writer start_writer(const std::string& location, long count, const std::string& subject, int threads = 1) {
  int pipe_ends[2];
  EXPECT_EQ(pipe(pipe_ends), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_ends[1], STDOUT_FILENO);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    execl(TRIALCORE_STORE_WRITER, TRIALCORE_STORE_WRITER, location.c_str(), std::to_string(count).c_str(), subject.c_str(),
          std::to_string(threads).c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipe_ends[1]);
  return {pid, fdopen(pipe_ends[0], "r")};
}

class DurabilityTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "PostgreSQL") {
      if (!testing::postgres_server()) GTEST_SKIP() << "set TRIALCORE_TEST_POSTGRES (scripts/test.sh starts a server)";
      location_ = testing::fresh_postgres_database();
    } else {
      location_ = testing::fresh_sqlite_file();
    }
    testing::CountingProjector projector;
    ASSERT_TRUE(open_store(location_, projector).ok());  // created and migrated before the writers race
  }
  std::string location_;
};

TEST_P(DurabilityTest, AKilledWriterLosesNothingAcknowledged) {
  Writer writer = start_writer(location_, 1000000, "P1", 8);
  std::set<int64_t> acknowledged;
  char line[64];
  while (acknowledged.size() < 300 && std::fgets(line, sizeof line, writer.output)) acknowledged.insert(std::atoll(line));
  ASSERT_EQ(acknowledged.size(), 300u);
  kill(writer.pid, SIGKILL);  // in the middle of its next transactions
  int status = 0;
  waitpid(writer.pid, &status, 0);
  while (std::fgets(line, sizeof line, writer.output)) acknowledged.insert(std::atoll(line));  // printed before the kill
  fclose(writer.output);
  ASSERT_TRUE(WIFSIGNALED(status));

  testing::CountingProjector projector;
  auto store = open_store(location_, projector);
  ASSERT_TRUE(store.ok()) << store.error().to_string();
  auto verified = verify_store(**store, projector);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;  // chain intact, projections whole: nothing half-written
  EXPECT_GE(verified->events, static_cast<int64_t>(acknowledged.size()));
  Status read = (*store)->read([&](Transaction& transaction) -> Status {
    for (int64_t sequence : acknowledged) {
      auto event = transaction.event(sequence);
      EXPECT_TRUE(event.ok() && event->has_value()) << "acknowledged event " << sequence << " is lost";
    }
    return Status::Ok();
  });
  EXPECT_TRUE(read.ok());
  // The store goes on from where it stopped.
  Status next = (*store)->transact([](Transaction& transaction) -> Status {
    auto appended = transaction.append(testing::new_event("after-crash", "P1"));
    return appended.ok() ? Status::Ok() : Status(appended.error());
  });
  EXPECT_TRUE(next.ok());
  EXPECT_TRUE(verify_store(**store, projector)->ok);
}

TEST_P(DurabilityTest, ConcurrentWritersAllLandInOneChain) {
  constexpr int kWriters = 4;
  constexpr long kEach = 100;
  std::vector<Writer> writers;
  for (int i = 0; i < kWriters; ++i) writers.push_back(start_writer(location_, kEach, "W" + std::to_string(i)));
  std::set<int64_t> acknowledged;
  for (Writer& writer : writers) {
    char line[64];
    while (std::fgets(line, sizeof line, writer.output)) acknowledged.insert(std::atoll(line));
    fclose(writer.output);
    int status = 0;
    waitpid(writer.pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  EXPECT_EQ(acknowledged.size(), static_cast<size_t>(kWriters * kEach));  // no sequence given twice
  testing::CountingProjector projector;
  auto store = open_store(location_, projector);
  ASSERT_TRUE(store.ok());
  auto verified = verify_store(**store, projector);
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(verified->events, kWriters * kEach);  // dense: the verifier refuses gaps
  auto rows = (*store)->all_rows();
  ASSERT_EQ(rows->size(), static_cast<size_t>(kWriters));
  for (const auto& [table, row] : *rows) EXPECT_EQ(row.second["events"], kEach) << row.first;
}

INSTANTIATE_TEST_SUITE_P(Backends, DurabilityTest, ::testing::Values("SQLite", "PostgreSQL"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace trialcore::store

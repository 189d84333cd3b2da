// The checkpointer copies the writer's WAL into the database file on its own thread, once
// the WAL passes its threshold, and not before: the file's size shows which pages it has.
#include "store/wal_checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "store/test_stores.h"

namespace trialcore::store {
namespace {

class WalCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::fresh_sqlite_file();
    auto writer = SqliteConnection::open(path_, SqliteConnection::Role::kWriter);
    ASSERT_TRUE(writer.ok()) << writer.error().to_string();
    writer_ = std::move(*writer);
    // Unsynced: what is measured is where the pages are, not the disk.
    ASSERT_TRUE(writer_->exec("PRAGMA synchronous = OFF; CREATE TABLE pages (body BLOB NOT NULL)").ok());
  }
  void TearDown() override {
    writer_.reset();
    testing::remove_sqlite_files(path_);
  }

  // Commits `count` rows of 4,000 bytes, each in a transaction of its own.
  void commit_rows(int count) {
    for (int i = 0; i < count; ++i) {
      ASSERT_TRUE(writer_->exec("INSERT INTO pages (body) VALUES (zeroblob(4000))").ok());
    }
  }

  uintmax_t file_bytes() const { return std::filesystem::file_size(path_); }
  uintmax_t wal_bytes() const { return std::filesystem::file_size(path_ + "-wal"); }

  std::string path_;
  std::unique_ptr<SqliteConnection> writer_;
};

TEST_F(WalCheckpointerTest, CopiesTheWalIntoTheFileOncePastItsThresholdAndNotBefore) {
  auto checkpointer = WalCheckpointer::start(path_, writer_->db(), 50);
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.error().to_string();
  uintmax_t empty = file_bytes();

  // About 30 frames in the WAL: under the threshold, so nothing is copied, by the writer's
  // commits (SQLite's own checkpoints are handed over) or by the thread.
  commit_rows(10);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ((*checkpointer)->checkpoints(), 0);
  EXPECT_EQ(file_bytes(), empty);

  // Past the threshold (a commit here adds 3 frames: about 150 in all, under the bound of
  // 200): the commit that passes it asks, and the checkpoint copies at least the rows
  // committed until then, more than 10.
  commit_rows(40);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while ((*checkpointer)->checkpoints() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GE((*checkpointer)->checkpoints(), 1);
  EXPECT_GE(file_bytes(), empty + 10u * 4000);
  EXPECT_EQ((*checkpointer)->writer_checkpoints(), 0);  // under the bound, the writer's commits never copy
}

TEST_F(WalCheckpointerTest, AWriterThatNeverPausesKeepsTheWalWithinItsBound) {
  // The thread's checkpoints alone never find every frame copied when a transaction begins
  // (the writer commits all the while), so the WAL would never start again (about 25 MB of
  // it here); past four times the threshold the writer's commit checkpoints itself, and at
  // eight times it waits for the thread to let it.
  constexpr int kThreshold = 50;
  auto checkpointer = WalCheckpointer::start(path_, writer_->db(), kThreshold);
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.error().to_string();
  commit_rows(2000);  // about 6,000 frames
  uintmax_t page = 4096, frame = 24 + page, header = 32;
  EXPECT_LE(wal_bytes(), header + (2 * WalCheckpointer::kBound * kThreshold + 10) * frame);
  EXPECT_GE((*checkpointer)->writer_checkpoints(), 1);
}

TEST_F(WalCheckpointerTest, StoppingItHandsTheCheckpointsBackToTheWritersCommits) {
  {
    auto checkpointer = WalCheckpointer::start(path_, writer_->db(), 50);
    ASSERT_TRUE(checkpointer.ok()) << checkpointer.error().to_string();
  }
  uintmax_t empty = file_bytes();
  // SQLite's own threshold (1,000 pages, about 330 of these commits) passed: the commit that
  // passes it copies the rows so far.
  commit_rows(600);
  EXPECT_GT(file_bytes(), empty + 300u * 4000);
}

TEST_F(WalCheckpointerTest, AFileThatCannotBeOpenedIsAnError) {
  auto checkpointer = WalCheckpointer::start(path_ + ".missing", writer_->db());
  ASSERT_FALSE(checkpointer.ok());
  EXPECT_NE(checkpointer.error().message.find(".missing"), std::string::npos) << checkpointer.error().message;
  // The writer keeps its own checkpoints.
  uintmax_t empty = file_bytes();
  commit_rows(600);
  EXPECT_GT(file_bytes(), empty + 300u * 4000);
}

}  // namespace
}  // namespace trialcore::store

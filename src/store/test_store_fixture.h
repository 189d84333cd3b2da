// For tests on a store of their own in a new SQLite file (test_stores.h has the rest).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/test_stores.h"

namespace trialcore::store::testing {

// A test on a store in a new SQLite file: the test opens it (open_sqlite, in SetUp) on a
// projector of its own; after the test the store is closed and its files removed.
class SqliteStoreTest : public ::testing::Test {
 protected:
  void open_sqlite(Projector& projector) {
    path_ = fresh_sqlite_file();
    auto opened = open_store(path_, projector);
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    store_ = std::move(*opened);
  }
  void TearDown() override {
    store_.reset();
    remove_sqlite_files(path_);
  }

  std::string path_;
  std::unique_ptr<Store> store_;
};

}  // namespace trialcore::store::testing

// The writer's cache with rows in typed forms: a form changed in place by a unit that is
// undone is forgotten everywhere, and a batch that thereby lost changes of its kept units
// not yet written says so.
#include "store/writer_cache.h"

#include <gtest/gtest.h>

namespace trialcore::store {
namespace {

struct Number : RowForm {
  int value = 0;
  Json json() const override { return {{"value", value}}; }
};

std::shared_ptr<RowForm> number(int value) {
  auto form = std::make_shared<Number>();
  form->value = value;
  return form;
}

int value_of(WriterCache& cache) { return static_cast<Number&>(*cache.row("t", "k").form).value; }

TEST(WriterCacheTest, AFormChangedByAnUndoneUnitIsForgottenEverywhere) {
  WriterCache cache;
  cache.begin_unit();
  cache.note_form("t", "k", number(1));
  cache.keep_unit();
  cache.commit_batch();
  ASSERT_EQ(value_of(cache), 1);

  cache.begin_unit();
  cache.changing("t", "k");
  static_cast<Number&>(*cache.row("t", "k").form).value = 2;  // in place: the committed form too
  cache.undo_unit();
  EXPECT_FALSE(cache.row("t", "k").known);  // read again from the database
  EXPECT_FALSE(cache.lost_unwritten());     // it had been written: the database holds 1
}

TEST(WriterCacheTest, ABatchKnowsWhenAnUndoneUnitLostWhatOthersLeftUnwritten) {
  WriterCache cache;
  cache.defer_writes(true);
  cache.begin_unit();
  cache.note_form("t", "k", number(1));
  cache.leave_unwritten("t", "k", cache.row("t", "k").form);
  cache.keep_unit();
  ASSERT_EQ(cache.unwritten().size(), 1u);

  cache.begin_unit();  // a second unit of the same batch changes the same form, then fails
  cache.changing("t", "k");
  static_cast<Number&>(*cache.row("t", "k").form).value = 2;
  cache.undo_unit();
  EXPECT_TRUE(cache.lost_unwritten());
  EXPECT_TRUE(cache.unwritten().empty());
  cache.drop_batch();
  EXPECT_FALSE(cache.lost_unwritten());
  EXPECT_FALSE(cache.row("t", "k").known);
}

TEST(WriterCacheTest, UnwrittenFormsOfKeptUnitsAreKnownAfterTheCommit) {
  WriterCache cache;
  cache.defer_writes(true);
  for (int value = 1; value <= 3; ++value) {
    cache.begin_unit();
    auto form = cache.row("t", "k").form;
    if (form) {
      cache.changing("t", "k");
      static_cast<Number&>(*form).value = value;
    } else {
      form = number(value);
    }
    cache.note_form("t", "k", form);
    cache.leave_unwritten("t", "k", form);
    cache.keep_unit();
  }
  ASSERT_EQ(cache.unwritten().size(), 1u);  // one row to write for three units
  EXPECT_EQ(cache.unwritten().begin()->second->json(), Json({{"value", 3}}));
  cache.commit_batch();
  EXPECT_TRUE(cache.unwritten().empty());
  EXPECT_EQ(value_of(cache), 3);
}

}  // namespace
}  // namespace trialcore::store

// Sharding past one machine: persons split by person_id % N, each shard screened on its
// own (in its database or in memory), the persons concatenated and the funnels summed.
// Two shards merged must equal one run, person by person and step by step.
#include <gtest/gtest.h>

#include "omop/builtin_mapping.h"
#include "omop/synthetic_population.h"
#include "prescreen/native_engine.h"
#include "prescreen/native_parts.h"
#include "prescreen/sql_engine.h"
#include "prescreen/test_databases.h"

namespace trialcore::prescreen {
namespace {

using testing::builtin_protocol;
using testing::builtin_mapping;

void expect_same_funnel(const std::vector<FunnelStep>& whole, const std::vector<FunnelStep>& merged) {
  ASSERT_EQ(whole.size(), merged.size());
  for (size_t i = 0; i < whole.size(); ++i) {
    EXPECT_EQ(whole[i].criterion, merged[i].criterion);
    EXPECT_EQ(whole[i].pass, merged[i].pass) << whole[i].criterion;
    EXPECT_EQ(whole[i].fail, merged[i].fail) << whole[i].criterion;
    EXPECT_EQ(whole[i].unknown, merged[i].unknown) << whole[i].criterion;
    EXPECT_EQ(whole[i].remaining, merged[i].remaining) << whole[i].criterion;
  }
}

// A synthetic population in a new SQLite file (removed after the test), and the native
// engine's results for the whole of it on 2010-07-01: what every division must add up to.
class ShardTest : public ::testing::Test {
 protected:
  void make_population(int64_t persons, uint64_t seed) {
    url_ = testing::fresh_sqlite_url();
    auto database = testing::synthetic_database(url_, {persons, seed, date_});
    ASSERT_TRUE(database.ok()) << database.error().to_string();
    database_ = std::move(*database);
    auto population = omop::load_population(*database_, builtin_mapping(), builtin_protocol(), {});
    ASSERT_TRUE(population.ok());
    auto whole = evaluate_native(*population, builtin_mapping(), builtin_protocol(), date_, {});
    ASSERT_TRUE(whole.ok());
    whole_ = std::move(*whole);
  }
  void TearDown() override {
    database_.reset();
    if (!url_.empty()) std::filesystem::remove(url_.substr(7));
  }

  const Date date_{2010, 7, 1};
  std::string url_;
  std::unique_ptr<omop::Database> database_;
  PersonResults whole_;
};

TEST_F(ShardTest, TwoShardsMergedEqualOneRun) {
  const Protocol& protocol = builtin_protocol();
  const omop::OmopMapping& mapping = builtin_mapping();
  ASSERT_NO_FATAL_FAILURE(make_population(3000, 77));
  auto concepts = omop::resolve_concepts(*database_, mapping);
  ASSERT_TRUE(concepts.ok());

  // In memory.
  std::vector<PersonResults> shards;
  std::vector<FunnelStep> summed;
  for (int64_t k = 0; k < 2; ++k) {
    auto population = omop::load_population(*database_, mapping, protocol, {k, 2});
    ASSERT_TRUE(population.ok());
    EXPECT_GT(population->size(), 1300u);  // about half each
    EXPECT_LT(population->size(), 1700u);
    auto shard = evaluate_native(*population, mapping, protocol, date_, {});
    ASSERT_TRUE(shard.ok());
    add_funnel(summed, funnel(*shard, protocol));
    shards.push_back(std::move(*shard));
  }
  EXPECT_EQ(testing::differences(whole_, merge_results(shards), protocol), "");
  expect_same_funnel(funnel(whole_, protocol), summed);

  // In the database.
  auto whole_sql = compile_sql(mapping, *concepts, protocol, date_, {}, SqlDialect::kSqlite, {});
  ASSERT_TRUE(whole_sql.ok());
  auto whole_run = run_sql(*database_, *whole_sql);
  ASSERT_TRUE(whole_run.ok());
  EXPECT_EQ(testing::differences(whole_, *whole_run, protocol), "");
  std::vector<PersonResults> sql_shards;
  std::vector<FunnelStep> sql_summed;
  for (int64_t k = 0; k < 2; ++k) {
    auto sql = compile_sql(mapping, *concepts, protocol, date_, {}, SqlDialect::kSqlite, {k, 2});
    ASSERT_TRUE(sql.ok());
    auto shard = run_sql(*database_, *sql);
    ASSERT_TRUE(shard.ok());
    for (int64_t id : shard->person_id) EXPECT_EQ(id % 2, k);
    add_funnel(sql_summed, funnel(*shard, protocol));
    sql_shards.push_back(std::move(*shard));
  }
  EXPECT_EQ(testing::differences(*whole_run, merge_results(sql_shards), protocol), "");
  expect_same_funnel(funnel(*whole_run, protocol), sql_summed);
}

// Within one machine the native engine cuts the population into parts of consecutive persons
// and evaluates them on every core: any part size (one person, a few, more than there are)
// on any number of threads gives the whole run's results, person by person.
TEST_F(ShardTest, PartsOnThreadsEqualOneRun) {
  const Protocol& protocol = builtin_protocol();
  const omop::OmopMapping& mapping = builtin_mapping();
  ASSERT_NO_FATAL_FAILURE(make_population(1500, 91));
  ASSERT_EQ(whole_.size(), 1500u);
  for (size_t persons_per_part : {size_t{1}, size_t{7}, size_t{256}, size_t{1499}, size_t{1500}, size_t{100000}}) {
    for (unsigned threads : {1u, 3u}) {
      auto population = omop::load_population(*database_, mapping, protocol, {});
      ASSERT_TRUE(population.ok());
      std::vector<omop::Population> parts = omop::split_population(std::move(*population), persons_per_part);
      EXPECT_EQ(parts.size(), (1500 + persons_per_part - 1) / persons_per_part);
      auto in_parts = evaluate_native_parts(parts, mapping, protocol, date_, {}, threads);
      ASSERT_TRUE(in_parts.ok()) << in_parts.error().to_string();
      EXPECT_EQ(testing::differences(whole_, *in_parts, protocol), "")
          << persons_per_part << " persons a part, " << threads << " threads";
    }
  }
}

}  // namespace
}  // namespace trialcore::prescreen

// The differential test: on 10,000 synthetic persons, the compiled SQL on SQLite and on
// PostgreSQL and the native engine agree, person by person and criterion by criterion
// (with the facts to obtain), with screening each person's record — on the date the
// population is current at and on a month end before it (the month arithmetic and the
// data dated after it differ).
#include <gtest/gtest.h>

#include "omop/builtin_mapping.h"
#include "omop/synthetic_population.h"
#include "prescreen/native_engine.h"
#include "prescreen/record_engine.h"
#include "prescreen/sql_engine.h"
#include "prescreen/test_databases.h"

namespace trialcore::prescreen {
namespace {

using testing::builtin_protocol;
using testing::builtin_mapping;
using testing::differences;

constexpr int64_t kPersons = 10000;

class DifferentialTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sqlite_url_ = new std::string(testing::fresh_sqlite_url());
    auto database = testing::synthetic_database(*sqlite_url_, {kPersons, 20100701, Date(2010, 7, 1)});
    ASSERT_TRUE(database.ok()) << database.error().to_string();
  }
  static void TearDownTestSuite() {
    std::filesystem::remove(sqlite_url_->substr(7));
    delete sqlite_url_;
  }

  static void check_engines(omop::Database& database, Date date) {
    const Protocol& protocol = builtin_protocol();
    const omop::OmopMapping& mapping = builtin_mapping();
    TrialFactValues trial_facts = {{"adults_treated", expr::Value::Number(4)}};
    auto population = omop::load_population(database, mapping, protocol, {});
    ASSERT_TRUE(population.ok()) << population.error().to_string();
    ASSERT_EQ(population->size(), static_cast<size_t>(kPersons));
    auto reference = screen_records(*population, mapping, protocol, date, trial_facts);
    ASSERT_TRUE(reference.ok()) << reference.error().to_string();
    auto native = evaluate_native(*population, mapping, protocol, date, trial_facts);
    ASSERT_TRUE(native.ok()) << native.error().to_string();
    EXPECT_EQ(differences(*reference, *native, protocol), "") << "native engine, " << date.to_string();
    auto concepts = omop::resolve_concepts(database, mapping);
    ASSERT_TRUE(concepts.ok()) << concepts.error().to_string();
    EXPECT_TRUE(concepts->unresolved.empty());
    auto sql = compile_sql(mapping, *concepts, protocol, date, trial_facts, dialect_of(database), {});
    ASSERT_TRUE(sql.ok()) << sql.error().to_string();
    auto in_database = run_sql(database, *sql);
    ASSERT_TRUE(in_database.ok()) << in_database.error().to_string();
    EXPECT_EQ(differences(*reference, *in_database, protocol), "") << "SQL, " << date.to_string();

    // The comparison means something only if every outcome occurs: count them.
    std::map<CriterionResult, int64_t> seen;
    for (uint8_t result : reference->result) ++seen[static_cast<CriterionResult>(result)];
    for (CriterionResult result : {CriterionResult::kPass, CriterionResult::kFail, CriterionResult::kUnknown,
                                   CriterionResult::kNotApplicable}) {
      EXPECT_GT(seen[result], 100) << result_name(result);
    }
    ObtainFacts facts(protocol);
    std::map<Verdict, int64_t> verdicts;
    for (size_t p = 0; p < reference->size(); ++p) ++verdicts[person_verdict(*reference, p, facts, mapping)];
    EXPECT_GT(verdicts[Verdict::kLikelyEligible], 0);
    EXPECT_GT(verdicts[Verdict::kUnknown], 0);
    EXPECT_GT(verdicts[Verdict::kExcluded], 0);
    // Every criterion the warehouse can decide passes for some and fails for others.
    for (size_t c = 0; c < protocol.criteria.size(); ++c) {
      bool decidable = true;
      for (const std::string& need : protocol.criteria[c].needs) {
        decidable = decidable && !mapping.obtained_at_visit(need) && !mapping.not_in_omop.count(need);
      }
      if (!decidable) continue;
      int64_t kinds[5] = {0, 0, 0, 0, 0};
      for (size_t p = 0; p < reference->size(); ++p) ++kinds[reference->result[p * reference->criteria + c]];
      EXPECT_GT(kinds[0] + kinds[3], 0) << protocol.criteria[c].id << " never passes";
      EXPECT_GT(kinds[1], 0) << protocol.criteria[c].id << " never fails";
    }
  }

  static std::string* sqlite_url_;
};

std::string* DifferentialTest::sqlite_url_ = nullptr;

TEST_F(DifferentialTest, SqliteSqlAndNativeAgreeWithScreeningEachRecord) {
  auto database = omop::open_database(*sqlite_url_, "test", false);
  ASSERT_TRUE(database.ok());
  check_engines(**database, Date(2010, 7, 1));
  check_engines(**database, Date(2010, 6, 30));
}

TEST_F(DifferentialTest, PostgresSqlAndNativeAgreeWithScreeningEachRecord) {
  if (!testing::postgres_server()) GTEST_SKIP() << "set TRIALCORE_TEST_POSTGRES (scripts/test.sh starts a server)";
  std::string url = testing::fresh_postgres_url();
  auto database = testing::synthetic_database(url, {kPersons, 20100701, Date(2010, 7, 1)});
  ASSERT_TRUE(database.ok()) << database.error().to_string();
  check_engines(**database, Date(2010, 7, 1));
  check_engines(**database, Date(2010, 6, 30));
}

}  // namespace
}  // namespace trialcore::prescreen

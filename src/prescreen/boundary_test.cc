// The hand-written OMOP population of tests/data/omop/boundary.sql, a person at each
// boundary, screened on 2010-06-30 (a month end) by every engine: the record reference,
// the native engine and the SQL on SQLite. What each person must give is stated here, from
// the protocol's words (docs/interpretation.md), not from any engine's output.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "omop/omop_tables.h"
#include "prescreen/native_engine.h"
#include "prescreen/record_engine.h"
#include "prescreen/sql_engine.h"
#include "prescreen/test_databases.h"

namespace trialcore::prescreen {
namespace {

using testing::builtin_protocol;
using testing::builtin_mapping;

struct Expected {
  int64_t person;
  const char* criterion;
  CriterionResult result;
  const char* obtain;  // when unknown: the facts to obtain, comma-separated, in the table's order
};

using R = CriterionResult;

// The base person (101) passes everything the warehouse holds; the rest are asked at the visit.
const Expected kBase[] = {
    {101, "inc-diagnosis", R::kPass, ""},
    {101, "inc-relapsed-refractory", R::kPass, ""},
    {101, "inc-age", R::kPass, ""},
    {101, "inc-performance", R::kPass, ""},
    {101, "inc-bilirubin", R::kPass, ""},  // 1.0 is within both limits: "due to tumor" does not matter
    {101, "inc-transaminases", R::kPass, ""},
    {101, "inc-creatinine", R::kPass, ""},
    {101, "inc-contraception", R::kUnknown, "childbearing_potential,menopause_date,surgically_sterile"},
    {101, "inc-pregnancy-test", R::kNotApplicable, ""},  // a man
    {101, "exc-heart-disease", R::kUnknown, "nyha_class"},
    {101, "exc-ejection-fraction", R::kPass, ""},
    {101, "exc-other-chemotherapy", R::kPass, ""},
    {101, "exc-washout", R::kPass, ""},
    {101, "exc-unrecovered-toxicity", R::kUnknown, "toxicities"},
    {101, "exc-recent-allo-sct", R::kPass, ""},
    {101, "exc-peripheral-blasts", R::kPass, ""},
    {101, "exc-pregnancy", R::kUnknown, "pregnant,breastfeeding"},
    {101, "exc-hepatitis-b", R::kUnknown, "hepatitis_b"},
};

const Expected kBoundaries[] = {
    {102, "inc-bilirubin", R::kPass, ""},
    {103, "inc-bilirubin", R::kPass, ""},  // 25.65 umol/L is 1.5 mg/dL
    {104, "inc-bilirubin", R::kUnknown, "organ_dysfunction_due_to_tumor"},
    {105, "inc-bilirubin", R::kFail, ""},
    {106, "inc-bilirubin", R::kPass, ""},
    // Stale: unknown; and "due to tumor", which decides between the limits, is asked too.
    {107, "inc-bilirubin", R::kUnknown, "organ_dysfunction_due_to_tumor,bilirubin"},
    {108, "inc-bilirubin", R::kPass, ""},
    {109, "inc-transaminases", R::kPass, ""},
    // Above 3 x ULN, but "due to tumor" would pass it: unknown until it is asked.
    {110, "inc-transaminases", R::kUnknown, "organ_dysfunction_due_to_tumor"},
    {111, "inc-transaminases", R::kUnknown, "organ_dysfunction_due_to_tumor,alt.uln"},
    {112, "inc-creatinine", R::kPass, ""},
    {113, "inc-creatinine", R::kPass, ""},
    {114, "exc-peripheral-blasts", R::kPass, ""},
    {115, "exc-peripheral-blasts", R::kFail, ""},
    {116, "exc-ejection-fraction", R::kPass, ""},
    {117, "exc-ejection-fraction", R::kFail, ""},
    {118, "exc-ejection-fraction", R::kUnknown, "ejection_fraction"},
    {119, "inc-age", R::kPass, ""},
    {120, "inc-age", R::kFail, ""},  // 15, and only 4 adults treated
    {121, "inc-age", R::kUnknown, "birth_date"},
    {122, "exc-other-chemotherapy", R::kFail, ""},
    {122, "exc-washout", R::kPass, ""},  // going on: the other criterion's
    {123, "exc-washout", R::kPass, ""},
    {124, "exc-washout", R::kFail, ""},
    {125, "exc-other-chemotherapy", R::kPass, ""},  // intrathecal: CNS-directed
    {125, "inc-relapsed-refractory", R::kPass, ""},
    {126, "exc-recent-allo-sct", R::kPass, ""},
    {127, "exc-recent-allo-sct", R::kFail, ""},
    {128, "exc-recent-allo-sct", R::kPass, ""},
    {129, "inc-diagnosis", R::kFail, ""},
    {129, "inc-relapsed-refractory", R::kUnknown, "disease_status"},
    {130, "inc-diagnosis", R::kFail, ""},  // none recorded
    {131, "inc-performance", R::kFail, ""},
    {132, "inc-performance", R::kUnknown, "zubrod"},
    {133, "exc-hepatitis-b", R::kFail, ""},
    {134, "inc-pregnancy-test", R::kUnknown, "childbearing_potential,menopause_date,surgically_sterile"},
    {135, "inc-bilirubin", R::kUnknown, "organ_dysfunction_due_to_tumor,bilirubin"},  // mg/L is not accepted
    {136, "inc-bilirubin", R::kFail, ""},
    {137, "inc-relapsed-refractory", R::kFail, ""},  // in remission since
};

std::string read_text(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

class BoundaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = testing::fresh_sqlite_url();
    auto database = omop::open_database(url_, "test", true);
    ASSERT_TRUE(database.ok());
    database_ = std::move(*database);
    ASSERT_TRUE(database_->execute(omop::omop_ddl(omop::Dialect::kSqlite)).ok());
    Status loaded = database_->execute(read_text(std::string(TRIALCORE_SOURCE_DIR) + "/tests/data/omop/boundary.sql"));
    ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
  }
  void TearDown() override {
    database_.reset();
    std::filesystem::remove(url_.substr(7));
  }

  void expect(const PersonResults& results, const std::string& engine) {
    const Protocol& protocol = builtin_protocol();
    ObtainFacts facts(protocol);
    ASSERT_EQ(results.size(), 37u) << engine;
    auto check = [&](const Expected& expected) {
      size_t person = 0;
      while (person < results.size() && results.person_id[person] != expected.person) ++person;
      ASSERT_LT(person, results.size()) << engine << ": person " << expected.person;
      size_t c = 0;
      while (protocol.criteria[c].id != expected.criterion) ++c;
      size_t i = person * results.criteria + c;
      EXPECT_EQ(result_name(static_cast<CriterionResult>(results.result[i])), std::string(result_name(expected.result)))
          << engine << ": person " << expected.person << " " << expected.criterion;
      if (expected.result == R::kUnknown) {
        std::string obtain;
        for (const std::string& name : facts.names(results.missing[i])) obtain += (obtain.empty() ? "" : ",") + name;
        std::vector<std::string> wanted;
        std::stringstream list(expected.obtain);
        for (std::string item; std::getline(list, item, ',');) wanted.push_back(item);
        uint64_t mask = 0;
        for (const std::string& name : wanted) mask |= uint64_t{1} << facts.bit(name);
        EXPECT_EQ(results.missing[i], mask) << engine << ": person " << expected.person << " " << expected.criterion
                                            << " obtains " << obtain << ", not " << expected.obtain;
      }
    };
    for (const Expected& expected : kBase) check(expected);
    for (const Expected& expected : kBoundaries) check(expected);
    EXPECT_EQ(person_verdict(results, 0, facts, builtin_mapping()), Verdict::kLikelyEligible) << engine;
  }

  std::string url_;
  std::unique_ptr<omop::Database> database_;
};

TEST_F(BoundaryTest, EveryEngineGivesWhatTheProtocolSays) {
  const Protocol& protocol = builtin_protocol();
  const omop::OmopMapping& mapping = builtin_mapping();
  Date date(2010, 6, 30);
  TrialFactValues trial_facts = {{"adults_treated", expr::Value::Number(4)}};
  auto population = omop::load_population(*database_, mapping, protocol, {});
  ASSERT_TRUE(population.ok()) << population.error().to_string();
  EXPECT_EQ(population->unused.size(), 1u) << "the bilirubin in mg/L";
  auto record = screen_records(*population, mapping, protocol, date, trial_facts);
  ASSERT_TRUE(record.ok()) << record.error().to_string();
  expect(*record, "record");
  auto native = evaluate_native(*population, mapping, protocol, date, trial_facts);
  ASSERT_TRUE(native.ok()) << native.error().to_string();
  expect(*native, "native");
  auto concepts = omop::resolve_concepts(*database_, mapping);
  ASSERT_TRUE(concepts.ok());
  auto sql = compile_sql(mapping, *concepts, protocol, date, trial_facts, SqlDialect::kSqlite, {});
  ASSERT_TRUE(sql.ok()) << sql.error().to_string();
  auto in_database = run_sql(*database_, *sql);
  ASSERT_TRUE(in_database.ok()) << in_database.error().to_string();
  expect(*in_database, "sql");
}

}  // namespace
}  // namespace trialcore::prescreen

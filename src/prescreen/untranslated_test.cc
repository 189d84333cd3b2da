// A criterion an engine cannot translate is an error naming its expression, never a guess:
// the SQL compiler does not move a person's date by a duration; neither engine runs a query
// inside a query.
#include <gtest/gtest.h>

#include "omop/builtin_mapping.h"
#include "prescreen/native_engine.h"
#include "prescreen/sql_compiler.h"
#include "protocol/builtin_protocol.h"

namespace trialcore::prescreen {
namespace {

Protocol with_washout_rule(const std::string& rule) {
  Json document = Json::parse(builtin_protocol_text());
  for (Json& criterion : document["criteria"]) {
    if (criterion["id"] == "exc-washout") {
      criterion["excluded_when"] = rule;
      criterion.erase("needs");
    }
  }
  auto protocol = load_protocol(document.dump(), "test");
  EXPECT_TRUE(protocol.ok()) << protocol.error().to_string();
  return std::move(*protocol);
}

TEST(UntranslatedTest, APersonsDateMovedByADurationIsNotGuessedInSql) {
  Protocol protocol = with_washout_rule("exists (therapies T where T.start + 14 days > evaluation_date)");
  auto mapping = omop::load_omop_mapping(builtin_omop_mapping_text(), protocol);
  ASSERT_TRUE(mapping.ok());
  omop::ConceptIds concepts;
  auto sql = compile_sql(*mapping, concepts, protocol, Date(2010, 7, 1), {}, SqlDialect::kPostgres, {});
  ASSERT_FALSE(sql.ok());
  EXPECT_EQ(sql.error().message,
            "the SQL compiler cannot translate 'T.start + 14 days': date arithmetic on a person's date (only the "
            "evaluation date's is computed)");
  EXPECT_TRUE(check_native(*mapping, protocol).ok());  // the native engine computes it
}

TEST(UntranslatedTest, AQueryInsideAQueryIsAnErrorInBothEngines) {
  Protocol protocol =
      with_washout_rule("exists (therapies T where exists (transplants X where X.date > evaluation_date - 1 year))");
  auto mapping = omop::load_omop_mapping(builtin_omop_mapping_text(), protocol);
  ASSERT_TRUE(mapping.ok());
  omop::ConceptIds concepts;
  auto sql = compile_sql(*mapping, concepts, protocol, Date(2010, 7, 1), {}, SqlDialect::kSqlite, {});
  ASSERT_FALSE(sql.ok());
  EXPECT_NE(sql.error().message.find("'exists (transplants X where X.date > evaluation_date - 1 year)': a query inside a query"),
            std::string::npos)
      << sql.error().message;
  Status native = check_native(*mapping, protocol);
  ASSERT_FALSE(native.ok());
  EXPECT_NE(native.error().message.find("a query inside a query"), std::string::npos) << native.error().message;
}

}  // namespace
}  // namespace trialcore::prescreen

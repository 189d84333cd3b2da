#include <gtest/gtest.h>

#include "expr/library.h"
#include "expr/test_schema.h"

namespace trialcore::expr {
namespace {

Library make_library(std::vector<DefinitionSource> definitions = {}) {
  Library library(testing::example_schema());
  Status status = library.define(definitions);
  EXPECT_TRUE(status.ok()) << status.error().to_string();
  return library;
}

std::string compile_error(const Library& library, const char* text,
                          std::optional<TypeKind> expected = TypeKind::kBoolean) {
  auto compiled = library.compile(text, "$.criteria[0].rule", expected);
  EXPECT_FALSE(compiled.ok()) << text;
  return compiled.ok() ? "" : compiled.error().to_string();
}

TEST(CompilerTest, ResolvesAndTypes) {
  Library library = make_library();
  auto compiled = library.compile("score <= 3 and latest sodium within 14 days <= 1.5 'mg/dL'", "$", TypeKind::kBoolean);
  ASSERT_TRUE(compiled.ok()) << compiled.error().to_string();
  EXPECT_EQ(compiled->type.kind, TypeKind::kBoolean);
  EXPECT_EQ(compiled->needs, (std::vector<std::string>{"score", "sodium"}));
}

TEST(CompilerTest, ConvertibleUnitsCompare) {
  Library library = make_library();
  EXPECT_TRUE(library.compile("latest count <= 50000 '/uL'", "$", TypeKind::kBoolean).ok());
  EXPECT_TRUE(library.compile("weight > 150 'lb'", "$", TypeKind::kBoolean).ok());
}

TEST(CompilerTest, UnknownNamesAndFunctions) {
  Library library = make_library();
  EXPECT_EQ(compile_error(library, "zubrod <= 3"),
            "$.criteria[0].rule: unknown name 'zubrod' (not a fact of the record, a definition, "
            "a parameter or a trial fact) (line 1, column 1: zubrod)");
  EXPECT_NE(compile_error(library, "Frobnicate(score)").find("unknown function 'Frobnicate'"), std::string::npos);
  EXPECT_NE(compile_error(library, "latest potassium <= 1 'mg/dL'").find("unknown observation 'potassium'"), std::string::npos);
  EXPECT_NE(compile_error(library, "sodium <= 1 'mg/dL'").find("'sodium' is an observation"), std::string::npos);
}

TEST(CompilerTest, UnitMismatchIsAnError) {
  Library library = make_library();
  std::string error = compile_error(library, "latest sodium <= 25 'umol/L'");
  EXPECT_NE(error.find("cannot compare a Quantity of mass concentration (mg/dL) with a Quantity of "
                       "substance concentration (umol/L)"),
            std::string::npos)
      << error;
  EXPECT_NE(compile_error(library, "score <= 1.5 'mg/dL'").find("cannot compare a Number"), std::string::npos);
  EXPECT_NE(compile_error(library, "latest count <= 3 'furlongs'").find("unknown unit 'furlongs'"), std::string::npos);
}

TEST(CompilerTest, TypeErrors) {
  Library library = make_library();
  EXPECT_NE(compile_error(library, "score + 1").find("must be a Boolean, but this expression is a Number"), std::string::npos);
  EXPECT_NE(compile_error(library, "flag and score").find("'and' needs Booleans, not a Number"), std::string::npos);
  EXPECT_NE(compile_error(library, "age_group < 'x'").find("has no order"), std::string::npos);
  EXPECT_NE(compile_error(library, "score = null").find("is null"), std::string::npos);
  EXPECT_NE(compile_error(library, "if flag then 1 else 'x'").find("'then' and 'else' must have one type"), std::string::npos);
  EXPECT_NE(compile_error(library, "exists (score S where flag)").find("not a list to query"), std::string::npos);
  EXPECT_NE(compile_error(library, "exists (courses C where C.colour = 'red')").find("no member 'colour'"), std::string::npos);
  EXPECT_NE(compile_error(library, "(latest count).uln > 1 '10*9/L'").find("no upper limit of normal"), std::string::npos);
  EXPECT_NE(compile_error(library, "latest sodium within 14 > 1 'mg/dL'").find("'within' needs a Duration"), std::string::npos);
  EXPECT_NE(compile_error(library, "born - 3 > born").find("cannot compute a Date - a Number"), std::string::npos);
}

TEST(CompilerTest, QueryAliasesAreScoped) {
  Library library = make_library();
  EXPECT_TRUE(library.compile("exists (courses C where C.grade >= 2 and not C.local)", "$", TypeKind::kBoolean).ok());
  EXPECT_NE(compile_error(library, "exists (courses C where C.local) and C.local").find("unknown name 'C'"), std::string::npos);
}

TEST(CompilerTest, DefinitionsInAnyOrderCarryTheirNeeds) {
  Library library = make_library({{"late", "early + 1", "", "$.definitions.late"},
                                  {"early", "score * 2", "early score", "$.definitions.early"}});
  auto compiled = library.compile("late > 3", "$", TypeKind::kBoolean);
  ASSERT_TRUE(compiled.ok()) << compiled.error().to_string();
  EXPECT_EQ(compiled->needs, std::vector<std::string>{"score"});
}

TEST(CompilerTest, DefinitionErrors) {
  Library cyclic(testing::example_schema());
  Status status = cyclic.define({{"a", "b + 1", "", "$.definitions.a"}, {"b", "a + 1", "", "$.definitions.b"}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().path, "$.definitions.a");
  EXPECT_NE(status.error().message.find("'a' uses itself"), std::string::npos);

  Library twice(testing::example_schema());
  status = twice.define({{"a", "1", "", "$.definitions[0]"}, {"a", "2", "", "$.definitions[1]"}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().to_string(), "$.definitions[1]: 'a' is defined twice");

  Library shadow(testing::example_schema());
  status = shadow.define({{"score", "1", "", "$.definitions.score"}});
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("already the name of a fact"), std::string::npos);

  Library syntax(testing::example_schema());
  status = syntax.define({{"a", "1 +", "", "$.definitions.a"}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().to_string(), "$.definitions.a: syntax error at line 1, column 4: the expression ends where a value is expected");
}

}  // namespace
}  // namespace trialcore::expr

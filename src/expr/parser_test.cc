#include "expr/parser.h"

#include <gtest/gtest.h>

namespace trialcore::expr {
namespace {

NodePtr parse(const char* text) {
  auto root = parse_expression(text);
  EXPECT_TRUE(root.ok()) << text << ": " << (root.ok() ? "" : root.error().message);
  return root.ok() ? *root : nullptr;
}

std::string error_of(const char* text) {
  auto root = parse_expression(text);
  EXPECT_FALSE(root.ok()) << text;
  return root.ok() ? "" : root.error().message;
}

// The left side of `text`, which must parse as a comparison (an empty node when not).
NodePtr left_of_comparison(const char* text) {
  NodePtr root = parse(text);
  if (!root || root->kind != NodeKind::kCompare) {
    ADD_FAILURE() << text << ": not a comparison";
    return std::make_shared<Node>();
  }
  return root->children[0];
}

TEST(ParserTest, AndBindsTighterThanOr) {
  NodePtr root = parse("a or b and c");
  ASSERT_EQ(root->kind, NodeKind::kOr);
  EXPECT_EQ(root->children[1]->kind, NodeKind::kAnd);
  EXPECT_EQ(root->children[1]->source, "b and c");
}

TEST(ParserTest, ComparisonsBindTighterThanNot) {
  NodePtr root = parse("not zubrod > 3");
  ASSERT_EQ(root->kind, NodeKind::kNot);
  EXPECT_EQ(root->children[0]->kind, NodeKind::kCompare);
  EXPECT_EQ(root->children[0]->name, ">");
}

TEST(ParserTest, ArithmeticPrecedence) {
  NodePtr sum = left_of_comparison("1 + 2 * 3 >= 4");
  ASSERT_EQ(sum->kind, NodeKind::kArithmetic);
  EXPECT_EQ(sum->name, "+");
  EXPECT_EQ(sum->children[1]->name, "*");
}

TEST(ParserTest, QuantitiesAndDurations) {
  NodePtr quantity = parse("1.5 'mg/dL'");
  ASSERT_EQ(quantity->kind, NodeKind::kLiteral);
  EXPECT_DOUBLE_EQ(quantity->literal.quantity().amount, 1.5);
  EXPECT_EQ(quantity->literal.quantity().unit, "mg/dL");
  NodePtr duration = parse("4 months");
  EXPECT_EQ(duration->literal.duration().count, 4);
  EXPECT_EQ(duration->literal.duration().unit, DurationUnit::kMonths);
  EXPECT_EQ(parse("1 year")->literal.duration().unit, DurationUnit::kYears);
  EXPECT_NE(error_of("1.5 days").find("whole days"), std::string::npos);
  // A count past ten thousand years, or past what an integer holds, is refused rather than
  // moving a date off the calendar (found by the expression fuzzer).
  EXPECT_EQ(parse("10000 years")->literal.duration().count, 10000);
  EXPECT_NE(error_of("10001 years").find("at most 10000 years"), std::string::npos);
  EXPECT_NE(error_of("evaluation_date - 33333333333333333333333333333 year").find("at most 10000 year"), std::string::npos);
}

TEST(ParserTest, LatestWithWindow) {
  NodePtr latest = left_of_comparison("latest bilirubin within lab_window <= 1.5 'mg/dL'");
  EXPECT_EQ(latest->kind, NodeKind::kLatest);
  EXPECT_EQ(latest->name, "bilirubin");
  ASSERT_EQ(latest->children.size(), 1u);
  EXPECT_EQ(latest->children[0]->name, "lab_window");
  EXPECT_TRUE(parse("latest ejection_fraction")->children.empty());
}

TEST(ParserTest, QueriesAndCalls) {
  NodePtr exists = parse("exists (therapies T where T.end is null)");
  ASSERT_EQ(exists->kind, NodeKind::kQuery);
  EXPECT_EQ(exists->name, "exists");
  EXPECT_EQ(exists->alias, "T");
  EXPECT_EQ(exists->children[1]->kind, NodeKind::kIsNull);
  NodePtr count = parse("Count(toxicities X where X.grade >= 2) = 0");
  EXPECT_EQ(count->children[0]->name, "Count");
  NodePtr call = parse("Coalesce(a, b, null)");
  EXPECT_EQ(call->kind, NodeKind::kCall);
  EXPECT_EQ(call->children.size(), 3u);
}

TEST(ParserTest, BetweenTakesItsOwnAnd) {
  NodePtr root = parse("years between birth_date and evaluation_date >= 16 and ok");
  ASSERT_EQ(root->kind, NodeKind::kAnd);
  const Node& compare = *root->children[0];
  ASSERT_EQ(compare.kind, NodeKind::kCompare);
  EXPECT_EQ(compare.children[0]->kind, NodeKind::kBetween);
  EXPECT_EQ(compare.children[0]->name, "years");
}

TEST(ParserTest, MembershipAndNullTests) {
  NodePtr in = parse("diagnosis in ('ALL', 'B-ALL')");
  ASSERT_EQ(in->kind, NodeKind::kIn);
  EXPECT_FALSE(in->negated);
  EXPECT_EQ(in->children.size(), 3u);
  EXPECT_TRUE(parse("sex not in ('male')")->negated);
  EXPECT_TRUE(parse("x is not null")->negated);
  EXPECT_EQ(parse("x <> 1")->name, "!=");
}

TEST(ParserTest, IfThenElseNests) {
  NodePtr root = parse("if a then 1 else if b then 2 else 3");
  ASSERT_EQ(root->kind, NodeKind::kIf);
  EXPECT_EQ(root->children[2]->kind, NodeKind::kIf);
}

TEST(ParserTest, TextEscapesAndComments) {
  EXPECT_EQ(parse("'it\\'s'")->literal.text(), "it's");
  EXPECT_EQ(parse("1 // one\n+ 2")->kind, NodeKind::kArithmetic);
}

TEST(ParserTest, SyntaxErrorsNameLineAndColumn) {
  EXPECT_EQ(error_of("zubrod <= "), "syntax error at line 1, column 11: the expression ends where a value is expected");
  EXPECT_EQ(error_of("a and\n  (b or c"), "syntax error at line 2, column 10: expected ')', found the end of the expression");
  EXPECT_EQ(error_of("a # b"), "syntax error at line 1, column 3: unexpected character '#'");
  EXPECT_EQ(error_of("'open"), "syntax error at line 1, column 1: text not closed with '");
  EXPECT_NE(error_of("a b").find("expected the end of the expression, found 'b'"), std::string::npos);
  EXPECT_NE(error_of("if a then b").find("expected 'else'"), std::string::npos);
  EXPECT_NE(error_of("exists (therapies where x)").find("expected an alias"), std::string::npos);
  EXPECT_NE(error_of("and").find("expected a value, found 'and'"), std::string::npos);
}

// A protocol file comes from outside: nesting is bounded before it can exhaust the stack of
// the parser, the compiler, the evaluator or the tree's destructor.
TEST(ParserTest, DeepNestingIsASyntaxErrorNotAStackOverflow) {
  EXPECT_NE(error_of((std::string(100000, '(') + "1" + std::string(100000, ')')).c_str()).find("nests deeper than 100 levels"), std::string::npos);
  std::string negations;
  for (int i = 0; i < 100000; ++i) negations += "not ";
  EXPECT_NE(error_of((negations + "true").c_str()).find("nests deeper than 100 levels"), std::string::npos);
  EXPECT_NE(error_of((std::string(100000, '-') + "1").c_str()).find("nests deeper than 100 levels"), std::string::npos);
  std::string chain = "a";
  for (int i = 0; i < 100000; ++i) chain += " and a";
  EXPECT_NE(error_of(chain.c_str()).find("nested deeper than 400 levels"), std::string::npos);
  EXPECT_TRUE(parse((std::string(50, '(') + "1" + std::string(50, ')')).c_str()));  // as deep as any protocol needs
}

}  // namespace
}  // namespace trialcore::expr

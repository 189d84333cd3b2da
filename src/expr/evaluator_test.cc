#include "expr/evaluator.h"

#include <gtest/gtest.h>

#include "expr/test_schema.h"

namespace trialcore::expr {
namespace {

Date day(const char* text) { return *Date::Parse(text); }

Record course(const char* drug, const char* start, std::optional<const char*> end, std::optional<bool> local,
              std::optional<double> grade = std::nullopt) {
  Record record;
  record.members = {Value::Text(drug), Value::OfDate(day(start)),
                    end ? Value::OfDate(day(*end)) : Value::Unknown(),
                    local ? Value::Boolean(*local) : Value::Unknown(),
                    grade ? Value::Number(*grade) : Value::Unknown()};
  return record;
}

Observation sodium(double value, const char* date, std::optional<double> uln = std::nullopt) {
  return Observation{"sodium", day(date), Quantity{value, "mg/dL"}, uln, ""};
}

class EvaluatorTest : public ::testing::Test {
 protected:
  EvaluatorTest() : library_(testing::example_schema()) {
    Status status = library_.define({{"window", "14 days", "", "$.parameters.window"},
                                     {"age", "years between born and evaluation_date", "age", "$.definitions.age"}});
    EXPECT_TRUE(status.ok()) << status.error().to_string();
    facts_.evaluation_date = day("2010-07-02");
    facts_.facts.assign(library_.schema().facts.size(), Value::Unknown());
    facts_.observations.assign(library_.schema().observations.size(), {});
    facts_.trial_facts.assign(library_.schema().trial_facts.size(), Value::Unknown());
  }

  void set(const char* fact, Value value) { facts_.facts[library_.schema().find_fact(fact)] = std::move(value); }
  void observe(const char* code, Observation observation) {
    facts_.observations[library_.schema().find_observation(code)].push_back(std::move(observation));
  }
  void set_courses(std::vector<Record> records) {
    set("courses", Value::OfList(std::make_shared<const std::vector<Record>>(std::move(records))));
  }

  Outcome run(const char* text) {
    auto compiled = library_.compile(text, "$");
    EXPECT_TRUE(compiled.ok()) << text << ": " << (compiled.ok() ? "" : compiled.error().to_string());
    if (!compiled.ok()) return {};
    Evaluator evaluator(library_, facts_);
    return evaluator.evaluate(*compiled);
  }
  // "true", "false" or "unknown".
  std::string truth(const char* text) { return format_value(run(text).value); }

  Library library_;
  FactValues facts_;
};

TEST_F(EvaluatorTest, KleeneTruthTables) {
  set("flag", Value::Boolean(true));
  set("other", Value::Boolean(false));
  // flag = true, other = false, score unknown (so "score > 1" is unknown).
  EXPECT_EQ(truth("flag and score > 1"), "unknown");
  EXPECT_EQ(truth("other and score > 1"), "false");
  EXPECT_EQ(truth("score > 1 and other"), "false");
  EXPECT_EQ(truth("flag or score > 1"), "true");
  EXPECT_EQ(truth("score > 1 or flag"), "true");
  EXPECT_EQ(truth("other or score > 1"), "unknown");
  EXPECT_EQ(truth("not (score > 1)"), "unknown");
  EXPECT_EQ(truth("not other"), "true");
  EXPECT_EQ(truth("other implies score > 1"), "true");
  EXPECT_EQ(truth("flag implies score > 1"), "unknown");
  EXPECT_EQ(truth("score > 1 implies flag"), "true");
  EXPECT_EQ(truth("flag xor other"), "true");
  EXPECT_EQ(truth("flag xor score > 1"), "unknown");
  EXPECT_EQ(truth("score is null"), "true");
  EXPECT_EQ(truth("flag is not null"), "true");
}

TEST_F(EvaluatorTest, UnknownFactsAreNamed) {
  Outcome outcome = run("score <= 3");
  EXPECT_FALSE(outcome.value.known());
  EXPECT_EQ(outcome.reason, "score not recorded");
  EXPECT_EQ(outcome.missing, std::vector<std::string>{"score"});
}

TEST_F(EvaluatorTest, ReasonsStateWhatHolds) {
  set("score", Value::Number(4));
  Outcome outcome = run("score <= 3");
  EXPECT_TRUE(outcome.value.is_false());
  EXPECT_EQ(outcome.reason, "score 4 > 3");
  EXPECT_EQ(run("score >= 4").reason, "score 4 >= 4");
  EXPECT_EQ(run("score = 5").reason, "score 4 != 5");
}

TEST_F(EvaluatorTest, QuantitiesConvertAndTolerateRounding) {
  set("weight", Value::OfQuantity(70, "kg"));
  EXPECT_EQ(truth("weight < 155 'lb'"), "true");   // 154.32 lb
  EXPECT_EQ(truth("weight < 154 'lb'"), "false");
  // 25.65 umol/L of a substance whose factor is 17.1 converts to 1.4999999999999998 mg/dL.
  observe("sodium", sodium(25.65 / 17.1, "2010-07-01"));
  EXPECT_EQ(truth("latest sodium <= 1.5 'mg/dL'"), "true");
  EXPECT_EQ(truth("latest sodium < 1.5 'mg/dL'"), "false");
  observe("count", Observation{"count", day("2010-07-01"), Quantity{50, "10*9/L"}, {}, ""});
  EXPECT_EQ(truth("latest count > 50000 '/uL'"), "false");
  EXPECT_EQ(truth("latest count >= 50000 '/uL'"), "true");
}

TEST_F(EvaluatorTest, LatestWithinWindowIncludesItsFirstDay) {
  observe("sodium", sodium(0.9, "2010-06-18"));  // exactly 14 days before 2010-07-02
  Outcome fresh = run("latest sodium within window <= 1.5 'mg/dL'");
  EXPECT_TRUE(fresh.value.is_true());
  EXPECT_EQ(fresh.reason, "sodium 0.9 mg/dL (2010-06-18) <= 1.5 mg/dL");
}

TEST_F(EvaluatorTest, StaleObservationsAreUnknownNotFailures) {
  observe("sodium", sodium(9.9, "2010-06-17"));  // 15 days before
  Outcome stale = run("latest sodium within window <= 1.5 'mg/dL'");
  EXPECT_FALSE(stale.value.known());
  EXPECT_EQ(stale.reason, "sodium of 2010-06-17 is older than 14 days: obtain one dated 2010-06-18 or later");
  EXPECT_EQ(stale.missing, std::vector<std::string>{"sodium"});
}

TEST_F(EvaluatorTest, LaterObservationsAreNotUsed) {
  observe("sodium", sodium(0.9, "2010-06-25"));
  observe("sodium", sodium(3.0, "2010-07-03"));  // after the evaluation date
  Outcome outcome = run("latest sodium within window <= 1.5 'mg/dL'");
  EXPECT_TRUE(outcome.value.is_true()) << outcome.reason;
  facts_.observations[0] = {sodium(3.0, "2010-07-03")};
  Outcome none = run("latest sodium within window <= 1.5 'mg/dL'");
  EXPECT_EQ(none.reason, "no sodium recorded on or before 2010-07-02");
}

TEST_F(EvaluatorTest, TheLatestValueCounts) {
  observe("sodium", sodium(0.9, "2010-06-30"));
  observe("sodium", sodium(2.0, "2010-07-01"));
  observe("sodium", sodium(0.5, "2010-06-25"));
  EXPECT_EQ(truth("latest sodium within window <= 1.5 'mg/dL'"), "false");
}

TEST_F(EvaluatorTest, UpperLimitOfNormal) {
  observe("sodium", sodium(120, "2010-07-01", 41));
  Outcome outcome = run("latest sodium <= 3 * (latest sodium).uln");
  EXPECT_TRUE(outcome.value.is_true());
  EXPECT_EQ(outcome.reason, "sodium 120 mg/dL (2010-07-01) <= 123 mg/dL (3 * sodium ULN 41 mg/dL)");
  facts_.observations[0] = {sodium(124, "2010-07-01", 41)};
  EXPECT_EQ(truth("latest sodium <= 3 * (latest sodium).uln"), "false");
  facts_.observations[0] = {sodium(124, "2010-07-01")};
  Outcome no_uln = run("latest sodium <= 3 * (latest sodium).uln");
  EXPECT_FALSE(no_uln.value.known());
  EXPECT_EQ(no_uln.missing, std::vector<std::string>{"sodium.uln"});
}

TEST_F(EvaluatorTest, IfWithUnknownConditionNeedsBothBranchesToAgree) {
  observe("sodium", sodium(0.8, "2010-07-01"));
  const char* rule = "if flag then latest sodium <= 2.0 'mg/dL' else latest sodium <= 1.5 'mg/dL'";
  Outcome agreed = run(rule);
  EXPECT_TRUE(agreed.value.is_true());
  EXPECT_NE(agreed.reason.find("either way: flag not recorded"), std::string::npos) << agreed.reason;
  facts_.observations[0] = {sodium(1.8, "2010-07-01")};
  Outcome disagreed = run(rule);
  EXPECT_FALSE(disagreed.value.known());
  EXPECT_EQ(disagreed.missing, std::vector<std::string>{"flag"});
  set("flag", Value::Boolean(true));
  Outcome decided = run(rule);
  EXPECT_TRUE(decided.value.is_true());
  EXPECT_EQ(decided.reason, "sodium 1.8 mg/dL (2010-07-01) <= 2 mg/dL (flag is true)");
}

TEST_F(EvaluatorTest, ExistsOverRecords) {
  const char* rule = "exists (courses C where C.local = false and (C.end is null or C.end > evaluation_date - 14 days))";
  set_courses({});
  Outcome none = run(rule);
  EXPECT_TRUE(none.value.is_false());
  EXPECT_EQ(none.reason, "courses: none recorded");

  set_courses({course("A", "2010-03-01", "2010-06-18", false), course("B", "2010-06-20", std::nullopt, true)});
  Outcome clear = run(rule);
  EXPECT_TRUE(clear.value.is_false()) << clear.reason;
  EXPECT_EQ(clear.reason,
            "courses[0] (A): end 2010-06-18 <= 2010-06-18 (evaluation date 2010-07-02 - 14 days); "
            "courses[1] (B): local is true");

  set_courses({course("A", "2010-03-01", "2010-06-19", false)});
  Outcome recent = run(rule);
  EXPECT_TRUE(recent.value.is_true());
  EXPECT_EQ(recent.reason, "courses[0] (A): local is false; end 2010-06-19 > 2010-06-18 (evaluation date 2010-07-02 - 14 days)");

  set_courses({course("A", "2010-03-01", std::nullopt, std::nullopt)});
  Outcome unknown = run(rule);
  EXPECT_FALSE(unknown.value.known());
  EXPECT_EQ(unknown.missing, std::vector<std::string>{"courses[0].local"});

  set("courses", Value::Unknown());
  EXPECT_EQ(run(rule).missing, std::vector<std::string>{"courses"});
}

TEST_F(EvaluatorTest, CountNeedsEveryAnswer) {
  set_courses({course("A", "2010-03-01", "2010-04-01", true, 2), course("B", "2010-03-01", "2010-04-01", true, 1)});
  Outcome count = run("Count(courses C where C.grade >= 2) = 1");
  EXPECT_TRUE(count.value.is_true()) << count.reason;
  set_courses({course("A", "2010-03-01", "2010-04-01", true, 2), course("B", "2010-03-01", "2010-04-01", true)});
  EXPECT_EQ(truth("Count(courses C where C.grade >= 2) = 1"), "unknown");
}

TEST_F(EvaluatorTest, CoalesceAndContradiction) {
  set("other", Value::Boolean(false));
  EXPECT_EQ(truth("Coalesce(flag, other)"), "false");
  EXPECT_EQ(truth("Coalesce(flag, null)"), "unknown");
  Outcome contradiction = run("if other = false then Contradiction('records disagree') else true");
  EXPECT_FALSE(contradiction.value.known());
  EXPECT_NE(contradiction.reason.find("records disagree"), std::string::npos);
}

TEST_F(EvaluatorTest, AgeCountsTheBirthdayOnTheDayAndLabelsTheReason) {
  set("born", Value::OfDate(day("1994-07-02")));
  Outcome sixteen = run("age >= 16");
  EXPECT_TRUE(sixteen.value.is_true());
  EXPECT_EQ(sixteen.reason, "age 16 >= 16");
  set("born", Value::OfDate(day("1994-07-03")));
  EXPECT_EQ(run("age >= 16").reason, "age 15 < 16");
  set("born", Value::Unknown());
  Outcome unknown = run("age >= 16 or enrolled >= 10");
  EXPECT_FALSE(unknown.value.known());
  EXPECT_EQ(unknown.missing, (std::vector<std::string>{"born", "enrolled"}));
  facts_.trial_facts[0] = Value::Number(10);
  EXPECT_EQ(truth("age >= 16 or enrolled >= 10"), "true");
}

TEST_F(EvaluatorTest, CalendarMonthsClampToTheMonthEnd) {
  facts_.evaluation_date = day("2010-06-30");
  // 2010-06-30 minus 4 calendar months is 2010-02-28 (there is no 30 February).
  set("born", Value::OfDate(day("2010-02-28")));
  EXPECT_EQ(truth("born > evaluation_date - 4 months"), "false");
  set("born", Value::OfDate(day("2010-03-01")));
  EXPECT_EQ(truth("born > evaluation_date - 4 months"), "true");
  EXPECT_EQ(format_value(run("months between born and evaluation_date").value), "3");
}

TEST_F(EvaluatorTest, MembershipNamesTheChoices) {
  set("age_group", Value::Text("adult"));
  Outcome in = run("age_group in ('child', 'adult')");
  EXPECT_TRUE(in.value.is_true());
  EXPECT_EQ(in.reason, "age_group adult is one of child, adult");
  EXPECT_EQ(truth("age_group not in ('child', 'adult')"), "false");
  EXPECT_EQ(truth("age_group in ('Adult')"), "false");  // exact, case-sensitive
}

TEST_F(EvaluatorTest, TextObservations) {
  observe("test", Observation{"test", day("2010-06-30"), std::string("negative"), {}, ""});
  Outcome outcome = run("latest test within window = 'negative'");
  EXPECT_TRUE(outcome.value.is_true());
  EXPECT_EQ(outcome.reason, "test negative (2010-06-30)");
  facts_.observations[2] = {Observation{"test", day("2010-06-30"), std::string("positive"), {}, ""}};
  EXPECT_EQ(run("latest test within window = 'negative'").reason, "test positive (2010-06-30), not negative");
  set("age_group", Value::Text("adult"));
  EXPECT_EQ(run("age_group != 'child'").reason, "age_group adult, not child");
}

TEST_F(EvaluatorTest, DivisionByZeroIsUnknown) {
  set("score", Value::Number(0));
  EXPECT_EQ(truth("10 / score > 1"), "unknown");
}

}  // namespace
}  // namespace trialcore::expr

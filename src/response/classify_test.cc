// Response categories of NCT01134575 (docs/interpretation.md, Response) at and beside every boundary:
// ANC exactly 1.0, platelets exactly 100, blasts exactly 5 and 25, a decrease of exactly 50%,
// and missing values giving NE.
#include "response/classify.h"

#include <gtest/gtest.h>

#include "base/test_files.h"
#include "response/best_response.h"

namespace trialcore::response {
namespace {

ResponseSpec builtin_spec() {
  Json protocol = source_tree_json("protocols/nct01134575.json");
  auto spec = parse_response_spec(protocol["response"], "$.response", protocol_period_ids(protocol));
  EXPECT_TRUE(spec.ok()) << spec.error().to_string();
  return std::move(*spec);
}

class ClassifyTest : public ::testing::Test {
 protected:
  ClassifyTest() : spec_(builtin_spec()) {}

  // A complete remission; tests change what they need. null removes a value.
  Response run(Json changes) {
    Json assessment = {{"anc", 1.5}, {"platelets", 150}, {"marrow_blasts", 3}, {"baseline_marrow_blasts", 60},
                       {"extramedullary", "absent"}};
    for (auto it = changes.begin(); it != changes.end(); ++it) assessment[it.key()] = it.value();
    std::vector<std::string> warnings;
    auto read = read_assessment(spec_, assessment, "$", warnings);
    EXPECT_TRUE(read.ok()) << read.error().to_string();
    return classify(spec_, *read);
  }
  std::string category(Json changes) { return run(std::move(changes)).category; }

  ResponseSpec spec_;
};

TEST_F(ClassifyTest, CompleteRemission) {
  Response response = run(Json::object());
  EXPECT_EQ(response.category, "CR");
  EXPECT_TRUE(response.responder);
  EXPECT_NE(response.reason.find("marrow_blasts 3 % < 5 %"), std::string::npos) << response.reason;
}

TEST_F(ClassifyTest, NeutrophilsExactlyOneAreNotRecovered) {
  EXPECT_EQ(category({{"anc", 1.0}}), "CRi");
  EXPECT_EQ(category({{"anc", 1.01}}), "CR");
  EXPECT_EQ(category({{"anc", 0.99}}), "CRi");
}

TEST_F(ClassifyTest, PlateletsExactlyHundredAreNotRecovered) {
  EXPECT_EQ(category({{"platelets", 100}}), "CRi");
  EXPECT_EQ(category({{"platelets", 100.1}}), "CR");
  EXPECT_EQ(category({{"platelets", 20}, {"anc", 0.2}}), "CRi");
}

TEST_F(ClassifyTest, MarrowBlastsFiveIsNotClear) {
  EXPECT_EQ(category({{"marrow_blasts", 4.99}}), "CR");
  EXPECT_EQ(category({{"marrow_blasts", 5}}), "PR");  // counts recovered, 5 < 30 (half of 60)
  EXPECT_EQ(category({{"marrow_blasts", 5}, {"anc", 0.5}}), "NR");  // no CRi with 5%, no PR without counts
}

TEST_F(ClassifyTest, PartialRemissionAtTwentyFivePercent) {
  EXPECT_EQ(category({{"marrow_blasts", 25}, {"baseline_marrow_blasts", 80}}), "PR");
  EXPECT_EQ(category({{"marrow_blasts", 25.1}, {"baseline_marrow_blasts", 80}}), "NR");
}

TEST_F(ClassifyTest, ADecreaseOfExactlyHalfIsNotMoreThanHalf) {
  EXPECT_EQ(category({{"marrow_blasts", 20}, {"baseline_marrow_blasts", 40}}), "NR");
  EXPECT_EQ(category({{"marrow_blasts", 19.9}, {"baseline_marrow_blasts", 40}}), "PR");
}

TEST_F(ClassifyTest, ExtramedullaryDiseaseRulesOutComplete) {
  EXPECT_EQ(category({{"extramedullary", "present"}}), "PR");  // 3 < 30, counts recovered
  EXPECT_EQ(category({{"extramedullary", "present"}, {"anc", 0.5}}), "NR");
}

TEST_F(ClassifyTest, MissingValuesGiveNotEvaluable) {
  for (const char* fact : {"anc", "platelets", "marrow_blasts", "extramedullary"}) {
    Response response = run({{fact, nullptr}});
    EXPECT_EQ(response.category, "NE") << fact << ": " << response.reason;
    EXPECT_FALSE(response.responder);
    EXPECT_EQ(response.missing, std::vector<std::string>{fact}) << fact;
  }
  Response unknown = run({{"extramedullary", "unknown"}});
  EXPECT_EQ(unknown.category, "NE");
  // The baseline is needed only to decide PR.
  EXPECT_EQ(category({{"baseline_marrow_blasts", nullptr}}), "CR");
  Response partial = run({{"marrow_blasts", 10}, {"baseline_marrow_blasts", nullptr}});
  EXPECT_EQ(partial.category, "NE");
  EXPECT_EQ(partial.missing, std::vector<std::string>{"baseline_marrow_blasts"});
}

TEST_F(ClassifyTest, ADecidedAssessmentNeedsNotEveryValue) {
  // 60% blasts rule out CR, CRi and PR whatever the counts are.
  Response response = run({{"marrow_blasts", 60}, {"anc", nullptr}, {"platelets", nullptr}});
  EXPECT_EQ(response.category, "NR");
  EXPECT_FALSE(response.responder);
}

TEST_F(ClassifyTest, ImpossibleValuesAreRefused) {
  std::vector<std::string> warnings;
  auto negative = read_assessment(spec_, {{"anc", -0.1}}, "$", warnings);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().to_string(), "$.anc: must be at least 0 10*9/L, not -0.1 10*9/L");
  auto percent = read_assessment(spec_, {{"marrow_blasts", 101}}, "$", warnings);
  ASSERT_FALSE(percent.ok());
  EXPECT_EQ(percent.error().path, "$.marrow_blasts");
  auto choice = read_assessment(spec_, {{"extramedullary", "yes"}}, "$", warnings);
  ASSERT_FALSE(choice.ok());
  EXPECT_EQ(choice.error().to_string(), "$.extramedullary: 'yes' is not one of absent, present");
  auto text = read_assessment(spec_, {{"anc", "high"}}, "$", warnings);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().to_string(), "$.anc: must be an object such as {\"value\": 1, \"unit\": \"10*9/L\"}, not a string");
  auto extra = read_assessment(spec_, {{"colour", 1}}, "$", warnings);
  ASSERT_TRUE(extra.ok());
  EXPECT_EQ(warnings, std::vector<std::string>{"$.colour: not a fact of an assessment, ignored"});
}

CourseAssessment at(int course, const char* category, bool responder) {
  CourseAssessment assessment;
  assessment.course = course;
  assessment.date = Date(2010, 8, 1).plus_days(28L * course);
  assessment.response.category = category;
  assessment.response.responder = responder;
  return assessment;
}

TEST_F(ClassifyTest, BestResponseOverCoursesOneToEight) {
  BestResponse best = best_response(spec_, {at(1, "NR", false), at(2, "PR", true), at(3, "CRi", true), at(4, "PR", true)});
  EXPECT_EQ(best.category, "CRi");
  EXPECT_EQ(best.course, 3);
  EXPECT_TRUE(best.responder);
  // A CR after course 9 does not count.
  EXPECT_EQ(best_response(spec_, {at(2, "NR", false), at(9, "CR", true)}).category, "NR");
  // Not evaluable ranks below every category.
  EXPECT_EQ(best_response(spec_, {at(1, "NE", false), at(2, "NR", false)}).category, "NR");
  // Intent to treat: no assessment is a non-responder.
  BestResponse none = best_response(spec_, {});
  EXPECT_EQ(none.category, "NE");
  EXPECT_FALSE(none.responder);
}

TEST_F(ClassifyTest, ConsiderRituximabAfterTwoCoursesWithoutResponse) {
  auto raised = raised_signals(spec_, "period-1", 2, {at(1, "NR", false)});
  ASSERT_EQ(raised.size(), 1u);
  EXPECT_EQ(raised[0]->id, "consider-rituximab");
  EXPECT_EQ(raised_signals(spec_, "period-2", 2, {}).size(), 1u);            // no assessment is no response
  EXPECT_TRUE(raised_signals(spec_, "period-1", 1, {}).empty());             // only once course 2 is given
  EXPECT_TRUE(raised_signals(spec_, "period-1", 2, {at(1, "PR", true)}).empty());
  EXPECT_TRUE(raised_signals(spec_, "period-3", 2, {}).empty());             // periods 1-2 only
}

TEST(ResponseSpecTest, RejectsBadSections) {
  auto error_of = [](const char* text) {
    auto spec = parse_response_spec(Json::parse(text), "$.response", {"p"});
    EXPECT_FALSE(spec.ok()) << text;
    return spec.ok() ? "" : spec.error().to_string();
  };
  EXPECT_EQ(error_of(R"({"categories": []})"), "$.response.assessment_facts: is required");
  EXPECT_EQ(error_of(R"({"assessment_facts": {}, "categories": []})"),
            "$.response.categories: must be a non-empty list, in precedence order");
  EXPECT_NE(error_of(R"({"assessment_facts": {"x": {"type": "number"}}, "categories": [{"id": "A", "responder": true, "when": "y > 1"}]})")
                .find("unknown name 'y'"),
            std::string::npos);
  EXPECT_EQ(error_of(R"({"assessment_facts": {}, "categories": [{"id": "A", "responder": true, "when": "true"}],
                         "signals": [{"id": "s", "message": "m", "after_courses": 2, "periods": ["q"]}]})"),
            "$.response.signals[0].periods[0]: must be the id of a period of the protocol");
}

}  // namespace
}  // namespace trialcore::response

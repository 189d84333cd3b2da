// The trial design domains of the built-in protocol and of the second protocol: the
// elements and visits the regimens plan, every criterion with its code, the summary.
#include "sdtm/trial_design.h"

#include <gtest/gtest.h>

#include <set>

#include "base/test_files.h"
#include "sdtm/trial_summary.h"

namespace trialcore::sdtm {
namespace {

std::string text_at(const Dataset& dataset, size_t row, const std::string& name) {
  const Value& value = dataset.rows.at(row).at(dataset.column(name));
  return std::holds_alternative<std::string>(value) ? std::get<std::string>(value) : "";
}

int64_t number_at(const Dataset& dataset, size_t row, const std::string& name) {
  return std::get<int64_t>(dataset.rows.at(row).at(dataset.column(name)));
}

Protocol second_protocol() {
  return *load_protocol(source_tree_text("tests/data/protocols/made-up-myeloma.json"), "made-up-myeloma.json");
}

class TrialDesignTest : public ::testing::Test {
 protected:
  Protocol protocol_ = *load_builtin_protocol();
  usdm::StudyDesign design_ = usdm::study_design(protocol_);
};

TEST_F(TrialDesignTest, EachArmGoesThroughScreeningItsCoursesAndFollowUp) {
  Dataset arms = trial_arms(protocol_, design_);
  ASSERT_TRUE(check_dataset(arms).ok()) << check_dataset(arms).error().to_string();
  size_t per_arm = 1 + protocol_.treatment.max_courses + 1;
  ASSERT_EQ(arms.rows.size(), protocol_.periods.size() * per_arm);
  EXPECT_EQ(text_at(arms, 0, "ARMCD"), "PERIOD_1");
  EXPECT_EQ(text_at(arms, 0, "ETCD"), "SCRN");
  EXPECT_EQ(text_at(arms, 0, "EPOCH"), "SCREENING");
  EXPECT_EQ(text_at(arms, 1, "ETCD"), "A1C1");
  EXPECT_EQ(text_at(arms, 1, "EPOCH"), "COURSE 1");
  EXPECT_EQ(number_at(arms, per_arm - 1, "TAETORD"), int64_t(per_arm));
  EXPECT_EQ(text_at(arms, per_arm - 1, "ETCD"), "FU");
  EXPECT_EQ(text_at(arms, 2 * per_arm + 3, "ARMCD"), "PERIOD_3");
  EXPECT_EQ(text_at(arms, 2 * per_arm + 3, "ETCD"), "A3C3");
  EXPECT_NE(text_at(arms, 1, "TATRANS").find("TAETORD 10"), std::string::npos);
  EXPECT_EQ(text_at(arms, per_arm - 2, "TATRANS"), "");  // after the last course follow-up comes next anyway

  Dataset elements = trial_elements(protocol_, design_);
  ASSERT_TRUE(check_dataset(elements).ok());
  ASSERT_EQ(elements.rows.size(), 2 + protocol_.periods.size() * protocol_.treatment.max_courses);
  std::set<std::string> codes;
  for (size_t r = 0; r < elements.rows.size(); ++r) codes.insert(text_at(elements, r, "ETCD"));
  EXPECT_EQ(codes.size(), elements.rows.size());
  EXPECT_EQ(text_at(elements, 1, "TEDUR"), "P28D");                    // period 1 courses every 4 weeks
  EXPECT_EQ(text_at(elements, 1 + 2 * 8, "TEDUR"), "P21D");            // period 3 every 3 weeks
}

TEST_F(TrialDesignTest, VisitsAreTheDosingDaysOfEachCourseWithTheirWindows) {
  Dataset visits = trial_visits(protocol_, design_);
  ASSERT_TRUE(check_dataset(visits).ok());
  EXPECT_EQ(text_at(visits, 0, "VISIT"), "SCREENING");
  // Period 3 doses on days 1, 8 and 15 (and day 2 of course 1 when rituximab is given).
  std::map<std::string, int64_t> period_3_day;
  std::map<std::string, std::string> period_3_end;
  for (size_t r = 0; r < visits.rows.size(); ++r) {
    if (text_at(visits, r, "ARMCD") == "PERIOD_3") {
      period_3_day[text_at(visits, r, "VISIT")] = number_at(visits, r, "VISITDY");
      period_3_end[text_at(visits, r, "VISIT")] = text_at(visits, r, "TVENRL");
    }
  }
  EXPECT_EQ(period_3_day.at("COURSE 1 DAY 2"), 2);
  EXPECT_EQ(period_3_day.at("COURSE 2 DAY 8"), 21 + 8);
  EXPECT_EQ(period_3_end.at("COURSE 2 DAY 8"), "Up to 1 day(s) later");
  EXPECT_EQ(period_3_day.count("COURSE 2 DAY 2"), 0u);
  EXPECT_EQ(period_3_day.size(), 4u + 3u * 7u);
  // Periods 1 and 2 dose on day 1 of each course, every 28 days.
  for (size_t r = 0; r < visits.rows.size(); ++r) {
    if (text_at(visits, r, "ARMCD") == "PERIOD_1" && text_at(visits, r, "VISIT") == "COURSE 8 DAY 1") {
      EXPECT_EQ(number_at(visits, r, "VISITDY"), 7 * 28 + 1);
    }
  }
  // A visit number names one visit, whatever the arm.
  std::map<int64_t, std::set<std::string>> names;
  for (size_t r = 0; r < visits.rows.size(); ++r) names[number_at(visits, r, "VISITNUM")].insert(text_at(visits, r, "VISIT"));
  for (const auto& [number, visit] : names) EXPECT_EQ(visit.size(), 1u) << number;
}

TEST_F(TrialDesignTest, EveryCriterionWithItsCodeCategoryAndRule) {
  Dataset criteria = trial_criteria(protocol_);
  ASSERT_TRUE(check_dataset(criteria).ok());
  ASSERT_EQ(criteria.rows.size(), 18u);
  std::set<std::string> codes, texts;
  for (size_t r = 0; r < criteria.rows.size(); ++r) {
    std::string code = text_at(criteria, r, "IETESTCD");
    EXPECT_LE(code.size(), 8u);
    codes.insert(code);
    texts.insert(text_at(criteria, r, "IETEST"));
    EXPECT_EQ(text_at(criteria, r, "TIVERS"), protocol_.version);
    EXPECT_EQ(text_at(criteria, r, "IECAT"),
              protocol_.criteria[r].kind == CriterionKind::kInclusion ? "INCLUSION" : "EXCLUSION");
  }
  EXPECT_EQ(codes.size(), 18u);
  EXPECT_EQ(texts.size(), 18u);
  EXPECT_EQ(text_at(criteria, 0, "IETESTCD"), "INCDIAGN");  // from inc-diagnosis
  EXPECT_EQ(text_at(criteria, 3, "TIRL"), "met when zubrod <= 3");
  // Two texts are longer than SAS holds (inc-pregnancy-test, exc-washout): cut at a word, and
  // said so with "..."; one rule is too long for TIRL (inc-transaminases) and is left to the protocol.
  for (size_t r = 0; r < criteria.rows.size(); ++r) {
    const Criterion& criterion = protocol_.criteria[r];
    std::string text = text_at(criteria, r, "IETEST");
    if (criterion.text.size() > 200) {
      EXPECT_EQ(text.substr(text.size() - 3), "...") << criterion.id;
      EXPECT_EQ(criterion.text.rfind(text.substr(0, text.size() - 3), 0), 0u) << criterion.id;
      EXPECT_EQ(criterion.text[text.size() - 3], ' ') << criterion.id;  // the cut is between words
    } else {
      EXPECT_EQ(text, criterion.text);
    }
  }
  size_t transaminases = 5;
  ASSERT_EQ(protocol_.criteria[transaminases].id, "inc-transaminases");
  EXPECT_EQ(text_at(criteria, transaminases, "TIRL"), "");
}

TEST_F(TrialDesignTest, CriterionCodesStayUniqueWhenIdsShareTheirStart) {
  Json document = protocol_.document;
  document["criteria"][1]["id"] = "inc-diagnosis-confirmed";  // INCDIAGN as inc-diagnosis
  auto changed = load_protocol(document.dump(), "test");
  ASSERT_TRUE(changed.ok()) << changed.error().to_string();
  std::vector<std::string> codes = criterion_codes(*changed);
  EXPECT_EQ(codes[0], "INCDIAGN");
  EXPECT_EQ(codes[1], "INCDIAG2");
}

TEST_F(TrialDesignTest, TheSummaryStatesTheRegistrysFactsInControlledTerms) {
  auto summary = trial_summary(protocol_);
  ASSERT_TRUE(summary.ok()) << summary.error().to_string();
  ASSERT_TRUE(check_dataset(*summary).ok()) << check_dataset(*summary).error().to_string();
  std::map<std::string, std::vector<size_t>> rows;
  for (size_t r = 0; r < summary->rows.size(); ++r) rows[text_at(*summary, r, "TSPARMCD")].push_back(r);
  auto value = [&](const char* code) { return text_at(*summary, rows.at(code).at(0), "TSVAL"); };
  EXPECT_EQ(value("TITLE"), protocol_.title);
  EXPECT_EQ(value("TPHASE"), "PHASE II TRIAL");
  EXPECT_EQ(text_at(*summary, rows.at("TPHASE")[0], "TSVALCD"), "C15601");
  EXPECT_EQ(value("PLANSUB"), "90");
  EXPECT_EQ(value("REGID"), "NCT01134575");
  EXPECT_EQ(value("INDIC"), "Acute Lymphoblastic Leukemia");
  EXPECT_EQ(value("AGEMIN"), "P16Y");
  EXPECT_EQ(text_at(*summary, rows.at("AGEMAX")[0], "TSVALNF"), "PINF");
  EXPECT_EQ(value("INTMODEL"), "SINGLE GROUP");
  EXPECT_EQ(value("TBLIND"), "OPEN LABEL");
  EXPECT_EQ(value("RANDOM"), "N");
  ASSERT_EQ(rows.at("TRT").size(), 2u);
  EXPECT_EQ(number_at(*summary, rows.at("TRT")[1], "TSSEQ"), 2);
  EXPECT_EQ(text_at(*summary, rows.at("ROUTE")[0], "TSVAL"), "INTRAVENOUS");
}

TEST_F(TrialDesignTest, AWrongRegistryMemberIsNamed) {
  Json document = protocol_.document;
  document["registry"]["phase"] = 2;
  auto changed = load_protocol(document.dump(), "test");
  ASSERT_TRUE(changed.ok());
  auto summary = trial_summary(*changed);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().path, "$.registry.phase");
}

TEST(SecondProtocolDesignTest, NoRegistryNoTreatmentStillDesignsAndSaysWhatIsUnknown) {
  Protocol protocol = second_protocol();
  usdm::StudyDesign design = usdm::study_design(protocol);
  Dataset arms = trial_arms(protocol, design);
  ASSERT_TRUE(check_dataset(arms).ok());
  ASSERT_EQ(arms.rows.size(), 2u * 3u);  // screening, treatment, follow-up in each arm
  EXPECT_EQ(text_at(arms, 1, "EPOCH"), "TREATMENT");
  EXPECT_EQ(text_at(arms, 4, "ETCD"), "A2TRT");
  Dataset visits = trial_visits(protocol, design);
  EXPECT_EQ(visits.rows.size(), 1u);  // screening only: no regimen plans a dose
  Dataset criteria = trial_criteria(protocol);
  EXPECT_EQ(criteria.rows.size(), protocol.criteria.size());
  auto summary = trial_summary(protocol);
  ASSERT_TRUE(summary.ok());
  for (size_t r = 0; r < summary->rows.size(); ++r) {
    if (text_at(*summary, r, "TSPARMCD") == "TPHASE") {
      EXPECT_EQ(text_at(*summary, r, "TSVAL"), "");
      EXPECT_EQ(text_at(*summary, r, "TSVALNF"), "NI");
    }
  }
}

}  // namespace
}  // namespace trialcore::sdtm

// The protocol's CTCAE v4.03 lab grading rules at every boundary: equal to a limit, just
// past it, and in the other units the catalogue accepts. The expected grades come from a
// table written here from the CTCAE v4.03 document (NCI, 14 June 2010, Investigations:
// Blood bilirubin increased, Alanine/Aspartate aminotransferase increased, Creatinine
// increased, Neutrophil count decreased, Platelet count decreased), not from the rules.
#include <gtest/gtest.h>

#include "base/test_files.h"
#include "patient/patient_record.h"
#include "patient/record_fields.h"
#include "safety/lab_grading.h"

namespace trialcore::safety {
namespace {

struct Loaded {
  patient::RecordFormat format;
  SafetySpec spec;
};

const Loaded& loaded() {
  static const Loaded protocol = [] {
    Json document = source_tree_json("protocols/nct01134575.json");
    Loaded made;
    made.format.fields = patient::contract_fields();
    auto catalogue = patient::parse_observation_catalogue(document["observations"], "$.observations");
    EXPECT_TRUE(catalogue.ok()) << catalogue.error().to_string();
    made.format.observations = *catalogue;
    auto spec = parse_safety_spec(document["safety"], "$.safety", made.format.observations);
    EXPECT_TRUE(spec.ok()) << spec.error().to_string();
    made.spec = *spec;
    return made;
  }();
  return protocol;
}

// CTCAE v4.03 as written in the document. An increase: grade g when the value is above
// limits[g-1] x ULN (limits[0] is the ULN itself). A decrease: grade g when below
// limits[g-1], with grade 1 below the LLN; counts in 10*9/L.
struct Ctcae {
  std::string code;
  std::string term;
  bool increase = true;
  std::vector<double> limits;  // grade 1, 2, 3, 4 thresholds
  std::string unit;            // the catalogue's unit
  std::vector<std::pair<std::string, double>> other_units;  // unit, how many make 1 `unit`
};

const std::vector<Ctcae>& ctcae_table() {
  static const std::vector<Ctcae> table = {
      {"bilirubin", "Blood bilirubin increased", true, {1.0, 1.5, 3.0, 10.0}, "mg/dL", {{"umol/L", 17.1}}},
      {"alt", "Alanine aminotransferase increased", true, {1.0, 3.0, 5.0, 20.0}, "U/L", {}},
      {"ast", "Aspartate aminotransferase increased", true, {1.0, 3.0, 5.0, 20.0}, "U/L", {}},
      {"creatinine", "Creatinine increased", true, {1.0, 1.5, 3.0, 6.0}, "mg/dL", {{"umol/L", 88.4}}},
      {"anc", "Neutrophil count decreased", false, {0, 1.5, 1.0, 0.5}, "10*9/L", {{"/uL", 1000}}},
      {"platelets", "Platelet count decreased", false, {0, 75, 50, 25}, "10*9/L", {{"/uL", 1000}}},
  };
  return table;
}

// The grade the table gives a value (in the catalogue's unit) with these limits.
int expected_grade(const Ctcae& row, double value, double uln, double lln) {
  int grade = 0;
  for (int g = 1; g <= 4; ++g) {
    if (row.increase ? value > row.limits[g - 1] * uln : value < (g == 1 ? lln : row.limits[g - 1])) grade = g;
  }
  return grade;
}

// The lab as the record reads it: the value and its ULN in `unit`, converted to the
// catalogue's.
expr::Observation observed(const std::string& code, double value, const std::string& unit, std::optional<double> uln) {
  Json entry = {{"code", code}, {"value", value}, {"unit", unit}, {"date", "2011-03-01"}};
  if (uln) entry["uln"] = *uln;
  Json holder = {{"id", "lab"}, {"observations", Json::array({entry})}};
  auto parsed = patient::read_patient_record(holder, loaded().format, "$");
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().to_string());
  EXPECT_EQ(parsed->record.observations.size(), 1u);
  return parsed->record.observations.front();
}

TEST(LabGrading, EveryRuleOfTheProtocolIsInTheIndependentTable) {
  const SafetySpec& spec = loaded().spec;
  ASSERT_EQ(spec.lab_rules.size(), ctcae_table().size());
  for (const LabRule& rule : spec.lab_rules) {
    auto row = std::find_if(ctcae_table().begin(), ctcae_table().end(), [&](const Ctcae& c) { return c.code == rule.observation; });
    ASSERT_NE(row, ctcae_table().end()) << rule.observation;
    EXPECT_EQ(rule.term, row->term);
    ASSERT_EQ(rule.grades.size(), 4u) << rule.observation;
    for (size_t i = 0; i < rule.grades.size(); ++i) {
      EXPECT_EQ(rule.grades[i].grade, static_cast<int>(4 - i));
      EXPECT_NE(rule.grades[i].cited.find("CTCAE v4.03"), std::string::npos) << "each threshold cites the scale";
    }
  }
}

TEST(LabGrading, AtEveryBoundaryJustPastItAndInOtherUnits) {
  const SafetySpec& spec = loaded().spec;
  int checked = 0;
  for (const Ctcae& row : ctcae_table()) {
    const LabRule* rule = spec.rule_for(row.code);
    ASSERT_NE(rule, nullptr) << row.code;
    // A recorded ULN (increases) distinct from the protocol's reference, so the test sees
    // which one the grade used; decreases use the reference LLN.
    double uln = row.increase ? *rule->reference_uln * 1.25 : 0;
    double lln = row.increase ? 0 : *rule->reference_lln;
    std::vector<double> boundaries;
    for (int g = 1; g <= 4; ++g) boundaries.push_back(row.increase ? row.limits[g - 1] * uln : (g == 1 ? lln : row.limits[g - 1]));
    for (double boundary : boundaries) {
      double past = row.increase ? boundary * (1 + 1e-6) : boundary * (1 - 1e-6);
      for (double value : {boundary, past}) {
        int want = expected_grade(row, value, uln, lln);
        // In the catalogue's unit, then in each other unit (value and ULN converted).
        std::vector<std::pair<std::string, double>> units = {{row.unit, 1.0}};
        units.insert(units.end(), row.other_units.begin(), row.other_units.end());
        for (const auto& [unit, factor] : units) {
          std::optional<double> recorded_uln;
          if (row.increase) recorded_uln = uln * factor;
          LabGrade graded = grade_lab(spec, *rule, observed(row.code, value * factor, unit, recorded_uln));
          ASSERT_TRUE(graded.grade.has_value()) << graded.reason;
          EXPECT_EQ(*graded.grade, want) << row.code << " " << value * factor << " " << unit << ": " << graded.reason;
          EXPECT_FALSE(graded.uln_assumed);
          ++checked;
        }
      }
    }
  }
  // 6 labs x 4 boundaries x 2 values, in 1 or 2 units each.
  EXPECT_EQ(checked, 4 * 2 * (2 + 1 + 1 + 2 + 2 + 2));
}

TEST(LabGrading, TheReferenceUlnStandsInWhenNoneIsRecorded) {
  const SafetySpec& spec = loaded().spec;
  const LabRule* rule = spec.rule_for("bilirubin");
  ASSERT_NE(rule, nullptr);
  // 3.6 mg/dL is 3 x the protocol's reference ULN of 1.2 mg/dL: grade 2, not yet 3.
  LabGrade graded = grade_lab(spec, *rule, observed("bilirubin", 3.6, "mg/dL", std::nullopt));
  ASSERT_TRUE(graded.grade.has_value());
  EXPECT_EQ(*graded.grade, 2);
  EXPECT_TRUE(graded.uln_assumed);
  EXPECT_NE(graded.reason.find("the protocol's reference"), std::string::npos) << graded.reason;
  graded = grade_lab(spec, *rule, observed("bilirubin", 1.0, "mg/dL", std::nullopt));
  EXPECT_EQ(graded.grade, 0);
}

TEST(LabGrading, CytopeniasAreExpectedAndNotReported) {
  const SafetySpec& spec = loaded().spec;
  LabGrade anc = grade_lab(spec, *spec.rule_for("anc"), observed("anc", 0.3, "10*9/L", std::nullopt));
  EXPECT_EQ(anc.grade, 4);
  EXPECT_FALSE(anc.reported);
  LabGrade alt = grade_lab(spec, *spec.rule_for("alt"), observed("alt", 250, "U/L", 40));
  EXPECT_EQ(alt.grade, 3);
  EXPECT_TRUE(alt.reported);
}

TEST(SafetySpec, RefusesWhatDoesNotRead) {
  const patient::ObservationCatalogue& catalogue = loaded().format.observations;
  auto parse = [&](const Json& section) { return parse_safety_spec(section, "$.safety", catalogue); };
  Json base = {{"grading_scale", {{"name", "CTCAE v4.03"}, {"citation", "c"}}},
               {"terms", {{"Investigations", {"Blood bilirubin increased"}}}}};
  ASSERT_TRUE(parse(base).ok());
  Json bad = base;
  bad["lab_grades"] = {{"bilirubin", {{"term", "Blood bilirubin increased"},
                                       {"grades", {{{"grade", 1}, {"when", "value > uln"}, {"ctcae", "x"}},
                                                   {{"grade", 2}, {"when", "value > 2 * uln"}, {"ctcae", "x"}}}}}}};
  auto result = parse(bad);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().path, "$.safety.lab_grades.bilirubin.grades[1].grade");
  bad["lab_grades"]["bilirubin"]["grades"] = {{{"grade", 1}, {"when", "value > 3 'U/L'"}, {"ctcae", "x"}}};
  result = parse(bad);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().path.rfind("$.safety.lab_grades.bilirubin.grades[0].when", 0), 0u) << result.error().to_string();
  bad = base;
  bad["lab_grades"] = {{"sodium", {{"term", "Blood bilirubin increased"}, {"grades", Json::array()}}}};
  result = parse(bad);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().path, "$.safety.lab_grades.sodium");
  bad = base;
  bad["not_reported"] = {{"terms", {"Anemia"}}, {"note", "n"}};
  result = parse(bad);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().path, "$.safety.not_reported.terms[0]");
}

}  // namespace
}  // namespace trialcore::safety

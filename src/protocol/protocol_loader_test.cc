// The built-in protocol loads; every kind of bad protocol file is refused with its JSON
// path and what is wrong.
#include <algorithm>

#include <gtest/gtest.h>

#include "protocol/builtin_protocol.h"
#include "protocol/protocol.h"

namespace trialcore {
namespace {

Json builtin_json() { return Json::parse(builtin_protocol_text()); }

std::string error_of(const Json& document) {
  auto loaded = load_protocol(document.dump(), "test.json");
  EXPECT_FALSE(loaded.ok());
  return loaded.ok() ? "" : loaded.error().to_string();
}

Json& criterion(Json& document, const std::string& id) {
  for (Json& entry : document["criteria"]) {
    if (entry["id"] == id) return entry;
  }
  throw std::logic_error("no criterion " + id);
}

TEST(ProtocolLoaderTest, BuiltinProtocolLoads) {
  auto protocol = load_builtin_protocol();
  ASSERT_TRUE(protocol.ok()) << protocol.error().to_string();
  EXPECT_EQ(protocol->id, "NCT01134575");
  EXPECT_EQ(protocol->criteria.size(), 18u);
  EXPECT_EQ(protocol->periods.size(), 3u);
  const Criterion* washout = protocol->find_criterion("exc-washout");
  ASSERT_NE(washout, nullptr);
  EXPECT_TRUE(washout->waivable);
  EXPECT_EQ(washout->kind, CriterionKind::kExclusion);
  EXPECT_EQ(washout->needs, std::vector<std::string>{"therapies"});
  int waivable = 0;
  for (const Criterion& each : protocol->criteria) waivable += each.waivable;
  EXPECT_EQ(waivable, 1);  // only the washout, by the Principal Investigator
}

// A criterion's rule rewritten, and the error that refuses it: all of it, or a part.
struct BadRule {
  const char* what;
  const char* criterion;
  const char* member;
  const char* rule;
  const char* error;
  bool whole;
};

const BadRule kBadRules[] = {
    {"a syntax error gives its line and column", "inc-performance", "met_when", "zubrod <=\n  (3",
     "$.criteria[3].met_when: syntax error at line 2, column 5: expected ')', found the end of the expression", true},
    {"an unknown fact", "inc-performance", "met_when", "ecog <= 3", "$.criteria[3].met_when: unknown name 'ecog'", false},
    {"units of another dimension", "inc-bilirubin", "met_when", "latest bilirubin within lab_window <= 25 'umol/L'",
     "$.criteria[4].met_when: cannot compare a Quantity of mass concentration (mg/dL) "
     "with a Quantity of substance concentration (umol/L)",
     false},
    {"a quantity against a number", "inc-bilirubin", "met_when", "latest bilirubin within lab_window <= 1.5",
     "cannot compare a Quantity of mass concentration (mg/dL) with a Number", false},
    {"an unknown function", "exc-hepatitis-b", "excluded_when", "AnyTrue(hepatitis_b)", "unknown function 'AnyTrue'",
     false},
    {"a rule that is not a Boolean", "inc-performance", "met_when", "zubrod + 1",
     "$.criteria[3].met_when: must be a Boolean, but this expression is a Number", true},
};

TEST(ProtocolLoaderTest, BadRulesAreRefusedAtTheirPath) {
  for (const BadRule& bad : kBadRules) {
    SCOPED_TRACE(bad.what);
    Json document = builtin_json();
    criterion(document, bad.criterion)[bad.member] = bad.rule;
    std::string error = error_of(document);
    if (bad.whole) {
      EXPECT_EQ(error, bad.error);
    } else {
      EXPECT_NE(error.find(bad.error), std::string::npos) << error;
    }
  }
}

TEST(ProtocolLoaderTest, DuplicateIds) {
  Json document = builtin_json();
  criterion(document, "inc-performance")["id"] = "inc-age";
  EXPECT_EQ(error_of(document), "$.criteria[3].id: 'inc-age' is used twice");
  document = builtin_json();
  document["periods"][1]["id"] = "period-1";
  EXPECT_EQ(error_of(document), "$.periods[1].id: 'period-1' is used twice");
}

TEST(ProtocolLoaderTest, MisspeltMembersAreErrors) {
  Json document = builtin_json();
  Json& washout = criterion(document, "exc-washout");
  washout.erase("waivable");
  washout["waiveable"] = true;
  EXPECT_NE(error_of(document).find("$.criteria[12].waiveable: is not a member here"), std::string::npos);
  document = builtin_json();
  document["criterion"] = Json::array();
  EXPECT_NE(error_of(document).find("$.criterion: is not a member here"), std::string::npos);
}

TEST(ProtocolLoaderTest, RuleKeyFollowsTheKind) {
  Json document = builtin_json();
  Json& age = criterion(document, "inc-age");
  age["excluded_when"] = age["met_when"];
  age.erase("met_when");
  EXPECT_EQ(error_of(document), "$.criteria[2].excluded_when: an inclusion criterion states its rule as 'met_when'");
}

TEST(ProtocolLoaderTest, NeedsMustMatchTheRule) {
  Json document = builtin_json();
  criterion(document, "inc-performance")["needs"] = Json::array({"zubrod", "nyha_class"});
  EXPECT_EQ(error_of(document), "$.criteria[3].needs: lists 'nyha_class', which the rule does not read");
  criterion(document, "inc-performance")["needs"] = Json::array();
  EXPECT_EQ(error_of(document), "$.criteria[3].needs: omits 'zubrod', which the rule reads");
}

TEST(ProtocolLoaderTest, DefinitionCyclesAndParameters) {
  Json document = builtin_json();
  document["definitions"]["age"]["expression"] = "age + 1";
  EXPECT_NE(error_of(document).find("'age' uses itself"), std::string::npos);
  document = builtin_json();
  document["parameters"]["performance_limit"] = {{"value", "zubrod"}};
  EXPECT_EQ(error_of(document), "$.parameters.performance_limit.value: a parameter is a constant; it must not read facts (it reads zubrod)");
  document = builtin_json();
  document["parameters"]["lab_window"]["value"] = "14";  // a Number where a Duration is needed
  EXPECT_NE(error_of(document).find("'within' needs a Duration such as 14 days, not a Number"), std::string::npos);
}

TEST(ProtocolLoaderTest, FileLevelProblems) {
  EXPECT_EQ(error_of(Json::array()), "$: a protocol file must be a JSON object");
  Json document = builtin_json();
  document["format"] = "trialcore-protocol/9";
  EXPECT_NE(error_of(document).find("is not a format this program reads"), std::string::npos);
  document = builtin_json();
  document.erase("periods");
  EXPECT_EQ(error_of(document), "$.periods: is required: a protocol has at least one period");
  document = builtin_json();
  document["record_facts"] = {{"zubrod", {{"type", "number"}}}};
  EXPECT_EQ(error_of(document), "$.record_facts.zubrod: is already a field of the patient record");
  auto syntax = load_protocol("{\"format\": ", "broken.json");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error().message, "the protocol file broken.json is not valid JSON (line 1, column 11)");
}

TEST(ProtocolLoaderTest, ObservationCatalogueErrorsNameThePath) {
  Json document = builtin_json();
  document["observations"]["bilirubin"]["unit"] = "mg/dl";
  EXPECT_EQ(error_of(document), "$.observations.bilirubin.unit: unknown unit 'mg/dl'");
}

TEST(ProtocolLoaderTest, RulesCompileOverTheCohortView) {
  auto protocol = load_builtin_protocol();
  ASSERT_TRUE(protocol.ok());
  EXPECT_EQ(protocol->rules.accrual_target, 90);
  ASSERT_EQ(protocol->rules.subgroups.size(), 3u);
  EXPECT_EQ(protocol->rules.subgroups[2].label, "salvage >= 3");
  Json document = builtin_json();
  document["rules"]["derived_trial_facts"]["adults"] = "courses_given >= 1";
  EXPECT_EQ(error_of(document), "$.rules.derived_trial_facts.adults: must name a trial fact of type number declared in $.trial_facts");
  document = builtin_json();
  document["rules"]["targets"][0]["counts"] = "latest bilirubin > 1 'mg/dL'";  // no observations in the cohort view
  EXPECT_NE(error_of(document).find("$.rules.targets[0].counts: unknown observation 'bilirubin'"), std::string::npos);
  document = builtin_json();
  document["record_facts"] = {{"period", {{"type", "text"}}}};
  EXPECT_EQ(error_of(document), "$.record_facts.period: is a name the trial's record uses");
}

// The version names the study's own number at MD Anderson (2009-0872), one of the
// registry's other identifiers.
TEST(BuiltinProtocolTest, TheVersionNamesTheStudyNumber) {
  auto protocol = load_builtin_protocol();
  ASSERT_TRUE(protocol.ok());
  EXPECT_EQ(protocol->version, "2009-0872/1");
  const Json& other_ids = protocol->document["registry"]["other_ids"];
  EXPECT_NE(std::find(other_ids.begin(), other_ids.end(), protocol->version.substr(0, protocol->version.find('/'))),
            other_ids.end());
}

// What the registry record does not give stands as an assumption where a clinician reads
// the file: the dose tolerance and the comparison tolerance that decides "exactly 5%".
TEST(BuiltinProtocolTest, TheDoseToleranceStandsAsAnAssumption) {
  auto protocol = load_builtin_protocol();
  ASSERT_TRUE(protocol.ok());
  std::string note = protocol->document["treatment"]["note"];
  EXPECT_NE(note.find("Assumptions, not in the record"), std::string::npos) << note;
  EXPECT_NE(note.find("dose_tolerance_percent"), std::string::npos) << note;
  EXPECT_NE(note.find("relative tolerance of 1e-9"), std::string::npos) << note;
}

}  // namespace
}  // namespace trialcore

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "answers/contract_answers.h"
#include "answers/input_values.h"
#include "answers/monitoring_answer.h"
#include "answers/population_answers.h"
#include "answers/report_answers.h"
#include "base/file_text.h"

namespace trialcore::answers {
namespace {

namespace fs = std::filesystem;

// A file of a command-line case (tests/data/cases/AREA/CASE), written where the answer reads it.
std::string case_file(const std::string& area_case, const std::string& name) {
  auto text = read_file_text(std::string(TRIALCORE_SOURCE_DIR) + "/tests/data/cases/" + area_case);
  EXPECT_TRUE(text.ok());
  Json spec = Json::parse(*text);
  fs::path file = fs::temp_directory_path() / ("answers-test-" + std::to_string(std::hash<std::string>{}(area_case)) + "-" + name);
  std::ofstream(file) << spec.at("files").at(name).dump(2);
  return file.string();
}

TEST(InputValues, ErrorsNameTheInputMember) {
  EXPECT_EQ(protocol_of_file("/nonexistent/protocol.json").error().path, "$.protocol");
  auto builtin = protocol_of_file("");
  ASSERT_TRUE(builtin.ok()) << builtin.error().to_string();
  EXPECT_FALSE(builtin->id.empty());
  EXPECT_EQ(date_member("2010-02-30", "as_of").error().path, "$.as_of");
  EXPECT_EQ(date_member("2010-02-28", "date")->to_string(), "2010-02-28");
}

TEST(ScreenAnswer, ScreensTheCasesPatient) {
  std::vector<std::string> warnings;
  ScreenInput input{case_file("screen/allo-sct-month-end.json", "patient.json"), "2010-06-30", 0, "", true};
  auto answer = screen_answer(input, warnings);
  ASSERT_TRUE(answer.ok()) << answer.error().to_string();
  Json json = Json::parse(*answer);
  EXPECT_EQ(json.at("date"), "2010-06-30");
  EXPECT_TRUE(json.at("criteria").is_array());
  input.date = "2010-06-31";
  EXPECT_EQ(screen_answer(input, warnings).error().path, "$.date");
}

TEST(AssessAnswer, ClassifiesAndNamesTheMemberAFactCameFrom) {
  std::vector<std::string> warnings;
  AssessInput input;
  input.facts = {{"anc", "1.5"}, {"platelets", "150"}, {"marrow_blasts", "3"}, {"baseline_marrow_blasts", "60"},
                 {"extramedullary", "absent"}};
  input.json = true;
  auto answer = assess_answer(input, warnings);
  ASSERT_TRUE(answer.ok()) << answer.error().to_string();
  EXPECT_EQ(Json::parse(*answer).at("response"), "CR");

  input.facts["extramedullary"] = "maybe";
  auto contract = assess_answer(input, warnings);
  ASSERT_FALSE(contract.ok());
  EXPECT_EQ(contract.error().path, "$.facts.extramedullary");

  input.facts["extramedullary"] = "absent";
  input.other_facts = {"extramedullary=maybe"};  // the later one is the fact's
  EXPECT_EQ(assess_answer(input, warnings).error().path, "$.other_facts.extramedullary");
  input.other_facts = {"=3"};
  EXPECT_EQ(assess_answer(input, warnings).error().path, "$.other_facts");
  EXPECT_EQ(contract_facts().size(), 5u);
}

TEST(CheckDosesAnswer, ChecksTheCasesDosesAndAsOfIsItsMember) {
  std::vector<std::string> warnings;
  CheckDosesInput input{case_file("check-doses/on-plan.json", "plan.json"), case_file("check-doses/on-plan.json", "given.json"),
                        "", "", true};
  auto answer = check_doses_answer(input, warnings);
  ASSERT_TRUE(answer.ok()) << answer.error().to_string();
  Json check = Json::parse(*answer);
  EXPECT_EQ(check.at("administrations_checked"), 4);
  EXPECT_TRUE(check.at("deviations").empty());
  input.as_of = "2010-13-01";
  EXPECT_EQ(check_doses_answer(input, warnings).error().path, "$.as_of");
  input.plan_file = "/nonexistent/plan.json";
  EXPECT_NE(check_doses_answer(input, warnings).error().path.rfind("/nonexistent/plan.json", 0), std::string::npos);
}

TEST(PlanAnswer, LaysOutCoursesWithoutWarnings) {
  std::vector<std::string> warnings;
  PlanInput input;
  input.parts.period = "period-1";
  input.parts.start = "2010-07-01";
  input.parts.courses = 2;
  input.parts.height = 170;
  input.parts.weight = 70;
  input.json = true;
  auto answer = plan_answer(input, warnings);
  ASSERT_TRUE(answer.ok()) << answer.error().to_string();
  EXPECT_TRUE(Json::parse(*answer).is_object());
  EXPECT_TRUE(warnings.empty());
  input.parts.start = "2010-07-32";
  EXPECT_EQ(plan_answer(input, warnings).error().path, "$.start");
  // A message names the other inputs by their paths too; the command line shows them as flags.
  input.parts.start = "2010-07-01";
  input.parts.weight.reset();
  EXPECT_EQ(plan_answer(input, warnings).error().to_string(), "$.weight: is required with $.height");
  input.parts.height.reset();
  EXPECT_EQ(plan_answer(input, warnings).error().to_string(), "$.height: give $.height and $.weight, or a $.body file");
}

TEST(MonitorAnswer, BadDesignIsBadInput) {
  std::vector<std::string> warnings;
  MonitorInput input;
  input.request.design.threshold = 2;
  input.request.given.insert("threshold");
  auto answer = monitor_answer(input, warnings);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().path, "threshold");
  EXPECT_EQ(answer.error().kind, ErrorKind::kBadInput);
}

TEST(ReportAnswers, TheRegistrySectionIsOfTheRecordOnly) {
  ReportInput input{"patients.json", "2011-01-01", true};
  EXPECT_EQ(report_date(input).error().to_string(), "$.registry: is written from the trial's record ($.store), not from $.input");
  input.registry = false;
  EXPECT_EQ(report_date(input)->to_string(), "2011-01-01");
  input.date = "soon";
  EXPECT_EQ(report_date(input).error().path, "$.date");
}

TEST(PopulationAnswers, InputMistakesNameTheirMembers) {
  std::vector<std::string> warnings;
  SynthInput synth;
  synth.out = "sqlite:" + (fs::temp_directory_path() / "answers-test-never.db").string();
  synth.synthetic.persons = 0;
  EXPECT_EQ(synth_answer(synth, warnings).error().path, "$.persons");
  synth.synthetic.persons = 10;
  synth.protocol_file = "p.json";
  EXPECT_EQ(synth_answer(synth, warnings).error().path, "$.mapping");
  EXPECT_FALSE(fs::exists(fs::temp_directory_path() / "answers-test-never.db"));

  PrescreenInput prescreen;
  prescreen.date = "2010-06-31";
  EXPECT_EQ(prescreen_answer(prescreen, warnings).error().path, "$.date");
}

}  // namespace
}  // namespace trialcore::answers

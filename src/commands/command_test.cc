// The command table: every command declared whole, and an input read whole before anything
// runs, each mistake named by its JSON path.
#include "commands/command.h"

#include <gtest/gtest.h>

#include <set>

#include "commands/command_areas.h"
#include "commands/command_line.h"
#include "protocol/test_builtin_protocol.h"

namespace trialcore::commands {
namespace {

class CommandTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    commands_ = trial_commands(protocol_);
  }

  const Command& named(const std::string& name) {
    for (const Command& command : commands_) {
      if (command.name == name) return command;
    }
    ADD_FAILURE() << "no command " << name;
    return commands_.front();
  }

  // The error preparing `name` with `input`, or "" when it prepares.
  std::string error_of(const std::string& name, const Json& input) {
    auto prepared = named(name).prepare(protocol_, "MDA-0001", input);
    return prepared.ok() ? "" : prepared.error().to_string();
  }

  const Protocol& protocol_ = testing::builtin_protocol();
  std::vector<Command> commands_;
};

TEST_F(CommandTableTest, EveryCommandIsDeclaredWhole) {
  std::set<std::string> names, routes;
  for (const Command& command : commands_) {
    EXPECT_TRUE(names.insert(command.name).second) << command.name;
    EXPECT_TRUE(routes.insert(command.route).second) << command.route;
    EXPECT_EQ(command.route.rfind("/api/", 0), 0u) << command.name;
    EXPECT_EQ(command.route.find("{id}") != std::string::npos, command.subject != Subject::kNone) << command.name;
    EXPECT_FALSE(command.help.empty()) << command.name;
    EXPECT_TRUE(command.prepare) << command.name;
    std::set<std::string> members;
    for (const Member& member : command.members) {
      EXPECT_TRUE(members.insert(member.name).second) << command.name << " " << member.name;
      EXPECT_FALSE(member.help.empty()) << command.name << " " << member.name;
    }
  }
  EXPECT_EQ(commands_.size(), 23u);  // 18, record-ae, update-ae, report-sae, record-transplant, void
  // The marrow's facts are the protocol's.
  std::set<std::string> marrow;
  for (const Member& member : named("record-marrow").members) marrow.insert(member.name);
  for (const char* fact : {"anc", "platelets", "marrow_blasts", "baseline_marrow_blasts", "extramedullary"}) {
    EXPECT_TRUE(marrow.count(fact)) << fact;
  }
}

TEST_F(CommandTableTest, AnInputIsReadWholeAndEveryMistakeNamed) {
  Json dose = {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-05"}, {"dose_mg", 2.36}};
  EXPECT_EQ(error_of("record-dose", dose), "");
  Json misspelt = dose;
  misspelt["infusion_minuts"] = 62;  // silently dropped, it would hide a too-long infusion
  EXPECT_NE(error_of("record-dose", misspelt).find("$.infusion_minuts"), std::string::npos) << error_of("record-dose", misspelt);
  Json missing = dose;
  missing.erase("dose_mg");
  EXPECT_EQ(error_of("record-dose", missing), "$.dose_mg: is required");
  Json wrong = dose;
  wrong["course"] = "one";
  EXPECT_EQ(error_of("record-dose", wrong), "$.course: must be a whole number, not a string");
  EXPECT_EQ(error_of("consent", Json::object({{"date", "2010-02-30"}})),
            "$.date: '2010-02-30' is not a date (2010-02 has no day 30)");
  EXPECT_EQ(error_of("consent", Json::array()), "$: the input must be a JSON object, not an array");
  EXPECT_EQ(error_of("record-vital-status", Json::object({{"date", "2010-08-01"}, {"alive", "dead"}})),
            "$.alive: must be true or false, not a string");
  EXPECT_EQ(error_of("correct", Json::object({{"corrects", 4}, {"reason", "typo"}})), "$.payload: is required");
  EXPECT_EQ(error_of("void", Json::object({{"voids", 4}})), "$.reason: is required");
  EXPECT_EQ(error_of("void", Json::object({{"voids", "four"}, {"reason", "typo"}})), "$.voids: must be a whole number, not a string");
  EXPECT_EQ(error_of("void", Json::object({{"voids", 4}, {"reason", "typo"}, {"payload", {}}})).rfind("$.payload:", 0), 0u);
  // A record is checked against the protocol before anything is recorded.
  EXPECT_EQ(error_of("register", Json::object({{"record", {{"id", "P1"}, {"height", {{"value", 0}, {"unit", "cm"}}}}}})),
            "$.record.height.value: must be 30 to 272 cm, not 0 cm");
}

TEST_F(CommandTableTest, AnAdverseEventIsReadBeforeAnyStoreOpens) {
  Json event = {{"term", "Fever"}, {"grade", 2}, {"start", "2010-07-08"}, {"outcome", "recovering"}};
  EXPECT_EQ(error_of("record-ae", event), "");
  event["grade"] = 6;
  EXPECT_EQ(error_of("record-ae", event), "$.grade: must be a grade of CTCAE v4.03, 1 to 5, not 6");
  event["grade"] = 2;
  event["end"] = "2010-07-01";
  EXPECT_EQ(error_of("record-ae", event), "$.end: 2010-07-01 is before the start 2010-07-08");
  EXPECT_EQ(error_of("update-ae", {{"adverse_event", 9}, {"term", "Fever"}}).rfind("$.term: is not a member here", 0), 0u);
  EXPECT_EQ(error_of("report-sae", {{"adverse_event", 9}, {"reported_at", "yesterday"}, {"to", "sponsor"}}),
            "$.reported_at: 'yesterday' is not a UTC time YYYY-MM-DDTHH:MM:SSZ (or YYYY-MM-DDTHH:MMZ)");
  EXPECT_EQ(error_of("record-transplant", {{"date", "2010-10-01"}, {"vod", "perhaps"}}).rfind("$.vod:", 0), 0u);
}

TEST_F(CommandTableTest, AnErrorsPathNamesItsMember) {
  const Command& dose = named("record-dose");
  ASSERT_NE(member_of_path(dose, "$.dose_mg"), nullptr);
  EXPECT_EQ(member_of_path(dose, "$.dose_mg")->name, "dose_mg");
  EXPECT_EQ(member_of_path(named("correct"), "$.payload.height_cm")->name, "payload");
  EXPECT_EQ(member_of_path(named("register"), "$.record.observations[2].unit")->name, "record");
  EXPECT_EQ(member_of_path(dose, "$.colour"), nullptr);
  EXPECT_EQ(member_of_path(dose, "--dose-mg"), nullptr);
}

}  // namespace
}  // namespace trialcore::commands

// On the command line: a flag's text becomes the member's value by its kind, and an error
// about a member names its flag.
namespace trialcore::commands {
namespace {

TEST(CommandLine, AFlagsTextBecomesTheMembersValueByItsKind) {
  EXPECT_EQ(*value_from_text(member("dose_mg", Kind::kNumber, ""), "1.5"), Json(1.5));
  EXPECT_EQ(value_from_text(member("dose_mg", Kind::kNumber, ""), "1,5").error().to_string(),
            "--dose-mg: must be a number, not '1,5' (use a dot for decimals)");
  EXPECT_EQ(*value_from_text(member("course", Kind::kInteger, ""), "3"), Json(3));
  EXPECT_EQ(value_from_text(member("course", Kind::kInteger, ""), "2.5").error().path, "--course");
  EXPECT_EQ(*value_from_text(member("value", Kind::kNumberOrText, ""), "negative"), Json("negative"));
  EXPECT_EQ(*value_from_text(confirm_member("a"), "bsa-high,,weight-change"), Json::array({"bsa-high", "weight-change"}));
  Member alive = member("alive", Kind::kBoolean, "");
  alive.words = {"alive", "dead"};
  EXPECT_EQ(*value_from_text(alive, "dead"), Json(false));
  EXPECT_EQ(value_from_text(alive, "gone").error().message, "must be alive or dead, not 'gone'");
  Member document = member("payload", Kind::kDocument, "", true, "--payload");
  document.text_on_command_line = true;
  EXPECT_EQ(*value_from_text(document, "{\"height_cm\": 170}"), Json({{"height_cm", 170}}));
  EXPECT_EQ(value_from_text(document, "{").error().path, "--payload");
}

TEST(CommandLine, TheInputHoldsTheMembersGivenByTheirKind) {
  Command command;
  command.members = {member("dose_mg", Kind::kNumber, ""), member("course", Kind::kInteger, ""),
                     optional_member("note", Kind::kText, "")};
  auto input = input_from_texts(command, {{"dose_mg", "1.5"}, {"course", "2"}, {"unknown", "x"}});
  ASSERT_TRUE(input.ok()) << input.error().to_string();
  EXPECT_EQ(*input, Json({{"dose_mg", 1.5}, {"course", 2}}));
  EXPECT_EQ(input_from_texts(command, {{"dose_mg", "1.5"}, {"course", "two"}}).error().path, "--course");
}

TEST(CommandLine, AnErrorAboutAMemberNamesItsFlag) {
  Command command;
  command.members = {member("dose_mg", Kind::kNumber, ""), member("record", Kind::kDocument, "", true, "FILE")};
  EXPECT_EQ(on_command_line(command, Error{"$.dose_mg", "must be greater than 0"}).to_string(),
            "--dose-mg: must be greater than 0");
  EXPECT_EQ(on_command_line(command, Error{"$.record.birth_date", "is not a date"}).path, "FILE ($.birth_date)");
  EXPECT_EQ(on_command_line(command, Error{"$.other", "x"}).path, "$.other");
  // The members a message names are shown as their flags; a file's content keeps its paths.
  command.members.push_back(member("adverse_event", Kind::kInteger, "", true, "--ae", "EVENT"));
  EXPECT_EQ(on_command_line(command, Error{"$.dose_mg", "is required with $.adverse_event, not $.other"}).to_string(),
            "--dose-mg: is required with --ae, not $.other");
  EXPECT_EQ(on_command_line(command, Error{"$.record.death", "must follow $.dose_mg"}).message, "must follow $.dose_mg");
}

TEST(CommandLine, AnswersShowTheirInputsPathsAsFlags) {
  EXPECT_EQ(on_flags(Error{"$.weight", "is required with $.height"}).to_string(), "--weight: is required with --height");
  EXPECT_EQ(on_flags(Error{"$.height", "give $.height and $.weight, or a $.body file."}).message,
            "give --height and --weight, or a --body file.");
  EXPECT_EQ(on_flags(Error{"$.sdtm_terms.x", "y"}).path, "--sdtm-terms");
  // A mention with more to its path is a file's, and stays.
  EXPECT_EQ(on_flags(Error{"$.date", "see $.facts.anc and $.x[0]"}).message, "see $.facts.anc and $.x[0]");
  // About a file's content: the path in the file is kept after the flag, the message whole.
  Error in_file = on_flags(Error{"$.protocol $.rules.x", "must name a fact declared in $.trial_facts"});
  EXPECT_EQ(in_file.to_string(), "--protocol $.rules.x: must name a fact declared in $.trial_facts");
  // Only the members given, when they are.
  EXPECT_EQ(on_flags(Error{"$.colour", "unknown"}, {"out"}).path, "$.colour");
  EXPECT_EQ(on_flags(std::vector<std::string>{"$.sdtm_terms: none given for X", "$.colour: unknown field, ignored"},
                     {"out", "sdtm_terms"}),
            (std::vector<std::string>{"--sdtm-terms: none given for X", "$.colour: unknown field, ignored"}));
  Result<std::string> answer = std::string("text");
  EXPECT_EQ(*on_flags(answer), "text");
}

}  // namespace
}  // namespace trialcore::commands

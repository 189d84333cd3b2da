#include "base/json_fields.h"

#include <gtest/gtest.h>

namespace trialcore {
namespace {

TEST(JsonFieldsTest, AbsentAndNullAreNotKnown) {
  Json object = Json::parse(R"({"a": null})");
  EXPECT_FALSE(read_number(object, "a", "$")->has_value());
  EXPECT_FALSE(read_number(object, "b", "$")->has_value());
}

TEST(JsonFieldsTest, WrongTypeNamesThePath) {
  Json object = Json::parse(R"({"height": {"value": "170"}})");
  auto read = read_number(object["height"], "value", member_path("$", "height"));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().to_string(), "$.height.value: must be a number, not a string");
}

TEST(JsonFieldsTest, IntegersMustBeWhole) {
  Json object = Json::parse(R"({"n": 2.0, "m": 2.5, "s": "2"})");
  EXPECT_EQ(**read_integer(object, "n", "$"), 2);
  EXPECT_FALSE(read_integer(object, "m", "$").ok());
  EXPECT_FALSE(read_integer(object, "s", "$").ok());
}

TEST(JsonFieldsTest, DatesAreValidated) {
  Json object = Json::parse(R"({"d": "2010-02-30"})");
  auto read = read_date(object, "d", element_path("$.therapies", 1));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().path, "$.therapies[1].d");
}

TEST(JsonFieldsTest, ChoicesListTheAllowedValues) {
  Json object = Json::parse(R"({"sex": "f"})");
  auto read = read_choice(object, "sex", "$", {"female", "male"});
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message, "'f' is not one of female, male");
}

TEST(JsonFieldsTest, RequiredSaysSo) {
  Json object = Json::parse(R"({})");
  auto read = required(read_text(object, "id", "$"), "id", "$");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().to_string(), "$.id: is required");
}

TEST(JsonFieldsTest, SyntaxErrorsGiveLineAndColumn) {
  auto parsed = parse_json_text("{\n  \"a\": 1,\n  \"b\": }\n", "patient record");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("line 3"), std::string::npos) << parsed.error().message;
}

TEST(JsonFieldsTest, DeepNestingIsRefusedNamingTheLimit) {
  // 200,000 levels used to exhaust the stack when the tree was copied.
  std::string deep = "{\"username\": " + std::string(200000, '[') + std::string(200000, ']') + "}";
  auto parsed = parse_json_text(deep, "the request body");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("limit of 64 levels"), std::string::npos) << parsed.error().message;
  EXPECT_EQ(parsed.error().path.rfind("$.username[0][0]", 0), 0u) << parsed.error().path;
  std::string at_limit = std::string(kMaximumJsonDepth, '[') + std::string(kMaximumJsonDepth, ']');
  EXPECT_TRUE(parse_json_text(at_limit, "x").ok());
  EXPECT_FALSE(parse_json_text("[" + at_limit + "]", "x").ok());
  EXPECT_TRUE(parse_json_text("[" + at_limit + "]", "x", kMaximumJsonDepth + 1).ok());
}

TEST(JsonFieldsTest, NumbersThatAreNotFiniteAreRefusedNamingTheField) {
  auto parsed = parse_json_text(R"({"code": "anc", "values": [1, {"value": 1e400}]})", "the request body");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().to_string(), "$.values[1].value: must be a finite number, not 1e400");
  EXPECT_EQ(parse_json_text("[-1e999]", "x").error().path, "$[0]");
  EXPECT_TRUE(parse_json_text(R"({"value": 1e300, "n": 123456789012345678901234567890})", "x").ok());
}

TEST(JsonFieldsTest, ListsUnknownMembers) {
  Json object = Json::parse(R"({"id": 1, "colour": 2})");
  auto unknown = unknown_members(object, {"id"}, "$");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0], "$.colour");
}

TEST(JsonFieldsTest, RejectsUnknownMembersButAllowsNotes) {
  Json object = Json::parse(R"({"id": 1, "note": "why", "waiveable": true})");
  Status status = reject_unknown_members(object, {"id", "waivable"}, "$.criteria[3]");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().to_string(), "$.criteria[3].waiveable: is not a member here (expected id, waivable)");
  EXPECT_TRUE(reject_unknown_members(Json::parse(R"({"id": 1, "note": "x"})"), {"id"}, "$").ok());
  // A note may stand on any object, but only as text.
  Status numeric_note = reject_unknown_members(Json::parse(R"({"note": 3})"), {"id"}, "$");
  ASSERT_FALSE(numeric_note.ok());
  EXPECT_EQ(numeric_note.error().to_string(), "$.note: must be a text");
}

}  // namespace
}  // namespace trialcore

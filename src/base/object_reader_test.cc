#include "base/object_reader.h"

#include <gtest/gtest.h>

namespace trialcore {
namespace {

struct Period {
  std::string id;
  std::string title;
  std::optional<Date> opens;
  int64_t courses = 0;
  bool waivable = false;
  std::string kind;
};

Result<Period> read_period(const Json& json) {
  ObjectReader in(json, "$.periods[0]");
  Period period;
  period.id = in.required_text("id");
  period.title = in.text("title").value_or("untitled");
  period.opens = in.date("opens");
  period.courses = in.required_integer("courses");
  period.waivable = in.boolean("waivable").value_or(false);
  period.kind = in.required_choice("kind", {"inclusion", "exclusion"});
  return in.finish(std::move(period));
}

std::string error_of(const Json& json) {
  auto read = read_period(json);
  EXPECT_FALSE(read.ok());
  return read.ok() ? "" : read.error().to_string();
}

TEST(ObjectReaderTest, ReadsTypedMembers) {
  auto read = read_period(
      {{"id", "p1"}, {"opens", "2010-07-01"}, {"courses", 2}, {"waivable", true}, {"kind", "exclusion"}, {"note", "why"}});
  ASSERT_TRUE(read.ok()) << read.error().to_string();
  EXPECT_EQ(read->id, "p1");
  EXPECT_EQ(read->title, "untitled");
  EXPECT_EQ(read->opens, Date(2010, 7, 1));
  EXPECT_EQ(read->courses, 2);
  EXPECT_TRUE(read->waivable);
  EXPECT_EQ(read->kind, "exclusion");
}

TEST(ObjectReaderTest, TheFirstErrorIsKeptWithItsPath) {
  Json json = {{"id", 7}, {"courses", "two"}, {"kind", "inclusion"}};
  EXPECT_EQ(error_of(json), "$.periods[0].id: must be a string, not a number");
  json["id"] = "p1";
  EXPECT_EQ(error_of(json), "$.periods[0].courses: must be a whole number, not a string");
  json.erase("courses");
  EXPECT_EQ(error_of(json), "$.periods[0].courses: is required");
  json["courses"] = 1;
  json["kind"] = "other";
  EXPECT_EQ(error_of(json), "$.periods[0].kind: 'other' is not one of inclusion, exclusion");
  json["kind"] = nullptr;  // null is not given
  EXPECT_EQ(error_of(json), "$.periods[0].kind: is required");
  EXPECT_EQ(error_of(Json::array()), "$.periods[0]: must be an object, not an array");
}

TEST(ObjectReaderTest, AnUnknownMemberComesFirstAndListsTheMembersRead) {
  // The misspelt member explains the missing one, so it is named even though "courses"
  // failed first.
  Json json = {{"id", "p1"}, {"kind", "inclusion"}, {"cources", 2}};
  EXPECT_EQ(error_of(json),
            "$.periods[0].cources: is not a member here (expected id, title, opens, courses, waivable, kind)");
  json["cources"] = nullptr;  // present, even when null
  EXPECT_NE(error_of(json).find("$.periods[0].cources: is not a member here"), std::string::npos);
  json.erase("cources");
  json["courses"] = 2;
  json["note"] = 5;
  EXPECT_EQ(error_of(json), "$.periods[0].note: must be a text");
}

TEST(ObjectReaderTest, ReadsAfterAnErrorStillCountTheirMembers) {
  Json json = {{"a", "x"}, {"b", 2}};
  ObjectReader in(json, "$");
  EXPECT_EQ(in.number("a"), std::nullopt);
  EXPECT_FALSE(in.ok());
  EXPECT_EQ(in.integer("b"), std::nullopt);  // not read, but known: no unknown-member error
  Status finished = in.finish();
  ASSERT_FALSE(finished.ok());
  EXPECT_EQ(finished.error().to_string(), "$.a: must be a number, not a string");
}

TEST(ObjectReaderTest, UnknownMembersOfAnInterchangeDocumentAreWarnings) {
  std::vector<std::string> warnings;
  Json record = {{"id", "MDA-1"}, {"colour", "blue"}, {"note", "n"}};
  ObjectReader in(record, "$", warnings);
  EXPECT_EQ(in.required_text("id"), "MDA-1");
  EXPECT_TRUE(in.finish().ok());
  EXPECT_EQ(warnings, (std::vector<std::string>{"$.colour: unknown field, ignored", "$.note: unknown field, ignored"}));
}

TEST(ObjectReaderTest, NestedObjectsAndListsNameTheirPaths) {
  Json json = {{"bsa", {{"cap_m2", 2}, {"capp", 1}}}, {"doses", {{{"day", 1}}, {{"day", "one"}}}}};
  ObjectReader in(json, "$.treatment");
  std::optional<double> cap;
  EXPECT_TRUE(in.object("bsa", [&](ObjectReader& bsa) { cap = bsa.number("cap_m2"); }));
  EXPECT_EQ(cap, 2);
  EXPECT_FALSE(in.object("absent", [](ObjectReader&) { ADD_FAILURE() << "not called when absent"; }));
  std::vector<int64_t> days;
  in.each_object(*in.member("doses"), in.path_of("doses"),
                 [&](ObjectReader& dose) { days.push_back(dose.required_integer("day")); });
  EXPECT_TRUE(days.empty());  // nothing is read after the first error
  Status finished = in.finish();
  ASSERT_FALSE(finished.ok());
  // The nested object's unknown member was its first error.
  EXPECT_EQ(finished.error().to_string(), "$.treatment.bsa.capp: is not a member here (expected cap_m2)");

  ObjectReader second(json, "$.treatment");
  second.member("bsa");
  second.each_object(*second.member("doses"), second.path_of("doses"),
                     [&](ObjectReader& dose) { days.push_back(dose.required_integer("day")); });
  EXPECT_EQ(days, (std::vector<int64_t>{1, 0}));
  EXPECT_EQ(second.finish().error().to_string(), "$.treatment.doses[1].day: must be a whole number, not a string");
}

TEST(ObjectReaderTest, MemberKeepsNullApartFromAbsent) {
  Json json = {{"list", nullptr}};
  ObjectReader in(json, "$");
  ASSERT_NE(in.member("list"), nullptr);
  EXPECT_TRUE(in.member("list")->is_null());
  EXPECT_EQ(in.given("list"), nullptr);
  EXPECT_EQ(in.member("absent"), nullptr);
  EXPECT_TRUE(in.finish().ok());
}

TEST(ObjectReaderTest, FailAndTakeKeepOnlyTheFirstError) {
  Json json = {{"id", "x y"}};
  ObjectReader in(json, "$");
  std::string id = in.required_text("id");
  if (id.find(' ') != std::string::npos) in.fail("id", "'" + id + "' is not an id");
  EXPECT_EQ(in.take(Result<int>(3)), 3);
  EXPECT_EQ(in.take(Result<int>(Error{"$.other", "later"})), std::nullopt);
  EXPECT_FALSE(in.take(Status(Error{"$.third", "later still"})));
  Status finished = in.finish();
  ASSERT_FALSE(finished.ok());
  EXPECT_EQ(finished.error().to_string(), "$.id: 'x y' is not an id");
}

TEST(ObjectReaderTest, EachMemberOfAnObjectOfNames) {
  Json json = {{"drugs", {{"b", 2}, {"a", 1}}}};
  ObjectReader in(json, "$");
  std::vector<std::string> seen;
  in.each_member(*in.member("drugs"), in.path_of("drugs"),
                 [&](const std::string& name, const Json& value, const std::string& path) {
                   seen.push_back(name + "=" + value.dump() + "@" + path);
                 });
  EXPECT_EQ(seen, (std::vector<std::string>{"a=1@$.drugs.a", "b=2@$.drugs.b"}));
  EXPECT_TRUE(in.finish().ok());
}

}  // namespace
}  // namespace trialcore

// Reading an adverse event: every mistake named by its path, the words of each member, the
// command line's short forms, and UTC times.
#include "safety/adverse_event.h"

#include <gtest/gtest.h>

namespace trialcore::safety {
namespace {

SafetySpec spec() {
  SafetySpec made;
  made.scale = "CTCAE v4.03";
  made.terms = {{"Fever", "General disorders and administration site conditions", false},
                {"Hepatobiliary disorders - Other, specify", "Hepatobiliary disorders", true}};
  return made;
}

const std::vector<std::string> kDrugs = {"inotuzumab", "rituximab"};

struct Read {
  AdverseEventContent content;
  Status status;
};

Read read(const Json& input, bool follow_up = false) {
  ObjectReader in(input, "$");
  Read result;
  result.content = read_adverse_event(in, spec(), kDrugs, follow_up);
  result.status = in.finish();
  return result;
}

Json valid() {
  return {{"term", "Fever"}, {"grade", 2}, {"start", "2011-03-01"}, {"outcome", "recovered"}, {"end", "2011-03-03"}};
}

void expect_refused(Json input, const std::string& path, const std::string& words, bool follow_up = false) {
  Read result = read(input, follow_up);
  ASSERT_FALSE(result.status.ok()) << input.dump();
  EXPECT_EQ(result.status.error().path, path) << result.status.error().to_string();
  EXPECT_NE(result.status.error().message.find(words), std::string::npos) << result.status.error().to_string();
}

TEST(AdverseEventInput, ReadsAWholeEvent) {
  Json input = valid();
  input["serious"] = "hospitalization,life-threatening";
  input["attribution"] = "inotuzumab=possible,rituximab=unrelated";
  input["action"] = Json{{"inotuzumab", "drug-interrupted"}};
  input["aware_at"] = "2011-03-02T08:15:00Z";
  Read result = read(input);
  ASSERT_TRUE(result.status.ok()) << result.status.error().to_string();
  EXPECT_EQ(result.content.grade, 2);
  EXPECT_EQ(*result.content.serious, (std::vector<std::string>{"hospitalization", "life-threatening"}));
  EXPECT_EQ(result.content.attribution.at("inotuzumab"), "possible");
  EXPECT_EQ(result.content.attribution.at("rituximab"), "unrelated");
  EXPECT_EQ(result.content.action.at("inotuzumab"), "drug-interrupted");
  EXPECT_TRUE(result.content.needs_signature());
  Json payload = adverse_event_json(result.content);
  EXPECT_EQ(payload["serious"], Json::array({"hospitalization", "life-threatening"}));
  EXPECT_EQ(payload["end"], "2011-03-03");
}

TEST(AdverseEventInput, RefusesWhatIsWrongNamingIt) {
  Json input = valid();
  input["grade"] = 6;
  expect_refused(input, "$.grade", "1 to 5, not 6");
  input = valid();
  input["end"] = "2011-02-27";
  expect_refused(input, "$.end", "before the start 2011-03-01");
  input = valid();
  input["term"] = "Feverish";
  expect_refused(input, "$.term", "not a term of CTCAE v4.03");
  input = valid();
  input["term"] = "Hepatobiliary disorders - Other, specify";
  expect_refused(input, "$.specify", "is required");
  input = valid();
  input["specify"] = "veno-occlusive disease";
  expect_refused(input, "$.specify", "only for an 'Other, specify' term");
  input = valid();
  input["attribution"] = "inotuzumab=maybe";
  expect_refused(input, "$.attribution.inotuzumab", "not one of unrelated, unlikely");
  input = valid();
  input["attribution"] = Json{{"aspirin", "possible"}};
  expect_refused(input, "$.attribution.aspirin", "not a drug of the protocol");
  input = valid();
  input["serious"] = Json::array({"hospitalisation"});
  expect_refused(input, "$.serious", "not a criterion of seriousness");
  input = valid();
  input["grade"] = 5;
  expect_refused(input, "$.outcome", "grade 5 is death");
  input = valid();
  input["outcome"] = "fatal";
  expect_refused(input, "$.grade", "a fatal outcome is grade 5");
  input = valid();
  input["aware_at"] = "2011-03-02 08:15";
  expect_refused(input, "$.aware_at", "is not a UTC time");
  input = valid();
  input.erase("outcome");
  expect_refused(input, "$.outcome", "is required");
  input = valid();
  input["colour"] = "red";
  expect_refused(input, "$.colour", "is not a member here");
}

TEST(AdverseEventInput, AFollowUpGivesOnlyWhatChanged) {
  Read result = read({{"grade", 3}, {"serious", "none"}}, true);
  ASSERT_TRUE(result.status.ok()) << result.status.error().to_string();
  EXPECT_EQ(result.content.grade, 3);
  EXPECT_TRUE(result.content.serious->empty());
  EXPECT_FALSE(result.content.term.has_value());
  Json payload = adverse_event_json(result.content);
  EXPECT_EQ(payload, (Json{{"grade", 3}, {"serious", Json::array()}}));
  expect_refused({{"term", "Fever"}}, "$.term", "is not a member here", true);
}

TEST(UtcTime, ReadsAndWritesSecondsSince1970) {
  auto seconds = utc_seconds("2011-03-02T08:15:00Z", "$");
  ASSERT_TRUE(seconds.ok());
  // date -u -d 2011-03-02T08:15:00Z +%s prints 1299053700.
  EXPECT_EQ(*seconds, 1299053700);
  EXPECT_EQ(utc_text(*seconds + 24 * 3600), "2011-03-03T08:15:00Z");
  EXPECT_EQ(*utc_seconds("2011-03-02T08:15Z", "$"), 1299053700);
  EXPECT_FALSE(utc_seconds("2011-03-02T25:00:00Z", "$").ok());
  EXPECT_FALSE(utc_seconds("2011-02-30T08:00:00Z", "$").ok());
}

}  // namespace
}  // namespace trialcore::safety

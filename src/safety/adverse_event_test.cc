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

// Each mistake is one change to a valid event, as a JSON merge patch (null removes a member).
struct Mistake {
  Json change;
  std::string path;
  std::string words;
};

TEST(AdverseEventInput, RefusesWhatIsWrongNamingIt) {
  const std::vector<Mistake> mistakes = {
      {{{"grade", 6}}, "$.grade", "1 to 5, not 6"},
      {{{"end", "2011-02-27"}}, "$.end", "before the start 2011-03-01"},
      {{{"term", "Feverish"}}, "$.term", "not a term of CTCAE v4.03"},
      {{{"term", "Hepatobiliary disorders - Other, specify"}}, "$.specify", "is required"},
      {{{"specify", "veno-occlusive disease"}}, "$.specify", "only for an 'Other, specify' term"},
      {{{"attribution", "inotuzumab=maybe"}}, "$.attribution.inotuzumab", "not one of unrelated, unlikely"},
      {{{"attribution", {{"aspirin", "possible"}}}}, "$.attribution.aspirin", "not a drug of the protocol"},
      {{{"serious", Json::array({"hospitalisation"})}}, "$.serious", "not a criterion of seriousness"},
      {{{"grade", 5}}, "$.outcome", "grade 5 is death"},
      {{{"outcome", "fatal"}}, "$.grade", "a fatal outcome is grade 5"},
      {{{"aware_at", "2011-03-02 08:15"}}, "$.aware_at", "is not a UTC time"},
      {{{"outcome", nullptr}}, "$.outcome", "is required"},
      {{{"colour", "red"}}, "$.colour", "is not a member here"},
  };
  for (const Mistake& mistake : mistakes) {
    SCOPED_TRACE(mistake.change.dump());
    Json input = valid();
    input.merge_patch(mistake.change);
    expect_refused(input, mistake.path, mistake.words);
  }
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

// The OMOP mapping file: the built-in one loads and covers every fact the criteria read;
// mistakes are refused with the JSON path of the member at fault.
#include "omop/omop_mapping.h"

#include <gtest/gtest.h>

#include "omop/builtin_mapping.h"
#include "protocol/test_builtin_protocol.h"

namespace trialcore::omop {
namespace {

Json base() { return Json::parse(builtin_omop_mapping_text()); }

std::string error_of(const Json& mapping) {
  auto loaded = load_omop_mapping(mapping.dump(), testing::builtin_protocol());
  return loaded.ok() ? "loaded" : loaded.error().to_string();
}

TEST(OmopMappingTest, TheBuiltInMappingLoads) {
  auto mapping = load_omop_mapping(builtin_omop_mapping_text(), testing::builtin_protocol());
  ASSERT_TRUE(mapping.ok()) << mapping.error().to_string();
  EXPECT_TRUE(mapping->obtained_at_visit("nyha_class"));
  EXPECT_TRUE(mapping->obtained_at_visit("hepatitis_b"));  // recorded excludes; none recorded is asked
  EXPECT_FALSE(mapping->obtained_at_visit("bilirubin"));
  EXPECT_FALSE(mapping->obtained_at_visit("alt.uln"));
  EXPECT_FALSE(mapping->obtained_at_visit("therapies[2].end"));
  EXPECT_TRUE(mapping->obtained_at_visit("toxicities[0].grade"));
}

TEST(OmopMappingTest, MistakesNameTheirPath) {
  Json mapping = base();
  mapping["observations"]["bilirubin"]["units"]["mmol/L"] = Json::parse(R"([{"vocabulary": "UCUM", "code": "mmol/L"}])");
  EXPECT_EQ(error_of(mapping), "$.observations.bilirubin.units.mmol/L: unit 'mmol/L' is not accepted for bilirubin (mg/dL, umol/L)");

  mapping = base();
  mapping["facts"]["sex"]["values"]["woman"] = mapping["facts"]["sex"]["values"]["female"];
  EXPECT_EQ(error_of(mapping), "$.facts.sex.values.woman: 'woman' is not a value of sex (female, male, other, unknown)");

  mapping = base();
  mapping["lists"]["therapies"]["members"].erase("cns_directed");
  EXPECT_EQ(error_of(mapping), "$.lists.therapies.members.cns_directed: is required: every member is mapped, so that no entry has a member unknown");

  mapping = base();
  mapping["facts"]["zubrod"]["table"] = "drug_exposure";
  EXPECT_EQ(error_of(mapping), "$.facts.zubrod.table: 'drug_exposure' is not a table this source reads (measurement, observation)");

  mapping = base();
  mapping["not_in_omop"]["diagnosis"] = "asked";
  EXPECT_EQ(error_of(mapping), "$.not_in_omop.diagnosis: 'diagnosis' is mapped above: a fact is either mapped or not in OMOP");

  mapping = base();
  mapping["observations"]["alt"]["concepts"][0]["vocabulary"] = "";
  EXPECT_EQ(error_of(mapping), "$.observations.alt.concepts[0]: vocabulary and code must not be empty");

  mapping = base();
  mapping["protocol"] = "NCT00000000";
  EXPECT_EQ(error_of(mapping), "$.protocol: maps NCT00000000, but the protocol is NCT01134575");

  mapping = base();
  mapping["facts"]["diagnosis"]["colour"] = "red";
  EXPECT_EQ(error_of(mapping),
            "$.facts.diagnosis.colour: is not a member here (expected source, confirm_at_visit, table, values, when_absent)");
}

// Every object of the file is read member by member: a member it does not know is refused
// with its path, the first error is the one given, and wrong types name their member.
TEST(OmopMappingTest, UnknownMembersAndWrongTypesNameTheirPath) {
  Json mapping = base();
  mapping["sponsor"] = "someone";
  EXPECT_EQ(error_of(mapping), "$.sponsor: is not a member here (expected format, protocol, facts, observations, lists, not_in_omop)");

  mapping = base();
  mapping["observations"]["alt"]["concepts"][0]["system"] = "LOINC";
  EXPECT_EQ(error_of(mapping),
            "$.observations.alt.concepts[0].system: is not a member here (expected vocabulary, code, name, source)");

  mapping = base();
  mapping["lists"]["therapies"]["members"]["dose"] = "start_date";
  EXPECT_NE(error_of(mapping).find("$.lists.therapies.members.dose: is not a member here (expected "), std::string::npos)
      << error_of(mapping);

  mapping = base();
  mapping["facts"]["sex"] = "person_gender";
  EXPECT_EQ(error_of(mapping), "$.facts.sex: must be an object, not a string");

  mapping = base();
  mapping["facts"]["zubrod"]["within_days"] = "a month";
  EXPECT_EQ(error_of(mapping), "$.facts.zubrod.within_days: must be a whole number, not a string");

  mapping = base();
  mapping["facts"]["birth_date"]["confirm_at_visit"] = "yes";
  EXPECT_EQ(error_of(mapping), "$.facts.birth_date.confirm_at_visit: must be true or false, not a string");

  mapping = base();
  mapping["facts"]["zubrod"]["source"] = "latest_value";
  mapping["facts"]["zubrod"]["colour"] = "red";  // which members there are depends on the source
  EXPECT_EQ(error_of(mapping), "$.facts.zubrod.source: 'latest_value' is not a source (person_birth_date, person_gender, "
                               "latest_condition, event_present, latest_number, distinct_start_dates)");

  mapping = base();
  mapping["facts"] = Json::array();
  EXPECT_EQ(error_of(mapping), "$.facts: must be an object");
}

}  // namespace
}  // namespace trialcore::omop

// The OMOP mapping file: the built-in one loads and covers every fact the criteria read;
// mistakes are refused with the JSON path of the member at fault.
#include "omop/omop_mapping.h"

#include <gtest/gtest.h>

#include "omop/builtin_mapping.h"

namespace trialcore::omop {
namespace {

const Protocol& builtin() {
  static const Protocol protocol = *load_builtin_protocol();
  return protocol;
}

Json base() { return Json::parse(builtin_omop_mapping_text()); }

std::string error_of(const Json& mapping) {
  auto loaded = load_omop_mapping(mapping.dump(), builtin());
  return loaded.ok() ? "loaded" : loaded.error().to_string();
}

TEST(OmopMappingTest, TheBuiltInMappingLoads) {
  auto mapping = load_omop_mapping(builtin_omop_mapping_text(), builtin());
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
  EXPECT_NE(error_of(mapping).find("$.facts.diagnosis.colour"), std::string::npos);
}

}  // namespace
}  // namespace trialcore::omop

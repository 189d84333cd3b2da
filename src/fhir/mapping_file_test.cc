// Which FHIR mapping a protocol comes with, and a server's view of it: without one it
// serves the trial and says why the FHIR routes answer 404.
#include "fhir/mapping_file.h"
#include "protocol/test_builtin_protocol.h"

#include <gtest/gtest.h>

namespace trialcore::fhir {
namespace {

TEST(MappingFile, TheBuiltInProtocolHasItsOwn) {
  std::vector<std::string> warnings;
  auto served = load_served_mapping("", "", testing::builtin_protocol(), "--mapping", warnings);
  ASSERT_TRUE(served.ok()) << served.error().to_string();
  EXPECT_TRUE(served->has_value());
  EXPECT_TRUE(warnings.empty());
}

TEST(MappingFile, AProtocolFileWithoutOneIsServedWithAWarning) {
  std::vector<std::string> warnings;
  auto served = load_served_mapping("", "/nonexistent/trial.json", testing::builtin_protocol(), "--mapping", warnings);
  ASSERT_TRUE(served.ok()) << served.error().to_string();
  EXPECT_FALSE(served->has_value());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].rfind("no FHIR mapping for this protocol (/nonexistent/trial.fhir.json ", 0), 0u) << warnings[0];
  EXPECT_NE(warnings[0].find("): the FHIR routes answer 404"), std::string::npos) << warnings[0];
}

TEST(MappingFile, AGivenFileThatCannotBeReadIsAnErrorNamingTheOption) {
  std::vector<std::string> warnings;
  auto served = load_served_mapping("/nonexistent/mapping.json", "", testing::builtin_protocol(), "--mapping", warnings);
  ASSERT_FALSE(served.ok());
  EXPECT_EQ(served.error().path, "--mapping");
  EXPECT_TRUE(warnings.empty());
}

}  // namespace
}  // namespace trialcore::fhir

#include "patient/patient_id.h"

#include <gtest/gtest.h>

namespace trialcore::patient {
namespace {

TEST(PatientIdTest, OnePatternForEveryId) {
  for (const char* good : {"MDA-0001", "P1", "x", "A.b_c-9"}) EXPECT_TRUE(check_patient_id(good, "$.id").ok()) << good;
  EXPECT_TRUE(check_patient_id(std::string(64, 'a'), "$.id").ok());
  for (const std::string& bad : {std::string(""), std::string(" "), std::string("\t\n"), std::string("A/../B"),
                                std::string("A B"), std::string("-A"), std::string(".."), std::string("user:ann"),
                                std::string("A\0B", 3), std::string(65, 'a'), std::string("caf\xc3\xa9")}) {
    Status checked = check_patient_id(bad, "$.record.id");
    ASSERT_FALSE(checked.ok()) << bad;
    EXPECT_EQ(checked.error().path, "$.record.id");
  }
}

}  // namespace
}  // namespace trialcore::patient

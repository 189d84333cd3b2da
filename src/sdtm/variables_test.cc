// The declared variables: a domain's own declaration comes before the shared one, a generic
// --SEQ serves every domain's sequence number, and a name declared nowhere is refused.
#include "sdtm/variables.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace trialcore::sdtm {
namespace {

TEST(VariablesTest, ADomainsOwnLabelComesBeforeTheSharedOne) {
  EXPECT_EQ(declared_variable("TI", "IETESTCD").label, "Incl/Excl Criterion Short Name");
  EXPECT_EQ(declared_variable("IE", "IETESTCD").label, "Inclusion/Exclusion Criterion Short Name");
}

TEST(VariablesTest, TheDomainPrefixFindsTheGenericVariable) {
  Variable sequence = declared_variable("LB", "LBSEQ", 3);
  EXPECT_EQ(sequence.name, "LBSEQ");
  EXPECT_EQ(sequence.label, "Sequence Number");
  EXPECT_EQ(sequence.type, VariableType::kInteger);
  EXPECT_EQ(sequence.key, 3);
  // The generic name is the domain's prefix replaced, not any two letters.
  EXPECT_THROW(declared_variable("LB", "AESEQX"), std::logic_error);
  EXPECT_THROW(declared_variable("LB", "NOPE"), std::logic_error);
}

TEST(VariablesTest, ADatasetHasTheNamesInOrderWithTheirKeys) {
  Dataset dataset = declared_dataset("DV", "Protocol Deviations", {"STUDYID", "DVSEQ", "EPOCH", "DVSTDTC"},
                                     {{"STUDYID", 1}, {"DVSEQ", 2}});
  ASSERT_EQ(dataset.variables.size(), 4u);
  EXPECT_EQ(dataset.variables[0].key, 1);
  EXPECT_EQ(dataset.variables[1].key, 2);
  EXPECT_EQ(dataset.variables[2].name, "EPOCH");
  EXPECT_EQ(dataset.variables[2].key, 0);
  EXPECT_EQ(dataset.variables[3].type, VariableType::kIsoDateTime);
  EXPECT_EQ(dataset.variables[3].label, "Start Date/Time of Deviation");
  EXPECT_TRUE(check_dataset(dataset).ok());
}

}  // namespace
}  // namespace trialcore::sdtm

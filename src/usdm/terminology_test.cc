// Registry words to CDISC terms: each spelling ClinicalTrials.gov uses finds its term, and
// words without a term find none rather than a guess.
#include "usdm/terminology.h"

#include <gtest/gtest.h>

namespace trialcore::usdm {
namespace {

TEST(TerminologyTest, RegistrySpellingsFindTheirTerms) {
  EXPECT_EQ(phase_term("Phase 2")->code, "C15601");
  EXPECT_EQ(phase_term("phase ii")->submission, "PHASE II TRIAL");
  EXPECT_EQ(phase_term("Phase 1/Phase 2")->code, phase_term("Phase 1/2")->code);
  EXPECT_EQ(intervention_model_term("Single Group Assignment")->submission, "SINGLE GROUP");
  EXPECT_EQ(blinding_term("None (Open Label)")->submission, "OPEN LABEL");
  EXPECT_EQ(sex_population_term("All")->submission, "BOTH");
  EXPECT_EQ(route_term("IV")->submission, "INTRAVENOUS");
  EXPECT_EQ(epoch_term(EpochKind::kFollowUp).code, "C202578");
}

TEST(TerminologyTest, WordsWithoutATermFindNone) {
  EXPECT_FALSE(phase_term("").has_value());
  EXPECT_FALSE(phase_term("Phase 5").has_value());
  EXPECT_FALSE(route_term("intrathecal").has_value());
  EXPECT_FALSE(intervention_model_term("Sequential Assignment").has_value());
}

TEST(StudyDesignTest, CodesAreLettersDigitsAndTheSeparator) {
  EXPECT_EQ(code_of("period-1", 20), "PERIOD_1");
  EXPECT_EQ(code_of("  a -- b  ", 20), "A_B");
  EXPECT_EQ(code_of("inc-relapsed-refractory", 8, '\0'), "INCRELAP");
  EXPECT_EQ(code_of("abc-def", 4), "ABC");  // never ends with the separator
}

}  // namespace
}  // namespace trialcore::usdm

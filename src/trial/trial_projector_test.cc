// Which events fold into a patient's row: every patient kind that event_kinds.h declares,
// read from the header itself so that a kind added there and left out of the fold table
// fails here; not the trial's periods, not another module's events, not an event without a
// subject.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "trial/event_kinds.h"
#include "trial/trial_projector.h"

namespace trialcore::trial {
namespace {

store::Event event_of(const std::string& kind, const std::string& subject) {
  store::Event event;
  event.kind = kind;
  event.subject = subject;
  return event;
}

// The values of `inline constexpr const char* kX = "value";` in the header.
std::vector<std::string> declared_kinds() {
  std::ifstream file(std::string(TRIALCORE_SOURCE_DIR) + "/src/trial/event_kinds.h");
  std::stringstream text;
  text << file.rdbuf();
  const std::string header = text.str();
  static const std::regex kDeclaration(R"re(inline constexpr const char\* k\w+ = "([a-z-]+)";)re");
  std::vector<std::string> kinds;
  for (auto match = std::sregex_iterator(header.begin(), header.end(), kDeclaration); match != std::sregex_iterator(); ++match) {
    kinds.push_back((*match)[1]);
  }
  return kinds;
}

TEST(FoldsIntoPatient, EveryPatientKindTheHeaderDeclaresFolds) {
  std::vector<std::string> kinds = declared_kinds();
  ASSERT_GE(kinds.size(), 20u) << "event_kinds.h was not read";
  for (const std::string& kind : kinds) {
    bool of_the_trial = kind == kPeriodOpened || kind == kPeriodClosed;
    EXPECT_EQ(folds_into_patient(event_of(kind, "P1")), !of_the_trial) << kind;
  }
}

TEST(FoldsIntoPatient, OtherEventsAndEventsWithoutSubjectDoNot) {
  EXPECT_TRUE(folds_into_patient(event_of(kVoid, "P1")));
  EXPECT_FALSE(folds_into_patient(event_of(kVoid, "")));
  EXPECT_FALSE(folds_into_patient(event_of("user-created", "user:sam")));
  EXPECT_FALSE(folds_into_patient(event_of("no-such-kind", "P1")));
}

}  // namespace
}  // namespace trialcore::trial

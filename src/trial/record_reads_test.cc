// The record's reads as a terminal shows them: JSON lines for programs, texts for people,
// and a patient the record lacks refused.
#include "trial/record_reads.h"

#include <sstream>

#include "trial/test_trial.h"

namespace trialcore::trial {
namespace {

using testing::eligible_record;

class RecordReadsTest : public testing::TrialTest {};

TEST_P(RecordReadsTest, StatusCalendarAndHistoryOfAnEnrolledPatient) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  std::ostringstream all, one, calendar, history, lines;
  ASSERT_TRUE(write_status(*service_, "", Date(2010, 7, 6), "2010-07-06T12:00:00Z", true, all).ok());
  Json patients = Json::parse(all.str());
  ASSERT_EQ(patients.size(), 1u);
  EXPECT_EQ(patients[0]["id"], "P1");
  ASSERT_TRUE(write_status(*service_, "P1", Date(2010, 7, 6), "", true, one).ok());
  EXPECT_EQ(Json::parse(one.str())["status"], "enrolled");
  ASSERT_TRUE(write_calendar(*service_, "P1", Date(2010, 7, 6), false, calendar).ok());
  EXPECT_NE(calendar.str().find("2010-07-05"), std::string::npos) << calendar.str();
  ASSERT_TRUE(write_history(*service_, "P1", false, history).ok());
  EXPECT_NE(history.str().find("patient-enrolled"), std::string::npos) << history.str();
  ASSERT_TRUE(write_history(*service_, "P1", true, lines).ok());
  std::istringstream each(lines.str());
  std::vector<std::string> kinds;
  for (std::string line; std::getline(each, line);) kinds.push_back(Json::parse(line)["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"patient-registered", "consent-signed", "patient-screened", "patient-enrolled",
                                             "body-measured"}));
}

TEST_P(RecordReadsTest, APatientTheRecordLacksIsNotFoundAndNothingIsWritten) {
  std::ostringstream out;
  for (Status read : {write_status(*service_, "P9", Date(2010, 7, 6), "", false, out),
                      write_calendar(*service_, "P9", Date(2010, 7, 6), false, out), write_history(*service_, "P9", true, out)}) {
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().kind, ErrorKind::kNotFound) << read.error().to_string();
  }
  EXPECT_EQ(out.str(), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordReadsTest, ::testing::Values(testing::Backend::kSqlite, testing::Backend::kPostgres));

}  // namespace
}  // namespace trialcore::trial

// A patient's row in its typed form encodes to the same text as the state's JSON, with the
// observations it keeps encoded between writes, and whatever happened to them since.
#include "trial/patient_form.h"

#include <gtest/gtest.h>

namespace trialcore::trial {
namespace {

ObservationEntry observation(int64_t sequence, double value) {
  return {sequence, "anc", Date(2010, 7, 6), Json{{"code", "anc"}, {"value", value}, {"unit", "10*9/L"}, {"date", "2010-07-06"}}};
}

TEST(PatientFormTest, EncodesAsTheStatesJsonAsObservationsAreAdded) {
  PatientForm form;
  form.state.id = "P1";
  form.state.record = {{"id", "P1"}, {"observations", Json::array({{{"code", "alt"}, {"value", 40}}})}};
  form.state.consent_date = Date(2010, 7, 2);
  EXPECT_EQ(form.text(), patient_state_json(form.state).dump());  // none yet
  for (int64_t sequence = 4; sequence < 8; ++sequence) {
    form.state.observations.push_back(observation(sequence, 1.5 + static_cast<double>(sequence)));
    EXPECT_EQ(form.text(), patient_state_json(form.state).dump());
    EXPECT_EQ(Json::parse(form.text()), form.json());
  }
  form.state.status = PatientStatus::kOffStudy;  // the rest of the row is encoded anew each time
  EXPECT_EQ(form.text(), patient_state_json(form.state).dump());
}

TEST(PatientFormTest, EncodesAgainWhenTheKeptObservationsAreNoLongerItsFirst) {
  PatientForm form;
  form.state.id = "P1";
  form.state.observations = {observation(4, 1.0), observation(5, 2.0)};
  ASSERT_EQ(form.text(), patient_state_json(form.state).dump());
  form.state.observations = {observation(4, 1.0), observation(9, 3.0)};  // the last one replaced
  EXPECT_EQ(form.text(), patient_state_json(form.state).dump());
  form.state.observations = {observation(4, 1.0)};  // fewer
  EXPECT_EQ(form.text(), patient_state_json(form.state).dump());
  form.state.observations.clear();
  EXPECT_EQ(form.text(), patient_state_json(form.state).dump());
}

TEST(PatientFormTest, ReadsTheRowItEncodes) {
  PatientForm form;
  form.state.id = "P1";
  form.state.observations = {observation(4, 1.0)};
  auto decoded = decode_patient_form(Json::parse(form.text()));
  ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
  EXPECT_EQ((*decoded)->text(), form.text());
  EXPECT_FALSE(decode_patient_form(Json{{"status", "lost"}}).ok());
}

}  // namespace
}  // namespace trialcore::trial

// A patient's rows: the patient's own without the observations, each observation's under a key
// that sorts as its sequence, and the form read back from both.
#include "trial/patient_form.h"

#include <gtest/gtest.h>

#include "store/memory_transaction.h"

namespace trialcore::trial {
namespace {

ObservationEntry observation(int64_t sequence, double value) {
  return {sequence, "anc", Date(2010, 7, 6), Json{{"code", "anc"}, {"value", value}, {"unit", "10*9/L"}, {"date", "2010-07-06"}}};
}

class NoProjector : public store::Projector {
 public:
  Status apply(const store::Event&, store::Transaction&) override { return Status::Ok(); }
};

TEST(PatientFormTest, ObservationKeysSortAsTheirSequences) {
  EXPECT_EQ(observation_key("P1", 9), "P1/00000000000000000009");
  EXPECT_LT(observation_key("P1", 9), observation_key("P1", 10));
  EXPECT_LT(observation_key("P1", 99999), observation_key("P1", 100000000000));
  // "P1/" is no prefix of P10's keys, and every key of P1's sorts before them.
  EXPECT_NE(observation_key("P10", 1).rfind(observations_prefix("P1"), 0), 0u);
  EXPECT_LT(observation_key("P1", 100000000000), observation_key("P10", 1));
  EXPECT_EQ(patient_of_observation(observation_key("A.b_c-9", 12)), "A.b_c-9");
}

TEST(PatientFormTest, ThePatientsRowHoldsAllButTheObservations) {
  PatientForm form;
  form.state.id = "P1";
  form.state.consent_date = Date(2010, 7, 2);
  form.state.observations = {observation(4, 1.0), observation(5, 2.0)};
  Json answer = patient_state_json(form.state);
  ASSERT_EQ(answer["observations"].size(), 2u);
  answer.erase("observations");
  EXPECT_EQ(form.json(), answer);
  EXPECT_EQ(form.text(), answer.dump());
}

TEST(PatientFormTest, ReadsThePatientsRowAndTheirObservationsRows) {
  NoProjector projector;
  store::MemoryTransaction transaction(projector);
  PatientForm form;
  form.state.id = "P1";
  form.state.observations = {observation(4, 1.0), observation(12, 2.0)};
  ASSERT_TRUE(put_observation_rows(transaction, form.state, 0).ok());
  PatientState other;
  other.id = "P10";
  other.observations = {observation(7, 9.0)};
  ASSERT_TRUE(put_observation_rows(transaction, other, 0).ok());

  auto decoded = patient_decoder(transaction, "P1")(form.json());
  ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
  const PatientState& read = dynamic_cast<const PatientForm&>(**decoded).state;
  ASSERT_EQ(read.observations.size(), 2u);
  EXPECT_EQ(read.observations[0].sequence, 4);
  EXPECT_EQ(read.observations[1].sequence, 12);
  EXPECT_EQ(read.observations[1].entry, form.state.observations[1].entry);
  EXPECT_EQ(patient_state_json(read), patient_state_json(form.state));

  // Only the rows from `from` on are written: those an event just added.
  form.state.observations.push_back(observation(13, 3.0));
  ASSERT_TRUE(put_observation_rows(transaction, form.state, 2).ok());
  EXPECT_EQ(transaction.rows_under(kObservationsTable, observations_prefix("P1"))->size(), 3u);
  // Replaced after a void: the voided lab's row is gone, the others' kept.
  form.state.observations.erase(form.state.observations.begin() + 1);
  ASSERT_TRUE(replace_observation_rows(transaction, form.state).ok());
  auto rows = transaction.rows_under(kObservationsTable, observations_prefix("P1"));
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].first, observation_key("P1", 13));
  EXPECT_EQ(transaction.rows_under(kObservationsTable, observations_prefix("P10"))->size(), 1u);
}

TEST(PatientFormTest, ARowThatDoesNotReadIsNamed) {
  NoProjector projector;
  store::MemoryTransaction transaction(projector);
  EXPECT_FALSE(patient_decoder(transaction, "P1")(Json{{"status", "lost"}}).ok());
  ASSERT_TRUE(transaction.put_row(kObservationsTable, observation_key("P1", 4), Json{{"code", 7}, {"sequence", 4}}).ok());
  PatientForm form;
  form.state.id = "P1";
  auto decoded = patient_decoder(transaction, "P1")(form.json());
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().path, "observations/P1/00000000000000000004.code");
}

}  // namespace
}  // namespace trialcore::trial

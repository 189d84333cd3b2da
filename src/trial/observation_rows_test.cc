// A patient's observations are rows of their own ("observations"/<id>/<sequence>), on both
// backends: the patient's row holds everything else, the answers still list every lab, a void
// removes the lab's row, a reopened store reads the same patient, and the rows rebuilt from
// the log equal the live ones. A store written when the labs lived in the patient's row is
// rebuilt once when it is opened.
#include <sqlite3.h>

#include "store/schema.h"
#include "store/verify.h"
#include "trial/patient_form.h"
#include "trial/test_trial.h"

namespace trialcore::trial {
namespace {

using testing::eligible_record;
using testing::kCoordinator;

class ObservationRowsTest : public testing::TrialTest {
 protected:
  int64_t lab(const std::string& id, const char* code, double value, const char* unit, const char* date) {
    auto recorded = service_->record_observation(kCoordinator, id, {{"code", code}, {"value", value}, {"unit", unit}, {"date", date}});
    EXPECT_TRUE(recorded.ok()) << recorded.error().to_string();
    return recorded.ok() ? recorded->event.sequence : 0;
  }

  // The projection rows of `table`, as the database holds them.
  std::vector<store::Row> stored(const std::string& table) {
    std::vector<store::Row> rows;
    auto all = store_->all_rows();
    EXPECT_TRUE(all.ok());
    for (auto& [name, row] : *all) {
      if (name == table) rows.push_back(row);
    }
    return rows;
  }
};

TEST_P(ObservationRowsTest, EachLabIsARowOfItsOwnAndTheAnswersListThemAll) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  ASSERT_NO_FATAL_FAILURE(enroll("P10", eligible_record("P10")));
  int64_t first = lab("P1", "bilirubin", 1.1, "mg/dL", "2010-08-09");
  int64_t other = lab("P10", "bilirubin", 0.9, "mg/dL", "2010-08-09");
  int64_t second = lab("P1", "bilirubin", 1.3, "mg/dL", "2010-08-16");

  std::vector<store::Row> observations = stored(kObservationsTable);
  ASSERT_EQ(observations.size(), 3u);
  // In key order: P1's two in their sequence's order, then P10's ("P1/" sorts before "P10").
  EXPECT_EQ(observations[0].first, "P1/" + std::string(20 - std::to_string(first).size(), '0') + std::to_string(first));
  EXPECT_EQ(observations[1].first, observation_key("P1", second));
  EXPECT_EQ(observations[2].first, observation_key("P10", other));
  EXPECT_EQ(observations[1].second["value"], 1.3);
  EXPECT_EQ(observations[1].second["sequence"], second);
  for (const auto& [id, row] : stored(kPatientsTable)) EXPECT_FALSE(row.contains("observations")) << id;

  Json patient = *service_->patient("P1");
  ASSERT_EQ(patient["observations"].size(), 2u);
  EXPECT_EQ(patient["observations"][0]["sequence"], first);
  EXPECT_EQ(patient["observations"][1]["value"], 1.3);
  EXPECT_EQ(patient["derived"]["latest_observations"]["bilirubin"]["value"], 1.3);

  // Read from the database alone (a store opened afresh has nothing kept from the writes).
  open(Protocol(*protocol_));
  EXPECT_EQ(*service_->patient("P1"), patient);
  auto everyone = service_->patients(std::nullopt);
  ASSERT_TRUE(everyone.ok()) << everyone.error().to_string();
  ASSERT_EQ(everyone->size(), 2u);
  auto verified = store::verify_store(*store_, projector_);
  ASSERT_TRUE(verified.ok()) << verified.error().to_string();
  EXPECT_TRUE(verified->ok) << verified->problem;
}

TEST_P(ObservationRowsTest, AVoidRemovesTheLabsRowAndTheRebuildAgrees) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  int64_t kept = lab("P1", "bilirubin", 1.1, "mg/dL", "2010-08-09");
  int64_t wrong = lab("P1", "bilirubin", 9.9, "mg/dL", "2010-08-10");
  ASSERT_TRUE(service_->void_event(kCoordinator, wrong, "another patient's sample").ok());
  std::vector<store::Row> observations = stored(kObservationsTable);
  ASSERT_EQ(observations.size(), 1u);
  EXPECT_EQ(observations[0].first, observation_key("P1", kept));
  // A lab recorded after the void is a row too, beside the kept one.
  int64_t later = lab("P1", "bilirubin", 1.2, "mg/dL", "2010-08-16");
  EXPECT_EQ(stored(kObservationsTable).size(), 2u);
  EXPECT_EQ(service_->patient("P1")->at("observations")[1]["sequence"], later);
  EXPECT_EQ(*store::derive_projections(*store_, projector_), *store_->all_rows());
}

TEST_P(ObservationRowsTest, AStoreWithLabsInThePatientsRowIsRebuiltWhenOpened) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  lab("P1", "bilirubin", 1.1, "mg/dL", "2010-08-09");
  Json patient = *service_->patient("P1");
  service_.reset();
  store_.reset();
  // The rows as a store of schema version 3 held them: the labs inside the patient's row, no
  // row of their own; and the request the migration to version 4 leaves.
  Json old_row = patient;
  old_row.erase("derived");
  for (Json& dose : old_row["doses"]) dose.erase("verification");
  auto quoted = [](const std::string& text) {
    std::string sql = "'";
    for (char c : text) sql += c == '\'' ? std::string("''") : std::string(1, c);
    return sql + "'";
  };
  const std::string table = store::kRebuildRequest.first, key = store::kRebuildRequest.second;
  std::string sql = "DELETE FROM projections WHERE name = 'observations'; UPDATE projections SET document = " +
                    quoted(old_row.dump()) + " WHERE name = 'patients' AND key = 'P1'; INSERT INTO local_state (name, key, document) VALUES ('" +
                    table + "', '" + key + "', '{}');";
  if (GetParam() == testing::Backend::kSqlite) {
    ASSERT_EQ(store::testing::raw_sqlite(location_, sql), "");
  } else {
    PGconn* connection = PQconnectdb(location_.c_str());
    PGresult* result = PQexec(connection, sql.c_str());
    ASSERT_EQ(PQresultStatus(result), PGRES_COMMAND_OK) << PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(connection);
  }

  open(Protocol(*protocol_));
  EXPECT_EQ(stored(kObservationsTable).size(), 1u);
  for (const auto& [id, row] : stored(kPatientsTable)) EXPECT_FALSE(row.contains("observations")) << id;
  EXPECT_EQ(*service_->patient("P1"), patient);
  auto verified = store::verify_store(*store_, projector_);
  ASSERT_TRUE(verified.ok()) << verified.error().to_string();
  EXPECT_TRUE(verified->ok) << verified->problem;
  // The request is cleared: the next open rebuilds nothing.
  ASSERT_TRUE(store_->read([&](store::Transaction& transaction) -> Status {
                      EXPECT_FALSE(transaction.local(table, key)->has_value());
                      return Status::Ok();
                    })
                  .ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, ObservationRowsTest,
                         ::testing::Values(testing::Backend::kSqlite, testing::Backend::kPostgres),
                         [](const auto& backend) { return backend.param == testing::Backend::kSqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
}  // namespace trialcore::trial

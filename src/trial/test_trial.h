// For the trial module's tests: a service on a fresh store of either backend, and
// patient records built from the contract's example.
#pragma once

#include <gtest/gtest.h>

#include "patient/test_example_patient.h"
#include "store/test_stores.h"
#include "trial/trial_projector.h"
#include "trial/trial_service.h"

namespace trialcore::trial::testing {

// The example patient, eligible on 2010-07-02 (and for weeks after), at 170 cm and 70 kg (the
// dose expectations are computed for them), under the id `id`.
inline Json eligible_record(const std::string& id) {
  Json record = trialcore::testing::example_patient();
  record["id"] = id;
  record["height"]["value"] = 170;
  record["weight"]["value"] = 70;
  return record;
}

// What a refusal says ("path: message"); "accepted" when there was none.
template <class Answer>
std::string refusal(const Answer& answer) {
  return answer.ok() ? "accepted" : answer.error().to_string();
}

inline const Actor kCoordinator{"coordinator", "2026-11-25T09:00:00Z"};
inline const Actor kInvestigator{"investigator", "2026-11-25T09:05:00Z"};

enum class Backend { kSqlite, kPostgres };

class TrialTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto protocol = load_builtin_protocol();
    ASSERT_TRUE(protocol.ok()) << protocol.error().to_string();
    open(std::move(*protocol));
  }

  void open(Protocol protocol) {
    protocol_ = std::make_unique<Protocol>(std::move(protocol));
    if (location_.empty()) {
      if (GetParam() == Backend::kPostgres) {
        if (!store::testing::postgres_server()) GTEST_SKIP() << "set TRIALCORE_TEST_POSTGRES (scripts/test.sh starts a server)";
        location_ = store::testing::fresh_postgres_database();
      } else {
        location_ = store::testing::fresh_sqlite_file();
      }
    }
    auto opened = store::open_store(location_, projector_);
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    store_ = std::move(*opened);
    service_ = std::make_unique<TrialService>(*protocol_, *store_);
  }

  void TearDown() override {
    service_.reset();
    store_.reset();
    if (GetParam() == Backend::kSqlite && !location_.empty()) {
      store::testing::remove_sqlite_files(location_);
    }
  }

  int64_t event_count() {
    int64_t count = 0;
    EXPECT_TRUE(store_->read([&](store::Transaction& transaction) -> Status {
                          count = *transaction.last_sequence();
                          return Status::Ok();
                        })
                    .ok());
    return count;
  }

  // Registered, consented and enrolled on 2010-07-05.
  // Registers `record` and signs its consent on `signed_on`: a patient who may be enrolled.
  void consented(const Json& record, Date signed_on) {
    ASSERT_TRUE(service_->register_patient(kCoordinator, record).ok());
    ASSERT_TRUE(service_->sign_consent(kCoordinator, record.at("id").get<std::string>(), signed_on).ok());
  }

  void enroll(const std::string& id, Json record) {
    ASSERT_NO_FATAL_FAILURE(consented(record, Date(2010, 7, 2)));
    auto enrolled = service_->enroll(kCoordinator, id, Date(2010, 7, 5));
    ASSERT_TRUE(enrolled.ok()) << enrolled.error().to_string();
  }

  DoseInput dose(int course, int day, const char* drug, const char* date, double mg, double minutes = 62) {
    DoseInput input;
    input.course = course;
    input.day = day;
    input.drug = drug;
    input.date = *Date::Parse(date);
    input.dose_mg = mg;
    input.infusion_minutes = minutes;
    return input;
  }

  TrialProjector projector_;
  std::unique_ptr<Protocol> protocol_;
  std::string location_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<TrialService> service_;
};

}  // namespace trialcore::trial::testing

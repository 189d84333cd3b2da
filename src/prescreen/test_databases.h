// For the pre-screening tests: the built-in protocol and its mapping, fresh databases of
// each backend (a PostgreSQL database is created on the server TRIALCORE_TEST_POSTGRES
// names; scripts/test.sh starts one), and comparison of two engines' answers.
#pragma once

#include <filesystem>
#include <sstream>
#include <string>

#include "omop/builtin_mapping.h"
#include "omop/omop_database.h"
#include "omop/omop_mapping.h"
#include "omop/synthetic_population.h"
#include "prescreen/person_results.h"
#include "protocol/protocol.h"
#include "protocol/test_builtin_protocol.h"
#include "store/test_stores.h"

namespace trialcore::prescreen::testing {

using trialcore::testing::builtin_protocol;

inline const omop::OmopMapping& builtin_mapping() {
  static const omop::OmopMapping mapping = *omop::load_omop_mapping(builtin_omop_mapping_text(), builtin_protocol());
  return mapping;
}

using store::testing::postgres_server;
using store::testing::unique_name;

inline std::string fresh_sqlite_url() {
  auto path = std::filesystem::temp_directory_path() / (unique_name("trialcore_omop") + ".db");
  std::filesystem::remove(path);
  return "sqlite:" + path.string();
}

// `url`'s database (created) holding a synthetic population of the built-in protocol.
inline Result<std::unique_ptr<omop::Database>> synthetic_database(const std::string& url, omop::SyntheticOptions options) {
  return omop::create_synthetic_database(url, builtin_mapping(), builtin_protocol(), builtin_synthetic_profile_text(), options, "test",
                                         "profile");
}

// A new, empty database on the test server; its URL.
inline std::string fresh_postgres_url() { return store::testing::fresh_postgres_database("trialcore_omop"); }

// The first differences between two answers, person by person and criterion by
// criterion ("" when they agree).
inline std::string differences(const PersonResults& expected, const PersonResults& actual, const Protocol& protocol,
                               size_t shown = 10) {
  std::ostringstream out;
  if (expected.size() != actual.size()) out << expected.size() << " persons expected, " << actual.size() << " found\n";
  ObtainFacts facts(protocol);
  size_t found = 0;
  for (size_t p = 0; p < std::min(expected.size(), actual.size()) && found < shown; ++p) {
    if (expected.person_id[p] != actual.person_id[p]) {
      out << "person " << expected.person_id[p] << " expected, " << actual.person_id[p] << " found\n";
      ++found;
      continue;
    }
    for (size_t c = 0; c < expected.criteria && found < shown; ++c) {
      size_t i = p * expected.criteria + c;
      bool unknown = expected.result[i] == static_cast<uint8_t>(CriterionResult::kUnknown);
      if (expected.result[i] == actual.result[i] && (!unknown || expected.missing[i] == actual.missing[i])) continue;
      ++found;
      auto names = [&](uint64_t mask) {
        std::string text;
        for (const std::string& name : facts.names(mask)) text += (text.empty() ? "" : ",") + name;
        return text;
      };
      out << "person " << expected.person_id[p] << " " << protocol.criteria[c].id << ": expected "
          << result_name(static_cast<CriterionResult>(expected.result[i])) << " [" << names(expected.missing[i])
          << "], found " << result_name(static_cast<CriterionResult>(actual.result[i])) << " ["
          << names(actual.missing[i]) << "]\n";
    }
  }
  return out.str();
}

}  // namespace trialcore::prescreen::testing

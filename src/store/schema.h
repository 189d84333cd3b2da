// The store's schema, the same in both backends, as numbered migrations: a store is
// migrated on open to the latest version, one migration at a time, each in its own
// transaction. A store made by a newer program is refused rather than misread.
#pragma once

#include <string>
#include <vector>

namespace trialcore::store {

struct Migration {
  int version;
  std::string sqlite;
  std::string postgresql;
};

const std::vector<Migration>& migrations();
int latest_schema_version();

}  // namespace trialcore::store

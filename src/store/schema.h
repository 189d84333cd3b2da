// The store's schema, the same in both backends, as numbered migrations: a store is
// migrated on open to the latest version, one migration at a time, each in its own
// transaction. A store made by a newer program is refused rather than misread.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace trialcore::store {

// The local state that asks for the projections to be rebuilt from the log when the store is
// next opened (a migration that changes what the projections hold leaves it).
inline constexpr std::pair<const char*, const char*> kRebuildRequest = {"schema", "rebuild_projections"};

struct Migration {
  int version;
  std::string sqlite;
  std::string postgresql;
};

const std::vector<Migration>& migrations();
int latest_schema_version();

}  // namespace trialcore::store

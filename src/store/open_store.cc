#include "store/postgres_store.h"
#include "store/sqlite_store.h"

namespace trialcore::store {

Result<std::unique_ptr<Store>> open_store(const std::string& location, Projector& projector) {
  if (location.empty()) return Error{"--store", "is empty: give a file path or a postgresql:// URL"};
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) {
    return open_postgres_store(location, projector);
  }
  if (location.rfind("sqlite:", 0) == 0) return open_sqlite_store(location.substr(7), projector);
  return open_sqlite_store(location, projector);
}

}  // namespace trialcore::store

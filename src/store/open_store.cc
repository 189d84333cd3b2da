#include "store/postgres_store.h"
#include "store/sqlite_store.h"

namespace trialcore::store {

std::optional<std::string> sqlite_file_of(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) return std::nullopt;
  if (location.rfind("sqlite:", 0) == 0) return location.substr(7);
  return location;
}

Result<std::unique_ptr<Store>> open_store(const std::string& location, Projector& projector) {
  if (location.empty()) return Error{"$.store", "is empty: give a file path or a postgresql:// URL"};
  std::optional<std::string> file = sqlite_file_of(location);
  if (!file) return open_postgres_store(location, projector);
  return open_sqlite_store(*file, projector);
}

}  // namespace trialcore::store

#include "store/postgres_store.h"
#include "store/schema.h"
#include "store/sqlite_store.h"
#include "store/verify.h"

namespace trialcore::store {

namespace {

// A migration that changed what the projections hold asked for them to be derived again from
// the log: done here, before the store is used, and then the request is cleared. Should the
// program stop between the two, the next open rebuilds again, to the same rows.
Status rebuild_if_requested(Store& store, Projector& projector) {
  const std::string table = kRebuildRequest.first, key = kRebuildRequest.second;
  bool requested = false;
  Status read = store.read([&](Transaction& transaction) -> Status {
    auto request = transaction.local(table, key);
    if (!request.ok()) return request.error();
    requested = request->has_value();
    return Status::Ok();
  });
  if (!read.ok() || !requested) return read;
  Status rebuilt = rebuild_projections(store, projector);
  if (!rebuilt.ok()) return Error{"", "rebuilding the projections after migrating the store: " + rebuilt.error().message, ErrorKind::kFailure};
  return store.transact_local([&](Transaction& transaction) { return transaction.delete_local(table, key); });
}

}  // namespace

std::optional<std::string> sqlite_file_of(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) return std::nullopt;
  if (location.rfind("sqlite:", 0) == 0) return location.substr(7);
  return location;
}

Result<std::unique_ptr<Store>> open_store(const std::string& location, Projector& projector) {
  if (location.empty()) return Error{"$.store", "is empty: give a file path or a postgresql:// URL"};
  std::optional<std::string> file = sqlite_file_of(location);
  auto store = file ? open_sqlite_store(*file, projector) : open_postgres_store(location, projector);
  if (!store.ok()) return store;
  Status rebuilt = rebuild_if_requested(**store, projector);
  if (!rebuilt.ok()) return Error{"$.store", rebuilt.error().message, ErrorKind::kFailure};
  return store;
}

}  // namespace trialcore::store

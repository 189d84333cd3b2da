#include "store/backup.h"

#include "store/verify.h"

namespace trialcore::store {

Result<Head> back_up(Store& store, Projector& projector, const std::string& to) {
  Status backed_up = store.backup_to(to);
  if (!backed_up.ok()) return backed_up.error();
  auto copy = open_store(to, projector);
  if (!copy.ok()) return Error{"$.to", copy.error().message, copy.error().kind};
  return head_of(**copy);
}

}  // namespace trialcore::store

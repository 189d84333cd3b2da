// How every transaction ends, in both backends: committed if its work succeeded, rolled back
// if the work failed or threw (and a failed commit rolled back too), so nothing half-done
// remains.
#pragma once

#include <functional>

#include "base/result.h"

namespace trialcore::store {

// `execute` runs one SQL statement; `work` is what the transaction does, already begun.
inline Status finish_unit_of_work(const std::function<Status(const char*)>& execute, const std::function<Status()>& work) {
  Status status;
  try {
    status = work();
  } catch (...) {
    execute("ROLLBACK");
    throw;
  }
  if (!status.ok()) {
    execute("ROLLBACK");
    return status;
  }
  Status committed = execute("COMMIT");
  if (!committed.ok()) execute("ROLLBACK");
  return committed;
}

}  // namespace trialcore::store

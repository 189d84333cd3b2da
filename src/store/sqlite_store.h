// The embedded backend: one SQLite file in WAL mode with synchronous=FULL, so an event
// acknowledged is on disk; writers from several processes serialize on BEGIN IMMEDIATE.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace trialcore::store {

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, Projector& projector);

}  // namespace trialcore::store

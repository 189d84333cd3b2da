// The PostgreSQL backend, for several sites and users: the same schema as SQLite; writers
// serialize on a transaction-level advisory lock, so concurrent appends never fork the chain.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace trialcore::store {

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url, Projector& projector);

// The URL without its password, for messages and logs.
std::string url_without_password(const std::string& url);

}  // namespace trialcore::store

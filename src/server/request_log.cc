#include "server/request_log.h"

#include <spdlog/spdlog.h>

namespace trialcore::server {

std::string log_members(const Json& members) {
  // Invalid UTF-8 becomes U+FFFD rather than an exception or a broken line.
  std::string text = members.dump(-1, ' ', /*ensure_ascii=*/true, Json::error_handler_t::replace);
  return text.size() >= 2 ? text.substr(1, text.size() - 2) : "";
}

void log_event(const Json& members) { spdlog::info("{}", log_members(members)); }

}  // namespace trialcore::server

#include "answers/trial_opening.h"

#include <cstdlib>
#include <filesystem>

#include "base/clock.h"
#include "store/store.h"

namespace trialcore::answers {

trial::Actor actor_of(const std::string& user, const std::string& role) {
  std::string name = user;
  if (name.empty()) {
    const char* login = std::getenv("USER");
    name = login && *login ? login : "operator";
  }
  return {name, utc_now(), role, today()};
}

Status record_present(const std::string& store, bool creates) {
  std::optional<std::string> file = store::sqlite_file_of(store);
  if (file && !creates && !std::filesystem::exists(*file)) {
    return Error{"$.store", "there is no trial record at " + *file +
                                " (register a patient or open a period to start one, or give $.store)",
                 ErrorKind::kNotFound};
  }
  return Status::Ok();
}

}  // namespace trialcore::answers

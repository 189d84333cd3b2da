#include "base/clock.h"

#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace trialcore {

Status use_time_zone(const std::string& zone, const std::string& setting) {
  if (zone.empty()) return Status::Ok();
  const char* directory = std::getenv("TZDIR");
  std::filesystem::path database = directory && *directory ? directory : "/usr/share/zoneinfo";
  bool named = zone.find("..") == std::string::npos && zone.front() != '/';
  if (!named || !std::filesystem::is_regular_file(database / zone)) {
    return Error{setting, "'" + zone + "' is not a time zone of this computer's database (an IANA name: America/Chicago, Europe/Paris, UTC)"};
  }
  setenv("TZ", zone.c_str(), 1);
  tzset();
  return Status::Ok();
}

Date today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1), static_cast<unsigned>(local.tm_mday));
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace trialcore

#include "protocol_option.h"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "output.h"

namespace trialcore::app {

void add_protocol_option(CLI::App& command, std::string& file) {
  command.add_option("--protocol", file, "Protocol file to run (default: the protocol built into the program; `trialcore protocol` prints it)")
      ->type_name("FILE");
}

Result<Protocol> load_protocol_option(const std::string& file) {
  if (file.empty()) {
    auto builtin = load_builtin_protocol();
    if (!builtin.ok()) return Error{"", "the built-in protocol: " + builtin.error().to_string()};
    return builtin;
  }
  auto text = read_file_text(file);
  if (!text.ok()) return Error{"--protocol", text.error().to_string()};
  auto loaded = load_protocol(*text, file);
  if (!loaded.ok()) return Error{"", "protocol file " + file + ": " + loaded.error().to_string()};
  return loaded;
}

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

}  // namespace trialcore::app

// Seeds each fuzz target's corpus from the project's own test data: the patient records,
// report inputs and protocols of tests/data and protocols/, the expressions those protocols
// hold, and the API's bodies built from the records.
// Usage: trialcore_fuzz_seeds SOURCE_DIR OUTPUT_DIR (writes OUTPUT_DIR/<target>/...).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/json_fields.h"

namespace {

namespace fs = std::filesystem;
using trialcore::Json;

std::string read(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

class Seeds {
 public:
  explicit Seeds(fs::path root) : root_(std::move(root)) {}
  void add(const std::string& target, const std::string& bytes) {
    fs::create_directories(root_ / target);
    std::ofstream(root_ / target / ("seed-" + std::to_string(count_++)), std::ios::binary) << bytes;
  }
  int count() const { return count_; }

 private:
  fs::path root_;
  int count_ = 0;
};

// The HTTP fuzzer's first byte picks the endpoint (http_body_fuzz.cc's list).
enum Endpoint : unsigned char { kPatients = 0, kBody = 4, kObservations = 5, kDoses = 6, kMarrow = 8, kScreen = 11, kAssess = 12, kPlan = 13, kCorrections = 14, kSession = 15, kRaw = 255 };

std::string http(Endpoint endpoint, const Json& body) { return std::string(1, static_cast<char>(endpoint)) + body.dump(); }

void expressions_of(const Json& value, Seeds& seeds) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it->is_string() && (it.key() == "rule" || it.key() == "applies_when" || it.key() == "when" || it.key() == "expression")) {
        seeds.add("criteria_expression", it->get<std::string>());
      }
      expressions_of(*it, seeds);
    }
  } else if (value.is_array()) {
    for (const Json& element : value) expressions_of(element, seeds);
  }
}

void protocol(const Json& document, Seeds& seeds) {
  seeds.add("protocol_file", document.dump(2));
  expressions_of(document, seeds);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: trialcore_fuzz_seeds SOURCE_DIR OUTPUT_DIR\n");
    return 2;
  }
  fs::path source = argv[1];
  Seeds seeds(argv[2]);
  for (const fs::path& file : {source / "protocols" / "nct01134575.json", source / "tests/data/protocols/made-up-myeloma.json"}) {
    protocol(Json::parse(read(file)), seeds);
  }
  for (const auto& entry : fs::recursive_directory_iterator(source / "tests/data/cases")) {
    if (entry.path().extension() != ".json") continue;
    Json test_case = Json::parse(read(entry.path()), nullptr, false);
    if (!test_case.is_object() || !test_case.contains("files")) continue;
    for (const auto& [name, content] : test_case["files"].items()) {
      if (content.is_string()) {  // a file that is not JSON on purpose
        for (const char* target : {"patient_record", "report_input", "protocol_file"}) seeds.add(target, content.get<std::string>());
        continue;
      }
      if (content.is_object() && content.contains("patients")) {
        seeds.add("report_input", content.dump());
      } else if (content.is_object() && content.contains("criteria")) {
        protocol(content, seeds);
      } else if (content.is_object() && content.contains("id")) {
        seeds.add("patient_record", content.dump());
        seeds.add("http_body", http(kPatients, {{"record", content}}));
        seeds.add("http_body", http(kScreen, {{"patient", content}, {"date", "2010-07-02"}}));
      }
    }
  }
  seeds.add("http_body", http(kBody, {{"date", "2010-07-05"}, {"height_cm", 170}, {"weight_kg", 70}}));
  seeds.add("http_body", http(kObservations, {{"code", "anc"}, {"value", 1.2}, {"unit", "10*9/L"}, {"date", "2010-07-06"}}));
  seeds.add("http_body", http(kDoses, {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-07"}, {"dose_mg", 2.5},
                                       {"infusion_minutes", 62}, {"start_time", "09:00"}}));
  seeds.add("http_body", http(kMarrow, {{"course", 1}, {"date", "2010-08-01"}, {"anc", 1.5}, {"platelets", 150}, {"marrow_blasts", 3},
                                        {"extramedullary", "absent"}}));
  seeds.add("http_body", http(kAssess, {{"anc", 1.0}, {"platelets", 150}, {"marrow_blasts", 3}, {"extramedullary", "absent"}}));
  seeds.add("http_body", http(kPlan, {{"period", "period-2"}, {"start", "2010-07-05"}, {"height", 170}, {"weight", 70}, {"courses", 2},
                                      {"add_ons", {{"rituximab", 2}}}}));
  seeds.add("http_body", http(kCorrections, {{"corrects", 4}, {"reason", "typed wrong"}, {"payload", {{"observation", {{"code", "anc"}}}}}}));
  seeds.add("http_body", http(kSession, {{"username", "coordinator"}, {"password", "a-long-fuzz-password"}}));
  seeds.add("http_body", std::string(1, static_cast<char>(kRaw)) +
                             "GET /api/patients/P1/calendar?date=2010-07-20 HTTP/1.1\r\nHost: x\r\n\r\n"
                             "POST /api/session HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}");
  std::printf("%d seeds\n", seeds.count());
  return 0;
}

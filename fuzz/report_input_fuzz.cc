// libFuzzer: the endpoint report's input file (docs/report.md), read and reported on, as
// `trialcore report --input FILE` does.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "report/endpoint_report.h"
#include "report/report_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const trialcore::Protocol protocol = *trialcore::load_builtin_protocol();
  auto json = trialcore::parse_json_text(std::string_view(reinterpret_cast<const char*>(data), size), "the input");
  if (!json.ok()) return 0;
  const trialcore::Date as_of(2011, 1, 1);
  auto patients = trialcore::report::read_report_input(protocol, *json, "$", as_of);
  if (!patients.ok()) return 0;
  auto report = trialcore::report::endpoint_report(protocol, *patients, as_of);
  if (report.ok()) (void)trialcore::report::report_json(*report, protocol).dump();
  return 0;
}

// libFuzzer: a patient record file (docs/formats.md) as the command line and the API read it,
// then screened against the built-in protocol, as `trialcore screen` does.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "eligibility/screening.h"
#include "patient/patient_record.h"
#include "protocol/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const trialcore::Protocol protocol = *trialcore::load_builtin_protocol();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = trialcore::patient::parse_patient_record(text, protocol.record_format);
  if (!parsed.ok()) return 0;
  auto screened = trialcore::screen(protocol, parsed->record, trialcore::Date(2010, 7, 2), {});
  (void)screened;
  return 0;
}

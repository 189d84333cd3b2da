// libFuzzer: a protocol file (docs/formats.md), loaded and validated whole, as
// `trialcore --protocol FILE` does.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto loaded = trialcore::load_protocol(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  (void)loaded;
  return 0;
}

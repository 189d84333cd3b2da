// For tests: the built-in protocol, loaded once per test binary and shared read-only. A
// protocol that does not load fails each test that asks for it, with the loader's error.
#pragma once

#include <gtest/gtest.h>

#include "protocol/builtin_protocol.h"

namespace trialcore::testing {

inline const Protocol& builtin_protocol() {
  static const Result<Protocol> loaded = load_builtin_protocol();
  static const Protocol none;
  EXPECT_TRUE(loaded.ok()) << loaded.error().to_string();
  return loaded.ok() ? *loaded : none;
}

}  // namespace trialcore::testing

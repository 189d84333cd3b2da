// For tests: the treatment section of the built-in protocol, read from the source tree
// (this module cannot reach the protocol loader). A section that does not parse fails each
// test that asks for it, with the parser's error.
#pragma once

#include <gtest/gtest.h>

#include "base/test_files.h"
#include "treatment/treatment_section.h"

namespace trialcore::testing {

inline treatment::TreatmentSpec builtin_treatment_spec() {
  Json protocol = source_tree_json("protocols/nct01134575.json");
  auto spec = treatment::parse_treatment_spec(protocol["treatment"], "$.treatment", protocol_period_ids(protocol));
  EXPECT_TRUE(spec.ok()) << spec.error().to_string();
  return spec.ok() ? std::move(*spec) : treatment::TreatmentSpec{};
}

}  // namespace trialcore::testing

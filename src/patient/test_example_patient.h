// For tests: the example patient, read from the screening case that carries it
// (tests/data/cases/screen/contract-example-eligible.json), so that the unit tests and the
// command's cases start from one record.
#pragma once

#include "base/test_files.h"

namespace trialcore::testing {

// The example record, eligible on 2010-07-02 (165 cm, 62 kg), without the waiver the
// case gives it: a test that needs a waiver grants it.
// Read once per test binary; each call is a copy to change.
inline Json example_patient() {
  static const Json example = [] {
    Json record = source_tree_json("tests/data/cases/screen/contract-example-eligible.json").at("files").at("patient.json");
    record["waivers"] = Json::array();
    return record;
  }();
  return example;
}

}  // namespace trialcore::testing

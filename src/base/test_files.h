// For tests: files of the source tree (the protocols, the test data), read whole. Every test
// binary is built with TRIALCORE_SOURCE_DIR; a file that does not read fails the test.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/file_text.h"

namespace trialcore {

// The text of `relative`, a path below the source tree.
inline std::string source_tree_text(const std::string& relative) {
  auto text = read_file_text(std::string(TRIALCORE_SOURCE_DIR) + "/" + relative);
  EXPECT_TRUE(text.ok()) << text.error().to_string();
  return text.ok() ? *text : std::string();
}

inline Json source_tree_json(const std::string& relative) { return Json::parse(source_tree_text(relative)); }

// The ids of a protocol file's periods, in its order: the periods its sections may name.
inline std::vector<std::string> protocol_period_ids(const Json& protocol) {
  std::vector<std::string> ids;
  for (const Json& period : protocol["periods"]) ids.push_back(period["id"].get<std::string>());
  return ids;
}

}  // namespace trialcore

// For tests: files of the source tree (the protocols, the test data), read whole. Every test
// binary is built with TRIALCORE_SOURCE_DIR; a file that does not read fails the test.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "base/file_text.h"

namespace trialcore {

// The text of `relative`, a path below the source tree.
inline std::string source_tree_text(const std::string& relative) {
  auto text = read_file_text(std::string(TRIALCORE_SOURCE_DIR) + "/" + relative);
  EXPECT_TRUE(text.ok()) << text.error().to_string();
  return text.ok() ? *text : std::string();
}

inline Json source_tree_json(const std::string& relative) { return Json::parse(source_tree_text(relative)); }

}  // namespace trialcore

// Partial matching of JSON answers: an expected object lists only the members a case cares
// about (a case may leave out a reason's wording), arrays match element by element.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace trialcore::testing {

// Empty when `actual` matches `expected`; otherwise where and how it differs
// ("$.criteria[3].result: expected \"fail\", found \"pass\"").
std::string json_mismatch(const nlohmann::json& expected, const nlohmann::json& actual,
                          const std::string& path = "$");

}  // namespace trialcore::testing

#include "json_match.h"

#include <cmath>

namespace trialcore::testing {

std::string json_mismatch(const nlohmann::json& expected, const nlohmann::json& actual, const std::string& path) {
  if (expected.is_object()) {
    if (!actual.is_object()) return path + ": expected an object, found " + actual.dump();
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      std::string here = path + "." + it.key();
      if (!actual.contains(it.key())) return here + ": missing";
      std::string mismatch = json_mismatch(*it, actual[it.key()], here);
      if (!mismatch.empty()) return mismatch;
    }
    return "";
  }
  if (expected.is_array()) {
    if (!actual.is_array()) return path + ": expected an array, found " + actual.dump();
    if (expected.size() != actual.size()) {
      return path + ": expected " + std::to_string(expected.size()) + " elements, found " +
             std::to_string(actual.size()) + ": " + actual.dump();
    }
    for (size_t i = 0; i < expected.size(); ++i) {
      std::string mismatch = json_mismatch(expected[i], actual[i], path + "[" + std::to_string(i) + "]");
      if (!mismatch.empty()) return mismatch;
    }
    return "";
  }
  if (expected.is_number() && actual.is_number()) {
    double a = expected.get<double>(), b = actual.get<double>();
    if (std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)})) return "";
    return path + ": expected " + expected.dump() + ", found " + actual.dump();
  }
  if (expected != actual) return path + ": expected " + expected.dump() + ", found " + actual.dump();
  return "";
}

}  // namespace trialcore::testing

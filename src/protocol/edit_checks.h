// The protocol's edit checks: values that are possible but more likely a slip, which a
// write must confirm before they are recorded (docs/api.md, "Soft checks"). The plausible
// adult height and weight, and each lab's usual range, in the lab's own unit; whether a
// dose needs a pharmacist's verification before it is given. Protocol data, with the
// assumptions that chose them (docs/interpretation.md, "Edit checks").
#pragma once

#include <map>
#include <optional>
#include <string>

#include "base/json_fields.h"

namespace trialcore {

struct PlausibleRange {
  std::optional<double> low;   // below it asks for a confirmation
  std::optional<double> high;  // above it too
  bool outside(double value) const { return (low && value < *low) || (high && value > *high); }
  std::string text() const;    // "130-220", "below 1000", "at least 15"
};

struct EditChecks {
  std::optional<PlausibleRange> height_cm;
  std::optional<PlausibleRange> weight_kg;
  std::map<std::string, PlausibleRange> observations;  // by observation code, in its unit
  bool dose_verification_required = false;
};

// Reads "edit_checks": {"height_cm": {"low", "high"}, "weight_kg": {...}, "observations":
// {"code": {"low", "high"}}, "dose_verification_required": true}. An observation code must
// be one of the protocol's (`codes`).
Result<EditChecks> parse_edit_checks(const Json& section, const std::string& path, const std::vector<std::string>& codes);

}  // namespace trialcore

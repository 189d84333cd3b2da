// The facts a patient record may state, as a table: each field's name, kind and the values
// that are possible. One generic reader parses any record against it, so a protocol can add
// facts of its own without code. The contract's fields (interchange version 1) are built in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json_fields.h"
#include "base/units.h"
#include "expr/types.h"

namespace trialcore::patient {

enum class FieldKind { kText, kChoice, kInteger, kNumber, kBoolean, kDate, kQuantity, kList };

struct FieldSpec {
  std::string name;
  FieldKind kind = FieldKind::kText;
  std::string description;
  std::vector<std::string> choices;        // kChoice
  std::optional<double> minimum;           // kInteger, kNumber, kQuantity (in `unit`)
  bool minimum_exclusive = false;          // "greater than 0" for a height
  std::optional<double> maximum;
  Dimension dimension = Dimension::kNone;  // kQuantity
  std::string unit;                        // kQuantity: the unit values are kept in
  std::vector<std::string> other_units;    // kQuantity: the other units accepted (converted)
  // kList: the shape of an entry, and what "as of a date" means for it.
  std::vector<FieldSpec> members;
  std::string entry_name;                  // "therapy"
  std::string label_member;                // names an entry in reasons
  std::string drop_after_member;           // entries whose date is after the evaluation date are not used
  std::vector<std::string> unknown_after_members;  // dates after the evaluation date are not yet known
};

// The fields of a patient record of the interchange contract, version 1 (docs/formats.md), in the order of its example.
const std::vector<FieldSpec>& contract_fields();

// The criteria-language type of a field's value.
expr::Type field_type(const FieldSpec& field);

// Extra facts a protocol declares ("record_facts": {"name": {"type": "number", ...}}).
Result<std::vector<FieldSpec>> parse_extra_fields(const Json& section, const std::string& path);

}  // namespace trialcore::patient

// A patient record (docs/formats.md, "Patient record"), parsed and normalized: units converted to
// the protocol's, dates checked, impossible values refused with the JSON path of the field.
// Any fact may be absent: it stays unknown, and criteria that need it say so.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/json_fields.h"
#include "expr/value.h"
#include "patient/record_format.h"

namespace trialcore::patient {

struct Waiver {
  std::string criterion;
  std::string by;
  Date date;
  std::string reason;
  std::string path;  // "$.waivers[0]", for errors about it
};

struct PatientRecord {
  std::string id;
  std::vector<expr::Value> facts;            // by RecordFormat::fields slot
  std::vector<expr::Observation> observations;
  std::vector<Waiver> waivers;

  // A fact by field name (unknown if the format has no such field).
  const expr::Value& fact(const RecordFormat& format, const std::string& name) const;
};

struct ParsedRecord {
  PatientRecord record;
  std::vector<std::string> warnings;  // "$.colour: unknown field, ignored"
};

// Parses the JSON text of one record. Unknown fields and observation codes are ignored with
// a warning; a wrong type, an impossible value or an unaccepted unit is an Error.
Result<ParsedRecord> parse_patient_record(std::string_view text, const RecordFormat& format);

// One field of `object` read against its spec: absent or null is unknown; a wrong type or an
// impossible value is an Error naming the path. Warnings collect ignored members.
Result<expr::Value> read_field_value(const Json& object, const FieldSpec& spec, const std::string& path,
                                     std::vector<std::string>& warnings);

// The same from parsed JSON; `path` is where the record sits ("$" or "$.patients[3]").
Result<ParsedRecord> read_patient_record(const Json& json, const RecordFormat& format, const std::string& path);

}  // namespace trialcore::patient

// CDISC Dataset-JSON 1.1: one dataset as one JSON file, its columns (name, label, type,
// length, key) then its rows. Missing text is "" and a missing number null, as SAS has them,
// so the file reads back equal to the SAS transport file of the same dataset.
#pragma once

#include <string>

#include "base/json_fields.h"
#include "sdtm/dataset.h"

namespace trialcore::sdtm {

// What the file says about where it comes from. The caller reads the clock; the writer never does.
struct ExportContext {
  std::string created;           // UTC, "2026-12-01T09:30:00Z"
  std::string study;             // the protocol's registry id: studyOID and STUDYID
  std::string protocol_version;  // metaDataVersionOID
  std::string source_version;    // trialcore's version
};

// The dataset as Dataset-JSON 1.1 (check_dataset first: this assumes it passes).
OrderedJson dataset_json(const Dataset& dataset, const ExportContext& context);

// "string", "integer", "double", and for ISO 8601 text "date" when every value is a
// complete date, "datetime" when every value is a date with a time, else "string".
std::string json_data_type(const Dataset& dataset, size_t column);

}  // namespace trialcore::sdtm

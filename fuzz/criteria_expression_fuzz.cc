// libFuzzer: an expression of the criteria language (docs/criteria-language.md), compiled
// against the built-in protocol's definitions and, when it compiles, evaluated over the
// contract's example patient.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "expr/evaluator.h"
#include "patient/facts_as_of.h"
#include "patient/patient_record.h"
#include "protocol/protocol.h"

namespace {

const trialcore::Protocol& protocol() {
  static const trialcore::Protocol loaded = *trialcore::load_builtin_protocol();
  return loaded;
}

const trialcore::expr::FactValues& facts() {
  static const trialcore::expr::FactValues values = [] {
    auto record = trialcore::patient::parse_patient_record(
        R"({"id": "P1", "birth_date": "1975-03-14", "sex": "female", "diagnosis": "B-ALL", "disease_status": "relapsed",
            "prior_lines": 2, "salvage": 2, "zubrod": 1, "height": {"value": 170, "unit": "cm"},
            "weight": {"value": 70, "unit": "kg"},
            "observations": [{"code": "bilirubin", "value": 0.8, "unit": "mg/dL", "date": "2010-07-01"}]})",
        protocol().record_format);
    return trialcore::patient::facts_as_of(record->record, protocol().record_format, trialcore::Date(2010, 7, 2), {});
  }();
  return values;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto compiled = protocol().library->compile(text, "$.fuzz");
  if (!compiled.ok()) return 0;
  trialcore::expr::Evaluator evaluator(*protocol().library, facts());
  auto outcome = evaluator.evaluate(*compiled);
  (void)outcome;
  return 0;
}

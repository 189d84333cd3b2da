// Which SDTM terms a protocol's observations, units and response categories are written
// with: data beside the protocol (protocols/<trial>.sdtm.json), like its criteria. The
// engine knows what a lab test code is; the file says that bilirubin is BILI.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/json_fields.h"
#include "protocol/protocol.h"

namespace trialcore::sdtm {

struct TestTerms {
  std::string testcd;    // LBTESTCD, at most 8 characters
  std::string test;      // LBTEST, at most 40
  std::string category;  // LBCAT
  std::string specimen;  // LBSPEC; empty when the record does not say
  std::string loinc;     // LBLOINC; empty when the test is not one LOINC code
};

struct SdtmTerms {
  std::string protocol;                        // the protocol id the terms are for
  std::map<std::string, TestTerms> tests;      // by observation or assessment fact code
  std::map<std::string, std::string> not_tests;  // code -> why it is not a lab test
  std::map<std::string, std::string> units;    // protocol unit -> SDTM unit
  std::map<std::string, std::string> responses;  // category id -> SDTM result

  const TestTerms* test(const std::string& code) const;
  std::string unit(const std::string& unit) const;          // as mapped, else as written
  std::string response(const std::string& category) const;  // as mapped, else the id
};

// Reads a terms file and checks it against the protocol: written for it, every observation
// and response fact a test or a stated non-test, codes and names as SDTM allows. The Error
// names the JSON path.
Result<SdtmTerms> load_sdtm_terms(std::string_view text, const Protocol& protocol);

// Terms made from the protocol alone, for a protocol without a terms file: every
// observation a test whose code is its own in upper case (cut to 8) and whose name is its
// description. The exports say these are not controlled terms.
SdtmTerms derived_sdtm_terms(const Protocol& protocol);

}  // namespace trialcore::sdtm

namespace trialcore {

// The built-in protocol's terms file, as in the source tree.
std::string_view builtin_sdtm_terms_text();

}  // namespace trialcore

// The hospital population's commands: every person of an OMOP database screened against
// the criteria (prescreen/prescreen_run.h), and a synthetic population to screen
// (omop/synthetic_population.h). An Error names the input member by its JSON path
// ("$.date", "$.mapping"; a file's own path after it: "$.profile $.labs[2].value").
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "omop/synthetic_population.h"
#include "prescreen/prescreen_run.h"

namespace trialcore::answers {

struct PrescreenInput {
  prescreen::PrescreenRequest request;  // its date from `date`
  std::string date;                     // YYYY-MM-DD, as typed
  std::string protocol_file;
  std::string mapping_file;  // the protocol's OMOP mapping; empty: the built-in protocol's
};

// What the pre-screening prints; its warnings even when it then fails.
Result<std::string> prescreen_answer(const PrescreenInput& input, std::vector<std::string>& warnings);

struct SynthInput {
  omop::SyntheticOptions synthetic{1000, 1, Date()};  // around from `around`
  std::string out;  // sqlite:FILE or postgresql://...
  std::string around = "2010-07-01";
  std::string protocol_file, mapping_file, profile_file;  // empty: the built-in protocol's
};

// Writes the population; the answer says what was written.
Result<std::string> synth_answer(const SynthInput& input, std::vector<std::string>& warnings);

}  // namespace trialcore::answers

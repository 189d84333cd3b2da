// A deterministic synthetic OMOP population for a mapping: persons, observation periods,
// conditions, measurements with units and ranges, drug exposures, procedures, observations
// and the concept table, with the prevalences and hard cases a profile file states (other
// units, stale and later labs, values on the protocol's limits, missing upper limits of
// normal, month ends, year-only births). The code knows the kinds of source; the profile
// (protocols/<id>.synthetic.json) holds the numbers, so no trial's limits live here.
// The same seed gives the same rows on every machine (a generator of its own, not the
// standard library's distributions).
#pragma once

#include <cstdint>
#include <string_view>

#include "base/date.h"
#include "omop/omop_database.h"
#include "omop/omop_mapping.h"

namespace trialcore::omop {

struct SyntheticOptions {
  int64_t persons = 1000;
  uint64_t seed = 1;
  Date around;  // the date the population is current at: the labs cluster before it
};

// Creates the OMOP tables in `database` and fills them. The profile is checked against the
// mapping (a value or observation it does not map is an Error naming its path).
Status write_synthetic_population(Database& database, const OmopMapping& mapping, const Protocol& protocol,
                                  std::string_view profile_text, const SyntheticOptions& options);

// The same into a new database at `url` (sqlite:FILE, created, or postgresql://...), which
// it answers. An error about the URL names `url_option`; one in the profile names
// `profile_option` before its JSON path ("--profile $.labs[2].value").
Result<std::unique_ptr<Database>> create_synthetic_database(const std::string& url, const OmopMapping& mapping,
                                                            const Protocol& protocol, std::string_view profile_text,
                                                            const SyntheticOptions& options, const std::string& url_option,
                                                            const std::string& profile_option);

}  // namespace trialcore::omop

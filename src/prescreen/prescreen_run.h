// One pre-screening of an OMOP database, as the command line asks for it: the persons'
// verdicts and the attrition funnel as of a date, by one of three engines (the criteria as
// SQL inside the database, over columns in memory, or a patient record a person screened
// as `screen` does, the reference), written as JSON, CSV, a summary, or the SQL alone.
#pragma once

#include <string>
#include <vector>

#include "omop/omop_mapping.h"
#include "protocol/protocol.h"

namespace trialcore::prescreen {

// Each member's JSON path names it in errors: $.omop, $.engine, $.shard, $.trial_fact, $.csv.
struct PrescreenRequest {
  std::string omop;                      // sqlite:FILE or postgresql://...
  Date date;                             // the evaluation date
  std::string engine = "sql";            // sql, native or record
  std::string shard = "0/1";             // K/N: the persons whose person_id % N = K
  std::vector<std::string> trial_facts;  // NAME=NUMBER, each a trial fact of the protocol
  bool json = false, csv = false, explain_sql = false;
  size_t limit = 0;  // persons listed at most (0: all), likely eligible first
};

// What the pre-screening prints; `warnings` gets what was not found or not used, even when
// it then fails.
Result<std::string> run_prescreen(const Protocol& protocol, const omop::OmopMapping& mapping,
                                  const PrescreenRequest& request, std::vector<std::string>& warnings);

}  // namespace trialcore::prescreen

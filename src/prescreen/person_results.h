// What pre-screening answers, whatever the engine: for each person and criterion the
// result (pass, fail, unknown, not-applicable) and, when unknown, the facts to obtain as a
// set of bits; from them each person's verdict and the attrition funnel. Shards of a
// population (persons split by id) merge by concatenation, their funnels by sums.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/json_fields.h"
#include "eligibility/screening.h"
#include "omop/omop_mapping.h"
#include "protocol/protocol.h"

namespace trialcore::prescreen {

// The facts an unknown may name, numbered: record facts, observations, "code.uln" for
// observations with an upper limit of normal, "list.member" for members of list entries,
// trial facts. A list entry's path ("therapies[2].end") is named by its member
// ("therapies.end").
class ObtainFacts {
 public:
  explicit ObtainFacts(const Protocol& protocol);
  // The bit of a fact as the evaluator names it; -1 when it is none of the above.
  int bit(const std::string& name) const;
  std::vector<std::string> names(uint64_t mask) const;
  size_t size() const { return names_.size(); }
  // Bits past 62 do not fit the masks SQL computes: an Error naming the protocol.
  Status check() const;

 private:
  std::vector<std::string> names_;
};

// The fact name of an evaluator's missing path: "therapies[2].end" -> "therapies.end".
std::string obtain_name(const std::string& path);

struct PersonResults {
  size_t criteria = 0;
  std::vector<int64_t> person_id;
  std::vector<uint8_t> result;    // [person * criteria + c]: a CriterionResult
  std::vector<uint64_t> missing;  // [person * criteria + c]: ObtainFacts bits, when unknown

  size_t size() const { return person_id.size(); }
  void reserve(size_t persons);
  // Appends a person; returns the index of its first criterion.
  size_t add(int64_t id);
};

enum class Verdict { kLikelyEligible, kExcluded, kUnknown };
const char* verdict_name(Verdict verdict);  // "likely-eligible", "excluded", "unknown"

// Excluded when a criterion fails; likely eligible when every criterion passes or is
// unknown only for facts obtained at the visit; unknown otherwise (the warehouse lacks a
// fact it could hold, or the data contradict each other).
Verdict person_verdict(const PersonResults& results, size_t person, const ObtainFacts& facts,
                       const omop::OmopMapping& mapping);

struct FunnelStep {
  std::string criterion;
  int64_t pass = 0, fail = 0, unknown = 0, remaining = 0;
};

// ATLAS's attrition: criterion by criterion in protocol order, among persons no earlier
// criterion excluded, how many pass (not-applicable counts as pass), fail, are unknown, and
// remain (do not fail).
std::vector<FunnelStep> funnel(const PersonResults& results, const Protocol& protocol);
// Adds `shard` into `total` step by step (same protocol).
void add_funnel(std::vector<FunnelStep>& total, const std::vector<FunnelStep>& shard);

// Concatenates shards and orders persons by id.
PersonResults merge_results(const std::vector<PersonResults>& shards);

// The JSON answer: {"as_of", "persons": [...], "funnel": [...]}; `limit` caps the persons
// listed (0: all), likely-eligible first.
OrderedJson prescreen_json(const PersonResults& results, const Protocol& protocol, const omop::OmopMapping& mapping,
                           Date as_of, size_t limit);
// One row a person: person_id,verdict,failing,unknown,obtain (lists joined with ';').
std::string prescreen_csv(const PersonResults& results, const Protocol& protocol, const omop::OmopMapping& mapping,
                          size_t limit);

}  // namespace trialcore::prescreen

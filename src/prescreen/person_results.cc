#include "prescreen/person_results.h"

#include <algorithm>
#include <numeric>

namespace trialcore::prescreen {

std::string obtain_name(const std::string& path) {
  size_t open = path.find('[');
  if (open == std::string::npos) return path;
  size_t close = path.find(']', open);
  return path.substr(0, open) + (close == std::string::npos ? "" : path.substr(close + 1));
}

ObtainFacts::ObtainFacts(const Protocol& protocol) {
  const patient::RecordFormat& format = protocol.record_format;
  for (const patient::FieldSpec& field : format.fields) {
    names_.push_back(field.name);
    for (const patient::FieldSpec& member : field.members) names_.push_back(field.name + "." + member.name);
  }
  for (const patient::ObservationSpec& observation : format.observations) {
    names_.push_back(observation.code);
    if (observation.has_uln) names_.push_back(observation.code + ".uln");
  }
  for (const expr::FactDeclaration& fact : protocol.library->schema().trial_facts) names_.push_back(fact.name);
}

int ObtainFacts::bit(const std::string& name) const {
  std::string fact = obtain_name(name);
  auto found = std::find(names_.begin(), names_.end(), fact);
  return found == names_.end() ? -1 : static_cast<int>(found - names_.begin());
}

std::vector<std::string> ObtainFacts::names(uint64_t mask) const {
  std::vector<std::string> list;
  for (size_t i = 0; i < names_.size() && i < 63; ++i) {
    if (mask & (uint64_t{1} << i)) list.push_back(names_[i]);
  }
  return list;
}

Status ObtainFacts::check() const {
  if (names_.size() > 62) {
    return Error{"", "the protocol names " + std::to_string(names_.size()) +
                         " facts, more than the 62 a pre-screening mask holds"};
  }
  return Status::Ok();
}

void PersonResults::reserve(size_t persons) {
  person_id.reserve(persons);
  result.reserve(persons * criteria);
  missing.reserve(persons * criteria);
}

size_t PersonResults::add(int64_t id) {
  size_t first = result.size();
  person_id.push_back(id);
  result.resize(first + criteria, static_cast<uint8_t>(CriterionResult::kUnknown));
  missing.resize(first + criteria, 0);
  return first;
}

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kLikelyEligible: return "likely-eligible";
    case Verdict::kExcluded: return "excluded";
    case Verdict::kUnknown: return "unknown";
  }
  return "unknown";
}

Verdict person_verdict(const PersonResults& results, size_t person, const ObtainFacts& facts,
                       const omop::OmopMapping& mapping) {
  bool gap = false;
  for (size_t c = 0; c < results.criteria; ++c) {
    auto result = static_cast<CriterionResult>(results.result[person * results.criteria + c]);
    if (result == CriterionResult::kFail) return Verdict::kExcluded;
    if (result != CriterionResult::kUnknown) continue;
    uint64_t mask = results.missing[person * results.criteria + c];
    if (mask == 0) gap = true;  // a contradiction: nothing to obtain, something to correct
    for (const std::string& fact : facts.names(mask)) gap = gap || !mapping.obtained_at_visit(fact);
  }
  return gap ? Verdict::kUnknown : Verdict::kLikelyEligible;
}

std::vector<FunnelStep> funnel(const PersonResults& results, const Protocol& protocol) {
  std::vector<FunnelStep> steps(protocol.criteria.size());
  std::vector<uint8_t> remaining(results.size(), 1);
  for (size_t c = 0; c < steps.size(); ++c) {
    FunnelStep& step = steps[c];
    step.criterion = protocol.criteria[c].id;
    for (size_t p = 0; p < results.size(); ++p) {
      if (!remaining[p]) continue;
      auto result = static_cast<CriterionResult>(results.result[p * results.criteria + c]);
      if (result == CriterionResult::kFail) {
        ++step.fail;
        remaining[p] = 0;
      } else if (result == CriterionResult::kUnknown) {
        ++step.unknown;
      } else {
        ++step.pass;
      }
    }
    step.remaining = step.pass + step.unknown;
  }
  return steps;
}

void add_funnel(std::vector<FunnelStep>& total, const std::vector<FunnelStep>& shard) {
  if (total.empty()) {
    total = shard;
    return;
  }
  for (size_t i = 0; i < total.size(); ++i) {
    total[i].pass += shard[i].pass;
    total[i].fail += shard[i].fail;
    total[i].unknown += shard[i].unknown;
    total[i].remaining += shard[i].remaining;
  }
}

PersonResults merge_results(const std::vector<PersonResults>& shards) {
  PersonResults merged;
  if (shards.empty()) return merged;
  merged.criteria = shards.front().criteria;
  std::vector<std::pair<int64_t, std::pair<size_t, size_t>>> order;
  for (size_t s = 0; s < shards.size(); ++s) {
    for (size_t p = 0; p < shards[s].size(); ++p) order.push_back({shards[s].person_id[p], {s, p}});
  }
  std::sort(order.begin(), order.end());
  merged.reserve(order.size());
  for (const auto& [id, where] : order) {
    size_t first = merged.add(id);
    const PersonResults& shard = shards[where.first];
    for (size_t c = 0; c < merged.criteria; ++c) {
      merged.result[first + c] = shard.result[where.second * shard.criteria + c];
      merged.missing[first + c] = shard.missing[where.second * shard.criteria + c];
    }
  }
  return merged;
}

namespace {

struct PersonLine {
  size_t index;
  Verdict verdict;
  std::vector<std::string> failing, unknown, obtain;
};

std::vector<PersonLine> person_lines(const PersonResults& results, const Protocol& protocol,
                                     const omop::OmopMapping& mapping, size_t limit) {
  ObtainFacts facts(protocol);
  std::vector<PersonLine> lines;
  for (int pass = 0; pass < 3; ++pass) {
    for (size_t p = 0; p < results.size(); ++p) {
      Verdict verdict = person_verdict(results, p, facts, mapping);
      // Likely eligible first, then unknown, then excluded: the ones to contact lead.
      int rank = verdict == Verdict::kLikelyEligible ? 0 : verdict == Verdict::kUnknown ? 1 : 2;
      if (rank != pass) continue;
      if (limit && lines.size() >= limit) return lines;
      PersonLine line{p, verdict, {}, {}, {}};
      uint64_t obtain = 0;
      for (size_t c = 0; c < results.criteria; ++c) {
        auto result = static_cast<CriterionResult>(results.result[p * results.criteria + c]);
        if (result == CriterionResult::kFail) line.failing.push_back(protocol.criteria[c].id);
        if (result == CriterionResult::kUnknown) {
          line.unknown.push_back(protocol.criteria[c].id);
          obtain |= results.missing[p * results.criteria + c];
        }
      }
      line.obtain = facts.names(obtain);
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ";") + item;
  return text;
}

}  // namespace

OrderedJson prescreen_json(const PersonResults& results, const Protocol& protocol, const omop::OmopMapping& mapping,
                           Date as_of, size_t limit) {
  OrderedJson answer;
  answer["as_of"] = as_of.to_string();
  OrderedJson persons = OrderedJson::array();
  for (const PersonLine& line : person_lines(results, protocol, mapping, limit)) {
    persons.push_back({{"person_id", results.person_id[line.index]},
                       {"verdict", verdict_name(line.verdict)},
                       {"failing", line.failing},
                       {"unknown", line.unknown},
                       {"obtain", line.obtain}});
  }
  answer["persons"] = std::move(persons);
  OrderedJson steps = OrderedJson::array();
  for (const FunnelStep& step : funnel(results, protocol)) {
    steps.push_back({{"criterion", step.criterion}, {"pass", step.pass}, {"fail", step.fail},
                     {"unknown", step.unknown}, {"remaining", step.remaining}});
  }
  answer["funnel"] = std::move(steps);
  return answer;
}

std::string prescreen_csv(const PersonResults& results, const Protocol& protocol, const omop::OmopMapping& mapping,
                          size_t limit) {
  std::string text = "person_id,verdict,failing,unknown,obtain\n";
  for (const PersonLine& line : person_lines(results, protocol, mapping, limit)) {
    text += std::to_string(results.person_id[line.index]) + "," + verdict_name(line.verdict) + "," +
            joined(line.failing) + "," + joined(line.unknown) + "," + joined(line.obtain) + "\n";
  }
  return text;
}

}  // namespace trialcore::prescreen

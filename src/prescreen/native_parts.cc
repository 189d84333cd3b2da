#include "prescreen/native_parts.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

namespace trialcore::prescreen {

PersonResults concatenate_results(std::vector<PersonResults>&& parts) {
  if (parts.size() == 1) return std::move(parts.front());
  PersonResults whole;
  if (parts.empty()) return whole;
  whole.criteria = parts.front().criteria;
  size_t persons = 0;
  for (const PersonResults& part : parts) persons += part.size();
  whole.reserve(persons);
  for (PersonResults& part : parts) {
    whole.person_id.insert(whole.person_id.end(), part.person_id.begin(), part.person_id.end());
    whole.result.insert(whole.result.end(), part.result.begin(), part.result.end());
    whole.missing.insert(whole.missing.end(), part.missing.begin(), part.missing.end());
    part = PersonResults{};
  }
  return whole;
}

Result<PersonResults> evaluate_native_parts(const std::vector<omop::Population>& parts, const omop::OmopMapping& mapping,
                                            const Protocol& protocol, Date as_of, const TrialFactValues& trial_facts,
                                            unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(parts.size(), 1)));
  std::vector<std::optional<Result<PersonResults>>> results(parts.size());
  std::atomic<size_t> next{0};
  // Each thread takes the next part until none is left; a part's result is written to its
  // own slot, so the order is the parts' order whatever finishes first.
  auto work = [&] {
    for (size_t i = next++; i < parts.size(); i = next++) {
      results[i].emplace(evaluate_native(parts[i], mapping, protocol, as_of, trial_facts));
    }
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (std::thread& worker : workers) worker.join();
  std::vector<PersonResults> evaluated;
  evaluated.reserve(parts.size());
  for (auto& result : results) {
    if (!result->ok()) return result->error();  // the same construct fails in every part: the first says it
    evaluated.push_back(std::move(**result));
  }
  return concatenate_results(std::move(evaluated));
}

}  // namespace trialcore::prescreen

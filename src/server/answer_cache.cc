#include "server/answer_cache.h"

namespace trialcore::server {

std::optional<std::string> AnswerCache::find(const std::string& key, int64_t head) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (head != head_) return std::nullopt;
  auto found = answers_.find(key);
  if (found == answers_.end()) return std::nullopt;
  return found->second;
}

void AnswerCache::keep(const std::string& key, int64_t head, std::string answer) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (head < head_) return;  // the record has moved on since
  if (head > head_ || bytes_ + answer.size() > kMaximumBytes) {
    answers_.clear();
    bytes_ = 0;
    head_ = head;
  }
  if (answer.size() > kMaximumBytes) return;
  auto [kept, added] = answers_.try_emplace(key);
  if (!added) bytes_ -= kept->second.size();
  bytes_ += answer.size();
  kept->second = std::move(answer);
}

}  // namespace trialcore::server

// Answers of reads kept as they were sent, each as of the record's head (its last event's
// sequence) read before the answer was made: an answer is made from a snapshot no older
// than its head, so it holds every event up to it. A request whose session check read that
// same head is answered with it, and so sees every write acknowledged before it began; any
// new event moves the head, and every answer kept before it is dropped unread.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace trialcore::server {

class AnswerCache {
 public:
  // The answer kept for `key` as of `head`, if any.
  std::optional<std::string> find(const std::string& key, int64_t head);
  // Keeps `answer` for `key` as of `head`; one older than the answers kept is not kept.
  void keep(const std::string& key, int64_t head, std::string answer);

  // Bounded: past this many bytes of answers, they are all dropped and made again.
  static constexpr size_t kMaximumBytes = 64 * 1024 * 1024;

 private:
  std::mutex mutex_;
  int64_t head_ = -1;  // the head every answer kept is as of
  std::unordered_map<std::string, std::string> answers_;
  size_t bytes_ = 0;
};

}  // namespace trialcore::server

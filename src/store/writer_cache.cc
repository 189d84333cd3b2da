#include "store/writer_cache.h"

namespace trialcore::store {

std::optional<Head> WriterCache::head() {
  if (unit_head_) return unit_head_;
  if (batch_head_) return batch_head_;
  if (committed_head_) answered_from_before_ = true;
  return committed_head_;
}

WriterCache::Lookup WriterCache::row(const std::string& table, const std::string& key) {
  Key both{table, key};
  for (auto* layer : {&unit_rows_, &batch_rows_}) {
    auto found = layer->find(both);
    if (found != layer->end()) return {true, found->second ? &*found->second : nullptr};
  }
  auto found = committed_.find(flat(table, key));
  if (found == committed_.end()) return {};
  recency_.splice(recency_.begin(), recency_, found->second.recency);
  answered_from_before_ = true;
  return {true, found->second.document ? &*found->second.document : nullptr};
}

void WriterCache::note_row(const std::string& table, const std::string& key, std::optional<Json> document) {
  unit_rows_[{table, key}] = std::move(document);
}

void WriterCache::keep(const std::string& table, const std::string& key, std::optional<Json> document) {
  std::string name = flat(table, key);
  auto found = committed_.find(name);
  if (found != committed_.end()) {
    found->second.document = std::move(document);
    recency_.splice(recency_.begin(), recency_, found->second.recency);
    return;
  }
  recency_.push_front(name);
  committed_.emplace(std::move(name), Known{std::move(document), recency_.begin()});
  while (committed_.size() > capacity_) {
    committed_.erase(recency_.back());
    recency_.pop_back();
  }
}

void WriterCache::begin_unit() {
  unit_rows_.clear();
  unit_head_.reset();
}

void WriterCache::keep_unit() {
  for (auto& [both, document] : unit_rows_) batch_rows_[both] = std::move(document);
  unit_rows_.clear();
  if (unit_head_) batch_head_ = unit_head_;
  unit_head_.reset();
}

void WriterCache::undo_unit() {
  unit_rows_.clear();
  unit_head_.reset();
}

void WriterCache::commit_batch() {
  for (auto& [both, document] : batch_rows_) keep(both.first, both.second, std::move(document));
  if (batch_head_) committed_head_ = batch_head_;
  drop_batch();
}

void WriterCache::drop_batch() {
  unit_rows_.clear();
  batch_rows_.clear();
  unit_head_.reset();
  batch_head_.reset();
  answered_from_before_ = false;
}

void WriterCache::forget() {
  committed_.clear();
  recency_.clear();
  committed_head_.reset();
  batch_rows_.clear();
  unit_rows_.clear();
  batch_head_.reset();
  unit_head_.reset();
}

}  // namespace trialcore::store

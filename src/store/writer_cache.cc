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
    if (found != layer->end()) return lookup(found->second);
  }
  auto found = committed_.find(flat(table, key));
  if (found == committed_.end()) return {};
  recency_.splice(recency_.begin(), recency_, found->second.recency);
  answered_from_before_ = true;
  return lookup(found->second.value);
}

void WriterCache::note_row(const std::string& table, const std::string& key, std::optional<Json> document) {
  Key both{table, key};
  // A row written whole over a form not yet written: should this unit be undone, the
  // database would not hold what the batch's earlier units changed.
  if (batch_unwritten_.count(both)) lost_unwritten_ = true;
  unit_unwritten_.erase(both);
  unit_rows_[both] = Value{std::move(document), nullptr};
}

void WriterCache::leave_unwritten(const std::string& table, const std::string& key, std::shared_ptr<RowForm> form) {
  unit_unwritten_[{table, key}] = std::move(form);
}

std::map<WriterCache::Key, std::shared_ptr<RowForm>> WriterCache::unwritten() const {
  std::map<Key, std::shared_ptr<RowForm>> all = batch_unwritten_;
  for (const auto& [both, form] : unit_unwritten_) all[both] = form;
  return all;
}

void WriterCache::note_form(const std::string& table, const std::string& key, std::shared_ptr<RowForm> form) {
  unit_rows_[{table, key}] = Value{std::nullopt, std::move(form)};
}

void WriterCache::changing(const std::string& table, const std::string& key) { unit_changed_.insert({table, key}); }

void WriterCache::forget_row(const std::string& table, const std::string& key) {
  Key both{table, key};
  if (batch_unwritten_.erase(both)) lost_unwritten_ = true;
  unit_unwritten_.erase(both);
  unit_rows_.erase(both);
  batch_rows_.erase(both);
  forget_committed(table, key);
}

void WriterCache::forget_committed(const std::string& table, const std::string& key) {
  auto found = committed_.find(flat(table, key));
  if (found == committed_.end()) return;
  recency_.erase(found->second.recency);
  committed_.erase(found);
}

void WriterCache::keep(const std::string& table, const std::string& key, Value value) {
  std::string name = flat(table, key);
  auto found = committed_.find(name);
  if (found != committed_.end()) {
    found->second.value = std::move(value);
    recency_.splice(recency_.begin(), recency_, found->second.recency);
    return;
  }
  recency_.push_front(name);
  committed_.emplace(std::move(name), Known{std::move(value), recency_.begin()});
  while (committed_.size() > capacity_) {
    committed_.erase(recency_.back());
    recency_.pop_back();
  }
}

void WriterCache::begin_unit() {
  unit_rows_.clear();
  unit_changed_.clear();
  unit_head_.reset();
}

void WriterCache::keep_unit() {
  for (auto& [both, value] : unit_rows_) batch_rows_[both] = std::move(value);
  unit_rows_.clear();
  batch_changed_.merge(unit_changed_);
  unit_changed_.clear();
  for (auto& [both, form] : unit_unwritten_) batch_unwritten_[both] = std::move(form);
  unit_unwritten_.clear();
  if (unit_head_) batch_head_ = unit_head_;
  unit_head_.reset();
}

void WriterCache::undo_unit() {
  // A form the unit changed in place is the batch's and the last commit's too: forgotten,
  // it is read again as the database holds it once the unit is rolled back.
  unit_unwritten_.clear();
  for (const auto& [table, key] : unit_changed_) forget_row(table, key);
  unit_changed_.clear();
  unit_rows_.clear();
  unit_head_.reset();
}

void WriterCache::commit_batch() {
  for (auto& [both, value] : batch_rows_) keep(both.first, both.second, std::move(value));
  if (batch_head_) committed_head_ = batch_head_;
  batch_changed_.clear();
  unit_changed_.clear();
  drop_batch();
}

void WriterCache::drop_batch() {
  // What the batch changed in place never was: the last commit's forms of those rows too.
  for (const auto& [table, key] : batch_changed_) forget_committed(table, key);
  for (const auto& [table, key] : unit_changed_) forget_committed(table, key);
  batch_changed_.clear();
  unit_changed_.clear();
  unit_unwritten_.clear();
  batch_unwritten_.clear();
  lost_unwritten_ = false;
  unit_rows_.clear();
  batch_rows_.clear();
  unit_head_.reset();
  batch_head_.reset();
  answered_from_before_ = false;
}

void WriterCache::forget() {
  // Forms the open batch changed and did not write yet cannot be read back: it runs again.
  if (!batch_unwritten_.empty() || !unit_unwritten_.empty()) lost_unwritten_ = true;
  unit_unwritten_.clear();
  batch_unwritten_.clear();
  committed_.clear();
  recency_.clear();
  committed_head_.reset();
  batch_rows_.clear();
  unit_rows_.clear();
  unit_changed_.clear();
  batch_changed_.clear();
  batch_head_.reset();
  unit_head_.reset();
}

}  // namespace trialcore::store

#include "store/memory_transaction.h"

#include "store/append.h"

namespace trialcore::store {

Status MemoryTransaction::replay(const Event& event) {
  by_subject_[event.subject].push_back(events_.size());
  events_.push_back(event);
  return projector_.apply(events_.back(), *this);
}

std::vector<std::pair<std::string, Row>> MemoryTransaction::all_rows() const {
  std::vector<std::pair<std::string, Row>> all;
  for (const auto& [table, keyed] : rows_) {
    for (const auto& [key, document] : keyed) all.push_back({table, {key, document}});
  }
  return all;
}

Result<Event> MemoryTransaction::append(const NewEvent& event) {
  Head head;
  if (!events_.empty()) head = {events_.back().sequence, events_.back().hash};
  return append_event(*this, projector_, event, head, [this](const Event& e) {
    by_subject_[e.subject].push_back(events_.size());
    events_.push_back(e);
    return Status::Ok();
  });
}

Result<std::optional<Event>> MemoryTransaction::event(int64_t sequence) {
  if (sequence < 1 || sequence > static_cast<int64_t>(events_.size())) return std::optional<Event>();
  return std::optional<Event>(events_[sequence - 1]);
}

Result<std::vector<Event>> MemoryTransaction::events(int64_t after, int64_t limit) {
  std::vector<Event> found;
  for (size_t i = static_cast<size_t>(std::max<int64_t>(after, 0)); i < events_.size() && static_cast<int64_t>(found.size()) < limit; ++i) {
    found.push_back(events_[i]);
  }
  return found;
}

Result<std::vector<Event>> MemoryTransaction::events_of(const std::string& subject) {
  std::vector<Event> found;
  auto indexes = by_subject_.find(subject);
  if (indexes == by_subject_.end()) return found;
  for (size_t index : indexes->second) found.push_back(events_[index]);
  return found;
}

Result<int64_t> MemoryTransaction::last_sequence() { return static_cast<int64_t>(events_.size()); }

Result<std::optional<Json>> MemoryTransaction::row(const std::string& table, const std::string& key) {
  auto keyed = rows_.find(table);
  if (keyed == rows_.end()) return std::optional<Json>();
  auto found = keyed->second.find(key);
  if (found == keyed->second.end()) return std::optional<Json>();
  return std::optional<Json>(found->second);
}

Result<std::vector<Row>> MemoryTransaction::rows(const std::string& table) {
  std::vector<Row> found;
  auto keyed = rows_.find(table);
  if (keyed == rows_.end()) return found;
  for (const auto& [key, document] : keyed->second) found.emplace_back(key, document);
  return found;
}

Result<std::vector<Row>> MemoryTransaction::rows_under(const std::string& table, const std::string& prefix) {
  std::vector<Row> found;
  auto keyed = rows_.find(table);
  if (keyed == rows_.end()) return found;
  for (auto it = keyed->second.lower_bound(prefix); it != keyed->second.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    found.emplace_back(it->first, it->second);
  }
  return found;
}

Status MemoryTransaction::put_row(const std::string& table, const std::string& key, const Json& document) {
  rows_[table][key] = document;
  return Status::Ok();
}

Status MemoryTransaction::delete_row(const std::string& table, const std::string& key) {
  auto keyed = rows_.find(table);
  if (keyed != rows_.end()) keyed->second.erase(key);
  return Status::Ok();
}

Result<std::optional<Json>> MemoryTransaction::local(const std::string& table, const std::string& key) {
  auto keyed = local_.find(table);
  if (keyed == local_.end() || !keyed->second.count(key)) return std::optional<Json>();
  return std::optional<Json>(keyed->second.at(key));
}

Status MemoryTransaction::put_local(const std::string& table, const std::string& key, const Json& document) {
  local_[table][key] = document;
  return Status::Ok();
}

Status MemoryTransaction::delete_local(const std::string& table, const std::string& key) {
  local_[table].erase(key);
  return Status::Ok();
}

Status MemoryTransaction::prune_local(const std::string& table, const std::string& member, int64_t limit) {
  auto& rows = local_[table];
  for (auto it = rows.begin(); it != rows.end();) {
    const Json& value = it->second.contains(member) ? it->second[member] : Json();
    it = value.is_number() && value.get<int64_t>() < limit ? rows.erase(it) : std::next(it);
  }
  return Status::Ok();
}

Result<int64_t> MemoryTransaction::count_local(const std::string& table) {
  auto keyed = local_.find(table);
  return static_cast<int64_t>(keyed == local_.end() ? 0 : keyed->second.size());
}

namespace {

// The default fold: every event through the projector's apply(), on rows held in memory.
class MemoryReplay : public Replay {
 public:
  explicit MemoryReplay(Projector& projector) : memory_(projector) {}
  Status add(const Event& event, Transaction&) override { return memory_.replay(event); }
  Result<std::vector<std::pair<std::string, Row>>> rows(Transaction&) override { return memory_.all_rows(); }

 private:
  MemoryTransaction memory_;
};

}  // namespace

std::unique_ptr<Replay> Projector::replay() { return std::make_unique<MemoryReplay>(*this); }

}  // namespace trialcore::store

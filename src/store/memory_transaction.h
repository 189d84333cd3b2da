// Projections rebuilt away from the database: events replayed in memory through the
// projector, as verification and rebuilds need, at memory speed.
#pragma once

#include <map>
#include <vector>

#include "store/store.h"

namespace trialcore::store {

class MemoryTransaction : public Transaction {
 public:
  explicit MemoryTransaction(Projector& projector) : projector_(projector) {}

  // Feeds one event of the log, in order, to the projector.
  Status replay(const Event& event);

  // The projection rows derived so far, by table then key.
  std::vector<std::pair<std::string, Row>> all_rows() const;

  Result<Event> append(const NewEvent& event) override;
  Result<std::optional<Event>> event(int64_t sequence) override;
  Result<std::vector<Event>> events(int64_t after, int64_t limit) override;
  Result<std::vector<Event>> events_of(const std::string& subject) override;
  Result<int64_t> last_sequence() override;
  Result<std::optional<Json>> row(const std::string& table, const std::string& key) override;
  Result<std::vector<Row>> rows(const std::string& table) override;
  Result<std::vector<Row>> rows_under(const std::string& table, const std::string& prefix) override;
  Status put_row(const std::string& table, const std::string& key, const Json& document) override;
  Status delete_row(const std::string& table, const std::string& key) override;
  Result<std::optional<Json>> local(const std::string& table, const std::string& key) override;
  Status put_local(const std::string& table, const std::string& key, const Json& document) override;
  Status delete_local(const std::string& table, const std::string& key) override;
  Status prune_local(const std::string& table, const std::string& member, int64_t limit) override;
  Result<int64_t> count_local(const std::string& table) override;

 private:
  Projector& projector_;
  std::vector<Event> events_;
  std::map<std::string, std::vector<size_t>> by_subject_;
  std::map<std::string, std::map<std::string, Json>> rows_;
  std::map<std::string, std::map<std::string, Json>> local_;
};

}  // namespace trialcore::store

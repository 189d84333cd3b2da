// What a transaction on either database does the same way: who may write what, the writer's
// cache answering before the database, appends chained to the head the writer knows, and
// stored documents decoded. A backend supplies only its statements (SQLite's or PostgreSQL's).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "store/writer_cache.h"

namespace trialcore::store {

// What a transaction may write: nothing, the record (events, projections, local state), or
// local state only.
enum class Access { kRead, kRecord, kLocal };

// The table of projection rows and the table of local state, as the backends name them.
inline constexpr const char* kProjectionsTable = "projections";
inline constexpr const char* kLocalStateTable = "local_state";
// The events table's columns, in the order decode_event's EventRow takes them.
inline constexpr const char* kEventColumns =
    "sequence, kind, subject, actor, recorded_at, clinical_date, reason, corrects, payload, previous_hash, hash";

// The least key after every key that begins with `prefix` (its last byte raised): keys that
// compare as bytes begin with it when they lie from it to this.
inline std::string end_of_prefix(std::string prefix) {
  if (!prefix.empty()) prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

class DatabaseTransaction : public Transaction {
 public:
  Result<Event> append(const NewEvent& event) override;
  Result<std::optional<Event>> event(int64_t sequence) override;

  Result<std::optional<Json>> row(const std::string& table, const std::string& key) override;
  Status put_row(const std::string& table, const std::string& key, const Json& document) override;
  Status delete_row(const std::string& table, const std::string& key) override;

  Result<std::optional<Json>> local(const std::string& table, const std::string& key) override;
  Status put_local(const std::string& table, const std::string& key, const Json& document) override;
  Status delete_local(const std::string& table, const std::string& key) override;
  Status prune_local(const std::string& table, const std::string& member, int64_t limit) override;

 protected:
  // `cache` is the writer's, for the record's transactions; nullptr otherwise.
  DatabaseTransaction(Projector& projector, Access access, WriterCache* cache)
      : projector_(projector), cache_(access == Access::kRecord ? cache : nullptr),
        local_writable_(access != Access::kRead) {}

  WriterCache* writer_cache() override { return cache_; }
  Status write_form(const std::string& table, const std::string& key, const RowForm& form) override;

  // The backend's statements. `where` is kProjectionsTable or kLocalStateTable.
  // The event of that sequence (none or one).
  virtual Result<std::vector<Event>> select_event(int64_t sequence) = 0;
  // The log's last event as the database holds it (the empty head when there is none).
  virtual Result<Head> read_head() = 0;
  // Writes a finished event into the events table.
  virtual Status insert_event(const Event& event) = 0;
  // A stored document's text, nullopt when there is no such row.
  virtual Result<std::optional<std::string>> read_text(const char* where, const std::string& table,
                                                       const std::string& key) = 0;
  // Inserts or replaces a stored document.
  virtual Status write_text(const char* where, const std::string& table, const std::string& key,
                            const std::string& text) = 0;
  // Removes a stored document, if there is one.
  virtual Status remove_text(const char* where, const std::string& table, const std::string& key) = 0;
  // Removes the local rows of `table` whose member `member` is below `limit`.
  virtual Status remove_local_below(const std::string& table, const std::string& member, int64_t limit) = 0;

  // The writer's cache in a record's transaction, nullptr in any other.
  WriterCache* cache() const { return cache_; }

 private:
  // The head the next event chains to: as the writer knows it, else read.
  Result<Head> current_head();
  Result<std::optional<Json>> read_document(const char* where, const std::string& table, const std::string& key);

  Projector& projector_;
  WriterCache* cache_;
  bool local_writable_;
};

}  // namespace trialcore::store

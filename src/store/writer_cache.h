// What a writer knows of the database without asking it: the log's head and the projection
// rows it last committed or read, and above them what the open batch (group commit) and its
// current unit of work have written. A unit undone drops its layer and nothing else; a batch
// committed makes its layer the known state. The backend forgets everything as soon as
// another writer may have written (SQLite: the file's data version moved; PostgreSQL: the
// head moved), so what the cache answers is what the database would.
#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "store/event.h"

namespace trialcore::store {

class WriterCache {
 public:
  // At most `capacity` committed rows are kept, the least recently used dropped first.
  explicit WriterCache(size_t capacity = 1024) : capacity_(capacity) {}

  // The head as the current unit sees it; nullopt when unknown (read it from the database).
  std::optional<Head> head();
  // The head as the current unit sees it now (it appended, or read the head).
  void note_head(const Head& head) { unit_head_ = head; }
  // The head read from the database before the open batch wrote anything.
  void learn_head(const Head& head) { committed_head_ = head; }
  // The head as last committed (or learned), without counting as an answer.
  const std::optional<Head>& committed_head() const { return committed_head_; }

  // A projection row as the current unit sees it: unknown (read the database), or known and
  // then absent (no document) or its document, valid until the cache changes.
  struct Lookup {
    bool known = false;
    const Json* document = nullptr;
  };
  Lookup row(const std::string& table, const std::string& key);
  // A row as the current unit sees it now (it wrote it, or read it from the database);
  // absent without a document.
  void note_row(const std::string& table, const std::string& key, std::optional<Json> document);

  void begin_unit();
  void keep_unit();
  void undo_unit();
  // The batch's transaction committed: its head and rows are the database's now.
  void commit_batch();
  // The batch's transaction rolled back: what it wrote never was.
  void drop_batch();
  // Nothing is known any more (another writer wrote, the projections were replaced, an
  // outcome is uncertain): every answer comes from the database again, which holds all that
  // the open batch wrote. Always safe.
  void forget();

  // Whether the open batch was answered from what was known before it began (the head or
  // a row): a backend that checks the head only at the commit must check it then.
  bool answered_from_before() const { return answered_from_before_; }

 private:
  using Key = std::pair<std::string, std::string>;
  struct Known {
    std::optional<Json> document;
    std::list<std::string>::iterator recency;
  };
  static std::string flat(const std::string& table, const std::string& key) { return table + '\0' + key; }
  void keep(const std::string& table, const std::string& key, std::optional<Json> document);

  size_t capacity_;
  std::optional<Head> committed_head_, batch_head_, unit_head_;
  std::unordered_map<std::string, Known> committed_;
  std::list<std::string> recency_;  // most recently used first
  std::map<Key, std::optional<Json>> batch_rows_, unit_rows_;
  bool answered_from_before_ = false;
};

}  // namespace trialcore::store

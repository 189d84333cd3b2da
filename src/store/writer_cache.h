// What a writer knows of the database without asking it: the log's head and the projection
// rows it last committed or read (as JSON, or in their typed forms), and above them what the open batch (group commit) and its
// current unit of work have written. A unit undone drops its layer and nothing else; a batch
// committed makes its layer the known state. The backend forgets everything as soon as
// another writer may have written (SQLite: the file's data version moved; PostgreSQL: the
// head moved), so what the cache answers is what the database would.
#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "store/event.h"
#include "store/store.h"

namespace trialcore::store {

class WriterCache {
 public:
  using Key = std::pair<std::string, std::string>;

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
  // then absent (neither), its document, or its typed form (which a writer may change in
  // place), valid until the cache changes.
  struct Lookup {
    bool known = false;
    const Json* document = nullptr;
    std::shared_ptr<RowForm> form;
  };
  Lookup row(const std::string& table, const std::string& key);
  // A row as the current unit sees it now (it wrote it, or read it from the database);
  // absent without a document.
  void note_row(const std::string& table, const std::string& key, std::optional<Json> document);
  // The same, the row in its typed form (read and decoded, or changed and written).
  void note_form(const std::string& table, const std::string& key, std::shared_ptr<RowForm> form);
  // The current unit is about to change the row's form in place. The form is shared with
  // what the batch and the last commit know, so if the unit is undone (or the batch rolled
  // back) the row is forgotten everywhere and read again from the database.
  void changing(const std::string& table, const std::string& key);
  // Forgets one row everywhere: it is read from the database next time. Always safe, but
  // when the batch had changed the row's form without writing it yet, it must run again
  // (lost_unwritten).
  void forget_row(const std::string& table, const std::string& key);

  // Whether forms changed by the batch's units are written once, when the batch commits,
  // rather than by each unit: a row that several units change (one patient's labs) is then
  // encoded and written once a batch.
  void defer_writes(bool on) { deferring_ = on; }
  bool deferring() const { return deferring_; }
  // The current unit changed the row's form and leaves it to be written at the batch's end.
  void leave_unwritten(const std::string& table, const std::string& key, std::shared_ptr<RowForm> form);
  // The forms to write before the batch commits (the current unit's too), by table and key.
  std::map<Key, std::shared_ptr<RowForm>> unwritten() const;
  // Whether what the batch's kept units changed in a form not yet written was lost (a unit
  // that changed the same form was undone, and the form forgotten): nothing of the batch may
  // be committed; its units run again, in a batch that writes at once.
  bool lost_unwritten() const { return lost_unwritten_; }

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
  // A row known: absent when it has neither a document nor a form.
  struct Value {
    std::optional<Json> document;
    std::shared_ptr<RowForm> form;
  };
  struct Known {
    Value value;
    std::list<std::string>::iterator recency;
  };
  static std::string flat(const std::string& table, const std::string& key) { return table + '\0' + key; }
  static Lookup lookup(const Value& value) { return {true, value.document ? &*value.document : nullptr, value.form}; }
  void keep(const std::string& table, const std::string& key, Value value);
  void forget_committed(const std::string& table, const std::string& key);

  size_t capacity_;
  std::optional<Head> committed_head_, batch_head_, unit_head_;
  std::unordered_map<std::string, Known> committed_;
  std::list<std::string> recency_;  // most recently used first
  std::map<Key, Value> batch_rows_, unit_rows_;
  // Rows whose forms the open unit, and the open batch's kept units, changed in place.
  std::set<Key> unit_changed_, batch_changed_;
  // Forms changed and not yet written (deferred), by the open unit and the batch's kept units.
  std::map<Key, std::shared_ptr<RowForm>> unit_unwritten_, batch_unwritten_;
  bool deferring_ = false;
  bool lost_unwritten_ = false;
  bool answered_from_before_ = false;
};

}  // namespace trialcore::store

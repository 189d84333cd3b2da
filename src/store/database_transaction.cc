#include "store/database_transaction.h"

#include "store/append.h"
#include "store/event_row.h"

namespace trialcore::store {

namespace {

Error read_only() { return Error{"", "this is a read-only transaction"}; }

}  // namespace

Result<Event> DatabaseTransaction::append(const NewEvent& event) {
  if (!cache_) return read_only();
  auto head = current_head();
  if (!head.ok()) return head.error();
  return append_event(*this, projector_, event, *head, [this](const Event& e) -> Status {
    Status inserted = insert_event(e);
    if (inserted.ok()) cache_->note_head({e.sequence, e.hash});
    return inserted;
  });
}

Result<std::optional<Event>> DatabaseTransaction::event(int64_t sequence) {
  auto found = select_event(sequence);
  if (!found.ok()) return found.error();
  if (found->empty()) return std::optional<Event>();
  return std::optional<Event>(std::move(found->front()));
}

Result<std::optional<Json>> DatabaseTransaction::row(const std::string& table, const std::string& key) {
  if (cache_) {
    WriterCache::Lookup known = cache_->row(table, key);
    if (known.form) return std::optional<Json>(known.form->json());
    if (known.known) return known.document ? std::optional<Json>(*known.document) : std::optional<Json>();
  }
  auto read = read_document(kProjectionsTable, table, key);
  if (read.ok() && cache_) cache_->note_row(table, key, *read);
  return read;
}

Status DatabaseTransaction::put_row(const std::string& table, const std::string& key, const Json& document) {
  if (!cache_) return read_only();
  Status written = write_text(kProjectionsTable, table, key, document.dump());
  if (written.ok()) cache_->note_row(table, key, document);
  return written;
}

Status DatabaseTransaction::delete_row(const std::string& table, const std::string& key) {
  if (!cache_) return read_only();
  Status removed = remove_text(kProjectionsTable, table, key);
  if (removed.ok()) cache_->note_row(table, key, std::nullopt);
  return removed;
}

Result<std::optional<Json>> DatabaseTransaction::local(const std::string& table, const std::string& key) {
  return read_document(kLocalStateTable, table, key);
}

Status DatabaseTransaction::put_local(const std::string& table, const std::string& key, const Json& document) {
  if (!local_writable_) return read_only();
  return write_text(kLocalStateTable, table, key, document.dump());
}

Status DatabaseTransaction::delete_local(const std::string& table, const std::string& key) {
  if (!local_writable_) return read_only();
  return remove_text(kLocalStateTable, table, key);
}

Status DatabaseTransaction::prune_local(const std::string& table, const std::string& member, int64_t limit) {
  if (!local_writable_) return read_only();
  return remove_local_below(table, member, limit);
}

Status DatabaseTransaction::write_form(const std::string& table, const std::string& key, const RowForm& form) {
  if (!cache_) return read_only();
  return write_text(kProjectionsTable, table, key, form.text());
}

Result<Head> DatabaseTransaction::current_head() {
  if (auto known = cache_->head()) return *known;
  auto head = read_head();
  if (!head.ok()) return head.error();
  cache_->note_head(*head);
  return *head;
}

Result<std::optional<Json>> DatabaseTransaction::read_document(const char* where, const std::string& table,
                                                               const std::string& key) {
  auto text = read_text(where, table, key);
  if (!text.ok()) return text.error();
  if (!*text) return std::optional<Json>();
  auto document = decode_document(**text, table + "/" + key);
  if (!document.ok()) return document.error();
  return std::optional<Json>(std::move(*document));
}

}  // namespace trialcore::store

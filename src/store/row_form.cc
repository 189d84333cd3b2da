// Rows in their typed forms (RowForm), for every backend: the writer's cache keeps them
// between units of work; without it (readers, rows replayed in memory) each is decoded from
// its row and written back encoded.
#include "store/writer_cache.h"

namespace trialcore::store {

Result<std::shared_ptr<const RowForm>> Transaction::form(const std::string& table, const std::string& key,
                                                        const RowDecoder& decode) {
  WriterCache* cache = writer_cache();
  if (cache) {
    WriterCache::Lookup known = cache->row(table, key);
    if (known.form) return std::shared_ptr<const RowForm>(known.form);
    if (known.known && !known.document) return std::shared_ptr<const RowForm>();
  }
  auto stored = row(table, key);
  if (!stored.ok()) return stored.error();
  if (!stored->has_value()) return std::shared_ptr<const RowForm>();
  auto decoded = decode(**stored);
  if (!decoded.ok()) return decoded.error();
  if (cache) cache->note_form(table, key, *decoded);
  return std::shared_ptr<const RowForm>(*decoded);
}

Status Transaction::change_form(const std::string& table, const std::string& key, const RowDecoder& decode,
                                const std::function<Status(std::shared_ptr<RowForm>& form)>& change, RowChange row_change) {
  WriterCache* cache = writer_cache();
  std::shared_ptr<RowForm> form = cache ? cache->row(table, key).form : nullptr;
  if (!form) {
    auto stored = row(table, key);
    if (!stored.ok()) return stored.error();
    if (stored->has_value()) {
      auto decoded = decode(**stored);
      if (!decoded.ok()) return decoded.error();
      form = std::move(*decoded);
    }
  }
  if (cache && form) cache->changing(table, key);
  const RowForm* before = form.get();
  Status changed = change(form);
  if (changed.ok() && !form) changed = Error{"", "a change of " + table + "/" + key + " left no row", ErrorKind::kFailure};
  if (changed.ok() && row_change == RowChange::kKeep && before && form.get() == before) {
    // The stored row (or the one an earlier unit of the batch left to write) is still the form's.
    if (cache) cache->note_form(table, key, std::move(form));
    return Status::Ok();
  }
  if (changed.ok() && cache && cache->deferring()) {
    // Written once, before the batch commits (SqliteBatch), however many units change it.
    cache->note_form(table, key, form);
    cache->leave_unwritten(table, key, std::move(form));
    return Status::Ok();
  }
  Status written = changed.ok() ? write_form(table, key, *form) : changed;
  if (cache) {
    // A form changed in place but not written is not the row: read it again next time.
    if (written.ok()) {
      cache->note_form(table, key, std::move(form));
    } else {
      cache->forget_row(table, key);
    }
  }
  return written;
}

}  // namespace trialcore::store

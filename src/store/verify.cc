#include "store/verify.h"

#include <cctype>

#include "store/row_order.h"

namespace trialcore::store {

namespace {

constexpr int64_t kBatch = 10000;

using Rows = std::vector<std::pair<std::string, Row>>;

// Reads the whole log batch by batch, in one snapshot, handing each event to `visit`, then
// folds it into rows with `replay` on the same snapshot.
Result<Rows> each_event(Store& store, Replay& replay, const std::function<Status(const Event&, Transaction&)>& visit) {
  Result<Rows> rows = Error{"", "not read", ErrorKind::kFailure};
  Status read = store.read([&](Transaction& log) -> Status {
    int64_t after = 0;
    while (true) {
      auto batch = log.events(after, kBatch);
      if (!batch.ok()) return batch.error();
      for (const Event& event : *batch) {
        Status status = visit(event, log);
        if (!status.ok()) return status;
        after = event.sequence;
      }
      if (static_cast<int64_t>(batch->size()) < kBatch) break;
    }
    rows = replay.rows(log);
    return Status::Ok();
  });
  if (!read.ok()) return read.error();
  return rows;
}

std::string name(const std::pair<std::string, Row>& row) { return row.first + "/" + row.second.first; }

bool is_hex_hash(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

Result<Head> parse_head(const std::string& text, const std::string& option) {
  size_t colon = text.find(':');
  std::string hash = colon == std::string::npos ? "" : text.substr(colon + 1);
  for (char& c : hash) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool digits = colon != std::string::npos && colon > 0 && colon <= 18 &&
                text.find_first_not_of("0123456789") == colon;
  if (!digits || !is_hex_hash(hash)) {
    return Error{option, "'" + text + "' is not a head: give SEQUENCE:HASH as verify printed it (42:3f5a...)"};
  }
  return Head{std::stoll(text.substr(0, colon)), hash};
}

Result<Head> head_of(Store& store) {
  Head head;
  Status read = store.read([&](Transaction& transaction) -> Status {
    auto last = transaction.last_sequence();
    if (!last.ok()) return last.error();
    if (*last == 0) return Status::Ok();
    auto event = transaction.event(*last);
    if (!event.ok()) return event.error();
    if (!event->has_value()) return Error{"", "event " + std::to_string(*last) + " cannot be read", ErrorKind::kFailure};
    head = {(*event)->sequence, (*event)->hash};
    return Status::Ok();
  });
  if (!read.ok()) return read.error();
  return head;
}

Result<std::vector<std::pair<std::string, Row>>> derive_projections(Store& store, Projector& projector) {
  std::unique_ptr<Replay> replay = projector.replay();
  return each_event(store, *replay, [&](const Event& event, Transaction& log) { return replay->add(event, log); });
}

Result<Verification> verify_store(Store& store, Projector& projector, const std::function<void(int64_t)>& progress,
                                  const std::optional<Head>& expected) {
  Verification verification;
  std::optional<std::string> hash_at_expected;
  std::unique_ptr<Replay> replay = projector.replay();
  std::string previous_hash = kGenesisHash;
  auto derived = each_event(store, *replay, [&](const Event& event, Transaction& log) -> Status {
    ++verification.events;
    if (progress && verification.events % kBatch == 0) progress(verification.events);
    if (!verification.ok) return Status::Ok();
    auto bad = [&](const std::string& problem) {
      verification.ok = false;
      verification.first_bad_event = event.sequence;
      verification.problem = "event " + std::to_string(event.sequence) + " (" + event.kind + "): " + problem;
    };
    if (event.sequence != verification.events) {
      bad("expected sequence " + std::to_string(verification.events) + ": events are missing before it");
    } else if (event.previous_hash != previous_hash) {
      bad("its link to the previous event is broken (previous hash " + event.previous_hash.substr(0, 12) +
          "..., the previous event's is " + previous_hash.substr(0, 12) + "...)");
    } else if (event_hash(event) != event.hash) {
      bad("its content does not match its hash: it was changed after it was recorded");
    }
    previous_hash = event.hash;
    verification.head = {event.sequence, event.hash};
    if (expected && event.sequence == expected->sequence) hash_at_expected = event.hash;
    if (verification.ok) return replay->add(event, log);
    return Status::Ok();
  });
  // A log that could not be read to its end (a database error, a payload that cannot be
  // decoded) is an error, not a verdict: the checks below would misname it.
  if (!derived.ok()) return derived.error();
  if (!verification.ok) return verification;
  if (expected && expected->sequence > 0) {
    if (!hash_at_expected) {
      verification.ok = false;
      verification.problem = "the log ends at event " + std::to_string(verification.head.sequence) +
                             ", before the expected head " + std::to_string(expected->sequence) +
                             ": events were removed from its end";
      return verification;
    }
    if (*hash_at_expected != expected->hash) {
      verification.ok = false;
      verification.first_bad_event = expected->sequence;
      verification.problem = "event " + std::to_string(expected->sequence) + " has the hash " + hash_at_expected->substr(0, 12) +
                             "..., not the expected head's " + expected->hash.substr(0, 12) +
                             "...: the log was rewritten up to there";
      return verification;
    }
  }

  auto read = store.all_rows();
  if (!read.ok()) return read.error();
  // In byte order, as the derived rows are: sorted only if the database gave them otherwise
  // (a server's collation may order keys otherwise; SQLite's is already byte order).
  std::vector<TableRow> stored = merge_runs({std::move(*read)});
  size_t i = 0, j = 0;
  auto& rows = *derived;
  while (i < rows.size() || j < stored.size()) {
    if (j == stored.size() || (i < rows.size() && row_before(rows[i], stored[j]))) {
      verification.ok = false;
      verification.problem = "projection " + name(rows[i]) + " follows from the log but is not stored";
      break;
    }
    if (i == rows.size() || row_before(stored[j], rows[i])) {
      verification.ok = false;
      verification.problem = "projection " + name(stored[j]) + " is stored but does not follow from the log";
      break;
    }
    if (rows[i].second.second != stored[j].second.second) {
      verification.ok = false;
      verification.problem = "projection " + name(rows[i]) + " differs from what the log implies";
      break;
    }
    ++i;
    ++j;
  }
  return verification;
}

Status rebuild_projections(Store& store, Projector& projector) {
  auto derived = derive_projections(store, projector);
  if (!derived.ok()) return derived.error();
  return store.replace_rows(*derived);
}

}  // namespace trialcore::store

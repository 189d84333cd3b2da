#include "store/verify.h"

#include <algorithm>
#include <tuple>

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

// By table then key, in byte order.
bool before(const std::pair<std::string, Row>& a, const std::pair<std::string, Row>& b) {
  return std::tie(a.first, a.second.first) < std::tie(b.first, b.second.first);
}

}  // namespace

Result<std::vector<std::pair<std::string, Row>>> derive_projections(Store& store, Projector& projector) {
  std::unique_ptr<Replay> replay = projector.replay();
  return each_event(store, *replay, [&](const Event& event, Transaction& log) { return replay->add(event, log); });
}

Result<Verification> verify_store(Store& store, Projector& projector, const std::function<void(int64_t)>& progress) {
  Verification verification;
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
    if (verification.ok) return replay->add(event, log);
    return Status::Ok();
  });
  if (!verification.ok) return verification;
  if (!derived.ok()) return derived.error();

  auto stored = store.all_rows();
  if (!stored.ok()) return stored.error();
  // In byte order, as the derived rows are (a server's collation may order keys otherwise).
  std::sort(stored->begin(), stored->end(), before);
  size_t i = 0, j = 0;
  auto& rows = *derived;
  while (i < rows.size() || j < stored->size()) {
    if (j == stored->size() || (i < rows.size() && before(rows[i], (*stored)[j]))) {
      verification.ok = false;
      verification.problem = "projection " + name(rows[i]) + " follows from the log but is not stored";
      break;
    }
    if (i == rows.size() || before((*stored)[j], rows[i])) {
      verification.ok = false;
      verification.problem = "projection " + name((*stored)[j]) + " is stored but does not follow from the log";
      break;
    }
    if (rows[i].second.second != (*stored)[j].second.second) {
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

#include "store/verify.h"

#include "store/memory_transaction.h"

namespace trialcore::store {

namespace {

constexpr int64_t kBatch = 10000;

// Reads the whole log batch by batch, in one snapshot, handing each event to `visit`.
Status each_event(Store& store, const std::function<Status(const Event&)>& visit) {
  return store.read([&](Transaction& transaction) -> Status {
    int64_t after = 0;
    while (true) {
      auto batch = transaction.events(after, kBatch);
      if (!batch.ok()) return batch.error();
      for (const Event& event : *batch) {
        Status status = visit(event);
        if (!status.ok()) return status;
        after = event.sequence;
      }
      if (static_cast<int64_t>(batch->size()) < kBatch) return Status::Ok();
    }
  });
}

}  // namespace

Result<std::vector<std::pair<std::string, Row>>> derive_projections(Store& store, Projector& projector) {
  MemoryTransaction memory(projector);
  Status replayed = each_event(store, [&](const Event& event) { return memory.replay(event); });
  if (!replayed.ok()) return replayed.error();
  return memory.all_rows();
}

Result<Verification> verify_store(Store& store, Projector& projector, const std::function<void(int64_t)>& progress) {
  Verification verification;
  MemoryTransaction memory(projector);
  std::string previous_hash = kGenesisHash;
  Status read = each_event(store, [&](const Event& event) -> Status {
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
    if (verification.ok) return memory.replay(event);
    return Status::Ok();
  });
  if (!read.ok()) return read.error();
  if (!verification.ok) return verification;

  auto stored = store.all_rows();
  if (!stored.ok()) return stored.error();
  auto derived = memory.all_rows();
  size_t i = 0, j = 0;
  while (i < derived.size() || j < stored->size()) {
    auto name = [](const std::pair<std::string, Row>& row) { return row.first + "/" + row.second.first; };
    if (j == stored->size() || (i < derived.size() && name(derived[i]) < name((*stored)[j]))) {
      verification.ok = false;
      verification.problem = "projection " + name(derived[i]) + " follows from the log but is not stored";
      break;
    }
    if (i == derived.size() || name((*stored)[j]) < name(derived[i])) {
      verification.ok = false;
      verification.problem = "projection " + name((*stored)[j]) + " is stored but does not follow from the log";
      break;
    }
    if (derived[i].second.second != (*stored)[j].second.second) {
      verification.ok = false;
      verification.problem = "projection " + name(derived[i]) + " differs from what the log implies";
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

#include "store/event.h"

#include <sodium.h>

#include <stdexcept>

namespace trialcore::store {

std::string sha256_hex(const std::string& text) {
  // sodium_init is idempotent and thread-safe; it must run once before any sodium call.
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialized");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

namespace {

// The members of an event its hash covers, besides its place in the chain (sequence and the
// previous hash) and its payload. J is Json (members sorted by name: the canonical text) or
// OrderedJson (the record's order: what a reader of the export sees).
template <class J>
void put_covered_members(J& out, const Event& event) {
  out["kind"] = event.kind;
  out["subject"] = event.subject;
  out["actor"] = event.actor;
  out["recorded_at"] = event.recorded_at;
  out["clinical_date"] = event.clinical_date ? J(event.clinical_date->to_string()) : J();
  out["reason"] = event.reason;
  out["corrects"] = event.corrects ? J(*event.corrects) : J();
}

}  // namespace

std::string canonical_text(const Event& event) {
  Json content = Json::object();
  put_covered_members(content, event);
  content["payload"] = event.payload;
  // nlohmann::json keeps object members sorted by name: dump() is canonical for a value.
  return "trialcore-event/1\n" + std::to_string(event.sequence) + "\n" + event.previous_hash + "\n" + content.dump();
}

std::string event_hash(const Event& event) { return sha256_hex(canonical_text(event)); }

OrderedJson event_json(const Event& event) {
  OrderedJson out = {{"sequence", event.sequence}};
  put_covered_members(out, event);
  out["payload"] = OrderedJson::parse(event.payload.dump());
  out["previous_hash"] = event.previous_hash;
  out["hash"] = event.hash;
  return out;
}

}  // namespace trialcore::store

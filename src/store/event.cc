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

std::string canonical_text(const Event& event) {
  Json content = {{"kind", event.kind},
                  {"subject", event.subject},
                  {"actor", event.actor},
                  {"recorded_at", event.recorded_at},
                  {"clinical_date", event.clinical_date ? Json(event.clinical_date->to_string()) : Json()},
                  {"reason", event.reason},
                  {"corrects", event.corrects ? Json(*event.corrects) : Json()},
                  {"payload", event.payload}};
  // nlohmann::json keeps object members sorted by name: dump() is canonical for a value.
  return "trialcore-event/1\n" + std::to_string(event.sequence) + "\n" + event.previous_hash + "\n" + content.dump();
}

std::string event_hash(const Event& event) { return sha256_hex(canonical_text(event)); }

OrderedJson event_json(const Event& event) {
  return {{"sequence", event.sequence},
          {"kind", event.kind},
          {"subject", event.subject},
          {"actor", event.actor},
          {"recorded_at", event.recorded_at},
          {"clinical_date", event.clinical_date ? OrderedJson(event.clinical_date->to_string()) : OrderedJson()},
          {"reason", event.reason},
          {"corrects", event.corrects ? OrderedJson(*event.corrects) : OrderedJson()},
          {"payload", OrderedJson::parse(event.payload.dump())},
          {"previous_hash", event.previous_hash},
          {"hash", event.hash}};
}

}  // namespace trialcore::store

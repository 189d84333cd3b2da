#include "fhir/bundle_writer.h"

#include <cstdint>
#include <cstdio>

namespace trialcore::fhir {

namespace {

uint64_t fnv1a(const std::string& text, uint64_t seed) {
  uint64_t hash = seed;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

// A name-based UUID: the same text gives the same UUID, so an export is reproducible.
std::string uuid_of(const std::string& text) {
  uint64_t high = fnv1a(text, 14695981039346656037ULL);
  uint64_t low = fnv1a(text + "#", 1469598103934665603ULL ^ high);
  high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000005000ULL;  // version 5 (name-based)
  low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;    // RFC 4122 variant
  char text_form[40];
  std::snprintf(text_form, sizeof text_form, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFFF),
                static_cast<unsigned>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
  return text_form;
}

}  // namespace

std::string fhir_id(const std::string& text) {
  std::string id;
  for (char c : text) {
    bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    id += allowed ? c : '-';
  }
  if (id.empty()) id = "x";
  if (id.size() > 64) id = id.substr(0, 48) + "-" + uuid_of(text).substr(0, 15);
  return id;
}

Json BundleWriter::add(Json resource, const std::string& key) {
  std::string type = resource.value("resourceType", "");
  resource["id"] = fhir_id(key);
  std::string url = "urn:uuid:" + uuid_of(type + "/" + key);
  entries_.push_back({{"fullUrl", url}, {"resource", std::move(resource)}});
  return {{"reference", url}};
}

Json BundleWriter::bundle(const std::string& timestamp) const {
  Json bundle = {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", entries_}};
  if (!timestamp.empty()) bundle["timestamp"] = timestamp;
  return bundle;
}

}  // namespace trialcore::fhir

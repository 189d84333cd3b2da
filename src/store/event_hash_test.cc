// Known answers for the event hash: fixed events and the hashes the auditor's Python of
// docs/store.md computes for them, independently of this code. Each expected value was
// printed by (with the event as one JSON line in event.jsonl):
//
//   python3 -c '
//   import json, hashlib
//   for line in open("event.jsonl"):
//       e = json.loads(line)
//       content = {k: e[k] for k in ["kind", "subject", "actor", "recorded_at", "clinical_date", "reason", "corrects", "payload"]}
//       text = "trialcore-event/1\n%d\n%s\n%s" % (e["sequence"], e["previous_hash"],
//              json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
//       print(repr(text)); print(hashlib.sha256(text.encode()).hexdigest())'
#include <gtest/gtest.h>

#include "store/event.h"

namespace trialcore::store {
namespace {

// An event as the Python reads it (one line of event.jsonl), its canonical text and hash.
struct KnownAnswer {
  const char* what;
  const char* line;
  const char* canonical;
  const char* hash;
};

const KnownAnswer kKnownAnswers[] = {
    {"the first event",
     R"({"sequence": 1, "kind": "patient-registered", "subject": "MDA-0001", "actor": "coordinator",
         "recorded_at": "2010-07-01T09:00:00Z", "clinical_date": null, "reason": "", "corrects": null,
         "payload": {}, "previous_hash": "0000000000000000000000000000000000000000000000000000000000000000"})",
     "trialcore-event/1\n1\n0000000000000000000000000000000000000000000000000000000000000000\n"
     "{\"actor\":\"coordinator\",\"clinical_date\":null,\"corrects\":null,\"kind\":\"patient-registered\","
     "\"payload\":{},\"reason\":\"\",\"recorded_at\":\"2010-07-01T09:00:00Z\",\"subject\":\"MDA-0001\"}",
     "dbbcf75719600764f661e644a08a82f227cfa2765414d4b9437e008f63064d59"},
    // Members out of order at two levels, UTF-8 text, a fraction, null, true, a list and a
    // correction: everything the canonical form must agree on with Python's json.dumps.
    {"a correction with a nested UTF-8 payload",
     R"({"sequence": 2, "kind": "dose-given", "subject": "MDA-0001", "actor": "nurse.m\u00fcller",
         "recorded_at": "2010-07-05T14:03:22Z", "clinical_date": "2010-07-05",
         "reason": "r\u00e9administration apr\u00e8s une perfusion interrompue", "corrects": 1,
         "payload": {"drug": "d1", "dose_mg": 1.5, "course": 1, "given": true, "infusion": null,
                     "sites": ["left arm", "port"], "by": {"role": "nurse", "name": "Zo\u00eb"}},
         "previous_hash": "5f0c3d1e2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d"})",
     "trialcore-event/1\n2\n5f0c3d1e2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d\n"
     "{\"actor\":\"nurse.m\xc3\xbcller\",\"clinical_date\":\"2010-07-05\",\"corrects\":1,\"kind\":\"dose-given\","
     "\"payload\":{\"by\":{\"name\":\"Zo\xc3\xab\",\"role\":\"nurse\"},\"course\":1,\"dose_mg\":1.5,\"drug\":\"d1\","
     "\"given\":true,\"infusion\":null,\"sites\":[\"left arm\",\"port\"]},"
     "\"reason\":\"r\xc3\xa9" "administration apr\xc3\xa8s une perfusion interrompue\","
     "\"recorded_at\":\"2010-07-05T14:03:22Z\",\"subject\":\"MDA-0001\"}",
     "e6d4a8750346e703e867523977eca3b9bd11de61da254be38601c538e3ebd69e"},
};

// The event of a line, member by member, as the Python above reads it.
Event event_of(const Json& line) {
  Event event;
  event.sequence = line["sequence"].get<int64_t>();
  event.kind = line["kind"].get<std::string>();
  event.subject = line["subject"].get<std::string>();
  event.actor = line["actor"].get<std::string>();
  event.recorded_at = line["recorded_at"].get<std::string>();
  if (!line["clinical_date"].is_null()) event.clinical_date = *Date::Parse(line["clinical_date"].get<std::string>());
  event.reason = line["reason"].get<std::string>();
  if (!line["corrects"].is_null()) event.corrects = line["corrects"].get<int64_t>();
  event.payload = line["payload"];
  event.previous_hash = line["previous_hash"].get<std::string>();
  return event;
}

TEST(EventHashTest, KnownEventsMatchTheDocumentedPython) {
  for (const KnownAnswer& known : kKnownAnswers) {
    SCOPED_TRACE(known.what);
    Event event = event_of(Json::parse(known.line));
    EXPECT_EQ(canonical_text(event), known.canonical);
    EXPECT_EQ(event_hash(event), known.hash);
  }
}

}  // namespace
}  // namespace trialcore::store

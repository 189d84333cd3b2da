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

// {"sequence": 1, "kind": "patient-registered", "subject": "MDA-0001", "actor": "coordinator",
//  "recorded_at": "2010-07-01T09:00:00Z", "clinical_date": null, "reason": "", "corrects": null,
//  "payload": {}, "previous_hash": "000...000"}
TEST(EventHashTest, TheFirstEventMatchesTheDocumentedPython) {
  Event event;
  event.sequence = 1;
  event.kind = "patient-registered";
  event.subject = "MDA-0001";
  event.actor = "coordinator";
  event.recorded_at = "2010-07-01T09:00:00Z";
  event.previous_hash = kGenesisHash;
  EXPECT_EQ(canonical_text(event),
            "trialcore-event/1\n1\n0000000000000000000000000000000000000000000000000000000000000000\n"
            "{\"actor\":\"coordinator\",\"clinical_date\":null,\"corrects\":null,\"kind\":\"patient-registered\","
            "\"payload\":{},\"reason\":\"\",\"recorded_at\":\"2010-07-01T09:00:00Z\",\"subject\":\"MDA-0001\"}");
  EXPECT_EQ(event_hash(event), "dbbcf75719600764f661e644a08a82f227cfa2765414d4b9437e008f63064d59");
}

// {"sequence": 2, "kind": "dose-given", "subject": "MDA-0001", "actor": "nurse.müller",
//  "recorded_at": "2010-07-05T14:03:22Z", "clinical_date": "2010-07-05",
//  "reason": "réadministration après une perfusion interrompue", "corrects": 1,
//  "payload": {"drug": "d1", "dose_mg": 1.5, "course": 1, "given": true, "infusion": null,
//              "sites": ["left arm", "port"], "by": {"role": "nurse", "name": "Zoë"}},
//  "previous_hash": "5f0c3d1e2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d"}
// Members out of order at two levels, UTF-8 text, a fraction, null, true, a list and a
// correction: everything the canonical form must agree on with Python's json.dumps.
TEST(EventHashTest, ACorrectionWithNestedUtf8PayloadMatchesTheDocumentedPython) {
  Event event;
  event.sequence = 2;
  event.kind = "dose-given";
  event.subject = "MDA-0001";
  event.actor = "nurse.m\xc3\xbcller";
  event.recorded_at = "2010-07-05T14:03:22Z";
  event.clinical_date = Date(2010, 7, 5);
  event.reason = "r\xc3\xa9" "administration apr\xc3\xa8s une perfusion interrompue";
  event.corrects = 1;
  event.payload = Json::parse(
      R"({"drug": "d1", "dose_mg": 1.5, "course": 1, "given": true, "infusion": null,
          "sites": ["left arm", "port"], "by": {"role": "nurse", "name": "Zo\u00eb"}})");
  event.previous_hash = "5f0c3d1e2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d";
  EXPECT_EQ(canonical_text(event),
            "trialcore-event/1\n2\n5f0c3d1e2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d\n"
            "{\"actor\":\"nurse.m\xc3\xbcller\",\"clinical_date\":\"2010-07-05\",\"corrects\":1,\"kind\":\"dose-given\","
            "\"payload\":{\"by\":{\"name\":\"Zo\xc3\xab\",\"role\":\"nurse\"},\"course\":1,\"dose_mg\":1.5,\"drug\":\"d1\","
            "\"given\":true,\"infusion\":null,\"sites\":[\"left arm\",\"port\"]},"
            "\"reason\":\"r\xc3\xa9" "administration apr\xc3\xa8s une perfusion interrompue\","
            "\"recorded_at\":\"2010-07-05T14:03:22Z\",\"subject\":\"MDA-0001\"}");
  EXPECT_EQ(event_hash(event), "e6d4a8750346e703e867523977eca3b9bd11de61da254be38601c538e3ebd69e");
}

}  // namespace
}  // namespace trialcore::store

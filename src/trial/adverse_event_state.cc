#include "trial/adverse_event_state.h"

#include <algorithm>

namespace trialcore::trial {

namespace {

std::map<std::string, std::string> by_drug(RowReader& content, const char* key) {
  std::map<std::string, std::string> words;
  content.nested(key, [&](RowReader& drugs) {
    for (const auto& item : drugs.json().items()) words[item.key()] = drugs.text(item.key().c_str());
  });
  return words;
}

Json by_drug_json(const std::map<std::string, std::string>& words) {
  Json object = Json::object();
  for (const auto& [drug, word] : words) object[drug] = word;
  return object;
}

AdverseEventEntry* find_event(PatientState& patient, int64_t sequence) {
  for (AdverseEventEntry& entry : patient.adverse_events) {
    if (entry.stamp.sequence == sequence) return &entry;
  }
  return nullptr;
}

// The signature an event carries when it gives attribution or seriousness.
void take_signature(AdverseEventEntry& entry, const store::Event& event, RowReader& content) {
  content.nested("signed_by", [&](RowReader& signer) {
    entry.signature = Signature{signer.text("by"), signer.text("role"), event.recorded_at};
  });
}

// The reporting clock starts when the site knew the event serious: the awareness time the
// event gives, else the time it was recorded.
void start_clock(AdverseEventEntry& entry, const store::Event& event, bool was_serious, RowReader& content) {
  if (!entry.is_serious()) {
    entry.serious_since.reset();
    return;
  }
  if (was_serious && entry.serious_since) return;
  entry.serious_since = content.optional_text("aware_at").value_or(event.recorded_at);
}

}  // namespace

const AdverseEventEntry* PatientState::adverse_event(int64_t sequence) const {
  for (const AdverseEventEntry& entry : adverse_events) {
    if (entry.stamp.sequence == sequence) return &entry;
  }
  return nullptr;
}

void apply_adverse_event_content(AdverseEventEntry& entry, RowReader& content) {
  if (auto term = content.optional_text("term")) entry.term = *term;
  if (auto specify = content.optional_text("specify")) entry.specify = *specify;
  if (auto grade = content.optional_number("grade")) {
    entry.grade = static_cast<int>(*grade);
    entry.worst_grade = std::max(entry.worst_grade, entry.grade);
  }
  if (auto start = content.optional_date("start")) entry.start = *start;
  if (auto end = content.optional_date("end")) entry.end = end;
  if (content.json().contains("serious")) entry.serious = content.texts("serious");
  for (const auto& [drug, word] : by_drug(content, "attribution")) entry.attribution[drug] = word;
  for (const auto& [drug, word] : by_drug(content, "action")) entry.action[drug] = word;
  if (auto outcome = content.optional_text("outcome")) entry.outcome = *outcome;
  if (content.json().contains("observation")) entry.observation = content.integer("observation");
  if (auto aware = content.optional_text("aware_at")) entry.aware_at = aware;
}

void fold_adverse_event(PatientState& patient, const store::Event& event, RowReader& content) {
  AdverseEventEntry entry;
  entry.stamp = {event.sequence, event.actor, event.recorded_at};
  apply_adverse_event_content(entry, content);
  take_signature(entry, event, content);
  start_clock(entry, event, false, content);
  patient.adverse_events.push_back(std::move(entry));
}

void fold_adverse_event_update(PatientState& patient, const store::Event& event, RowReader& content) {
  AdverseEventEntry* entry = find_event(patient, content.integer("adverse_event"));
  if (!entry) return;  // the service refuses an update of an unknown event
  bool was_serious = entry->is_serious();
  apply_adverse_event_content(*entry, content);
  take_signature(*entry, event, content);
  start_clock(*entry, event, was_serious, content);
  entry->follow_ups.push_back(event.sequence);
}

void fold_sae_report(PatientState& patient, const store::Event& event, RowReader& content) {
  AdverseEventEntry* entry = find_event(patient, content.integer("adverse_event"));
  if (!entry) return;
  entry->reports.push_back({event.sequence, content.text("reported_at"), content.text("to"), event.actor});
}

void fold_transplant(PatientState& patient, const store::Event& event, RowReader& content) {
  Date date = content.date("date");
  std::optional<bool> vod;
  if (content.json().contains("vod")) vod = content.boolean("vod", false);
  std::optional<Date> vod_date = content.optional_date("vod_date");
  for (TransplantEntry& transplant : patient.transplants) {
    if (transplant.date == date) {  // a follow-up of the same transplant
      if (vod) transplant.vod = vod;
      if (vod_date) transplant.vod_date = vod_date;
      return;
    }
  }
  patient.transplants.push_back({event.sequence, date, vod, vod_date});
}

Json adverse_event_entry_json(const AdverseEventEntry& event) {
  Json entry = {{"sequence", event.stamp.sequence}, {"actor", event.stamp.actor}, {"recorded_at", event.stamp.recorded_at},
                {"term", event.term}, {"grade", event.grade}, {"worst_grade", event.worst_grade},
                {"start", event.start.to_string()}, {"serious", event.serious},
                {"attribution", by_drug_json(event.attribution)}, {"action", by_drug_json(event.action)},
                {"outcome", event.outcome}, {"follow_ups", event.follow_ups}, {"reports", Json::array()}};
  if (!event.specify.empty()) entry["specify"] = event.specify;
  if (event.end) entry["end"] = event.end->to_string();
  if (event.observation) entry["observation"] = *event.observation;
  if (event.aware_at) entry["aware_at"] = *event.aware_at;
  if (event.signature) {
    entry["signature"] = {{"by", event.signature->by}, {"role", event.signature->role}, {"at", event.signature->at}};
  }
  if (event.serious_since) entry["serious_since"] = *event.serious_since;
  for (const SaeReport& report : event.reports) {
    entry["reports"].push_back(
        {{"sequence", report.sequence}, {"reported_at", report.reported_at}, {"to", report.to}, {"actor", report.actor}});
  }
  return entry;
}

AdverseEventEntry adverse_event_from_row(RowReader& row) {
  AdverseEventEntry entry;
  entry.stamp = row.stamp();
  apply_adverse_event_content(entry, row);
  entry.worst_grade = static_cast<int>(row.integer("worst_grade"));
  row.nested("signature", [&](RowReader& signer) {
    entry.signature = Signature{signer.text("by"), signer.text("role"), signer.text("at")};
  });
  entry.serious_since = row.optional_text("serious_since");
  if (row.json().contains("follow_ups")) {
    for (const Json& sequence : row.json()["follow_ups"]) {
      if (sequence.is_number_integer()) entry.follow_ups.push_back(sequence.get<int64_t>());
    }
  }
  row.each("reports", [&](RowReader& report) {
    entry.reports.push_back({report.integer("sequence"), report.text("reported_at"), report.text("to"), report.text("actor")});
  });
  return entry;
}

TransplantEntry transplant_from_row(RowReader& row) {
  TransplantEntry transplant{row.integer("sequence"), row.date("date"), std::nullopt, row.optional_date("vod_date")};
  if (row.json().contains("vod")) transplant.vod = row.boolean("vod", false);
  return transplant;
}

Json transplant_entry_json(const TransplantEntry& transplant) {
  Json entry = {{"sequence", transplant.sequence}, {"date", transplant.date.to_string()}};
  if (transplant.vod) entry["vod"] = *transplant.vod;
  if (transplant.vod_date) entry["vod_date"] = transplant.vod_date->to_string();
  return entry;
}

}  // namespace trialcore::trial

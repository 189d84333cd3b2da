#include "trial/record_text.h"

#include <cctype>
#include <iomanip>
#include <sstream>

#include "trial/event_kinds.h"

namespace trialcore::trial {

namespace {

std::string text_of(const Json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

}  // namespace

std::string patients_text(const std::vector<Json>& patients) {
  std::ostringstream out;
  out << std::left << std::setw(14) << "PATIENT" << std::setw(11) << "STATUS" << std::setw(10) << "PERIOD"
      << std::setw(12) << "ENROLLED" << std::setw(9) << "COURSES" << std::setw(6) << "BEST" << std::setw(34) << "NEXT DUE"
      << "ATTENTION\n";
  for (const Json& line : patients) {
    std::string attention;
    for (const Json& signal : line["signals"]) attention += signal.value("id", "") + " ";
    if (!line["open_deviations"].empty()) attention += std::to_string(line["open_deviations"].size()) + " unexplained deviation(s)";
    out << std::left << std::setw(14) << text_of(line["id"]) << std::setw(11) << text_of(line["status"])
        << std::setw(10) << text_of(line["period"]) << std::setw(12) << text_of(line["enrolled_on"]) << std::setw(9)
        << line["courses_given"].get<int>() << std::setw(6)
        << (line["courses_given"].get<int>() > 0 ? text_of(line["best_response"]) : "") << std::setw(34)
        << (line["next_due"].is_object() ? text_of(line["next_due"]["date"]) + " c" + text_of(line["next_due"]["course"]) +
                                               " d" + text_of(line["next_due"]["day"]) + " " + text_of(line["next_due"]["drug"])
                                         : "")
        << attention << "\n";
  }
  if (patients.empty()) out << "(no patients registered)\n";
  return out.str();
}

std::string serious_events_text(const std::vector<SeriousEventClock>& clocks) {
  if (clocks.empty()) return "";
  std::ostringstream out;
  out << "\nSERIOUS ADVERSE EVENTS (report within the protocol's hours; late first)\n";
  for (const SeriousEventClock& clock : clocks) {
    std::string status = clock.status;
    for (char& c : status) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out << std::left << std::setw(15) << status << std::setw(14) << clock.patient << "event " << std::setw(6)
        << clock.event.stamp.sequence << clock.event.term << (clock.event.specify.empty() ? "" : ": " + clock.event.specify)
        << " grade " << clock.event.grade << ", deadline " << clock.deadline;
    if (clock.report) {
      out << ", reported " << clock.report->reported_at << " to " << clock.report->to;
    } else if (clock.hours_left < 0) {
      out << ", " << -clock.hours_left << " h late";
    } else {
      out << ", " << clock.hours_left << " h left";
    }
    out << "\n";
  }
  return out.str();
}

std::string patient_text(const Json& patient) {
  std::ostringstream out;
  const Json& derived = patient["derived"];
  out << patient.value("id", "") << ": " << patient.value("status", "");
  if (patient.contains("period")) out << ", " << patient.value("period", "") << " since " << patient.value("enrolled_on", "");
  out << "\n  courses given: " << derived["courses_given"] << "\n  best response: "
      << derived["best_response"].value("category", "") << " (" << derived["best_response"].value("reason", "") << ")\n";
  for (const Json& signal : derived["signals"]) out << "  SIGNAL " << signal.value("id", "") << ": " << signal.value("message", "") << "\n";
  for (const Json& sequence : derived["open_deviations"]) out << "  unexplained deviations on dose event " << sequence << "\n";
  for (const Json& dose : patient["doses"]) {
    out << "  dose " << dose.value("date", "") << " course " << dose.value("course", 0) << " day " << dose.value("day", 0)
        << " " << dose.value("drug", "") << " " << dose.value("dose_mg", 0.0) << " mg (event " << dose.value("sequence", 0) << ")\n";
  }
  for (const Json& event : patient["adverse_events"]) {
    out << "  adverse event " << event.value("sequence", 0) << ": " << event.value("term", "")
        << (event.contains("specify") ? ": " + event.value("specify", "") : "") << " grade " << event.value("grade", 0)
        << " from " << event.value("start", "") << (event.contains("end") ? " to " + event.value("end", "") : "")
        << (event["serious"].empty() ? "" : " SERIOUS") << ", " << event.value("outcome", "") << "\n";
  }
  for (const Json& proposal : derived.value("adverse_event_proposals", Json::array())) {
    if (!proposal["recorded_as"].is_null() || !proposal.value("reported", true)) continue;
    out << "  PROPOSED adverse event from lab event " << proposal.value("observation", 0) << ": "
        << proposal.value("reason", "") << "\n";
  }
  for (const Json& assessment : patient["assessments"]) {
    out << "  marrow " << assessment.value("date", "") << " after course " << assessment.value("course", 0) << ": "
        << assessment["response"].value("category", "") << "\n";
  }
  return out.str();
}

std::string calendar_text(const Json& calendar) {
  std::ostringstream out;
  out << "Calendar of " << calendar.value("patient", "") << " as of " << calendar.value("as_of", "") << " ("
      << calendar.value("period", "") << ")\n";
  if (calendar.contains("note")) out << "  " << calendar.value("note", "") << "\n";
  for (const Json& course : calendar["courses"]) {
    out << "Course " << course.value("course", 0) << (course.value("next", false) ? " (next)" : "") << ", day 1 "
        << course.value("day1", "") << ", BSA " << std::fixed << std::setprecision(2) << course.value("bsa_m2", 0.0)
        << " m2 (measured " << course.value("measured_on", "") << ")\n";
    for (const Json& dose : course["doses"]) {
      out << "  " << std::left << std::setw(9) << dose.value("status", "") << dose.value("date", "") << " to "
          << dose.value("latest", "") << "  day " << dose.value("day", 0) << "  " << dose.value("drug", "") << " "
          << dose.value("dose_mg", 0.0) << " mg";
      if (dose.contains("given")) {
        out << "  (given " << dose["given"].value("date", "") << ": " << dose["given"].value("dose_mg", 0.0) << " mg)";
      }
      out << "\n";
    }
  }
  for (const Json& add_on : calendar.value("add_ons", Json::array())) {
    out << "add-on " << add_on.value("add_on", "") << " from course " << add_on.value("from_course", 0);
    if (add_on.contains("override_of")) out << " (override: started before " << add_on.value("override_of", "") << " was raised)";
    out << ": " << add_on.value("reason", "") << "\n";
  }
  for (const Json& deviation : calendar["deviations"]) out << "DEVIATION " << deviation.value("kind", "") << ": " << deviation.value("message", "") << "\n";
  for (const Json& delay : calendar["delays"]) out << "delay: " << delay.value("message", "") << "\n";
  return out.str();
}

std::string history_text(const std::vector<store::Event>& events) {
  std::ostringstream out;
  for (const store::Event& event : events) {
    // Columns padded to their usual width, and always a space after: a long actor or kind
    // ("adverse-event-recorded") never runs into the next column.
    out << std::setw(6) << std::right << event.sequence << "  " << event.recorded_at << "  " << std::left << std::setw(14)
        << event.actor << ' ' << std::setw(22) << event.kind << ' '
        << (event.clinical_date ? event.clinical_date->to_string() : std::string(10, ' '));
    if (event.corrects) out << (event.kind == kVoid ? "  voids " : "  corrects ") << *event.corrects;
    if (!event.reason.empty()) out << "  why: " << event.reason;
    out << "\n";
  }
  return out.str();
}

std::string verification_text(const store::Verification& verification, bool expected_head, bool json) {
  if (json) {
    OrderedJson answer = {{"ok", verification.ok}, {"events", verification.events}, {"head", verification.head.to_string()},
                          {"first_bad_event", verification.first_bad_event ? OrderedJson(*verification.first_bad_event) : OrderedJson()},
                          {"problem", verification.problem}};
    return answer.dump() + "\n";
  }
  if (!verification.ok) return "NOT OK: " + verification.problem + "\n";
  return "ok: " + std::to_string(verification.events) + " events, the chain and the projections are whole" +
         (expected_head ? " and the log reaches the expected head" : "") + "\nhead: " + verification.head.to_string() + "\n";
}

Status write_log(store::Store& store, std::ostream& out) {
  constexpr int64_t kBatch = 10000;
  return store.read([&](store::Transaction& transaction) -> Status {
    int64_t after = 0;
    store::Head head;
    while (true) {
      auto batch = transaction.events(after, kBatch);
      if (!batch.ok()) return batch.error();
      for (const store::Event& event : *batch) {
        out << store::event_json(event).dump() << "\n";
        after = event.sequence;
        head = {event.sequence, event.hash};
      }
      if (static_cast<int64_t>(batch->size()) < kBatch) break;
    }
    out << OrderedJson{{"head", {{"sequence", head.sequence}, {"hash", head.hash}}}}.dump() << "\n";
    return Status::Ok();
  });
}

}  // namespace trialcore::trial

// Reading the trial's record: status (all patients, or one), calendar, history.
#include <cctype>
#include <iomanip>
#include <iostream>
#include <memory>

#include "command.h"
#include "output.h"
#include "protocol_option.h"
#include "trial/event_kinds.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct StatusOptions {
  TrialOptions trial;
  std::string patient;
  std::string date;
};

std::string text_of(const Json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

void print_patient_lines(const std::vector<Json>& patients) {
  std::cout << std::left << std::setw(14) << "PATIENT" << std::setw(11) << "STATUS" << std::setw(10) << "PERIOD"
            << std::setw(12) << "ENROLLED" << std::setw(9) << "COURSES" << std::setw(6) << "BEST" << std::setw(34) << "NEXT DUE"
            << "ATTENTION\n";
  for (const Json& line : patients) {
    std::string attention;
    for (const Json& signal : line["signals"]) attention += signal.value("id", "") + " ";
    if (!line["open_deviations"].empty()) attention += std::to_string(line["open_deviations"].size()) + " unexplained deviation(s)";
    std::cout << std::left << std::setw(14) << text_of(line["id"]) << std::setw(11) << text_of(line["status"])
              << std::setw(10) << text_of(line["period"]) << std::setw(12) << text_of(line["enrolled_on"]) << std::setw(9)
              << line["courses_given"].get<int>() << std::setw(6)
              << (line["courses_given"].get<int>() > 0 ? text_of(line["best_response"]) : "") << std::setw(34)
              << (line["next_due"].is_object() ? text_of(line["next_due"]["date"]) + " c" + text_of(line["next_due"]["course"]) +
                                                     " d" + text_of(line["next_due"]["day"]) + " " + text_of(line["next_due"]["drug"])
                                               : "")
              << attention << "\n";
  }
  if (patients.empty()) std::cout << "(no patients registered)\n";
}

// Every serious adverse event with its reporting deadline, late ones first.
void print_serious_events(const std::vector<trial::SeriousEventClock>& clocks) {
  if (clocks.empty()) return;
  std::cout << "\nSERIOUS ADVERSE EVENTS (report within the protocol's hours; late first)\n";
  for (const trial::SeriousEventClock& clock : clocks) {
    std::string status = clock.status;
    for (char& c : status) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::cout << std::left << std::setw(15) << status << std::setw(14) << clock.patient << "event " << std::setw(6)
              << clock.event.stamp.sequence << clock.event.term << (clock.event.specify.empty() ? "" : ": " + clock.event.specify)
              << " grade " << clock.event.grade << ", deadline " << clock.deadline;
    if (clock.report) {
      std::cout << ", reported " << clock.report->reported_at << " to " << clock.report->to;
    } else if (clock.hours_left < 0) {
      std::cout << ", " << -clock.hours_left << " h late";
    } else {
      std::cout << ", " << clock.hours_left << " h left";
    }
    std::cout << "\n";
  }
}

void print_patient(const Json& patient) {
  const Json& derived = patient["derived"];
  std::cout << patient.value("id", "") << ": " << patient.value("status", "");
  if (patient.contains("period")) std::cout << ", " << patient.value("period", "") << " since " << patient.value("enrolled_on", "");
  std::cout << "\n  courses given: " << derived["courses_given"] << "\n  best response: "
            << derived["best_response"].value("category", "") << " (" << derived["best_response"].value("reason", "") << ")\n";
  for (const Json& signal : derived["signals"]) std::cout << "  SIGNAL " << signal.value("id", "") << ": " << signal.value("message", "") << "\n";
  for (const Json& sequence : derived["open_deviations"]) std::cout << "  unexplained deviations on dose event " << sequence << "\n";
  for (const Json& dose : patient["doses"]) {
    std::cout << "  dose " << dose.value("date", "") << " course " << dose.value("course", 0) << " day " << dose.value("day", 0)
              << " " << dose.value("drug", "") << " " << dose.value("dose_mg", 0.0) << " mg (event " << dose.value("sequence", 0) << ")\n";
  }
  for (const Json& event : patient["adverse_events"]) {
    std::cout << "  adverse event " << event.value("sequence", 0) << ": " << event.value("term", "")
              << (event.contains("specify") ? ": " + event.value("specify", "") : "") << " grade " << event.value("grade", 0)
              << " from " << event.value("start", "") << (event.contains("end") ? " to " + event.value("end", "") : "")
              << (event["serious"].empty() ? "" : " SERIOUS") << ", " << event.value("outcome", "") << "\n";
  }
  for (const Json& proposal : derived.value("adverse_event_proposals", Json::array())) {
    if (!proposal["recorded_as"].is_null() || !proposal.value("reported", true)) continue;
    std::cout << "  PROPOSED adverse event from lab event " << proposal.value("observation", 0) << ": "
              << proposal.value("reason", "") << "\n";
  }
  for (const Json& assessment : patient["assessments"]) {
    std::cout << "  marrow " << assessment.value("date", "") << " after course " << assessment.value("course", 0) << ": "
              << assessment["response"].value("category", "") << "\n";
  }
}

void print_calendar(const Json& calendar) {
  std::cout << "Calendar of " << calendar.value("patient", "") << " as of " << calendar.value("as_of", "") << " ("
            << calendar.value("period", "") << ")\n";
  if (calendar.contains("note")) std::cout << "  " << calendar.value("note", "") << "\n";
  for (const Json& course : calendar["courses"]) {
    std::cout << "Course " << course.value("course", 0) << (course.value("next", false) ? " (next)" : "") << ", day 1 "
              << course.value("day1", "") << ", BSA " << std::fixed << std::setprecision(2) << course.value("bsa_m2", 0.0)
              << " m2 (measured " << course.value("measured_on", "") << ")\n";
    for (const Json& dose : course["doses"]) {
      std::cout << "  " << std::left << std::setw(9) << dose.value("status", "") << dose.value("date", "") << " to "
                << dose.value("latest", "") << "  day " << dose.value("day", 0) << "  " << dose.value("drug", "") << " "
                << dose.value("dose_mg", 0.0) << " mg";
      if (dose.contains("given")) {
        std::cout << "  (given " << dose["given"].value("date", "") << ": " << dose["given"].value("dose_mg", 0.0) << " mg)";
      }
      std::cout << "\n";
    }
  }
  for (const Json& add_on : calendar.value("add_ons", Json::array())) {
    std::cout << "add-on " << add_on.value("add_on", "") << " from course " << add_on.value("from_course", 0);
    if (add_on.contains("override_of")) std::cout << " (override: started before " << add_on.value("override_of", "") << " was raised)";
    std::cout << ": " << add_on.value("reason", "") << "\n";
  }
  for (const Json& deviation : calendar["deviations"]) std::cout << "DEVIATION " << deviation.value("kind", "") << ": " << deviation.value("message", "") << "\n";
  for (const Json& delay : calendar["delays"]) std::cout << "delay: " << delay.value("message", "") << "\n";
}

}  // namespace

void add_status_commands(CLI::App& app, CommandOutcome& outcome) {
  {
    auto o = std::make_shared<StatusOptions>();
    auto* command = app.add_subcommand("status", "The trial's patients now, or one patient in detail");
    command->add_option("PATIENT", o->patient, "A patient's id (default: all patients, a line each)")->type_name("ID");
    add_trial_options(*command, o->trial);
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        if (o->patient.empty()) {
          auto patients = trial.service->patients(today());
          if (!patients.ok()) return fail(patients.error());
          if (o->trial.json) {
            std::cout << Json(*patients).dump() << "\n";
          } else {
            print_patient_lines(*patients);
            auto clocks = trial.service->serious_events(utc_now());
            if (!clocks.ok()) return fail(clocks.error());
            print_serious_events(*clocks);
          }
          return kExitOk;
        }
        auto patient = trial.service->patient(o->patient);
        if (!patient.ok()) return fail(patient.error());
        if (o->trial.json) {
          std::cout << patient->dump() << "\n";
        } else {
          print_patient(*patient);
        }
        return kExitOk;
      });
    });
  }
  {
    auto o = std::make_shared<StatusOptions>();
    auto* command = app.add_subcommand("calendar", "A patient's doses: given, late, missed, due, upcoming, with deviations");
    command->add_option("PATIENT", o->patient, "The patient's id")->required()->type_name("ID");
    command->add_option("--date", o->date, "As of this date (default: today)")->type_name("DATE");
    add_trial_options(*command, o->trial);
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        Date date = today();
        if (!o->date.empty()) {
          auto parsed = date_option(o->date, "--date");
          if (!parsed.ok()) return fail(parsed.error());
          date = *parsed;
        }
        auto calendar = trial.service->calendar(o->patient, date);
        if (!calendar.ok()) return fail(calendar.error());
        if (o->trial.json) {
          std::cout << calendar->dump() << "\n";
        } else {
          print_calendar(*calendar);
        }
        return kExitOk;
      });
    });
  }
  {
    auto o = std::make_shared<StatusOptions>();
    auto* command = app.add_subcommand("history", "A patient's events, oldest first: who, when, what, why");
    command->add_option("PATIENT", o->patient, "The patient's id")->required()->type_name("ID");
    add_trial_options(*command, o->trial);
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        auto events = trial.service->history(o->patient);
        if (!events.ok()) return fail(events.error());
        for (const store::Event& event : *events) {
          if (o->trial.json) {
            std::cout << store::event_json(event).dump() << "\n";
            continue;
          }
          std::cout << std::setw(6) << std::right << event.sequence << "  " << event.recorded_at << "  " << std::left
                    << std::setw(14) << event.actor << std::setw(22) << event.kind
                    << (event.clinical_date ? event.clinical_date->to_string() : std::string(10, ' '));
          if (event.corrects) std::cout << (event.kind == trial::kVoid ? "  voids " : "  corrects ") << *event.corrects;
          if (!event.reason.empty()) std::cout << "  why: " << event.reason;
          std::cout << "\n";
        }
        return kExitOk;
      });
    });
  }
}

}  // namespace trialcore::app

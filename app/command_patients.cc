// Patients on the trial's record: register, consent, screen-patient, enroll, waive,
// off-study, record-vital-status.
#include <iostream>
#include <memory>

#include "command.h"
#include "eligibility/screening_output.h"
#include "output.h"
#include "patient/patient_record.h"
#include "protocol_option.h"
#include "recorded_output.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct PatientOptions {
  TrialOptions trial;
  std::string patient;  // id, or a record file for register
  std::string date;
  std::string text;     // reason, criterion...
  std::string criterion;
  std::string status;
};

CLI::App* patient_command(CLI::App& app, const char* name, const char* help, std::shared_ptr<PatientOptions> options,
                          const char* what = "The patient's id", const char* type = "ID") {
  auto* command = app.add_subcommand(name, help);
  command->add_option("PATIENT", options->patient, what)->required()->type_name(type);
  add_trial_options(*command, options->trial);
  return command;
}

void date_required(CLI::App& command, PatientOptions& options, const char* help) {
  command.add_option("--date", options.date, help)->required()->type_name("DATE");
}

}  // namespace

void add_patient_commands(CLI::App& app, CommandOutcome& outcome) {
  {
    auto options = std::make_shared<PatientOptions>();
    auto* command = patient_command(app, "register", "Register a patient record on the trial's record", options,
                                    "The patient record (JSON; - reads stdin)", "FILE");
    command->callback([options, &outcome] {
      auto text = read_file_text(options->patient);
      if (!text.ok()) {
        outcome.exit_code = fail(text.error());
        return;
      }
      auto record = parse_json_text(*text, "the patient record");
      if (!record.ok()) {
        outcome.exit_code = fail(record.error());
        return;
      }
      // The record is checked before the store is opened: bad input leaves no file behind.
      auto protocol = load_protocol_option(options->trial.protocol_file);
      if (!protocol.ok()) {
        outcome.exit_code = fail(protocol.error());
        return;
      }
      auto parsed = patient::read_patient_record(*record, protocol->record_format, "$");
      if (!parsed.ok()) {
        outcome.exit_code = fail(parsed.error());
        return;
      }
      for (const std::string& warning : parsed->warnings) print_warning(warning);
      outcome.exit_code = with_trial(options->trial, [&](OpenTrial& trial) {
        auto recorded = trial.service->register_patient(actor_of(options->trial), *record);
        if (!recorded.ok()) return fail(recorded.error());
        print_recorded(recorded->event, options->trial.json);
        return kExitOk;
      }, /*creates=*/true);
    });
  }
  {
    auto options = std::make_shared<PatientOptions>();
    auto* command = patient_command(app, "consent", "Record that the patient signed the consent", options);
    date_required(*command, *options, "The date of signing");
    command->callback([options, &outcome] {
      outcome.exit_code = with_trial_on(options->trial, options->date, [&](OpenTrial& trial, Date date) {
        auto recorded = trial.service->sign_consent(actor_of(options->trial), options->patient, date);
        if (!recorded.ok()) return fail(recorded.error());
        print_recorded(recorded->event, options->trial.json);
        return kExitOk;
      });
    });
  }
  {
    auto options = std::make_shared<PatientOptions>();
    auto* command = patient_command(app, "screen-patient",
                                    "Screen a registered patient as of a date, with the trial's own counts, and record it", options);
    date_required(*command, *options, "The evaluation date");
    command->callback([options, &outcome] {
      outcome.exit_code = with_trial_on(options->trial, options->date, [&](OpenTrial& trial, Date date) {
        auto screened = trial.service->screen(actor_of(options->trial), options->patient, date);
        if (!screened.ok()) return fail(screened.error());
        if (options->trial.json) {
          std::cout << screening_json(screened->screening).dump() << "\n";
        } else {
          std::cout << screening_checklist(screened->screening, trial.protocol);
          print_recorded(screened->event, false);
        }
        return kExitOk;
      });
    });
  }
  {
    auto options = std::make_shared<PatientOptions>();
    auto* command = patient_command(app, "enroll", "Enroll a patient: screens again on the date and assigns the open period", options);
    command->footer(
        "Refused (exit 1, every reason listed) when the patient is not eligible on the date (a waived\n"
        "criterion counts as met), has not signed consent, no period is open, or the accrual\n"
        "target is reached. A refused enrollment records nothing.");
    date_required(*command, *options, "The enrollment date");
    command->callback([options, &outcome] {
      outcome.exit_code = with_trial_on(options->trial, options->date, [&](OpenTrial& trial, Date date) {
        auto enrolled = trial.service->enroll(actor_of(options->trial), options->patient, date);
        if (!enrolled.ok()) return fail(enrolled.error());
        if (!options->trial.json) std::cout << options->patient << " enrolled in " << enrolled->period << "\n";
        print_recorded(enrolled->event, options->trial.json, {{"period", enrolled->period}});
        return kExitOk;
      });
    });
  }
  {
    auto options = std::make_shared<PatientOptions>();
    auto* command = patient_command(app, "waive", "Record an investigator's waiver of a waivable criterion", options);
    command->add_option("--criterion", options->criterion, "The criterion waived")->required()->type_name("ID");
    date_required(*command, *options, "The date of the waiver");
    command->add_option("--reason", options->text, "Why (e.g. rapidly progressive disease)")->required();
    command->callback([options, &outcome] {
      outcome.exit_code = with_trial_on(options->trial, options->date, [&](OpenTrial& trial, Date date) {
        auto recorded = trial.service->grant_waiver(actor_of(options->trial), options->patient, options->criterion, date,
                                                    options->text);
        if (!recorded.ok()) return fail(recorded.error());
        print_recorded(recorded->event, options->trial.json);
        return kExitOk;
      });
    });
  }
  {
    auto options = std::make_shared<PatientOptions>();
    auto* command = patient_command(app, "off-study", "Record that a patient went off study, and why", options);
    date_required(*command, *options, "The date");
    command->add_option("--reason", options->text, "Why (progression, toxicity, withdrawal, ...)")->required();
    command->callback([options, &outcome] {
      outcome.exit_code = with_trial_on(options->trial, options->date, [&](OpenTrial& trial, Date date) {
        auto recorded = trial.service->take_off_study(actor_of(options->trial), options->patient, date, options->text);
        if (!recorded.ok()) return fail(recorded.error());
        print_recorded(recorded->event, options->trial.json);
        return kExitOk;
      });
    });
  }
  {
    auto options = std::make_shared<PatientOptions>();
    auto* command = patient_command(app, "record-vital-status", "Record that a patient was alive, or died, on a date", options);
    date_required(*command, *options, "The date");
    command->add_option("--status", options->status, "alive or dead")->required()->check(CLI::IsMember({"alive", "dead"}));
    command->callback([options, &outcome] {
      outcome.exit_code = with_trial_on(options->trial, options->date, [&](OpenTrial& trial, Date date) {
        auto recorded = trial.service->record_vital_status(actor_of(options->trial), options->patient, date,
                                                           options->status == "alive");
        if (!recorded.ok()) return fail(recorded.error());
        print_recorded(recorded->event, options->trial.json);
        return kExitOk;
      });
    });
  }
}

}  // namespace trialcore::app

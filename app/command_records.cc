// What happens to an enrolled patient: record-body, record-lab, verify-dose, record-dose,
// explain-deviation, start-add-on, record-marrow, adjudicate, correct.
#include <iostream>
#include <memory>

#include "command.h"
#include "output.h"
#include "recorded_output.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct RecordOptions {
  TrialOptions trial;
  std::string patient;
  std::string date;
  double height = 0, weight = 0;
  std::string code, unit, value;
  std::optional<double> uln;
  int course = 0, day = 0;
  std::string drug;
  double dose_mg = 0;
  std::optional<std::string> start_time;
  std::optional<double> infusion_minutes;
  std::string text;  // explanation, reason
  int64_t sequence = 0;
  std::string add_on;
  std::string category;
  std::map<std::string, std::string> assessment;
  std::string payload;
};

CLI::App* on_patient(CLI::App& app, const char* name, const char* help, RecordOptions& options) {
  auto* command = app.add_subcommand(name, help);
  command->add_option("PATIENT", options.patient, "The patient's id")->required()->type_name("ID");
  add_trial_options(*command, options.trial);
  return command;
}

}  // namespace

void add_record_commands(CLI::App& app, CommandOutcome& outcome) {
  {
    auto o = std::make_shared<RecordOptions>();
    auto* command = on_patient(app, "record-body", "Record a height and weight (doses of later courses follow it)", *o);
    command->add_option("--date", o->date, "The date measured")->required()->type_name("DATE");
    command->add_option("--height", o->height, "Height in cm")->required()->type_name("CM");
    command->add_option("--weight", o->weight, "Weight in kg")->required()->type_name("KG");
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial_on(o->trial, o->date, [&](OpenTrial& trial, Date date) {
        auto recorded = trial.service->record_body(actor_of(o->trial), o->patient, date, o->height, o->weight);
        if (!recorded.ok()) {
          Error error = recorded.error();
          if (error.path == "$.height") error.path = "--height";
          if (error.path == "$.weight") error.path = "--weight";
          return fail(error);
        }
        print_recorded(recorded->event, o->trial.json);
        return kExitOk;
      });
    });
  }
  {
    auto o = std::make_shared<RecordOptions>();
    auto* command = on_patient(app, "record-lab", "Record a laboratory value or test result", *o);
    command->add_option("--code", o->code, "The observation code (bilirubin, alt, anc, ...)")->required();
    command->add_option("--value", o->value, "The value (a number, or a result such as negative)")->required();
    command->add_option("--unit", o->unit, "The unit (mg/dL, umol/L, U/L, 10*9/L, /uL, %)");
    command->add_option("--uln", o->uln, "The laboratory's upper limit of normal, where the protocol asks for it");
    command->add_option("--date", o->date, "The date of the sample")->required()->type_name("DATE");
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        Json observation = {{"code", o->code}, {"value", number_or_text(o->value)}, {"date", o->date}};
        if (!o->unit.empty()) observation["unit"] = o->unit;
        if (o->uln) observation["uln"] = *o->uln;
        auto recorded = trial.service->record_observation(actor_of(o->trial), o->patient, observation);
        if (!recorded.ok()) {
          Error error = recorded.error();
          if (error.path.rfind("$.", 0) == 0) error.path = "--" + error.path.substr(2);
          return fail(error);
        }
        print_recorded(recorded->event, o->trial.json);
        return kExitOk;
      });
    });
  }
  auto dose_options = [](CLI::App& command, RecordOptions& o) {
    command.add_option("--course", o.course, "The course")->required();
    command.add_option("--day", o.day, "The day of the course")->required();
    command.add_option("--drug", o.drug, "The drug")->required();
    command.add_option("--dose-mg", o.dose_mg, "The dose in mg")->required();
  };
  {
    auto o = std::make_shared<RecordOptions>();
    auto* command = on_patient(app, "verify-dose", "A pharmacist's check of a dose against the plan before it is given", *o);
    dose_options(*command, *o);
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        auto verified = trial.service->verify_dose(actor_of(o->trial), o->patient, o->course, o->day, o->drug, o->dose_mg);
        if (!verified.ok()) return fail(verified.error());
        if (!o->trial.json) std::cout << "verified: " << o->dose_mg << " mg, planned " << verified->planned_mg << " mg\n";
        print_recorded(verified->event, o->trial.json, {{"planned_mg", verified->planned_mg}});
        return kExitOk;
      });
    });
  }
  {
    auto o = std::make_shared<RecordOptions>();
    auto* command = on_patient(app, "record-dose", "Record a dose given; deviations from the plan are listed and stay open until explained", *o);
    dose_options(*command, *o);
    command->add_option("--date", o->date, "The date given")->required()->type_name("DATE");
    command->add_option("--start-time", o->start_time, "When the infusion started, HH:MM")->type_name("HH:MM");
    command->add_option("--infusion-minutes", o->infusion_minutes, "How long the infusion took")->type_name("MIN");
    command->add_option("--explanation", o->text, "Why a dose departs from the plan (closes its deviations)");
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial_on(o->trial, o->date, [&](OpenTrial& trial, Date date) {
        trial::DoseInput dose{o->course, o->day, o->drug, date, o->start_time, o->dose_mg, o->infusion_minutes, o->text};
        auto recorded = trial.service->record_dose(actor_of(o->trial), o->patient, dose);
        if (!recorded.ok()) {
          Error error = recorded.error();
          if (error.path.rfind("$.", 0) == 0) {
            std::string name = error.path.substr(2);
            for (char& c : name) c = c == '_' ? '-' : c;
            error.path = "--" + name;
          }
          return fail(error);
        }
        OrderedJson deviations = OrderedJson::array();
        for (const auto& deviation : recorded->deviations) {
          deviations.push_back({{"kind", deviation.kind}, {"message", deviation.message}});
          if (!o->trial.json) std::cout << "DEVIATION " << deviation.kind << ": " << deviation.message << "\n";
        }
        if (!o->trial.json && !recorded->deviations.empty() && o->text.empty()) {
          std::cout << "explain it: trialcore explain-deviation " << o->patient << " --dose " << recorded->event.sequence
                    << " --explanation '...'\n";
        }
        print_recorded(recorded->event, o->trial.json, {{"planned_mg", recorded->planned_mg}, {"deviations", deviations}});
        return kExitOk;
      });
    });
  }
  {
    auto o = std::make_shared<RecordOptions>();
    auto* command = on_patient(app, "explain-deviation", "Explain the deviations of a recorded dose", *o);
    command->add_option("--dose", o->sequence, "The dose's event number")->required()->type_name("EVENT");
    command->add_option("--explanation", o->text, "The explanation")->required();
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        auto recorded = trial.service->explain_deviation(actor_of(o->trial), o->patient, o->sequence, o->text);
        if (!recorded.ok()) return fail(recorded.error());
        print_recorded(recorded->event, o->trial.json);
        return kExitOk;
      });
    });
  }
  {
    auto o = std::make_shared<RecordOptions>();
    auto* command = on_patient(app, "start-add-on", "The investigator starts an add-on of the protocol (answering a signal it raised)", *o);
    command->add_option("--add-on", o->add_on, "The add-on of the protocol")->required();
    command->add_option("--from-course", o->course, "The first course it is given in")->required();
    command->add_option("--reason", o->text, "Why")->required();
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        auto recorded = trial.service->start_add_on(actor_of(o->trial), o->patient, o->add_on, o->course, o->text);
        if (!recorded.ok()) return fail(recorded.error());
        const Json& payload = recorded->event.payload;
        if (payload.contains("override") && !o->trial.json) {
          std::cout << "override: started before the signal " << payload["override"].value("signal", "")
                    << " was raised (" << o->text << ")\n";
        }
        print_recorded(recorded->event, o->trial.json,
                       payload.contains("override") ? OrderedJson{{"override", payload["override"]}} : OrderedJson::object());
        return kExitOk;
      });
    });
  }
  {
    auto o = std::make_shared<RecordOptions>();
    auto* command = on_patient(app, "record-marrow", "Record a bone-marrow assessment; the response is computed", *o);
    command->add_option("--course", o->course, "The course it follows")->required();
    command->add_option("--date", o->date, "The date of the marrow")->required()->type_name("DATE");
    for (const char* name : {"anc", "platelets", "marrow-blasts", "baseline-marrow-blasts", "extramedullary"}) {
      std::string fact = name;
      for (char& c : fact) c = c == '-' ? '_' : c;
      command->add_option_function<std::string>(
          std::string("--") + name, [o, fact](const std::string& value) { o->assessment[fact] = value; },
          std::string("The assessment's ") + fact + " (as in trialcore assess)");
    }
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial_on(o->trial, o->date, [&](OpenTrial& trial, Date date) {
        Json assessment = Json::object();
        for (const auto& [fact, value] : o->assessment) assessment[fact] = number_or_text(value);
        auto recorded = trial.service->record_marrow(actor_of(o->trial), o->patient, o->course, date, assessment);
        if (!recorded.ok()) return fail(recorded.error());
        if (!o->trial.json) std::cout << "response: " << recorded->response.category << " (" << recorded->response.reason << ")\n";
        print_recorded(recorded->event, o->trial.json, {{"response", recorded->response.category}, {"reason", recorded->response.reason}});
        return kExitOk;
      });
    });
  }
  {
    auto o = std::make_shared<RecordOptions>();
    auto* command = on_patient(app, "adjudicate", "The investigator decides a course's response", *o);
    command->add_option("--course", o->course, "The course")->required();
    command->add_option("--response", o->category, "The category (CR, CRi, PR, NR, NE)")->required();
    command->add_option("--reason", o->text, "Why")->required();
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        auto recorded = trial.service->adjudicate(actor_of(o->trial), o->patient, o->course, o->category, o->text);
        if (!recorded.ok()) return fail(recorded.error());
        print_recorded(recorded->event, o->trial.json);
        return kExitOk;
      });
    });
  }
  {
    auto o = std::make_shared<RecordOptions>();
    auto* command = app.add_subcommand("correct", "Correct an event: a new event replaces its content, with the reason");
    command->add_option("EVENT", o->sequence, "The event to correct")->required();
    command->add_option("--reason", o->text, "Why it is corrected")->required();
    command->add_option("--payload", o->payload, "The corrected input, as the original command took it (JSON)")->required();
    add_trial_options(*command, o->trial);
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        auto payload = parse_json_text(o->payload, "--payload");
        if (!payload.ok()) return fail(Error{"--payload", payload.error().message});
        auto recorded = trial.service->correct(actor_of(o->trial), o->sequence, o->text, *payload);
        if (!recorded.ok()) return fail(recorded.error());
        print_recorded(recorded->event, o->trial.json);
        return kExitOk;
      });
    });
  }
}

}  // namespace trialcore::app

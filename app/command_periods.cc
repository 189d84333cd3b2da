// Periods of the protocol: open-period and close-period (protocol amendments).
#include <memory>

#include "command.h"
#include "output.h"
#include "recorded_output.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct PeriodOptions {
  TrialOptions trial;
  std::string period;
  std::string date;
};

}  // namespace

void add_period_commands(CLI::App& app, CommandOutcome& outcome) {
  for (bool opening : {true, false}) {
    auto o = std::make_shared<PeriodOptions>();
    auto* command = app.add_subcommand(opening ? "open-period" : "close-period",
                                       opening ? "Open a period (an amendment); the period open before closes the same day"
                                               : "Close the open period");
    command->add_option("PERIOD", o->period, "The period's id")->required()->type_name("ID");
    command->add_option("--date", o->date, "The date")->required()->type_name("DATE");
    add_trial_options(*command, o->trial);
    command->callback([o, opening, &outcome] {
      outcome.exit_code = with_trial_on(o->trial, o->date, [&](OpenTrial& trial, Date date) {
        auto actor = actor_of(o->trial);
        auto recorded = opening ? trial.service->open_period(actor, o->period, date)
                                : trial.service->close_period(actor, o->period, date);
        if (!recorded.ok()) return fail(recorded.error());
        print_recorded(recorded->event, o->trial.json);
        return kExitOk;
      }, /*creates=*/opening);
    });
  }
}

}  // namespace trialcore::app

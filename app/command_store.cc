// The record itself: verify (hash chain and projections), rebuild, backup, export-log.
#include <iostream>
#include <memory>

#include "command.h"
#include "output.h"
#include "store/verify.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct StoreOptions {
  TrialOptions trial;
  std::string to;
};

}  // namespace

void add_store_commands(CLI::App& app, CommandOutcome& outcome) {
  {
    auto o = std::make_shared<StoreOptions>();
    auto* command = app.add_subcommand("verify", "Check the record: every hash, the chain, and the projections against the log");
    command->footer("Exit status 0 when the record is whole, 1 when it names the first bad event or projection.");
    add_trial_options(*command, o->trial);
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        auto verification = store::verify_store(*trial.store, trial.projector, [&](int64_t count) {
          if (!o->trial.json) std::cerr << "verify: " << count << " events checked\n";
        });
        if (!verification.ok()) return fail(verification.error());
        if (o->trial.json) {
          OrderedJson answer = {{"ok", verification->ok}, {"events", verification->events},
                                {"first_bad_event", verification->first_bad_event ? OrderedJson(*verification->first_bad_event) : OrderedJson()},
                                {"problem", verification->problem}};
          std::cout << answer.dump() << "\n";
        } else if (verification->ok) {
          std::cout << "ok: " << verification->events << " events, the chain and the projections are whole\n";
        } else {
          std::cout << "NOT OK: " << verification->problem << "\n";
        }
        return verification->ok ? kExitOk : kExitFailure;
      });
    });
  }
  {
    auto o = std::make_shared<StoreOptions>();
    auto* command = app.add_subcommand("rebuild-projections", "Replace the current state by the one the log implies");
    add_trial_options(*command, o->trial);
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        Status rebuilt = store::rebuild_projections(*trial.store, trial.projector);
        if (!rebuilt.ok()) return fail(rebuilt.error());
        std::cout << "projections rebuilt from the log\n";
        return kExitOk;
      });
    });
  }
  {
    auto o = std::make_shared<StoreOptions>();
    auto* command = app.add_subcommand("backup", "Copy the whole SQLite record into a new file, consistently, while it is in use");
    command->add_option("--to", o->to, "The new file")->required()->type_name("FILE");
    add_trial_options(*command, o->trial);
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        Status backed_up = trial.store->backup_to(o->to);
        if (!backed_up.ok()) return fail(backed_up.error());
        std::cout << "backed up " << trial.store->location() << " to " << o->to << "\n";
        return kExitOk;
      });
    });
  }
  {
    auto o = std::make_shared<StoreOptions>();
    auto* command = app.add_subcommand("export-log", "Write the whole log, one JSON object an event, hashes included");
    add_trial_options(*command, o->trial);
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        Status exported = trial.store->read([&](store::Transaction& transaction) -> Status {
          int64_t after = 0;
          while (true) {
            auto batch = transaction.events(after, 10000);
            if (!batch.ok()) return batch.error();
            for (const store::Event& event : *batch) {
              std::cout << store::event_json(event).dump() << "\n";
              after = event.sequence;
            }
            if (batch->size() < 10000) return Status::Ok();
          }
        });
        if (!exported.ok()) return fail(exported.error());
        return kExitOk;
      });
    });
  }
}

}  // namespace trialcore::app

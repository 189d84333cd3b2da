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
  std::string expect_head;
};

}  // namespace

void add_store_commands(CLI::App& app, CommandOutcome& outcome) {
  {
    auto o = std::make_shared<StoreOptions>();
    auto* command = app.add_subcommand("verify", "Check the record: every hash, the chain, and the projections against the log");
    command->footer(
        "Prints the head (SEQUENCE:HASH of the last event): keep it elsewhere. The chain alone\n"
        "cannot show events cut off its end or a log rewritten with every hash recomputed;\n"
        "--expect-head can (docs/store.md). Exit status 0 when the record is whole, 1 when it\n"
        "names the first bad event or projection, or the log does not reach or match the head.");
    command->add_option("--expect-head", o->expect_head, "A head printed earlier: the log must still reach it, hash for hash")
        ->type_name("SEQ:HASH");
    add_trial_options(*command, o->trial);
    command->callback([o, &outcome] {
      std::optional<store::Head> expected;
      if (!o->expect_head.empty()) {
        auto head = store::parse_head(o->expect_head, "--expect-head");
        if (!head.ok()) {
          outcome.exit_code = fail(head.error());
          return;
        }
        expected = *head;
      }
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        auto verification = store::verify_store(
            *trial.store, trial.projector,
            [&](int64_t count) {
              if (!o->trial.json) std::cerr << "verify: " << count << " events checked\n";
            },
            expected);
        if (!verification.ok()) return fail(verification.error());
        if (o->trial.json) {
          OrderedJson answer = {{"ok", verification->ok}, {"events", verification->events},
                                {"head", verification->head.to_string()},
                                {"first_bad_event", verification->first_bad_event ? OrderedJson(*verification->first_bad_event) : OrderedJson()},
                                {"problem", verification->problem}};
          std::cout << answer.dump() << "\n";
        } else if (verification->ok) {
          std::cout << "ok: " << verification->events << " events, the chain and the projections are whole"
                    << (expected ? " and the log reaches the expected head" : "") << "\n"
                    << "head: " << verification->head.to_string() << "\n";
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
        // The copy's own head, read from the copy: what `verify --store COPY --expect-head`
        // checks it against later.
        auto copy = store::open_store(o->to, trial.projector);
        if (!copy.ok()) return fail(Error{"--to", copy.error().message, copy.error().kind});
        auto head = store::head_of(**copy);
        if (!head.ok()) return fail(head.error());
        if (o->trial.json) {
          std::cout << OrderedJson{{"backup", o->to}, {"head", head->to_string()}}.dump() << "\n";
        } else {
          std::cout << "backed up " << trial.store->location() << " to " << o->to << "\n"
                    << "head: " << head->to_string() << "\n";
        }
        return kExitOk;
      });
    });
  }
  {
    auto o = std::make_shared<StoreOptions>();
    auto* command = app.add_subcommand("export-log", "Write the whole log, one JSON object an event, hashes included, then its head");
    command->footer("The last line is {\"head\": {\"sequence\", \"hash\"}}: the last event exported (docs/store.md).");
    add_trial_options(*command, o->trial);
    command->callback([o, &outcome] {
      outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
        Status exported = trial.store->read([&](store::Transaction& transaction) -> Status {
          int64_t after = 0;
          store::Head head;
          while (true) {
            auto batch = transaction.events(after, 10000);
            if (!batch.ok()) return batch.error();
            for (const store::Event& event : *batch) {
              std::cout << store::event_json(event).dump() << "\n";
              after = event.sequence;
              head = {event.sequence, event.hash};
            }
            if (batch->size() < 10000) break;
          }
          // The last line: the head, so an export cut short is seen, and to keep as the anchor.
          std::cout << OrderedJson{{"head", {{"sequence", head.sequence}, {"hash", head.hash}}}}.dump() << "\n";
          return Status::Ok();
        });
        if (!exported.ok()) return fail(exported.error());
        return kExitOk;
      });
    });
  }
}

}  // namespace trialcore::app

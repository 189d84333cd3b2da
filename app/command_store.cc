// The record itself: verify (hash chain and projections), rebuild, backup, export-log.
#include <iostream>

#include "answers/record_exports.h"
#include "command.h"
#include "flags.h"
#include "output.h"
#include "store/verify.h"
#include "trial/record_text.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct StoreOptions {
  TrialOptions trial;
  std::string to;
  std::string expect_head;
};

int run_verify(const StoreOptions& o) {
  std::optional<store::Head> expected;
  if (!o.expect_head.empty()) {
    auto head = store::parse_head(o.expect_head, "--expect-head");
    if (!head.ok()) return fail(head.error());
    expected = *head;
  }
  return with_trial(o.trial, [&](OpenTrial& trial) {
    auto progress = [&](int64_t count) {
      if (!o.trial.json) std::cerr << "verify: " << count << " events checked\n";
    };
    auto verification = store::verify_store(*trial.store, trial.projector, progress, expected);
    if (!verification.ok()) return fail(verification.error());
    std::cout << trial::verification_text(*verification, expected.has_value(), o.trial.json);
    return verification->ok ? kExitOk : kExitFailure;
  });
}

int run_rebuild(const StoreOptions& o) {
  return with_trial(o.trial, [&](OpenTrial& trial) {
    Status rebuilt = store::rebuild_projections(*trial.store, trial.projector);
    return print_result(rebuilt.ok() ? Result<std::string>("projections rebuilt from the log\n") : rebuilt.error());
  });
}

int run_backup(const StoreOptions& o) {
  return with_trial(o.trial, [&](OpenTrial& trial) {
    return print_result(on_flags(answers::backup_answer(trial, o.to, o.trial.json), {"to"}));
  });
}

int run_export_log(const StoreOptions& o) {
  return with_trial(o.trial, [&](OpenTrial& trial) {
    Status exported = trial::write_log(*trial.store, std::cout);
    return exported.ok() ? kExitOk : fail(exported.error());
  });
}

}  // namespace

void add_store_commands(CLI::App& app, CommandOutcome& outcome) {
  auto verify = std::make_shared<StoreOptions>();
  add_command(app, outcome, "verify", verify, run_verify,
              Flags{{"--expect-head", &verify->expect_head, "A head printed earlier: the log must still reach it, hash for hash",
                     "SEQ:HASH"}} +
                  trial_flags(verify->trial));

  auto rebuild = std::make_shared<StoreOptions>();
  add_command(app, outcome, "rebuild-projections", rebuild, run_rebuild, trial_flags(rebuild->trial));

  auto backup = std::make_shared<StoreOptions>();
  add_command(app, outcome, "backup", backup, run_backup,
              Flags{{"--to", &backup->to, "The new file", "FILE", true}} + trial_flags(backup->trial));

  auto log = std::make_shared<StoreOptions>();
  add_command(app, outcome, "export-log", log, run_export_log, trial_flags(log->trial));
}

}  // namespace trialcore::app

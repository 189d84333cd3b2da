// What a command does, as far as who may do it is concerned: each command names one
// action, and each role may take some of them (docs/api.md).
#pragma once

namespace trialcore::commands {

enum class Action {
  kRead,             // everything that reads
  kManageUsers,
  kManagePeriods,
  kRegister,         // register, amend, screen, consent
  kEnroll,
  kRecordClinical,   // body measurements, labs, doses, marrow: what the coordinator enters
  kRecordFollowUp,   // deviation explanations, vital status, off study, adverse events, transplants
  kVerifyDose,
  kWaive,
  kAdjudicate,
  kStartAddOn,
  kCorrect,
  kVerifyRecord,     // the hash chain and projections
  kSignAdverseEvent,  // an adverse event's seriousness and attribution (the trial checks the signer too)
  kSeeFeasibility,    // the hospital population's counts against the criteria
};

}  // namespace trialcore::commands

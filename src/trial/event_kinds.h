// The kinds of event the trial's record holds. Each names a fact of the trial, in the
// words coordinators use; the payload of each is described in docs/trial-record.md. The
// record's user accounts have events of their own in the same log (accounts/accounts_projector.h).
#pragma once

namespace trialcore::trial {

inline constexpr const char* kPeriodOpened = "period-opened";
inline constexpr const char* kPeriodClosed = "period-closed";
inline constexpr const char* kPatientRegistered = "patient-registered";
inline constexpr const char* kRecordAmended = "record-amended";
inline constexpr const char* kObservationRecorded = "observation-recorded";
inline constexpr const char* kBodyMeasured = "body-measured";
inline constexpr const char* kWaiverGranted = "waiver-granted";
inline constexpr const char* kPatientScreened = "patient-screened";
inline constexpr const char* kConsentSigned = "consent-signed";
inline constexpr const char* kPatientEnrolled = "patient-enrolled";
inline constexpr const char* kDoseVerified = "dose-verified";
inline constexpr const char* kDoseGiven = "dose-given";
inline constexpr const char* kDeviationExplained = "deviation-explained";
inline constexpr const char* kMarrowAssessed = "marrow-assessed";
inline constexpr const char* kResponseAdjudicated = "response-adjudicated";
inline constexpr const char* kAddOnStarted = "add-on-started";
inline constexpr const char* kWentOffStudy = "off-study";
inline constexpr const char* kCorrection = "correction";
// An earlier recording (`corrects`) voided: the state is folded as if it held no value.
inline constexpr const char* kVoid = "void";
inline constexpr const char* kVitalStatus = "vital-status-recorded";
inline constexpr const char* kAdverseEventRecorded = "adverse-event-recorded";
inline constexpr const char* kAdverseEventUpdated = "adverse-event-updated";
inline constexpr const char* kSaeReported = "sae-reported";
inline constexpr const char* kTransplantRecorded = "transplant-recorded";

}  // namespace trialcore::trial

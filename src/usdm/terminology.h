// CDISC controlled terms for what a protocol states in a registry's words ("Phase 2",
// "Single Group Assignment", "IV"): the NCI code, its preferred name (USDM's decode) and
// the SDTM submission value. Only terms whose codes CDISC's own examples or the SDTM
// codelists publish are here; anything else has no term, and the exports say so.
#pragma once

#include <optional>
#include <string>

#include "usdm/study_design.h"

namespace trialcore::usdm {

struct Term {
  std::string code;        // "C15601"
  std::string decode;      // "Phase II Trial"
  std::string submission;  // "PHASE II TRIAL"
};

// The version of CDISC Controlled Terminology the codes are written with.
inline constexpr const char* kTerminologyVersion = "2024-09-27";
inline constexpr const char* kCdiscCodeSystem = "http://www.cdisc.org";

// ClinicalTrials.gov's phase ("Phase 2", "Phase 1/Phase 2", "Early Phase 1", "N/A").
std::optional<Term> phase_term(const std::string& registry_phase);
// ClinicalTrials.gov's intervention model ("Single Group Assignment", "Parallel Assignment", ...).
std::optional<Term> intervention_model_term(const std::string& registry_model);
// ClinicalTrials.gov's masking ("None (Open Label)", "Double", ...).
std::optional<Term> blinding_term(const std::string& registry_masking);
// ClinicalTrials.gov's sexes eligible ("All", "Female", "Male").
std::optional<Term> sex_population_term(const std::string& registry_sexes);
// A route as protocols abbreviate it ("IV", "SC", "PO", "IM").
std::optional<Term> route_term(const std::string& route);

// Fixed terms the exports use.
Term inclusion_term();
Term exclusion_term();
Term interventional_study_term();
Term epoch_term(EpochKind kind);
Term yes_no_term(bool yes);
Term investigational_arm_term();
Term unknown_term();

}  // namespace trialcore::usdm

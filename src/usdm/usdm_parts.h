// What the parts of a USDM study file share while it is written: the protocol, its study
// design, the id counters, and the ids of objects other parts point at.
#pragma once

#include <map>
#include <string>

#include "protocol/protocol.h"
#include "usdm/registry_facts.h"
#include "usdm/study_design.h"
#include "usdm/usdm_objects.h"

namespace trialcore::usdm {

struct UsdmContext {
  const Protocol& protocol;
  RegistryFacts registry;
  StudyDesign design;
  Objects objects;
  std::map<std::string, std::string> interventions;  // drug id -> StudyIntervention id
  std::map<std::string, std::string> epochs;         // epoch name -> StudyEpoch id
  std::map<int, std::string> encounters;             // visit number -> Encounter id
  std::map<std::string, std::string> activities;     // "consent", "drug:<id>", ... -> Activity id
};

// StudyIntervention objects, one a drug, each with an administration for every dose level
// a regimen gives it at; fills context.interventions.
OrderedJson study_interventions(UsdmContext& context);

// The activities (consent, screening, enrollment, each drug's administration, the response
// assessment, follow-up); fills context.activities.
OrderedJson study_activities(UsdmContext& context);

// The main timeline (screening, enrollment in a period, that period's courses, follow-up)
// and one timeline a period: each dosing day of each course, its activities in order, its
// timing from day 1 of course 1 and its window. Needs epochs, encounters and activities.
OrderedJson schedule_timelines(UsdmContext& context);

}  // namespace trialcore::usdm

#include "usdm/usdm_study.h"

#include "usdm/usdm_parts.h"

namespace trialcore::usdm {

namespace {

OrderedJson organization(UsdmContext& context, const std::string& name, const std::string& label, const Term& type,
                         const std::string& scheme, const std::string& identifier) {
  OrderedJson organization = context.objects.object("Organization");
  organization["name"] = name;
  organization["label"] = label;
  organization["type"] = context.objects.code(type);
  organization["identifierScheme"] = scheme;
  organization["identifier"] = identifier;
  organization["legalAddress"] = nullptr;
  organization["managedSites"] = OrderedJson::array();
  return organization;
}

OrderedJson identifier(UsdmContext& context, const std::string& text, const OrderedJson& scope) {
  OrderedJson identifier = context.objects.object("StudyIdentifier");
  identifier["text"] = text;
  identifier["scopeId"] = scope["id"];
  return identifier;
}

OrderedJson title(UsdmContext& context, const std::string& text, const Term& type) {
  OrderedJson title = context.objects.object("StudyTitle");
  title["text"] = text;
  title["type"] = context.objects.code(type);
  return title;
}

OrderedJson transition_rule(UsdmContext& context, const std::string& name, const std::string& text) {
  OrderedJson rule = context.objects.named("TransitionRule", name, nullptr, nullptr);
  rule["text"] = text;
  return rule;
}

// The registry's own identifier, scoped by the registry; the protocol's id otherwise,
// scoped by the sponsor.
void identify(UsdmContext& context, OrderedJson& version) {
  const RegistryFacts& registry = context.registry;
  OrderedJson organizations = OrderedJson::array();
  OrderedJson identifiers = OrderedJson::array();
  OrderedJson sponsor = organization(context, registry.sponsor.empty() ? "sponsor" : registry.sponsor,
                                     registry.sponsor.empty() ? "the sponsor (not named in the protocol)" : registry.sponsor,
                                     {"C70793", "Clinical Study Sponsor", ""}, "", "");
  if (!registry.nct_id.empty()) {
    OrderedJson registry_organization = organization(context, "CT-GOV", "ClinicalTrials.gov", {"C93453", "Study Registry", ""},
                                                     "USGOV", "CT-GOV");
    identifiers.push_back(identifier(context, registry.nct_id, registry_organization));
    organizations.push_back(std::move(registry_organization));
  }
  if (registry.nct_id != context.protocol.id) identifiers.push_back(identifier(context, context.protocol.id, sponsor));
  organizations.push_back(std::move(sponsor));
  version["studyIdentifiers"] = std::move(identifiers);
  version["organizations"] = std::move(organizations);
}

OrderedJson criteria_items(UsdmContext& context) {
  OrderedJson items = OrderedJson::array();
  for (const Criterion& criterion : context.protocol.criteria) {
    OrderedJson item = context.objects.named("EligibilityCriterionItem", criterion.id, nullptr,
        criterion.interpretation.empty() ? OrderedJson(nullptr) : OrderedJson(criterion.interpretation));
    item["text"] = criterion.text;
    item["dictionaryId"] = nullptr;
    item["notes"] = OrderedJson::array();
    items.push_back(std::move(item));
  }
  return items;
}

OrderedJson criteria(UsdmContext& context, const OrderedJson& items) {
  OrderedJson criteria = OrderedJson::array();
  for (size_t i = 0; i < context.protocol.criteria.size(); ++i) {
    const Criterion& criterion = context.protocol.criteria[i];
    bool inclusion = criterion.kind == CriterionKind::kInclusion;
    OrderedJson entry = context.objects.named("EligibilityCriterion", criterion.id, criterion.id,
        (inclusion ? "met when " : "excluded when ") + criterion.rule.text);
    entry["category"] = context.objects.code(inclusion ? inclusion_term() : exclusion_term());
    entry["identifier"] = criterion.id;
    entry["criterionItemId"] = items[i]["id"];
    entry["notes"] = OrderedJson::array();
    criteria.push_back(std::move(entry));
  }
  link(criteria);
  return criteria;
}

OrderedJson arms(UsdmContext& context) {
  OrderedJson arms = OrderedJson::array();
  for (const Arm& arm : context.design.arms) {
    OrderedJson entry = context.objects.named("StudyArm", arm.period, arm.name, arm.description);
    entry["type"] = context.objects.code(investigational_arm_term());
    entry["dataOriginDescription"] = "Recorded in the trial's record";
    entry["dataOriginType"] = context.objects.code({"C188866", "Data Generated Within Study", ""});
    entry["populationIds"] = OrderedJson::array();
    entry["notes"] = OrderedJson::array();
    arms.push_back(std::move(entry));
  }
  return arms;
}

OrderedJson epochs(UsdmContext& context) {
  OrderedJson epochs = OrderedJson::array();
  for (const Epoch& epoch : context.design.epochs) {
    OrderedJson entry = context.objects.named("StudyEpoch", epoch.name, epoch.label, epoch.label);
    context.epochs[epoch.name] = entry["id"];
    entry["type"] = context.objects.code(epoch_term(epoch.kind));
    entry["notes"] = OrderedJson::array();
    epochs.push_back(std::move(entry));
  }
  link(epochs);
  return epochs;
}

// The drugs a treatment element may give: those of the schedules its course may follow.
std::vector<std::string> element_interventions(UsdmContext& context, const Element& element) {
  std::vector<std::string> ids;
  const treatment::Regimen* regimen = context.protocol.treatment.regimen(element.period);
  if (!regimen) return ids;
  for (const auto& [drug, id] : context.interventions) {
    bool given = false;
    for (const treatment::ScheduleRule& rule : regimen->rules) {
      if (element.course > 0 && !rule.courses.contains(element.course)) continue;
      for (const treatment::ScheduledDose& dose : regimen->schedules.at(rule.schedule)) given = given || dose.drug == drug;
    }
    if (given) ids.push_back(id);
  }
  return ids;
}

OrderedJson elements(UsdmContext& context, std::map<std::string, std::string>& ids) {
  OrderedJson elements = OrderedJson::array();
  for (const Element& element : context.design.elements) {
    OrderedJson entry = context.objects.object("StudyElement");
    ids[element.code] = entry["id"];
    entry["name"] = element.code;
    entry["label"] = element.name;
    entry["description"] = element.duration_days ? OrderedJson("planned " + std::to_string(*element.duration_days) + " days")
                                                 : OrderedJson(nullptr);
    entry["transitionStartRule"] = transition_rule(context, element.code + " start", element.start_rule);
    entry["transitionEndRule"] = transition_rule(context, element.code + " end", element.end_rule);
    entry["studyInterventionIds"] = element_interventions(context, element);
    entry["notes"] = OrderedJson::array();
    elements.push_back(std::move(entry));
  }
  return elements;
}

OrderedJson cells(UsdmContext& context, const OrderedJson& arms, const std::map<std::string, std::string>& element_ids) {
  OrderedJson cells = OrderedJson::array();
  for (size_t a = 0; a < context.design.arms.size(); ++a) {
    const Arm& arm = context.design.arms[a];
    for (size_t e = 0; e < context.design.epochs.size(); ++e) {
      OrderedJson cell = context.objects.object("StudyCell");
      cell["armId"] = arms[a]["id"];
      cell["epochId"] = context.epochs[context.design.epochs[e].name];
      cell["elementIds"] = OrderedJson::array({element_ids.at(arm.elements[e])});
      cells.push_back(std::move(cell));
    }
  }
  return cells;
}

OrderedJson encounters(UsdmContext& context) {
  OrderedJson encounters = OrderedJson::array();
  for (const Visit& visit : context.design.visits) {
    OrderedJson entry = context.objects.named("Encounter", visit.name, visit.name,
        visit.course == 0 ? "Screening" : "Day " + std::to_string(visit.day) + " of course " + std::to_string(visit.course));
    context.encounters[visit.number] = entry["id"];
    entry["type"] = context.objects.code({"C25716", "Visit", ""});
    entry["scheduledAtId"] = nullptr;
    entry["environmentalSettings"] = OrderedJson::array();
    entry["contactModes"] = OrderedJson::array();
    entry["transitionStartRule"] = nullptr;
    entry["transitionEndRule"] = nullptr;
    entry["notes"] = OrderedJson::array();
    encounters.push_back(std::move(entry));
  }
  link(encounters);
  return encounters;
}

OrderedJson population(UsdmContext& context, const OrderedJson& criteria) {
  const RegistryFacts& registry = context.registry;
  OrderedJson population = context.objects.object("StudyDesignPopulation");
  population["name"] = "POP1";
  population["label"] = registry.condition.empty() ? OrderedJson(nullptr) : OrderedJson(registry.condition);
  std::string description = registry.condition;
  if (!registry.ages_eligible.empty()) description += (description.empty() ? "" : ", ") + registry.ages_eligible;
  population["description"] = description.empty() ? OrderedJson(nullptr) : OrderedJson(description);
  population["includesHealthySubjects"] = registry.accepts_healthy_volunteers.rfind("Yes", 0) == 0;
  std::optional<int64_t> planned = context.protocol.rules.accrual_target
                                       ? std::optional<int64_t>(*context.protocol.rules.accrual_target)
                                       : registry.enrollment;
  population["plannedEnrollmentNumber"] =
      planned ? context.objects.quantity(static_cast<double>(*planned), std::nullopt) : OrderedJson(nullptr);
  population["plannedCompletionNumber"] = nullptr;
  OrderedJson sexes = OrderedJson::array();
  if (auto sex = sex_population_term(registry.sexes_eligible)) sexes.push_back(context.objects.code(*sex));
  population["plannedSex"] = std::move(sexes);
  OrderedJson ids = OrderedJson::array();
  for (const OrderedJson& criterion : criteria) ids.push_back(criterion["id"]);
  population["criterionIds"] = std::move(ids);
  population["plannedAge"] = nullptr;
  population["notes"] = OrderedJson::array();
  population["cohorts"] = OrderedJson::array();
  return population;
}

// The primary objective: the response the protocol classifies, as its registry states the outcome.
OrderedJson objectives(UsdmContext& context) {
  OrderedJson objectives = OrderedJson::array();
  const response::ResponseSpec& response = context.protocol.response;
  if (response.empty()) return objectives;
  std::string responders;
  for (const response::Category& category : response.categories) {
    if (category.responder) responders += (responders.empty() ? "" : ", ") + category.id + " (" + category.label + ")";
  }
  std::string courses = "courses " + std::to_string(response.first_course) +
                        (response.last_course > 0 ? " to " + std::to_string(response.last_course) : " on");
  const RegistryFacts& registry = context.registry;
  OrderedJson endpoint = context.objects.named(
      "Endpoint", "END1", registry.outcome_measure.empty() ? OrderedJson("Response") : OrderedJson(registry.outcome_measure),
      registry.outcome_description.empty() ? OrderedJson(nullptr) : OrderedJson(registry.outcome_description));
  endpoint["text"] = "The best response over " + courses + "; a responder has " + responders +
                     (registry.outcome_time_frame.empty() ? "" : " (" + registry.outcome_time_frame + ")");
  endpoint["dictionaryId"] = nullptr;
  endpoint["notes"] = OrderedJson::array();
  endpoint["purpose"] = "Efficacy";
  endpoint["level"] = context.objects.code({"C94496", "Primary Endpoint", ""});
  OrderedJson objective = context.objects.named("Objective", "OBJ1", "Primary objective", nullptr);
  objective["text"] = "The proportion of treated patients who respond: " + responders;
  objective["dictionaryId"] = nullptr;
  objective["notes"] = OrderedJson::array();
  objective["level"] = context.objects.code({"C85826", "Primary Objective", ""});
  objective["endpoints"] = OrderedJson::array({endpoint});
  objectives.push_back(std::move(objective));
  return objectives;
}

OrderedJson design(UsdmContext& context, OrderedJson& version) {
  OrderedJson design = context.objects.object("InterventionalStudyDesign");
  const RegistryFacts& registry = context.registry;
  design["name"] = context.protocol.id;
  design["label"] = context.protocol.title;
  design["description"] = nullptr;
  design["studyType"] = context.objects.code(interventional_study_term());
  auto phase = phase_term(registry.phase);
  design["studyPhase"] = phase ? context.objects.alias(*phase) : OrderedJson(nullptr);
  design["therapeuticAreas"] = OrderedJson::array();
  design["characteristics"] = OrderedJson::array();
  design["encounters"] = encounters(context);
  design["activities"] = study_activities(context);
  OrderedJson study_arms = arms(context);
  design["epochs"] = epochs(context);
  std::map<std::string, std::string> element_ids;
  design["elements"] = elements(context, element_ids);
  design["studyCells"] = cells(context, study_arms, element_ids);
  design["arms"] = std::move(study_arms);
  design["rationale"] = registry.intervention_model_description;
  design["estimands"] = OrderedJson::array();
  design["indications"] = OrderedJson::array();
  OrderedJson intervention_ids = OrderedJson::array();
  for (const OrderedJson& intervention : version["studyInterventions"]) intervention_ids.push_back(intervention["id"]);
  design["studyInterventionIds"] = std::move(intervention_ids);
  design["objectives"] = objectives(context);
  OrderedJson eligibility = criteria(context, version["eligibilityCriterionItems"]);
  design["population"] = population(context, eligibility);
  design["scheduleTimelines"] = schedule_timelines(context);
  design["biospecimenRetentions"] = OrderedJson::array();
  design["documentVersionIds"] = OrderedJson::array();
  design["eligibilityCriteria"] = std::move(eligibility);
  design["analysisPopulations"] = OrderedJson::array();
  design["notes"] = OrderedJson::array();
  design["subTypes"] = OrderedJson::array();
  auto model = intervention_model_term(registry.intervention_model);
  design["model"] = context.objects.code(model ? *model : unknown_term());
  design["intentTypes"] = OrderedJson::array();
  auto blinding = blinding_term(registry.masking);
  design["blindingSchema"] = blinding ? context.objects.alias(*blinding) : OrderedJson(nullptr);
  return design;
}

}  // namespace

Result<OrderedJson> usdm_study(const Protocol& protocol, const std::string& system_version) {
  auto registry = registry_facts(protocol);
  if (!registry.ok()) return registry.error();
  UsdmContext context{protocol, *registry, study_design(protocol), {}, {}, {}, {}, {}};
  OrderedJson version = context.objects.object("StudyVersion");
  version["versionIdentifier"] = protocol.version;
  version["rationale"] = registry->intervention_model_description;
  version["documentVersionIds"] = OrderedJson::array();
  version["dateValues"] = OrderedJson::array();
  version["amendments"] = OrderedJson::array();
  version["businessTherapeuticAreas"] = OrderedJson::array();
  identify(context, version);
  version["referenceIdentifiers"] = OrderedJson::array();
  OrderedJson titles = OrderedJson::array({title(context, protocol.title, {"C99905x2", "Official Study Title", ""})});
  if (!registry->brief_title.empty()) titles.push_back(title(context, registry->brief_title, {"C99905x1", "Brief Study Title", ""}));
  version["titles"] = std::move(titles);
  version["eligibilityCriterionItems"] = criteria_items(context);
  version["narrativeContentItems"] = OrderedJson::array();
  version["abbreviations"] = OrderedJson::array();
  version["roles"] = OrderedJson::array();
  version["studyInterventions"] = study_interventions(context);
  version["studyDesigns"] = OrderedJson::array({design(context, version)});
  for (const char* empty : {"administrableProducts", "medicalDevices", "productOrganizationRoles", "biomedicalConcepts",
                            "bcCategories", "bcSurrogates", "dictionaries", "conditions", "notes"}) {
    version[empty] = OrderedJson::array();
  }
  OrderedJson study;
  study["id"] = nullptr;
  study["extensionAttributes"] = OrderedJson::array();
  study["name"] = protocol.id;
  study["description"] = protocol.title;
  study["label"] = registry->brief_title.empty() ? OrderedJson(nullptr) : OrderedJson(registry->brief_title);
  study["versions"] = OrderedJson::array({version});
  study["documentedBy"] = OrderedJson::array();
  study["instanceType"] = "Study";
  OrderedJson wrapper;
  wrapper["study"] = std::move(study);
  wrapper["usdmVersion"] = kUsdmVersion;
  wrapper["systemName"] = "trialcore";
  wrapper["systemVersion"] = system_version;
  return wrapper;
}

}  // namespace trialcore::usdm

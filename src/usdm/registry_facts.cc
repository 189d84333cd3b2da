#include "usdm/registry_facts.h"

namespace trialcore::usdm {

namespace {

Status read_texts(const Json& object, const std::string& path,
                  std::initializer_list<std::pair<const char*, std::string*>> members) {
  for (const auto& [key, target] : members) {
    auto read = read_text(object, key, path);
    if (!read.ok()) return read.error();
    *target = read->value_or("");
  }
  return Status::Ok();
}

}  // namespace

Result<RegistryFacts> registry_facts(const Protocol& protocol) {
  RegistryFacts facts;
  const Json& registry = protocol.registry;
  if (!registry.is_object()) return Error{"$.registry", "must be an object"};
  Status read = read_texts(registry, "$.registry",
                           {{"nct_id", &facts.nct_id},
                            {"brief_title", &facts.brief_title},
                            {"sponsor", &facts.sponsor},
                            {"condition", &facts.condition},
                            {"phase", &facts.phase},
                            {"study_type", &facts.study_type},
                            {"allocation", &facts.allocation},
                            {"intervention_model", &facts.intervention_model},
                            {"intervention_model_description", &facts.intervention_model_description},
                            {"masking", &facts.masking},
                            {"primary_purpose", &facts.primary_purpose},
                            {"start_date", &facts.start_date},
                            {"sexes_eligible", &facts.sexes_eligible},
                            {"ages_eligible", &facts.ages_eligible},
                            {"accepts_healthy_volunteers", &facts.accepts_healthy_volunteers}});
  if (!read.ok()) return read.error();
  auto enrollment = read_integer(registry, "enrollment", "$.registry");
  if (!enrollment.ok()) return enrollment.error();
  facts.enrollment = *enrollment;
  if (registry.contains("primary_outcome") && !registry["primary_outcome"].is_null()) {
    const Json& outcome = registry["primary_outcome"];
    if (!outcome.is_object()) return Error{"$.registry.primary_outcome", "must be an object"};
    read = read_texts(outcome, "$.registry.primary_outcome",
                      {{"measure", &facts.outcome_measure},
                       {"time_frame", &facts.outcome_time_frame},
                       {"description", &facts.outcome_description}});
    if (!read.ok()) return read.error();
  }
  return facts;
}

}  // namespace trialcore::usdm

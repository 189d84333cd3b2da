// TS: the trial's summary parameters. The title, arms, criteria and treatments come from
// the protocol; the registry's facts (phase, sponsor, planned enrollment, ...) from the
// registry section it carries. A parameter the protocol does not state is a row with the
// null flavor NI (no information), never a guess.
#include "sdtm/trial_summary.h"

#include <map>
#include <regex>

#include "sdtm/text.h"
#include "sdtm/variables.h"
#include "usdm/registry_facts.h"
#include "usdm/terminology.h"

namespace trialcore::sdtm {

namespace {

struct Parameter {
  std::string code;
  std::string name;
  std::string value;
  std::string null_flavor;  // when value is empty
  std::string value_code;
  std::string reference;    // the terminology of value_code, or of the value's format
  std::string group;
};

class Parameters {
 public:
  void add(Parameter parameter) {
    if (parameter.value.empty() && parameter.null_flavor.empty()) parameter.null_flavor = "NI";
    list.push_back(std::move(parameter));
  }

  void add_term(const char* code, const char* name, const std::string& registry_value,
                std::optional<usdm::Term> (*term_of)(const std::string&)) {
    if (auto term = term_of(registry_value)) {
      add({code, name, term->submission, "", term->code, "CDISC CT", ""});
    } else {
      // Stated in words the terminology has no term for: the words, without a code.
      add({code, name, registry_value, "", "", "", ""});
    }
  }

  std::vector<Parameter> list;
};

// "16 Years and older", "18 Years to 75 Years": the ages as ISO 8601 durations.
void add_ages(Parameters& parameters, const std::string& ages) {
  std::smatch match;
  std::string minimum, maximum, maximum_flavor;
  if (std::regex_search(ages, match, std::regex(R"(^(\d+) Years? and older)"))) {
    minimum = "P" + match[1].str() + "Y";
    maximum_flavor = "PINF";
  } else if (std::regex_search(ages, match, std::regex(R"(^(\d+) Years? to (\d+) Years?)"))) {
    minimum = "P" + match[1].str() + "Y";
    maximum = "P" + match[2].str() + "Y";
  }
  parameters.add({"AGEMIN", "Planned Minimum Age of Subjects", minimum, "", "", minimum.empty() ? "" : "ISO 8601", ""});
  parameters.add({"AGEMAX", "Planned Maximum Age of Subjects", maximum, maximum_flavor, "", maximum.empty() ? "" : "ISO 8601", ""});
}

Result<std::vector<Parameter>> parameters_of(const Protocol& protocol) {
  auto facts = usdm::registry_facts(protocol);
  if (!facts.ok()) return facts.error();
  const usdm::RegistryFacts& registry = *facts;
  Parameters parameters;
  parameters.add({"TITLE", "Trial Title", protocol.title, "", "", "", ""});
  parameters.add_term("TPHASE", "Trial Phase Classification", registry.phase, usdm::phase_term);
  std::string study_type = registry.study_type.rfind("Interventional", 0) == 0 ? "INTERVENTIONAL" : registry.study_type;
  parameters.add({"STYPE", "Study Type", study_type, "", study_type == "INTERVENTIONAL" ? usdm::interventional_study_term().code : "",
                  study_type == "INTERVENTIONAL" ? "CDISC CT" : "", ""});
  parameters.add({"INDIC", "Trial Disease/Condition Indication", registry.condition, "", "", "", ""});
  for (const treatment::Drug& drug : protocol.treatment.drugs) {
    parameters.add({"TRT", "Investigational Therapy or Treatment", drug.name, "", "", "", drug.id});
    if (auto route = usdm::route_term(drug.route)) {
      parameters.add({"ROUTE", "Route of Administration", route->submission, "", route->code, "CDISC CT", drug.id});
    }
  }
  if (protocol.treatment.drugs.empty()) parameters.add({"TRT", "Investigational Therapy or Treatment", "", "", "", "", ""});
  std::optional<int64_t> planned = protocol.rules.accrual_target ? std::optional<int64_t>(*protocol.rules.accrual_target) : registry.enrollment;
  parameters.add({"PLANSUB", "Planned Number of Subjects", planned ? std::to_string(*planned) : "", "", "", "", ""});
  parameters.add({"NARMS", "Planned Number of Arms", std::to_string(protocol.periods.size()), "", "", "", ""});
  parameters.add({"REGID", "Registry Identifier", registry.nct_id, "", registry.nct_id,
                  registry.nct_id.empty() ? "" : "ClinicalTrials.gov", ""});
  parameters.add({"SPONSOR", "Clinical Study Sponsor", registry.sponsor, "", "", "", ""});
  parameters.add({"SSTDTC", "Study Start Date", registry.start_date, "", "", registry.start_date.empty() ? "" : "ISO 8601", ""});
  parameters.add_term("SEXPOP", "Sex of Participants", registry.sexes_eligible, usdm::sex_population_term);
  add_ages(parameters, registry.ages_eligible);
  if (!registry.accepts_healthy_volunteers.empty()) {
    bool healthy = registry.accepts_healthy_volunteers.rfind("Yes", 0) == 0;
    usdm::Term term = usdm::yes_no_term(healthy);
    parameters.add({"HLTSUBJI", "Healthy Subject Indicator", term.submission, "", term.code, "CDISC CT", ""});
  }
  if (!registry.allocation.empty()) {
    bool randomized = registry.allocation.rfind("Randomized", 0) == 0;
    usdm::Term term = usdm::yes_no_term(randomized);
    parameters.add({"RANDOM", "Trial is Randomized", term.submission, "", term.code, "CDISC CT", ""});
  } else {
    parameters.add({"RANDOM", "Trial is Randomized", "", "", "", "", ""});
  }
  parameters.add_term("INTMODEL", "Intervention Model", registry.intervention_model, usdm::intervention_model_term);
  parameters.add_term("TBLIND", "Trial Blinding Schema", registry.masking, usdm::blinding_term);
  parameters.add({"OUTMSPRI", "Primary Outcome Measure", registry.outcome_measure, "", "", "", ""});
  return parameters.list;
}

}  // namespace

Result<Dataset> trial_summary(const Protocol& protocol) {
  auto parameters = parameters_of(protocol);
  if (!parameters.ok()) return parameters.error();
  // A value longer than SAS holds goes on in TSVAL1, TSVAL2, ...
  size_t pieces = 1;
  for (const Parameter& parameter : *parameters) pieces = std::max(pieces, split_text(parameter.value, kMaxTextLength).size());
  Dataset dataset = declared_dataset("TS", "Trial Summary",
                                     {"STUDYID", "DOMAIN", "TSSEQ", "TSGRPID", "TSPARMCD", "TSPARM", "TSVAL"},
                                     {{"STUDYID", 1}, {"TSPARMCD", 2}, {"TSSEQ", 3}});
  for (size_t n = 1; n < pieces; ++n) {
    dataset.variables.push_back({"TSVAL" + std::to_string(n), "Parameter Value " + std::to_string(n), VariableType::kText, 0});
  }
  for (const char* name : {"TSVALNF", "TSVALCD", "TSVCDREF", "TSVCDVER"}) {
    dataset.variables.push_back(declared_variable("TS", name));
  }
  std::map<std::string, int64_t> sequence;  // TSSEQ counts the rows of each parameter
  for (const Parameter& parameter : *parameters) {
    RowBuilder row(dataset);
    row.set("STUDYID", protocol.id).set("DOMAIN", "TS").set("TSSEQ", ++sequence[parameter.code]);
    row.set("TSGRPID", parameter.group).set("TSPARMCD", parameter.code).set("TSPARM", parameter.name);
    std::vector<std::string> value = split_text(parameter.value, kMaxTextLength);
    for (size_t n = 0; n < value.size(); ++n) row.set(n == 0 ? "TSVAL" : "TSVAL" + std::to_string(n), value[n]);
    row.set("TSVALNF", parameter.value.empty() ? parameter.null_flavor : "");
    row.set("TSVALCD", parameter.value_code).set("TSVCDREF", parameter.reference);
    row.set("TSVCDVER", parameter.reference == "CDISC CT" ? usdm::kTerminologyVersion : "");
    dataset.rows.push_back(row.row());
  }
  return dataset;
}

}  // namespace trialcore::sdtm

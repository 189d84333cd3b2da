#include "fhir/bundle_export.h"

#include <map>
#include <set>

#include "fhir/bundle_writer.h"
#include "fhir/extensions.h"
#include "fhir/record_resources.h"
#include "treatment/plan.h"

namespace trialcore::fhir {

namespace {

using trial::PatientState;
using trial::PatientStatus;

Json extension(const char* url, const char* kind, Json value) { return {{"url", url}, {kind, std::move(value)}}; }

Json quantity(double value, const std::string& unit) {
  return {{"value", value}, {"unit", unit}, {"system", kUcum}, {"code", unit == "m2" ? "m2" : unit}};
}

// ResearchSubject.status (FHIR R4) of a patient's state.
std::string subject_status(const PatientState& state) {
  switch (state.status) {
    case PatientStatus::kRegistered: return "candidate";
    case PatientStatus::kScreened: {
      std::string eligible = state.screenings.empty() ? "" : state.screenings.back().eligible;
      return eligible == "yes" ? "eligible" : eligible == "no" ? "ineligible" : "screening";
    }
    case PatientStatus::kConsented: return "pending-on-study";
    case PatientStatus::kEnrolled: return "on-study";
    case PatientStatus::kOffStudy: return "off-study";
  }
  return "candidate";
}

Json provenance(const Json& target, const trial::Stamp& stamp, const std::string& activity) {
  Json resource = {{"resourceType", "Provenance"},
                   {"target", Json::array({target})},
                   {"recorded", stamp.recorded_at},
                   {"activity", {{"text", activity}}},
                   {"agent", Json::array({{{"who", {{"display", stamp.actor}}}}})},
                   {"entity", Json::array({{{"role", "source"},
                                            {"what", {{"identifier", {{"system", kEventSystem},
                                                                      {"value", std::to_string(stamp.sequence)}}}}}}})}};
  return resource;
}

// The plan's mg/m2 and BSA behind a dose given, from the course's day 1 and the body
// measured last on or before it; nullopt when the plan cannot be laid out.
struct PlannedFigures {
  double dose_mg_m2 = 0;
  double bsa_m2 = 0;
};

std::optional<PlannedFigures> planned_figures(const Protocol& protocol, const PatientState& state,
                                              const trial::DoseEntry& dose) {
  const treatment::Regimen* regimen = protocol.treatment.regimen(state.period);
  if (!regimen) return std::nullopt;
  std::optional<Date> day1;
  for (const trial::DoseEntry& other : state.doses) {
    if (other.course != dose.course) continue;
    Date candidate = other.date.plus_days(1 - other.day);
    if (other.day == 1) candidate = other.date;
    if (!day1 || candidate < *day1) day1 = candidate;
  }
  std::vector<treatment::BodyMeasurement> body;
  for (const trial::BodyEntry& entry : state.body) body.push_back({entry.date, entry.height_cm, entry.weight_kg});
  treatment::AddOnsFrom add_ons;
  for (const auto& [id, add_on] : state.add_ons) add_ons[id] = add_on.from_course;
  std::vector<std::string> warnings;
  auto course = treatment::plan_course(protocol.treatment, *regimen, dose.course, *day1, body, add_ons, warnings);
  if (!course.ok()) return std::nullopt;
  for (const treatment::PlannedDose& planned : course->doses) {
    if (planned.day == dose.day && planned.drug == dose.drug) return PlannedFigures{planned.dose_mg_m2, course->bsa_m2};
  }
  return std::nullopt;
}

class TrialExport {
 public:
  TrialExport(const Protocol& protocol, const FhirMapping& mapping) : protocol_(protocol), mapping_(mapping) {}

  Result<ExportedBundle> run(const std::vector<PatientState>& patients, int enrolled_in_trial, const std::string& timestamp) {
    if (mapping_.study_status.empty()) return Error{"$.study.status", "the FHIR mapping must state the study's status"};
    Json group_members = Json::array();
    study_ = writer_.add(study_resource(), "study-" + protocol_.id);
    for (const PatientState& state : patients) {
      Json subject = write_patient(state);
      if (state.enrolled()) group_members.push_back({{"entity", subject}});
    }
    Json group = {{"resourceType", "Group"},
                  {"type", "person"},
                  {"actual", true},
                  {"name", "patients enrolled in " + protocol_.id},
                  {"quantity", enrolled_in_trial}};
    if (!group_members.empty()) group["member"] = group_members;
    Json group_reference = writer_.add(std::move(group), "enrolled-" + protocol_.id);
    // The study names its enrollment; written last so the reference exists.
    Json bundle = writer_.bundle(timestamp);
    bundle["entry"][0]["resource"]["enrollment"] = Json::array({group_reference});
    return ExportedBundle{std::move(bundle), std::move(not_exported_)};
  }

 private:
  Json study_resource() const {
    Json study = {{"resourceType", "ResearchStudy"}, {"title", protocol_.title}, {"status", mapping_.study_status}};
    std::string nct = protocol_.registry.is_object() ? protocol_.registry.value("nct_id", "") : "";
    Json identifier = {{"value", nct.empty() ? protocol_.id : nct}};
    if (!mapping_.study_identifier_system.empty()) identifier["system"] = mapping_.study_identifier_system;
    study["identifier"] = Json::array({identifier});
    if (mapping_.study_phase) study["phase"] = codeable({*mapping_.study_phase});
    Json arms = Json::array();
    for (const Period& period : protocol_.periods) {
      Json arm = {{"name", period.id}};
      std::string description = period.title + (period.description.empty() ? "" : ". " + period.description);
      if (!description.empty()) arm["description"] = description;
      arms.push_back(arm);
    }
    if (!arms.empty()) study["arm"] = arms;
    return study;
  }

  Json write_patient(const PatientState& state) {
    const Json& record = state.record;
    std::string key = state.id;
    Json patient = {{"resourceType", "Patient"},
                    {"identifier", Json::array({{{"system", kPatientIdSystem}, {"value", state.id}}})}};
    if (record.contains("birth_date") && record["birth_date"].is_string()) patient["birthDate"] = record["birth_date"];
    if (record.contains("sex") && record["sex"].is_string()) patient["gender"] = record["sex"];
    Json subject = writer_.add(std::move(patient), key);
    write_record_resources(record, protocol_, mapping_, subject, key, writer_, not_exported_);
    write_subject(state, subject);
    for (const trial::ObservationEntry& entry : state.observations) {
      Json resource = observation_resource(entry.entry, mapping_, protocol_, subject);
      if (resource.empty()) {
        not_exported_.push_back(state.id + ": observation " + entry.entry.dump() + " (the FHIR mapping has no code for it)");
        continue;
      }
      writer_.add(std::move(resource), key + "-lab-" + std::to_string(entry.sequence));
    }
    for (const trial::BodyEntry& body : state.body) write_body(body, subject, key);
    for (const trial::DoseEntry& dose : state.doses) write_dose(state, dose, subject, key);
    for (const trial::AssessmentEntry& assessment : state.assessments) write_assessment(state, assessment, subject, key);
    for (const trial::AdverseEventEntry& event : state.adverse_events) write_adverse_event(event, subject, key);
    return subject;
  }

  void write_subject(const PatientState& state, const Json& subject) {
    Json research_subject = {{"resourceType", "ResearchSubject"},
                             {"status", subject_status(state)},
                             {"study", study_},
                             {"individual", subject}};
    if (!state.period.empty()) {
      research_subject["assignedArm"] = state.period;
      research_subject["actualArm"] = state.period;
    }
    Json period = Json::object();
    if (state.enrolled_on) period["start"] = state.enrolled_on->to_string();
    if (state.off_study) period["end"] = state.off_study->date.to_string();
    if (!period.empty()) research_subject["period"] = period;
    if (state.consent_date) {
      Json consent = {{"resourceType", "Consent"},
                      {"status", "active"},
                      {"scope", {{"coding", Json::array({{{"system", "http://terminology.hl7.org/CodeSystem/consentscope"},
                                                          {"code", "research"}}})}}},
                      {"category", Json::array({{{"text", "consent to take part in " + protocol_.id}}})},
                      {"patient", subject},
                      {"dateTime", state.consent_date->to_string()},
                      {"policyRule", {{"text", protocol_.id + " informed consent"}}}};
      research_subject["consent"] = writer_.add(std::move(consent), state.id + "-consent");
    }
    // Waivers of the registered record and those granted later, each once.
    std::set<std::string> seen;
    Json waivers = Json::array();
    auto add_waiver = [&](const std::string& criterion, const std::string& by, const std::string& date,
                          const std::string& reason) {
      if (!seen.insert(criterion + "|" + date).second) return;
      waivers.push_back({{"url", kExtensionWaiver},
                         {"extension", Json::array({extension("criterion", "valueString", criterion),
                                                    extension("by", "valueString", by),
                                                    extension("date", "valueDate", date),
                                                    extension("reason", "valueString", reason)})}});
    };
    for (const Json& waiver : state.record.value("waivers", Json::array())) {
      add_waiver(waiver.value("criterion", ""), waiver.value("by", ""), waiver.value("date", ""), waiver.value("reason", ""));
    }
    for (const trial::WaiverEntry& waiver : state.waivers) {
      add_waiver(waiver.criterion, waiver.by, waiver.date.to_string(), waiver.reason);
    }
    if (!waivers.empty()) research_subject["extension"] = waivers;
    writer_.add(std::move(research_subject), state.id + "-subject");
  }

  void write_body(const trial::BodyEntry& body, const Json& subject, const std::string& key) {
    for (auto [field, value, unit] : {std::tuple{"height", body.height_cm, "cm"}, std::tuple{"weight", body.weight_kg, "kg"}}) {
      const FactMapping* fact = mapping_.fact(field);
      if (!fact) {
        not_exported_.push_back(key + ": " + field + " measured " + body.date.to_string() + " (the FHIR mapping has no code for it)");
        continue;
      }
      Json observation = {{"resourceType", "Observation"}, {"status", "final"}, {"code", codeable(fact->codes)},
                          {"subject", subject}, {"effectiveDateTime", body.date.to_string()},
                          {"valueQuantity", ucum_quantity(value, unit, fact->units)}};
      writer_.add(std::move(observation), key + "-" + field + "-" + std::to_string(body.sequence));
    }
  }

  void write_dose(const PatientState& state, const trial::DoseEntry& dose, const Json& subject, const std::string& key) {
    const treatment::Drug* drug = protocol_.treatment.drug(dose.drug);
    std::string name = drug ? drug->name : dose.drug;
    std::optional<PlannedFigures> planned = planned_figures(protocol_, state, dose);
    std::string text = "course " + std::to_string(dose.course) + " day " + std::to_string(dose.day) + ": " +
                       expr::format_number(dose.dose_mg) + " mg given, " + expr::format_number(dose.planned_mg) +
                       " mg planned";
    if (planned) {
      text += " (" + expr::format_number(planned->dose_mg_m2) + " mg/m2 x " + expr::format_number(planned->bsa_m2) + " m2)";
    }
    if (dose.start_time) text += ", started " + *dose.start_time;
    if (dose.infusion_minutes) text += ", infused over " + expr::format_number(*dose.infusion_minutes) + " minutes";
    Json dosage = {{"text", text}, {"dose", quantity(dose.dose_mg, "mg")}};
    if (drug && !drug->route.empty()) dosage["route"] = {{"text", drug->route}};
    Json extensions = Json::array({extension(kExtensionCourse, "valueInteger", dose.course),
                                   extension(kExtensionDay, "valueInteger", dose.day),
                                   extension(kExtensionPlannedDose, "valueQuantity", quantity(dose.planned_mg, "mg"))});
    if (planned) {
      extensions.push_back(extension(kExtensionDosePerArea, "valueQuantity", quantity(planned->dose_mg_m2, "mg/m2")));
      extensions.push_back(extension(kExtensionBodySurfaceArea, "valueQuantity", quantity(planned->bsa_m2, "m2")));
    }
    Json administration = {{"resourceType", "MedicationAdministration"},
                           {"extension", extensions},
                           {"status", "completed"},
                           {"medicationCodeableConcept", {{"text", name}}},
                           {"subject", subject},
                           {"effectiveDateTime", dose.date.to_string()},
                           {"dosage", dosage}};
    if (!dose.deviations.empty()) {
      Json notes = Json::array();
      for (const trial::DeviationNote& deviation : dose.deviations) notes.push_back({{"text", deviation.kind + ": " + deviation.message}});
      administration["note"] = notes;
    }
    Json target = writer_.add(std::move(administration), key + "-dose-" + std::to_string(dose.stamp.sequence));
    if (dose.stamp.recorded_at.empty()) return;
    Json record = provenance(target, dose.stamp, "dose given");
    for (const trial::VerificationEntry& verification : state.verifications) {
      if (verification.course == dose.course && verification.day == dose.day && verification.drug == dose.drug &&
          !verification.stamp.actor.empty()) {
        record["agent"].push_back({{"type", {{"text", "verified the dose before it was given"}}},
                                   {"who", {{"display", verification.stamp.actor}}}});
      }
    }
    writer_.add(std::move(record), key + "-provenance-" + std::to_string(dose.stamp.sequence));
  }

  void write_assessment(const PatientState& state, const trial::AssessmentEntry& assessment, const Json& subject,
                        const std::string& key) {
    if (mapping_.response_codes.empty()) {
      not_exported_.push_back(key + ": response assessment of course " + std::to_string(assessment.course) +
                              " (the FHIR mapping has no response code)");
      return;
    }
    std::string category = assessment.category;
    std::string note = assessment.reason;
    for (const trial::AdjudicationEntry& adjudication : state.adjudications) {
      if (adjudication.course != assessment.course) continue;
      note = "adjudicated " + adjudication.category + " by " + adjudication.actor + ": " + adjudication.reason +
             " (computed " + assessment.category + ": " + assessment.reason + ")";
      category = adjudication.category;
    }
    Json components = Json::array();
    for (auto it = assessment.assessment.begin(); it != assessment.assessment.end(); ++it) {
      const ObservationMapping* mapped = mapping_.observation(it.key());
      const patient::ObservationSpec* spec = patient::find_observation(protocol_.record_format.observations, it.key());
      if (mapped && spec && it->is_number()) {
        components.push_back({{"code", codeable(mapped->codes)},
                              {"valueQuantity", ucum_quantity(it->get<double>(), spec->unit, mapped->units)}});
      } else if (it->is_number()) {
        components.push_back({{"code", {{"text", it.key()}}}, {"valueQuantity", {{"value", *it}}}});
      } else if (it->is_string()) {
        components.push_back({{"code", {{"text", it.key()}}}, {"valueString", *it}});
      }
    }
    Json observation = {{"resourceType", "Observation"},
                        {"extension", Json::array({extension(kExtensionCourse, "valueInteger", assessment.course)})},
                        {"status", "final"},
                        {"code", codeable(mapping_.response_codes)},
                        {"subject", subject},
                        {"effectiveDateTime", assessment.date.to_string()},
                        {"valueCodeableConcept", {{"coding", Json::array({{{"system", mapping_.local_system},
                                                                            {"code", category}}})},
                                                  {"text", category}}}};
    if (!note.empty()) observation["note"] = Json::array({{{"text", note}}});
    if (!components.empty()) observation["component"] = components;
    Json target = writer_.add(std::move(observation), key + "-response-" + std::to_string(assessment.stamp.sequence));
    if (assessment.stamp.recorded_at.empty()) return;
    writer_.add(provenance(target, assessment.stamp, "marrow assessment recorded"),
                key + "-provenance-" + std::to_string(assessment.stamp.sequence));
  }

  // An adverse event (FHIR R4 AdverseEvent): its term as text, CTCAE's grade in an extension
  // and as FHIR's severity (1 mild, 2 moderate, 3-5 severe), seriousness with its criteria,
  // outcome, each drug's attribution as a suspect entity and the action taken with it.
  void write_adverse_event(const trial::AdverseEventEntry& event, const Json& subject, const std::string& key) {
    static const std::map<std::string, std::string> kOutcomes = {
        {"recovered", "resolved"},   {"recovered-with-sequelae", "resolvedWithSequelae"}, {"recovering", "recovering"},
        {"not-recovered", "ongoing"}, {"fatal", "fatal"},                                  {"unknown", "unknown"}};
    std::string severity = event.grade <= 1 ? "mild" : event.grade == 2 ? "moderate" : "severe";
    Json extensions = Json::array({extension(kExtensionGrade, "valueInteger", event.grade)});
    for (const std::string& criterion : event.serious) extensions.push_back(extension(kExtensionSeriousCriterion, "valueString", criterion));
    for (const auto& [drug, action] : event.action) {
      extensions.push_back({{"url", kExtensionActionTaken},
                            {"extension", Json::array({extension("drug", "valueString", drug), extension("action", "valueString", action)})}});
    }
    if (event.end) extensions.push_back(extension(kExtensionResolved, "valueDate", event.end->to_string()));
    std::string name = event.specify.empty() ? event.term : event.term + ": " + event.specify;
    Json resource = {{"resourceType", "AdverseEvent"},
                     {"extension", extensions},
                     {"identifier", {{"system", kEventSystem}, {"value", std::to_string(event.stamp.sequence)}}},
                     {"actuality", "actual"},
                     {"event", {{"text", name}}},
                     {"subject", subject},
                     {"date", event.start.to_string()},
                     {"seriousness", {{"coding", Json::array({{{"system", "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness"},
                                                              {"code", event.is_serious() ? "serious" : "non-serious"}}})}}},
                     {"severity", {{"coding", Json::array({{{"system", "http://terminology.hl7.org/CodeSystem/adverse-event-severity"},
                                                           {"code", severity}}})},
                                   {"text", protocol_.safety.scale + " grade " + std::to_string(event.grade)}}},
                     {"study", Json::array({study_})}};
    if (auto outcome = kOutcomes.find(event.outcome); outcome != kOutcomes.end()) {
      resource["outcome"] = {{"coding", Json::array({{{"system", "http://terminology.hl7.org/CodeSystem/adverse-event-outcome"},
                                                     {"code", outcome->second}}})}};
    }
    if (!event.stamp.recorded_at.empty()) resource["recordedDate"] = event.stamp.recorded_at;
    if (!event.stamp.actor.empty()) resource["recorder"] = {{"display", event.stamp.actor}};
    Json suspects = Json::array();
    for (const auto& [drug, attribution] : event.attribution) {
      const treatment::Drug* known = protocol_.treatment.drug(drug);
      Json causality = {{"assessment", {{"text", attribution}}}};
      if (event.signature) causality["author"] = {{"display", event.signature->by}};
      suspects.push_back({{"instance", {{"display", known ? known->name : drug}}}, {"causality", Json::array({causality})}});
    }
    if (!suspects.empty()) resource["suspectEntity"] = suspects;
    Json target = writer_.add(std::move(resource), key + "-adverse-event-" + std::to_string(event.stamp.sequence));
    if (event.stamp.recorded_at.empty()) return;
    writer_.add(provenance(target, event.stamp, "adverse event recorded"),
                key + "-provenance-" + std::to_string(event.stamp.sequence));
  }

  const Protocol& protocol_;
  const FhirMapping& mapping_;
  BundleWriter writer_;
  Json study_;
  std::vector<std::string> not_exported_;
};

}  // namespace

Result<ExportedBundle> export_bundle(const Protocol& protocol, const FhirMapping& mapping,
                                     const std::vector<trial::PatientState>& patients, int enrolled_in_trial,
                                     const std::string& timestamp) {
  return TrialExport(protocol, mapping).run(patients, enrolled_in_trial, timestamp);
}

Result<ExportedBundle> export_record_bundle(const Protocol& protocol, const FhirMapping& mapping,
                                            std::vector<trial::PatientState> states, const std::string& only,
                                            const std::string& timestamp) {
  int enrolled = 0;
  std::vector<trial::PatientState> chosen;
  for (trial::PatientState& state : states) {
    enrolled += state.enrolled() ? 1 : 0;
    if (only.empty() || state.id == only) chosen.push_back(std::move(state));
  }
  if (!only.empty() && chosen.empty()) {
    return Error{"patient", "no patient '" + only + "' on the trial's record", ErrorKind::kNotFound};
  }
  return export_bundle(protocol, mapping, chosen, enrolled, timestamp);
}

}  // namespace trialcore::fhir

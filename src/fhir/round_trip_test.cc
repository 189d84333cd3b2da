// A registered record written as FHIR and read back screens the same, for every patient
// of tests/data/cases/screen; and every Bundle written holds what docs/fhir.md says.
// With TRIALCORE_FHIR_EXAMPLES=DIR, the Bundles are also written there for the FHIR R4 JSON
// schema check (tests/fhir).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "eligibility/screening.h"
#include "fhir/bundle_export.h"
#include "fhir/bundle_import.h"
#include "patient/patient_record.h"

namespace trialcore::fhir {
namespace {

namespace fs = std::filesystem;

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Loaded {
  Protocol protocol;
  FhirMapping mapping;
};

const Loaded& protocol_for(const std::string& file) {
  static std::map<std::string, Loaded> loaded;
  auto found = loaded.find(file);
  if (found != loaded.end()) return found->second;
  Loaded entry;
  if (file.empty()) {
    entry.protocol = *load_builtin_protocol();
    entry.mapping = *load_builtin_fhir_mapping(entry.protocol);
  } else {
    entry.protocol = *load_protocol(read_whole(file), file);
    std::string mapping_file = file.substr(0, file.size() - 5) + ".fhir.json";
    auto mapping = load_fhir_mapping(read_whole(mapping_file), mapping_file, entry.protocol);
    EXPECT_TRUE(mapping.ok()) << mapping.error().to_string();
    entry.mapping = *mapping;
  }
  return loaded.emplace(file, std::move(entry)).first->second;
}

void write_example(const std::string& name, const Json& bundle) {
  const char* directory = std::getenv("TRIALCORE_FHIR_EXAMPLES");
  if (!directory) return;
  fs::create_directories(directory);
  std::ofstream(fs::path(directory) / (name + ".json")) << bundle.dump(1);
}

Json screened(const Protocol& protocol, const Json& record, Date date, double adults_treated) {
  auto parsed = patient::read_patient_record(record, protocol.record_format, "$");
  EXPECT_TRUE(parsed.ok()) << parsed.error().to_string();
  TrialFactValues trial_facts;
  if (protocol.library->schema().find_trial_fact("adults_treated") >= 0) {
    trial_facts["adults_treated"] = expr::Value::Number(adults_treated);
  }
  auto screening = screen(protocol, parsed->record, date, trial_facts);
  EXPECT_TRUE(screening.ok());
  Json answer = {{"eligible", eligibility_name(screening->eligible)}};
  for (const CriterionScreening& criterion : screening->criteria) {
    answer["criteria"].push_back({{"id", criterion.id}, {"result", result_name(criterion.result)}, {"missing", criterion.missing}});
  }
  return answer;
}

TEST(FhirRoundTrip, EveryScreeningCaseScreensTheSameAfterExportAndImport) {
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(TRIALCORE_SOURCE_DIR) / "tests/data/cases/screen")) {
    Json spec = Json::parse(read_whole(entry.path()));
    if (spec.value("exit", 0) != 0 || !spec.contains("files") || !spec["files"].contains("patient.json") ||
        !spec["files"]["patient.json"].is_object()) {
      continue;
    }
    std::string name = entry.path().stem().string();
    SCOPED_TRACE(name);
    std::vector<std::string> args = spec["args"].get<std::vector<std::string>>();
    std::string protocol_file, date_text;
    double adults_treated = 0;
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      if (args[i] == "--date") date_text = args[i + 1];
      if (args[i] == "--adults-treated") adults_treated = std::stod(args[i + 1]);
      if (args[i] == "--protocol") protocol_file = std::string(TRIALCORE_SOURCE_DIR) + args[i + 1].substr(7);
    }
    const Loaded& loaded = protocol_for(protocol_file);
    Date date = *Date::Parse(date_text);
    trial::PatientState state;
    state.record = spec["files"]["patient.json"];
    state.id = state.record["id"].get<std::string>();
    auto exported = export_bundle(loaded.protocol, loaded.mapping, {state}, 0, "2026-12-01T10:00:00Z");
    ASSERT_TRUE(exported.ok()) << exported.error().to_string();
    EXPECT_TRUE(exported->not_exported.empty()) << exported->not_exported.front();
    write_example("record-" + name, exported->bundle);
    auto imported = import_bundle(exported->bundle, loaded.protocol, loaded.mapping);
    ASSERT_TRUE(imported.ok()) << imported.error().to_string();
    for (const Unmapped& unmapped : imported->unmapped) {
      EXPECT_TRUE(unmapped.resource_type == "ResearchStudy" || unmapped.resource_type == "Group" ||
                  unmapped.resource_type == "ResearchSubject")
          << unmapped.path << " " << unmapped.resource_type << ": " << unmapped.reason;
    }
    EXPECT_EQ(screened(loaded.protocol, imported->record, date, adults_treated),
              screened(loaded.protocol, state.record, date, adults_treated))
        << imported->record.dump(1);
    ++compared;
  }
  EXPECT_GE(compared, 40);
}

trial::Stamp stamp(int64_t sequence, const std::string& actor) { return {sequence, actor, "2010-07-05T14:00:00Z"}; }

TEST(FhirExport, AnEnrolledPatientsDosesAssessmentsAndProvenance) {
  const Loaded& loaded = protocol_for("");
  trial::PatientState state;
  state.id = "MDA-0001";
  state.record = {{"id", "MDA-0001"}, {"birth_date", "1975-03-14"}, {"sex", "female"}, {"diagnosis", "B-ALL"}};
  state.status = trial::PatientStatus::kEnrolled;
  state.consent_date = Date(2010, 7, 2);
  state.enrolled_on = Date(2010, 7, 5);
  state.period = "period-1";
  state.body.push_back({7, Date(2010, 7, 1), 165, 62});
  state.observations.push_back({8, "bilirubin", Date(2010, 7, 3),
                                {{"code", "bilirubin"}, {"value", 0.9}, {"unit", "mg/dL"}, {"date", "2010-07-03"}}});
  state.verifications.push_back({stamp(10, "pharm.paul"), 1, 1, "inotuzumab", 2.19, 2.19, 1.68, Date(2010, 7, 1)});
  trial::DoseEntry dose;
  dose.stamp = stamp(11, "nurse.ann");
  dose.course = 1;
  dose.day = 1;
  dose.drug = "inotuzumab";
  dose.date = Date(2010, 7, 5);
  dose.dose_mg = 2.19;
  dose.planned_mg = 2.19;
  dose.infusion_minutes = 60;
  state.doses.push_back(dose);
  trial::AssessmentEntry assessment;
  assessment.stamp = stamp(12, "nurse.ann");
  assessment.course = 1;
  assessment.date = Date(2010, 8, 1);
  assessment.assessment = {{"anc", 1.5}, {"platelets", 120}, {"marrow_blasts", 2}, {"extramedullary", "absent"}};
  assessment.category = "CR";
  assessment.reason = "all criteria of CR";
  state.assessments.push_back(assessment);

  auto exported = export_bundle(loaded.protocol, loaded.mapping, {state}, 1, "2026-12-01T10:00:00Z");
  ASSERT_TRUE(exported.ok()) << exported.error().to_string();
  const Json& bundle = exported->bundle;
  write_example("enrolled-patient", bundle);
  std::map<std::string, std::vector<Json>> by_type;
  for (const Json& entry : bundle["entry"]) by_type[entry["resource"]["resourceType"]].push_back(entry["resource"]);

  const Json& study = by_type["ResearchStudy"].at(0);
  EXPECT_EQ(study["identifier"][0]["value"], "NCT01134575");
  EXPECT_EQ(study["phase"]["coding"][0]["code"], "phase-2");
  EXPECT_EQ(study["status"], "completed");
  EXPECT_EQ(study["arm"].size(), 3u);
  EXPECT_EQ(by_type["Group"].at(0)["quantity"], 1);
  EXPECT_EQ(study["enrollment"][0]["reference"], bundle["entry"].back()["fullUrl"]);

  const Json& subject = by_type["ResearchSubject"].at(0);
  EXPECT_EQ(subject["status"], "on-study");
  EXPECT_EQ(subject["assignedArm"], "period-1");
  EXPECT_EQ(subject["period"]["start"], "2010-07-05");
  EXPECT_EQ(by_type["Consent"].at(0)["dateTime"], "2010-07-02");

  const Json& administration = by_type["MedicationAdministration"].at(0);
  EXPECT_EQ(administration["dosage"]["dose"]["value"], 2.19);
  EXPECT_EQ(administration["dosage"]["dose"]["code"], "mg");
  EXPECT_EQ(administration["medicationCodeableConcept"]["text"], "inotuzumab ozogamicin (CMC-544)");
  std::map<std::string, Json> extensions;
  for (const Json& extension : administration["extension"]) extensions[extension["url"]] = extension;
  EXPECT_EQ(extensions["urn:trialcore:extension:course"]["valueInteger"], 1);
  EXPECT_EQ(extensions["urn:trialcore:extension:day"]["valueInteger"], 1);
  EXPECT_EQ(extensions["urn:trialcore:extension:dose-per-area"]["valueQuantity"]["value"], 1.3) << "period 1, course 1";
  // Mosteller: sqrt(165 x 62 / 3600) = 1.6857...
  EXPECT_NEAR(extensions["urn:trialcore:extension:body-surface-area"]["valueQuantity"]["value"].get<double>(), 1.6857, 1e-4);

  int labs = 0, heights = 0, responses = 0;
  for (const Json& observation : by_type["Observation"]) {
    std::string code = observation["code"]["coding"][0]["code"];
    labs += code == "1975-2";
    heights += code == "8302-2";
    if (code == "response") {
      ++responses;
      EXPECT_EQ(observation["valueCodeableConcept"]["text"], "CR");
      EXPECT_EQ(observation["component"].size(), 4u);
    }
  }
  EXPECT_EQ(labs, 1);
  EXPECT_EQ(heights, 1);
  EXPECT_EQ(responses, 1);

  ASSERT_EQ(by_type["Provenance"].size(), 2u);
  const Json& dose_provenance = by_type["Provenance"][0];
  EXPECT_EQ(dose_provenance["recorded"], "2010-07-05T14:00:00Z");
  EXPECT_EQ(dose_provenance["agent"][0]["who"]["display"], "nurse.ann");
  EXPECT_EQ(dose_provenance["agent"][1]["who"]["display"], "pharm.paul");
  EXPECT_EQ(dose_provenance["entity"][0]["what"]["identifier"]["value"], "11");
  EXPECT_EQ(dose_provenance["target"][0]["reference"], [&] {
    for (const Json& entry : bundle["entry"]) {
      if (entry["resource"]["resourceType"] == "MedicationAdministration") return entry["fullUrl"];
    }
    return Json();
  }());

  // The trial's own doses and assessments are not read back as prior therapies or labs.
  auto imported = import_bundle(bundle, loaded.protocol, loaded.mapping);
  ASSERT_TRUE(imported.ok()) << imported.error().to_string();
  EXPECT_FALSE(imported->record.contains("therapies"));
  EXPECT_EQ(imported->record["observations"].size(), 1u);
  EXPECT_EQ(imported->record["height"], Json({{"value", 165.0}, {"unit", "cm"}}));
}


TEST(FhirExport, AnAdverseEventSeriousAndSigned) {
  const Loaded& loaded = protocol_for("");
  trial::PatientState state;
  state.id = "MDA-0001";
  state.record = {{"id", "MDA-0001"}, {"birth_date", "1975-03-14"}, {"sex", "female"}};
  state.status = trial::PatientStatus::kEnrolled;
  state.enrolled_on = Date(2010, 7, 5);
  state.period = "period-1";
  trial::AdverseEventEntry event;
  event.stamp = stamp(20, "dr.lee");
  event.term = "Hepatobiliary disorders - Other, specify";
  event.specify = "veno-occlusive disease";
  event.grade = event.worst_grade = 4;
  event.start = Date(2010, 7, 20);
  event.end = Date(2010, 8, 30);
  event.serious = {"hospitalization", "life-threatening"};
  event.attribution = {{"inotuzumab", "probable"}};
  event.action = {{"inotuzumab", "drug-withdrawn"}};
  event.outcome = "recovered";
  event.signature = trial::Signature{"dr.lee", "investigator", "2010-07-20T12:00:00Z"};
  state.adverse_events.push_back(event);

  auto exported = export_bundle(loaded.protocol, loaded.mapping, {state}, 1, "2026-12-01T10:00:00Z");
  ASSERT_TRUE(exported.ok()) << exported.error().to_string();
  write_example("adverse-event", exported->bundle);
  std::vector<Json> events, provenance;
  for (const Json& entry : exported->bundle["entry"]) {
    if (entry["resource"]["resourceType"] == "AdverseEvent") events.push_back(entry["resource"]);
    if (entry["resource"]["resourceType"] == "Provenance") provenance.push_back(entry["resource"]);
  }
  ASSERT_EQ(events.size(), 1u);
  const Json& resource = events[0];
  EXPECT_EQ(resource["actuality"], "actual");
  EXPECT_EQ(resource["event"]["text"], "Hepatobiliary disorders - Other, specify: veno-occlusive disease");
  EXPECT_EQ(resource["date"], "2010-07-20");
  EXPECT_EQ(resource["seriousness"]["coding"][0]["code"], "serious");
  EXPECT_EQ(resource["severity"]["coding"][0]["code"], "severe");
  EXPECT_EQ(resource["outcome"]["coding"][0]["code"], "resolved");
  EXPECT_EQ(resource["suspectEntity"][0]["instance"]["display"], "inotuzumab ozogamicin (CMC-544)");
  EXPECT_EQ(resource["suspectEntity"][0]["causality"][0]["assessment"]["text"], "probable");
  EXPECT_EQ(resource["suspectEntity"][0]["causality"][0]["author"]["display"], "dr.lee");
  std::map<std::string, std::vector<Json>> extensions;
  for (const Json& extension : resource["extension"]) extensions[extension["url"]].push_back(extension);
  EXPECT_EQ(extensions["urn:trialcore:extension:grade"].at(0)["valueInteger"], 4);
  EXPECT_EQ(extensions["urn:trialcore:extension:serious-criterion"].size(), 2u);
  EXPECT_EQ(extensions["urn:trialcore:extension:resolved"].at(0)["valueDate"], "2010-08-30");
  EXPECT_EQ(extensions["urn:trialcore:extension:action-taken"].at(0)["extension"][1]["valueString"], "drug-withdrawn");
  ASSERT_EQ(provenance.size(), 1u);
  EXPECT_EQ(provenance[0]["agent"][0]["who"]["display"], "dr.lee");
}

}  // namespace
}  // namespace trialcore::fhir

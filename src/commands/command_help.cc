#include "commands/command_help.h"

#include <vector>

namespace trialcore::commands {

namespace {

const std::vector<CommandHelp>& helps() {
  static const std::vector<CommandHelp> all = {
    {"assess",
     "Classify a response assessment (CR, CRi, PR, NR, NE)",
     "Categories are tried in the protocol's precedence order; the first that holds is the\n"
     "response. A missing option means missing data: when a category cannot be decided the\n"
     "answer is not evaluable (NE) and says what to obtain."},
    {"check-doses",
     "Check administered doses against the protocol's plan",
     "PLAN_INPUT: {\"period\", \"start\", \"courses\", \"body\": [{\"date\", \"height\", \"weight\"}],\n"
     "\"add_ons\": {\"<add-on>\": first course}}. ADMINISTRATIONS: {\"administrations\": [{\"course\",\n"
     "\"day\", \"drug\", \"date\", \"start_time\": \"HH:MM\", \"dose_mg\", \"infusion_minutes\"}]}; course\n"
     "and day are optional. Each course is laid out from its actual day 1. Deviations: out-of-window,\n"
     "early-course-start, dose-off, wrong-order, infusion-too-short, infusion-too-long,\n"
     "beyond-max-courses, missed-dose, not-in-plan. A later course start is a delay, not a deviation.\n"
     "See docs/treatment.md."},
    {"export-sdtm",
     "Write the trial's record as SDTM datasets (Dataset-JSON 1.1, SAS transport v5)",
     "Trial design (TA, TE, TV, TI, TS) from the protocol; subjects (DM, DS, IE, EX, LB, RS, DV, SUPP--) from the record. "
     "A dataset without records is not written."},
    {"import-fhir",
     "Read a FHIR R4 Bundle of one patient into a patient record",
     "Prints the patient record (docs/formats.md) that `screen` and `register` read, and on stderr\n"
     "what could not be mapped: a resource or code the protocol's FHIR mapping does not know is\n"
     "listed, never dropped. A fact the Bundle lacks stays unknown. A unit that cannot be converted,\n"
     "a malformed Bundle or a value the record refuses is an error naming the resource\n"
     "(Bundle.entry[3].resource.valueQuantity.unit): exit 2, nothing printed. docs/fhir.md has the mapping."},
    {"export-fhir",
     "Write the trial's record as a FHIR R4 Bundle",
     "The Bundle (type collection) holds the ResearchStudy, and for each patient the Patient, the\n"
     "registered record's facts, the ResearchSubject, every dose as a MedicationAdministration, labs,\n"
     "height, weight and response assessments as Observations, and the Provenance of recorded events.\n"
     "A fact the mapping cannot write is named on stderr. docs/fhir.md has the mapping."},
    {"monitor",
     "Bayesian futility monitoring of a single-arm trial (Thall, Simon & Estey 1995): the stopping boundaries at each "
     "look and the rule's operating characteristics",
     "The trial stops for futility at a look when Pr(p_E > p_S + delta | data) < threshold, with p_S ~ "
     "Beta(standard-a, standard-b) and p_E ~ Beta(experimental-a + x, experimental-b + n - x) after x responses in n "
     "patients. Each parameter not given comes from the protocol's monitoring section, else from general defaults "
     "(docs/statistics.md)."},
    {"plan",
     "Lay out the dated doses of a treatment (BSA-based)",
     "Courses start at the period's nominal interval. Each course's doses come from the\n"
     "height and weight measured last on or before its day 1 (--body gives dated ones).\n"
     "Doses: level (mg/m2) x BSA at full precision, rounded as the protocol says."},
    {"prescreen",
     "Pre-screen every person of an OMOP database against the criteria",
     "Each person is likely-eligible (nothing fails; what is unknown is asked at the visit),\n"
     "excluded (the criteria that fail) or unknown (the facts the warehouse lacks), with the\n"
     "attrition funnel in protocol order. The protocol's OMOP mapping says where each fact is\n"
     "(docs/prescreen.md). --shard K/N screens the persons whose person_id % N = K: funnels of\n"
     "the shards add up to the whole."},
    {"synth-omop",
     "Write a deterministic synthetic OMOP population for pre-screening",
     "The population follows the protocol's OMOP mapping and a profile of prevalences and hard\n"
     "cases (protocols/<id>.synthetic.json; the built-in protocol's are built in). The same\n"
     "--persons and --seed give the same rows. The database must not hold OMOP tables yet."},
    {"protocol",
     "Print, check or explain the protocol the engine runs",
     "Without options, prints the protocol file (the built-in one unless --protocol is given)."},
    {"report",
     "The primary endpoint: response rates with exact 95% intervals, accrual, survival",
     "Per period and overall, and by the protocol's subgroups (salvage 1, 2, >= 3): treated\n"
     "(any dose given: intent to treat), best response over courses 1-8, responders, the rate\n"
     "with its exact Clopper-Pearson 95% interval; accrual and targets; overall survival from\n"
     "enrollment (Kaplan-Meier median, Brookmeyer-Crowley 95% interval). From the trial's record\n"
     "(--store), or from --input FILE (docs/report.md)."},
    {"safety-report",
     "Adverse events per period and overall: terms by worst grade, serious, related, deaths, veno-occlusive disease after "
     "transplant",
     "Patients treated (any dose) are at risk; each term counts the patients who had it by their worst\n"
     "grade (1-2, 3, 4, 5), from the first dose on. Terms the protocol expects and does not report are\n"
     "shown marked. Serious events, events related to a drug (possible, probable, definite), deaths on\n"
     "study, and the rate of veno-occlusive disease among patients transplanted after the trial with its\n"
     "exact 95% interval (docs/adverse-events.md)."},
    {"screen",
     "Screen a patient record against the eligibility criteria",
     "Every criterion is reported once, in protocol order: pass, fail, unknown (with what to\n"
     "obtain), not-applicable or waived. The patient is eligible (yes) only when none fails\n"
     "and none is unknown. Data dated after --date are not used."},
    {"serve",
     "Serve the HTTP API and the coordinators' web page",
     "Starts on the store (default ./trial.db), creating it and, on first start, the first\n"
     "administrator 'admin' with a one-time password printed once. Logs go to stderr as JSON\n"
     "lines without patient data. SIGTERM stops it after the requests in flight. Every option\n"
     "may come from the environment (TRIALCORE_STORE, TRIALCORE_PORT, ...). See docs/operations.md."},
    {"status",
     "The trial's patients now, or one patient in detail",
     ""},
    {"calendar",
     "A patient's doses: given, late, missed, due, upcoming, with deviations",
     ""},
    {"history",
     "A patient's events, oldest first: who, when, what, why",
     ""},
    {"verify",
     "Check the record: every hash, the chain, and the projections against the log",
     "Prints the head (SEQUENCE:HASH of the last event): keep it elsewhere. The chain alone\n"
     "cannot show events cut off its end or a log rewritten with every hash recomputed;\n"
     "--expect-head can (docs/store.md). Exit status 0 when the record is whole, 1 when it\n"
     "names the first bad event or projection, or the log does not reach or match the head."},
    {"rebuild-projections",
     "Replace the current state by the one the log implies",
     ""},
    {"backup",
     "Copy the whole SQLite record into a new file, consistently, while it is in use",
     ""},
    {"export-log",
     "Write the whole log, one JSON object an event, hashes included, then its head",
     "The last line is {\"head\": {\"sequence\", \"hash\"}}: the last event exported (docs/store.md)."},
  };
  return all;
}

}  // namespace

const CommandHelp& command_help(std::string_view name) {
  static const CommandHelp none;
  for (const CommandHelp& help : helps()) {
    if (help.name == name) return help;
  }
  return none;
}

}  // namespace trialcore::commands

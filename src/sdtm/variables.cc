#include "sdtm/variables.h"

#include <stdexcept>

namespace trialcore::sdtm {

namespace {

struct Declared {
  const char* name;
  const char* label;
  VariableType type;
};

constexpr VariableType kText = VariableType::kText;
constexpr VariableType kDate = VariableType::kIsoDateTime;
constexpr VariableType kInteger = VariableType::kInteger;
constexpr VariableType kFloat = VariableType::kFloat;

// SDTMIG 3.4's labels, abbreviated where SDTMIG abbreviates them to fit 40 characters.
constexpr Declared kVariables[] = {
    // Identifiers, and the variables whose label is the same in every domain.
    {"STUDYID", "Study Identifier", kText},
    {"DOMAIN", "Domain Abbreviation", kText},
    {"USUBJID", "Unique Subject Identifier", kText},
    {"--SEQ", "Sequence Number", kInteger},
    {"--SPID", "Sponsor-Defined Identifier", kText},
    {"--ORRES", "Result or Finding in Original Units", kText},
    {"--STRESC", "Character Result/Finding in Std Format", kText},
    {"EPOCH", "Epoch", kText},
    {"ARMCD", "Planned Arm Code", kText},
    {"ARM", "Description of Planned Arm", kText},
    {"ETCD", "Element Code", kText},
    {"ELEMENT", "Description of Element", kText},
    {"VISITNUM", "Visit Number", kInteger},
    {"VISIT", "Visit Name", kText},
    {"IETESTCD", "Inclusion/Exclusion Criterion Short Name", kText},
    {"IETEST", "Inclusion/Exclusion Criterion", kText},
    {"IECAT", "Inclusion/Exclusion Category", kText},
    // DM
    {"SUBJID", "Subject Identifier for the Study", kText},
    {"RFSTDTC", "Subject Reference Start Date/Time", kDate},
    {"RFENDTC", "Subject Reference End Date/Time", kDate},
    {"RFXSTDTC", "Date/Time of First Study Treatment", kDate},
    {"RFXENDTC", "Date/Time of Last Study Treatment", kDate},
    {"RFICDTC", "Date/Time of Informed Consent", kDate},
    {"RFPENDTC", "Date/Time of End of Participation", kDate},
    {"DTHDTC", "Date/Time of Death", kDate},
    {"DTHFL", "Subject Death Flag", kText},
    {"SITEID", "Study Site Identifier", kText},
    {"BRTHDTC", "Date/Time of Birth", kDate},
    {"AGE", "Age", kInteger},
    {"AGEU", "Age Units", kText},
    {"SEX", "Sex", kText},
    {"RACE", "Race", kText},
    {"ETHNIC", "Ethnicity", kText},
    {"ACTARMCD", "Actual Arm Code", kText},
    {"ACTARM", "Description of Actual Arm", kText},
    {"ARMNRS", "Reason Arm and/or Actual Arm is Null", kText},
    {"ACTARMUD", "Description of Unplanned Actual Arm", kText},
    {"COUNTRY", "Country", kText},
    // EX
    {"EXTRT", "Name of Treatment", kText},
    {"EXDOSE", "Dose", kFloat},
    {"EXDOSU", "Dose Units", kText},
    {"EXDOSFRM", "Dose Form", kText},
    {"EXROUTE", "Route of Administration", kText},
    {"EXADJ", "Reason for Dose Adjustment", kText},
    {"EXSTDTC", "Start Date/Time of Treatment", kDate},
    {"EXENDTC", "End Date/Time of Treatment", kDate},
    {"EXSTDY", "Study Day of Start of Treatment", kInteger},
    {"EXENDY", "Study Day of End of Treatment", kInteger},
    {"EXDUR", "Duration of Treatment", kText},
    // LB
    {"LBTESTCD", "Lab Test or Examination Short Name.", kText},
    {"LBTEST", "Lab Test or Examination Name", kText},
    {"LBCAT", "Category for Lab Test", kText},
    {"LBORRESU", "Original Units", kText},
    {"LBORNRHI", "Reference Range Upper Limit in Orig Unit", kText},
    {"LBSTRESN", "Numeric Result/Finding in Standard Units", kFloat},
    {"LBSTRESU", "Standard Units", kText},
    {"LBSTNRHI", "Reference Range Upper Limit-Std Units", kFloat},
    {"LBSPEC", "Specimen Type", kText},
    {"LBLOINC", "LOINC Code", kText},
    {"LBDTC", "Date/Time of Specimen Collection", kDate},
    {"LBDY", "Study Day of Specimen Collection", kInteger},
    // RS
    {"RSTESTCD", "Assessment Short Name", kText},
    {"RSTEST", "Assessment Name", kText},
    {"RSCAT", "Category for Assessment", kText},
    {"RSDRVFL", "Derived Flag", kText},
    {"RSEVAL", "Evaluator", kText},
    {"RSACPTFL", "Accepted Record Flag", kText},
    {"RSDTC", "Date/Time of Assessment", kDate},
    {"RSDY", "Study Day of Assessment", kInteger},
    // DS
    {"DSTERM", "Reported Term for the Disposition Event", kText},
    {"DSDECOD", "Standardized Disposition Term", kText},
    {"DSCAT", "Category for Disposition Event", kText},
    {"DSSTDTC", "Start Date/Time of Disposition Event", kDate},
    {"DSSTDY", "Study Day of Start of Disposition Event", kInteger},
    // IE
    {"IEORRES", "I/E Criterion Original Result", kText},
    {"IESTRESC", "I/E Criterion Result in Std Format", kText},
    {"IEDTC", "Date/Time of Collection", kDate},
    {"IEDY", "Study Day of Collection", kInteger},
    // DV
    {"DVTERM", "Protocol Deviation Term", kText},
    {"DVDECOD", "Protocol Deviation Coded Term", kText},
    {"DVCAT", "Category for Protocol Deviation", kText},
    {"DVSTDTC", "Start Date/Time of Deviation", kDate},
    {"DVSTDY", "Study Day of Start of Deviation", kInteger},
    // AE
    {"AETERM", "Reported Term for the Adverse Event", kText},
    {"AEDECOD", "Dictionary-Derived Term", kText},
    {"AEBODSYS", "Body System or Organ Class", kText},
    {"AESOC", "Primary System Organ Class", kText},
    {"AESER", "Serious Event", kText},
    {"AEACN", "Action Taken with Study Treatment", kText},
    {"AEREL", "Causality", kText},
    {"AEOUT", "Outcome of Adverse Event", kText},
    {"AESCONG", "Congenital Anomaly or Birth Defect", kText},
    {"AESDISAB", "Persist or Signif Disability/Incapacity", kText},
    {"AESDTH", "Results in Death", kText},
    {"AESHOSP", "Requires or Prolongs Hospitalization", kText},
    {"AESLIFE", "Is Life Threatening", kText},
    {"AESMIE", "Other Medically Important Serious Event", kText},
    {"AETOXGR", "Standard Toxicity Grade", kText},
    {"AESTDTC", "Start Date/Time of Adverse Event", kDate},
    {"AEENDTC", "End Date/Time of Adverse Event", kDate},
    {"AESTDY", "Study Day of Start of Adverse Event", kInteger},
    {"AEENDY", "Study Day of End of Adverse Event", kInteger},
    // TA, TE, TV, TI
    {"TAETORD", "Planned Order of Element within Arm", kInteger},
    {"TABRANCH", "Branch", kText},
    {"TATRANS", "Transition Rule", kText},
    {"TESTRL", "Rule for Start of Element", kText},
    {"TEENRL", "Rule for End of Element", kText},
    {"TEDUR", "Planned Duration of Element", kText},
    {"VISITDY", "Planned Study Day of Visit", kInteger},
    {"TVSTRL", "Visit Start Rule", kText},
    {"TVENRL", "Visit End Rule", kText},
    {"TI.IETESTCD", "Incl/Excl Criterion Short Name", kText},
    {"TIRL", "Inclusion/Exclusion Criterion Rule", kText},
    {"TIVERS", "Protocol Criteria Versions", kText},
    // TS (TSVAL1, TSVAL2, ... follow TSVAL when a value is longer than 200 characters)
    {"TSGRPID", "Group ID", kText},
    {"TSPARMCD", "Trial Summary Parameter Short Name", kText},
    {"TSPARM", "Trial Summary Parameter", kText},
    {"TSVAL", "Parameter Value", kText},
    {"TSVALNF", "Parameter Null Flavor", kText},
    {"TSVALCD", "Parameter Value Code", kText},
    {"TSVCDREF", "Name of the Reference Terminology", kText},
    {"TSVCDVER", "Version of the Reference Terminology", kText},
    // SUPP--
    {"RDOMAIN", "Related Domain Abbreviation", kText},
    {"IDVAR", "Identifying Variable", kText},
    {"IDVARVAL", "Identifying Variable Value", kText},
    {"QNAM", "Qualifier Variable Name", kText},
    {"QLABEL", "Qualifier Variable Label", kText},
    {"QVAL", "Data Value", kText},
    {"QORIG", "Origin", kText},
    {"QEVAL", "Evaluator", kText},
};

const Declared* find_declared(const std::string& name) {
  for (const Declared& declared : kVariables) {
    if (name == declared.name) return &declared;
  }
  return nullptr;
}

}  // namespace

Variable declared_variable(const std::string& domain, const std::string& name, int key) {
  const Declared* declared = find_declared(domain + "." + name);
  if (!declared) declared = find_declared(name);
  if (!declared && name.size() > domain.size() && name.compare(0, domain.size(), domain) == 0) {
    declared = find_declared("--" + name.substr(domain.size()));
  }
  if (!declared) throw std::logic_error("no SDTM variable " + name + " is declared for " + domain);
  return {name, declared->label, declared->type, key};
}

Dataset declared_dataset(const std::string& name, const std::string& label, const std::vector<std::string>& names,
                         const std::vector<Key>& keys) {
  Dataset dataset{name, label, {}, {}};
  for (const std::string& variable : names) {
    int place = 0;
    for (const Key& key : keys) {
      if (key.name == variable) place = key.place;
    }
    dataset.variables.push_back(declared_variable(name, variable, place));
  }
  return dataset;
}

}  // namespace trialcore::sdtm

#include "sdtm/supplemental.h"

#include "sdtm/text.h"

namespace trialcore::sdtm {

Supplemental::Supplemental(const std::string& domain)
    : domain_(domain),
      dataset_{"SUPP" + domain,
               "Supplemental Qualifiers for " + domain,
               {{"STUDYID", "Study Identifier", VariableType::kText, 1},
                {"RDOMAIN", "Related Domain Abbreviation", VariableType::kText, 2},
                {"USUBJID", "Unique Subject Identifier", VariableType::kText, 3},
                {"IDVAR", "Identifying Variable", VariableType::kText, 4},
                {"IDVARVAL", "Identifying Variable Value", VariableType::kText, 5},
                {"QNAM", "Qualifier Variable Name", VariableType::kText, 6},
                {"QLABEL", "Qualifier Variable Label", VariableType::kText, 0},
                {"QVAL", "Data Value", VariableType::kText, 0},
                {"QORIG", "Origin", VariableType::kText, 0},
                {"QEVAL", "Evaluator", VariableType::kText, 0}},
               {}} {}

void Supplemental::add(const Study& study, const Subject& subject, const std::string& idvar, const std::string& idvarval,
                       const std::string& qnam, const std::string& qlabel, const std::string& value,
                       const std::string& origin) {
  RowBuilder row(dataset_);
  row.set("STUDYID", study.protocol.id).set("RDOMAIN", domain_).set("USUBJID", usubjid(study, subject));
  row.set("IDVAR", idvar).set("IDVARVAL", idvarval).set("QNAM", qnam).set("QLABEL", qlabel);
  row.set("QVAL", shortened(value, kMaxTextLength)).set("QORIG", origin);
  dataset_.rows.push_back(row.row());
}

}  // namespace trialcore::sdtm

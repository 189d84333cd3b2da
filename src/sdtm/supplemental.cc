#include "sdtm/supplemental.h"

#include "sdtm/text.h"
#include "sdtm/variables.h"

namespace trialcore::sdtm {

Supplemental::Supplemental(const std::string& domain)
    : domain_(domain),
      dataset_(declared_dataset(
          "SUPP" + domain, "Supplemental Qualifiers for " + domain,
          {"STUDYID", "RDOMAIN", "USUBJID", "IDVAR", "IDVARVAL", "QNAM", "QLABEL", "QVAL", "QORIG", "QEVAL"},
          {{"STUDYID", 1}, {"RDOMAIN", 2}, {"USUBJID", 3}, {"IDVAR", 4}, {"IDVARVAL", 5}, {"QNAM", 6}})) {}

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

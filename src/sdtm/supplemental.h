// SUPP--: a value SDTM has no variable for, as a supplemental qualifier of the record it
// belongs to (IDVAR/IDVARVAL name it, e.g. EXSEQ 3) or of the subject (no IDVAR).
#pragma once

#include <string>

#include "sdtm/dataset.h"
#include "sdtm/subject.h"

namespace trialcore::sdtm {

class Supplemental {
 public:
  explicit Supplemental(const std::string& domain);

  // `qnam` at most 8 characters, `qlabel` at most 40; `origin` "COLLECTED" or "DERIVED".
  void add(const Study& study, const Subject& subject, const std::string& idvar, const std::string& idvarval,
           const std::string& qnam, const std::string& qlabel, const std::string& value, const std::string& origin);

  const Dataset& dataset() const { return dataset_; }

 private:
  std::string domain_;
  Dataset dataset_;
};

}  // namespace trialcore::sdtm

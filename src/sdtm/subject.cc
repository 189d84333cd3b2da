#include "sdtm/subject.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "sdtm/trial_design.h"

namespace trialcore::sdtm {

Study::Study(const Protocol& protocol_in, const SdtmTerms& terms_in)
    : protocol(protocol_in), design(usdm::study_design(protocol_in)), terms(terms_in),
      criterion_codes(sdtm::criterion_codes(protocol_in)) {}

std::string Study::criterion_code(const std::string& id) const {
  for (size_t i = 0; i < protocol.criteria.size(); ++i) {
    if (protocol.criteria[i].id == id) return criterion_codes[i];
  }
  return "";
}

std::string usubjid(const Study& study, const Subject& subject) { return study.protocol.id + "-" + subject.state.id; }

std::optional<Date> first_dose(const Subject& subject) {
  std::optional<Date> first;
  for (const trial::DoseEntry& dose : subject.state.doses) {
    if (!first || dose.date < *first) first = dose.date;
  }
  return first;
}

std::optional<Date> last_dose(const Subject& subject) {
  std::optional<Date> last;
  for (const trial::DoseEntry& dose : subject.state.doses) {
    if (!last || dose.date > *last) last = dose.date;
  }
  return last;
}

std::optional<int64_t> study_day(const Subject& subject, Date date) {
  auto reference = first_dose(subject);
  if (!reference) return std::nullopt;
  long days = reference->days_until(date);
  return days >= 0 ? days + 1 : days;
}

std::string epoch_on(const Study& study, const Subject& subject, Date date) {
  const trial::PatientState& state = subject.state;
  if (state.off_study && date > state.off_study->date) return "FOLLOW-UP";
  const trial::DoseEntry* latest = nullptr;
  for (const trial::DoseEntry& dose : state.doses) {
    if (dose.date <= date && (!latest || dose.date > latest->date || (dose.date == latest->date && dose.course > latest->course))) {
      latest = &dose;
    }
  }
  if (!latest) return "SCREENING";
  bool courses = std::any_of(study.design.epochs.begin(), study.design.epochs.end(),
                             [](const usdm::Epoch& epoch) { return epoch.course > 0; });
  return courses ? "COURSE " + std::to_string(latest->course) : "TREATMENT";
}

std::string number_text(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

double shown(double value) { return std::strtod(number_text(value).c_str(), nullptr); }

}  // namespace trialcore::sdtm

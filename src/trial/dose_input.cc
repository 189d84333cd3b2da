#include "trial/dose_input.h"

#include "trial/soft_checks.h"

namespace trialcore::trial {

DoseInput read_dose_input(ObjectReader& in) {
  DoseInput dose;
  dose.course = static_cast<int>(in.required_integer("course"));
  dose.day = static_cast<int>(in.required_integer("day"));
  dose.drug = in.required_text("drug");
  dose.date = in.required_date("date");
  dose.start_time = in.text("start_time");
  dose.dose_mg = in.required_number("dose_mg");
  dose.infusion_minutes = in.number("infusion_minutes");
  dose.explanation = in.text("explanation").value_or("");
  if (auto confirm = in.take(read_confirmations(in.member("confirm"), in.path_of("confirm")))) dose.confirm = std::move(*confirm);
  return dose;
}

}  // namespace trialcore::trial

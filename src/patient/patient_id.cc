#include "patient/patient_id.h"

namespace trialcore::patient {

namespace {

bool letter_or_digit(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

Status check_patient_id(const std::string& id, const std::string& path) {
  bool valid = !id.empty() && id.size() <= kMaximumPatientIdLength && letter_or_digit(id.front());
  for (char c : id) valid = valid && (letter_or_digit(c) || c == '.' || c == '-' || c == '_');
  if (valid) return Status::Ok();
  return Error{path, "must be 1 to 64 letters, digits, '.', '-' or '_', beginning with a letter or a digit"};
}

}  // namespace trialcore::patient

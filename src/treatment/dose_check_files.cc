#include "treatment/dose_check_files.h"

#include "base/file_text.h"
#include "treatment/plan_input.h"

namespace trialcore::treatment {

namespace {

Error in_file(const std::string& file, const Error& error) { return Error{file + " " + error.path, error.message}; }

}  // namespace

Result<DoseCheck> check_dose_files(const TreatmentSpec& spec, const std::string& plan_file,
                                   const std::string& administrations_file, const std::string& as_of) {
  auto plan_json = read_json_file(plan_file);
  if (!plan_json.ok()) return plan_json.error();
  auto request = read_plan_request(*plan_json, "$");
  if (!request.ok()) return in_file(plan_file, request.error());
  auto given_json = read_json_file(administrations_file);
  if (!given_json.ok()) return given_json.error();
  auto given = read_administrations(*given_json, "$");
  if (!given.ok()) return in_file(administrations_file, given.error());
  std::optional<Date> until;
  if (!as_of.empty()) {
    auto parsed = Date::Parse(as_of);
    if (!parsed.ok()) return Error{"$.as_of", parsed.error().message};
    until = *parsed;
  }
  auto check = check_doses(spec, *request, *given, until);
  if (!check.ok()) {
    Error error = check.error();
    // The administrations are in their file; everything else is the plan request's.
    if (error.path.rfind("$.administrations", 0) == 0) {
      error.path = administrations_file + " " + error.path;
    } else if (error.path.rfind("$", 0) == 0) {
      error.path = plan_file + " " + error.path;
    }
    return error;
  }
  return check;
}

}  // namespace trialcore::treatment

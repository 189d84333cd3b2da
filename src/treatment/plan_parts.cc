#include "treatment/plan_parts.h"

#include "base/file_text.h"
#include "treatment/plan_input.h"

namespace trialcore::treatment {

namespace {

// "antibody=2" -> {antibody, 2}; a course below 1, or none, is not a pair.
Status add_pair(const std::string& pair, AddOnsFrom& add_ons) {
  size_t equals = pair.find('=');
  int course = 0;
  try {
    course = equals == std::string::npos ? 0 : std::stoi(pair.substr(equals + 1));
  } catch (const std::exception&) {
    course = 0;
  }
  if (equals == std::string::npos || course < 1) return Error{"$.add_on", "'" + pair + "' is not ADD-ON=COURSE"};
  add_ons[pair.substr(0, equals)] = course;
  return Status();
}

}  // namespace

Result<PlanRequest> plan_request_of(const PlanParts& parts) {
  PlanRequest request;
  request.period = parts.period;
  auto start = Date::Parse(parts.start);
  if (!start.ok()) return Error{"$.start", start.error().message};
  request.start = *start;
  request.courses = parts.courses;
  request.add_ons = parts.add_ons;
  for (const std::string& pair : parts.add_on_pairs) {
    Status added = add_pair(pair, request.add_ons);
    if (!added.ok()) return added.error();
  }
  if (parts.height || parts.weight) {
    if (!parts.height) return Error{"$.height", "is required with $.weight"};
    if (!parts.weight) return Error{"$.weight", "is required with $.height"};
    request.body.push_back({request.start, *parts.height, *parts.weight});
  }
  if (!parts.body_file.empty()) {
    auto json = read_json_file(parts.body_file);
    if (!json.ok()) return json.error();
    auto measurements = read_body_measurements(*json, "$");
    if (!measurements.ok()) return Error{parts.body_file + " " + measurements.error().path, measurements.error().message};
    request.body.insert(request.body.end(), measurements->begin(), measurements->end());
  }
  if (request.body.empty()) return Error{"$.height", "give $.height and $.weight, or a $.body file"};
  return request;
}

}  // namespace trialcore::treatment

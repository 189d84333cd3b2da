// The trial's record, patient by patient: /api/patients and what is recorded about each.
#include "eligibility/screening_output.h"
#include "server/api_context.h"
#include "store/event.h"

namespace trialcore::server {

namespace {

using Handler = std::function<Result<Json>(const trial::Actor&, const Json& body, const std::string& id)>;

// POST /api/patients/{id}/<what>: authorize, read the body, run, answer 201 or the error.
void post_on_patient(httplib::Server& server, ApiContext& context, const std::string& what, Action action, Handler handler) {
  server.Post(R"(/api/patients/([^/]+)/)" + what, [&context, action, handler](const httplib::Request& request,
                                                                              httplib::Response& response) {
    auto session = authorize(context, request, response, action);
    if (!session) return;
    auto body = body_of(request);
    if (!body.ok()) return send_error(response, body.error());
    auto result = handler(actor_of(context, *session), *body, request.matches[1]);
    if (!result.ok()) return send_error(response, result.error());
    send_json(response, *result, 201);
  });
}

Json recorded(const store::Event& event) { return {{"sequence", event.sequence}, {"kind", event.kind}}; }

Result<std::string> text_in(const Json& body, const char* key) { return required(read_text(body, key, "$"), key, "$"); }
Result<int> whole_in(const Json& body, const char* key) {
  auto value = required(read_integer(body, key, "$"), key, "$");
  if (!value.ok()) return value.error();
  return static_cast<int>(*value);
}

}  // namespace

void add_patient_routes(httplib::Server& server, ApiContext& context) {
  trial::TrialService& service = context.service;

  server.Get("/api/patients", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto patients = context.service.patients(context.today());
    if (!patients.ok()) return send_error(response, patients.error());
    send_json(response, *patients);
  });

  server.Post("/api/patients", [&context](const httplib::Request& request, httplib::Response& response) {
    auto session = authorize(context, request, response, Action::kRegister);
    if (!session) return;
    auto body = body_of(request);
    if (!body.ok()) return send_error(response, body.error());
    if (!body->contains("record")) return send_error(response, Error{"$.record", "is required"});
    auto registered = context.service.register_patient(actor_of(context, *session), (*body)["record"]);
    if (!registered.ok()) return send_error(response, registered.error());
    send_json(response, {{"id", registered->event.subject}, {"sequence", registered->event.sequence}}, 201);
  });

  server.Get(R"(/api/patients/([^/]+))", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto patient = context.service.patient(request.matches[1]);
    if (!patient.ok()) return send_error(response, patient.error());
    send_json(response, *patient);
  });

  server.Get(R"(/api/patients/([^/]+)/calendar)", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto date = date_or_today(context, request);
    if (!date.ok()) return send_error(response, date.error());
    auto calendar = context.service.calendar(request.matches[1], *date);
    if (!calendar.ok()) return send_error(response, calendar.error());
    send_json(response, *calendar);
  });

  server.Get(R"(/api/patients/([^/]+)/history)", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto events = context.service.history(request.matches[1]);
    if (!events.ok()) return send_error(response, events.error());
    Json list = Json::array();
    for (const store::Event& event : *events) list.push_back(Json::parse(store::event_json(event).dump()));
    send_json(response, list);
  });

  post_on_patient(server, context, "screenings", Action::kRegister, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto date = date_in(body, "date");
    if (!date.ok()) return date.error();
    auto screened = service.screen(actor, id, *date);
    if (!screened.ok()) return screened.error();
    Json answer = Json::parse(screening_json(screened->screening).dump());
    answer["sequence"] = screened->event.sequence;
    return answer;
  });
  post_on_patient(server, context, "consent", Action::kRegister, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto date = date_in(body, "date");
    if (!date.ok()) return date.error();
    auto signed_on = service.sign_consent(actor, id, *date);
    if (!signed_on.ok()) return signed_on.error();
    return recorded(signed_on->event);
  });
  post_on_patient(server, context, "enrollment", Action::kEnroll, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto date = date_in(body, "date");
    if (!date.ok()) return date.error();
    auto enrolled = service.enroll(actor, id, *date);
    if (!enrolled.ok()) return enrolled.error();
    Json answer = recorded(enrolled->event);
    answer["period"] = enrolled->period;
    return answer;
  });
  post_on_patient(server, context, "body", Action::kRecordClinical, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto date = date_in(body, "date");
    if (!date.ok()) return date.error();
    auto height = required(read_number(body, "height_cm", "$"), "height_cm", "$");
    if (!height.ok()) return height.error();
    auto weight = required(read_number(body, "weight_kg", "$"), "weight_kg", "$");
    if (!weight.ok()) return weight.error();
    auto measured = service.record_body(actor, id, *date, *height, *weight);
    if (!measured.ok()) return measured.error();
    return recorded(measured->event);
  });
  post_on_patient(server, context, "observations", Action::kRecordClinical, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto observed = service.record_observation(actor, id, body);
    if (!observed.ok()) return observed.error();
    return recorded(observed->event);
  });
  post_on_patient(server, context, "dose-verifications", Action::kVerifyDose, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto course = whole_in(body, "course");
    auto day = whole_in(body, "day");
    auto drug = text_in(body, "drug");
    auto mg = required(read_number(body, "dose_mg", "$"), "dose_mg", "$");
    if (!course.ok()) return course.error();
    if (!day.ok()) return day.error();
    if (!drug.ok()) return drug.error();
    if (!mg.ok()) return mg.error();
    auto verified = service.verify_dose(actor, id, *course, *day, *drug, *mg);
    if (!verified.ok()) return verified.error();
    Json answer = recorded(verified->event);
    answer["planned_mg"] = verified->planned_mg;
    answer["off_percent"] = verified->off_percent;
    return answer;
  });
  post_on_patient(server, context, "doses", Action::kRecordClinical, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto dose = trial::dose_input_from(body, "$");
    if (!dose.ok()) return dose.error();
    auto given = service.record_dose(actor, id, *dose);
    if (!given.ok()) return given.error();
    Json answer = recorded(given->event);
    answer["planned_mg"] = given->planned_mg;
    answer["deviations"] = Json::array();
    for (const auto& deviation : given->deviations) answer["deviations"].push_back({{"kind", deviation.kind}, {"message", deviation.message}});
    return answer;
  });
  post_on_patient(server, context, "deviation-explanations", Action::kRecordClinical, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto dose = required(read_integer(body, "dose_sequence", "$"), "dose_sequence", "$");
    auto explanation = text_in(body, "explanation");
    if (!dose.ok()) return dose.error();
    if (!explanation.ok()) return explanation.error();
    auto explained = service.explain_deviation(actor, id, *dose, *explanation);
    if (!explained.ok()) return explained.error();
    return recorded(explained->event);
  });
  post_on_patient(server, context, "marrow", Action::kRecordClinical, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto course = whole_in(body, "course");
    auto date = date_in(body, "date");
    if (!course.ok()) return course.error();
    if (!date.ok()) return date.error();
    Json assessment = body;
    assessment.erase("course");
    assessment.erase("date");
    auto assessed = service.record_marrow(actor, id, *course, *date, assessment);
    if (!assessed.ok()) return assessed.error();
    Json answer = recorded(assessed->event);
    answer["response"] = assessed->response.category;
    answer["reason"] = assessed->response.reason;
    return answer;
  });
  post_on_patient(server, context, "responses", Action::kAdjudicate, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto course = whole_in(body, "course");
    auto category = text_in(body, "category");
    auto reason = text_in(body, "reason");
    if (!course.ok()) return course.error();
    if (!category.ok()) return category.error();
    if (!reason.ok()) return reason.error();
    auto adjudicated = service.adjudicate(actor, id, *course, *category, *reason);
    if (!adjudicated.ok()) return adjudicated.error();
    return recorded(adjudicated->event);
  });
  post_on_patient(server, context, "waivers", Action::kWaive, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto criterion = text_in(body, "criterion");
    auto date = date_in(body, "date");
    auto reason = text_in(body, "reason");
    if (!criterion.ok()) return criterion.error();
    if (!date.ok()) return date.error();
    if (!reason.ok()) return reason.error();
    auto waived = service.grant_waiver(actor, id, *criterion, *date, *reason);
    if (!waived.ok()) return waived.error();
    return recorded(waived->event);
  });
  post_on_patient(server, context, "add-ons", Action::kStartAddOn, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto add_on = text_in(body, "add_on");
    auto from = whole_in(body, "from_course");
    auto reason = text_in(body, "reason");
    if (!add_on.ok()) return add_on.error();
    if (!from.ok()) return from.error();
    if (!reason.ok()) return reason.error();
    auto started = service.start_add_on(actor, id, *add_on, *from, *reason);
    if (!started.ok()) return started.error();
    Json answer = recorded(started->event);
    if (started->event.payload.contains("override")) answer["override"] = started->event.payload["override"];
    return answer;
  });
  post_on_patient(server, context, "vital-status", Action::kRecordClinical, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto date = date_in(body, "date");
    auto alive = required(read_bool(body, "alive", "$"), "alive", "$");
    if (!date.ok()) return date.error();
    if (!alive.ok()) return alive.error();
    auto noted = service.record_vital_status(actor, id, *date, *alive);
    if (!noted.ok()) return noted.error();
    return recorded(noted->event);
  });
  post_on_patient(server, context, "off-study", Action::kRecordClinical, [&service](const trial::Actor& actor, const Json& body, const std::string& id) -> Result<Json> {
    auto date = date_in(body, "date");
    auto reason = text_in(body, "reason");
    if (!date.ok()) return date.error();
    if (!reason.ok()) return reason.error();
    auto off = service.take_off_study(actor, id, *date, *reason);
    if (!off.ok()) return off.error();
    return recorded(off->event);
  });
}

}  // namespace trialcore::server

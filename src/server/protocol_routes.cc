// The protocol and the tools that need no record: /api/protocol, /api/screen,
// /api/assess, /api/plan.
#include "eligibility/screening.h"
#include "eligibility/screening_output.h"
#include "patient/patient_record.h"
#include "response/assessment.h"
#include "response/classify.h"
#include "server/api_context.h"
#include "treatment/plan_output.h"

namespace trialcore::server {

namespace {

const char* kind_name(patient::FieldKind kind) {
  switch (kind) {
    case patient::FieldKind::kText: return "text";
    case patient::FieldKind::kChoice: return "choice";
    case patient::FieldKind::kInteger: return "integer";
    case patient::FieldKind::kNumber: return "number";
    case patient::FieldKind::kBoolean: return "boolean";
    case patient::FieldKind::kDate: return "date";
    case patient::FieldKind::kQuantity: return "quantity";
    case patient::FieldKind::kList: return "list";
  }
  return "text";
}

// A field of the patient record as the page's forms need it: its kind, limits, units and,
// for a list, the members of an entry.
Json field_json(const patient::FieldSpec& spec) {
  Json entry = {{"name", spec.name}, {"kind", kind_name(spec.kind)}, {"description", spec.description}};
  if (!spec.choices.empty()) entry["choices"] = spec.choices;
  if (spec.minimum) entry["minimum"] = *spec.minimum;
  if (spec.maximum) entry["maximum"] = *spec.maximum;
  if (!spec.unit.empty()) {
    std::vector<std::string> units = {spec.unit};
    units.insert(units.end(), spec.other_units.begin(), spec.other_units.end());
    entry["units"] = units;
  }
  if (spec.kind == patient::FieldKind::kList) {
    Json members = Json::array();
    for (const patient::FieldSpec& member : spec.members) members.push_back(field_json(member));
    entry["entry"] = spec.entry_name;
    entry["members"] = members;
  }
  return entry;
}

Json protocol_json(const Protocol& protocol) {
  Json periods = Json::array();
  for (const Period& period : protocol.periods) {
    Json entry = {{"id", period.id}, {"title", period.title}, {"description", period.description}};
    if (period.opens) entry["opens"] = period.opens->to_string();
    if (period.closes) entry["closes"] = period.closes->to_string();
    periods.push_back(entry);
  }
  Json criteria = Json::array();
  for (const Criterion& criterion : protocol.criteria) {
    Json entry = {{"id", criterion.id},
                  {"kind", criterion.kind == CriterionKind::kInclusion ? "inclusion" : "exclusion"},
                  {"text", criterion.text},
                  {"interpretation", criterion.interpretation},
                  {"waivable", criterion.waivable},
                  {"needs", criterion.needs},
                  {"rule", criterion.rule.text}};
    if (criterion.applies_when) entry["applies_when"] = criterion.applies_when->text;
    criteria.push_back(entry);
  }
  Json categories = Json::array();
  for (const response::Category& category : protocol.response.categories) {
    categories.push_back({{"id", category.id}, {"label", category.label}, {"responder", category.responder}, {"rule", category.when.text}});
  }
  Json drugs = Json::array();
  for (const treatment::Drug& drug : protocol.treatment.drugs) {
    drugs.push_back({{"id", drug.id}, {"name", drug.name}, {"route", drug.route},
                     {"infusion_minutes", {{"min", drug.infusion_minimum}, {"max", drug.infusion_maximum}}}});
  }
  Json add_ons = Json::array();
  for (const treatment::AddOn& add_on : protocol.treatment.add_ons) {
    add_ons.push_back({{"id", add_on.id}, {"description", add_on.description}, {"signal", add_on.signal}});
  }
  Json observations = Json::array();
  for (const patient::ObservationSpec& spec : protocol.record_format.observations) {
    Json entry = {{"code", spec.code}, {"description", spec.description}, {"uln", spec.has_uln}};
    if (spec.is_text) {
      entry["values"] = spec.values;
    } else {
      std::vector<std::string> units = {spec.unit};
      for (const auto& alternative : spec.alternatives) units.push_back(alternative.unit);
      entry["units"] = units;
    }
    observations.push_back(entry);
  }
  Json record_fields = Json::array();
  for (const patient::FieldSpec& spec : protocol.record_format.fields) record_fields.push_back(field_json(spec));
  Json targets = Json::array();
  for (const Target& target : protocol.rules.targets) targets.push_back({{"id", target.id}, {"label", target.label}, {"minimum", target.minimum}});
  return {{"id", protocol.id},
          {"version", protocol.version},
          {"title", protocol.title},
          {"registry", protocol.registry},
          {"periods", periods},
          {"criteria", criteria},
          {"response", {{"categories", categories}, {"not_evaluable", protocol.response.not_evaluable}}},
          {"rules", {{"accrual_target", protocol.rules.accrual_target ? Json(*protocol.rules.accrual_target) : Json()},
                     {"targets", targets}}},
          {"drugs", drugs},
          {"add_ons", add_ons},
          {"observations", observations},
          {"record_fields", record_fields},
          {"max_courses", protocol.treatment.max_courses}};
}

}  // namespace

void add_protocol_routes(httplib::Server& server, ApiContext& context) {
  server.Get("/api/protocol", [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    send_json(response, protocol_json(context.protocol));
  });

  // Screening without recording: the checklist for a record pasted or typed in.
  server.Post("/api/screen", idempotent(context, [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto body = body_of(request);
    if (!body.ok()) return send_error(response, body.error());
    auto date = date_in(*body, "date");
    if (!date.ok()) return send_error(response, date.error());
    if (!body->contains("patient")) return send_error(response, Error{"$.patient", "is required"});
    auto parsed = patient::read_patient_record((*body)["patient"], context.protocol.record_format, "$.patient");
    if (!parsed.ok()) return send_error(response, parsed.error());
    auto facts = context.service.trial_facts(*date);
    if (!facts.ok()) return send_error(response, facts.error());
    auto screening = screen(context.protocol, parsed->record, *date, *facts);
    if (!screening.ok()) return send_error(response, screening.error());
    Json answer = Json::parse(screening_json(*screening).dump());
    if (!parsed->warnings.empty()) answer["warnings"] = parsed->warnings;
    send_json(response, answer);
  }));

  server.Post("/api/assess", idempotent(context, [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto body = body_of(request);
    if (!body.ok()) return send_error(response, body.error());
    std::vector<std::string> warnings;
    auto assessment = response::read_assessment(context.protocol.response, *body, "$", warnings);
    if (!assessment.ok()) return send_error(response, assessment.error());
    response::Response result = response::classify(context.protocol.response, *assessment);
    send_json(response, {{"response", result.category}, {"reason", result.reason}, {"missing", result.missing},
                         {"responder", result.responder}});
  }));

  server.Post("/api/plan", idempotent(context, [&context](const httplib::Request& request, httplib::Response& response) {
    if (!authorize(context, request, response, Action::kRead)) return;
    auto body = body_of(request);
    if (!body.ok()) return send_error(response, body.error());
    treatment::PlanRequest plan;
    auto period = text_in(*body, "period");
    auto start = required(read_date(*body, "start", "$"), "start", "$");
    auto height = required(read_number(*body, "height", "$"), "height", "$");
    auto weight = required(read_number(*body, "weight", "$"), "weight", "$");
    auto courses = required(read_integer(*body, "courses", "$"), "courses", "$");
    for (const Error* error : {period.ok() ? nullptr : &period.error(), start.ok() ? nullptr : &start.error(),
                               height.ok() ? nullptr : &height.error(), weight.ok() ? nullptr : &weight.error(),
                               courses.ok() ? nullptr : &courses.error()}) {
      if (error) return send_error(response, *error);
    }
    plan.period = *period;
    plan.start = *start;
    plan.courses = static_cast<int>(*courses);
    plan.body = {{*start, *height, *weight}};
    const Json add_ons = body->value("add_ons", Json::object());
    if (!add_ons.is_object()) return send_error(response, Error{"$.add_ons", "must map add-ons to their first course"});
    for (auto& [add_on, course] : add_ons.items()) {
      if (!course.is_number_integer()) return send_error(response, Error{"$.add_ons." + add_on, "must be a course number"});
      plan.add_ons[add_on] = course.get<int>();
    }
    auto planned = treatment::plan_treatment(context.protocol.treatment, plan);
    if (!planned.ok()) return send_error(response, planned.error());
    Json answer = Json::parse(treatment::plan_json(*planned, context.protocol.treatment, true).dump());
    answer["warnings"] = planned->warnings;
    send_json(response, answer);
  }));
}

}  // namespace trialcore::server

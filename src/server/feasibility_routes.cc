// The feasibility view's data: GET /api/feasibility?date=D pre-screens the hospital's OMOP
// warehouse (serve --omop URL) as of a date with the compiled SQL, where the data live, and
// answers the attrition funnel, the counts of each verdict and the ids of the persons likely
// eligible, to contact. Investigators only: it lists persons of the whole hospital.
#include "omop/builtin_mapping.h"
#include "omop/concept_ids.h"
#include "omop/omop_database.h"
#include "prescreen/sql_engine.h"
#include "server/api_context.h"

namespace trialcore::server {

namespace {

Result<Json> feasibility(const ApiContext& context, const std::string& omop_url, Date date) {
  if (omop_url.empty()) {
    return Error{"", "no OMOP warehouse is configured: the server is started with one (docs/prescreen.md)", ErrorKind::kNotFound};
  }
  auto mapping = omop::load_omop_mapping(builtin_omop_mapping_text(), context.protocol);
  if (!mapping.ok()) return Error{"", "no OMOP mapping for protocol " + context.protocol.id, ErrorKind::kNotFound};
  auto database = omop::open_database(omop_url, "$.omop", false);
  if (!database.ok()) return Error{"", "the OMOP warehouse cannot be opened", ErrorKind::kFailure};
  auto concepts = omop::resolve_concepts(**database, *mapping);
  if (!concepts.ok()) return Error{"", "the OMOP warehouse cannot be read", ErrorKind::kFailure};
  auto sql = prescreen::compile_sql(*mapping, *concepts, context.protocol, date, {},
                                    prescreen::dialect_of(**database), {});
  if (!sql.ok()) return Error{"", sql.error().message, ErrorKind::kFailure};
  auto results = prescreen::run_sql(**database, *sql);
  if (!results.ok()) return Error{"", "the OMOP warehouse cannot be read", ErrorKind::kFailure};
  prescreen::ObtainFacts facts(context.protocol);
  Json likely = Json::array();
  Json counts = {{"likely-eligible", 0}, {"unknown", 0}, {"excluded", 0}};
  for (size_t p = 0; p < results->size(); ++p) {
    prescreen::Verdict verdict = prescreen::person_verdict(*results, p, facts, *mapping);
    counts[prescreen::verdict_name(verdict)] = counts[prescreen::verdict_name(verdict)].get<int64_t>() + 1;
    if (verdict == prescreen::Verdict::kLikelyEligible) likely.push_back(results->person_id[p]);
  }
  Json funnel = Json::array();
  for (const prescreen::FunnelStep& step : prescreen::funnel(*results, context.protocol)) {
    funnel.push_back({{"criterion", step.criterion}, {"pass", step.pass}, {"fail", step.fail},
                      {"unknown", step.unknown}, {"remaining", step.remaining}});
  }
  return Json{{"as_of", date.to_string()}, {"persons", results->size()}, {"verdicts", counts},
              {"funnel", funnel}, {"likely_eligible", likely}, {"unresolved_concepts", concepts->unresolved}};
}

}  // namespace

void add_feasibility_routes(httplib::Server& server, ApiContext& context, std::string omop_url) {
  server.Get("/api/feasibility", [&context, omop_url](const httplib::Request& request, httplib::Response& response) {
    auto session = authorize(context, request, response, Action::kRead);
    if (!session) return;
    if (!may(session->user.role, Action::kSeeFeasibility)) {
      send_error(response, Error{"", "only an investigator sees the feasibility of the hospital's population",
                                 ErrorKind::kForbidden});
      return;
    }
    auto date = date_or_today(context, request);
    if (!date.ok()) return send_error(response, date.error());
    auto answer = feasibility(context, omop_url, *date);
    if (!answer.ok()) return send_error(response, answer.error());
    send_json(response, *answer);
  });
}

}  // namespace trialcore::server

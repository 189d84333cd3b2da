#include "prescreen/prescreen_run.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "omop/concept_ids.h"
#include "omop/omop_database.h"
#include "omop/omop_population.h"
#include "omop/population_parts.h"
#include "prescreen/native_parts.h"
#include "prescreen/record_engine.h"
#include "prescreen/sql_engine.h"

namespace trialcore::prescreen {

namespace {

Result<omop::Shard> parse_shard(const std::string& text) {
  size_t slash = text.find('/');
  omop::Shard shard;
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    size_t used = 0;
    shard.index = std::stoll(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument("index");
    shard.count = std::stoll(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1) throw std::invalid_argument("count");
  } catch (const std::exception&) {
    return Error{"$.shard", "'" + text + "' is not K/N (this shard's number and the number of shards)"};
  }
  if (shard.count < 1 || shard.index < 0 || shard.index >= shard.count) return Error{"$.shard", "needs 0 <= K < N, not " + text};
  return shard;
}

Result<TrialFactValues> parse_trial_facts(const Protocol& protocol, const std::vector<std::string>& given_facts) {
  TrialFactValues trial_facts;
  const expr::Schema& schema = protocol.library->schema();
  for (const std::string& given : given_facts) {
    size_t equals = given.find('=');
    std::string name = given.substr(0, equals);
    if (equals == std::string::npos || schema.find_trial_fact(name) < 0) {
      std::string names;
      for (const auto& fact : schema.trial_facts) names += (names.empty() ? "" : ", ") + fact.name;
      return Error{"$.trial_fact", "'" + given + "' is not NAME=NUMBER with a trial fact of the protocol (" + names + ")"};
    }
    char* end = nullptr;
    std::string number = given.substr(equals + 1);
    double value = std::strtod(number.c_str(), &end);
    if (number.empty() || *end != '\0') return Error{"$.trial_fact", "'" + number + "' is not a number"};
    trial_facts[name] = expr::Value::Number(value);
  }
  return trial_facts;
}

void warn_unresolved(const std::vector<std::string>& unresolved, std::vector<std::string>& warnings) {
  for (const std::string& concept_code : unresolved) {
    warnings.push_back("the concept table has no " + concept_code + ": rows of it are not found");
  }
}

// "P as of D: N persons, ..." and the funnel as a table.
std::string summary_text(const PersonResults& results, const Protocol& protocol, const omop::OmopMapping& mapping,
                         const PrescreenRequest& request, double seconds) {
  ObtainFacts facts(protocol);
  int64_t counts[3] = {0, 0, 0};
  for (size_t p = 0; p < results.size(); ++p) ++counts[static_cast<int>(person_verdict(results, p, facts, mapping))];
  std::ostringstream out;
  out << protocol.id << " as of " << request.date.to_string() << ": " << results.size() << " persons, " << counts[0]
      << " likely eligible, " << counts[2] << " unknown, " << counts[1] << " excluded (" << request.engine << " engine, "
      << seconds << " s)\n\n";
  out << "criterion                        pass     fail  unknown  remaining\n";
  for (const auto& step : funnel(results, protocol)) {
    char line[160];
    std::snprintf(line, sizeof line, "%-30s %8lld %8lld %8lld %10lld\n", step.criterion.c_str(), (long long)step.pass,
                  (long long)step.fail, (long long)step.unknown, (long long)step.remaining);
    out << line;
  }
  return out.str();
}

}  // namespace

Result<std::string> run_prescreen(const Protocol& protocol, const omop::OmopMapping& mapping,
                                  const PrescreenRequest& request, std::vector<std::string>& warnings) {
  if (request.engine != "sql" && request.engine != "native" && request.engine != "record") {
    return Error{"$.engine", "'" + request.engine + "' is not sql, native or record"};
  }
  if (request.json && request.csv) return Error{"$.csv", "choose $.json or $.csv, not both"};
  auto shard = parse_shard(request.shard);
  if (!shard.ok()) return shard.error();
  auto trial_facts = parse_trial_facts(protocol, request.trial_facts);
  if (!trial_facts.ok()) return trial_facts.error();
  auto database = omop::open_database(request.omop, "$.omop", false);
  if (!database.ok()) return database.error();
  Result<PersonResults> results = Error{};
  auto started = std::chrono::steady_clock::now();
  if (request.engine == "sql" || request.explain_sql) {
    auto concepts = omop::resolve_concepts(**database, mapping);
    if (!concepts.ok()) return concepts.error();
    warn_unresolved(concepts->unresolved, warnings);
    auto sql = compile_sql(mapping, *concepts, protocol, request.date, *trial_facts, dialect_of(**database), *shard);
    if (!sql.ok()) return sql.error();
    if (request.explain_sql) return sql->text + ";\n";
    results = run_sql(**database, *sql);
  } else {
    auto population = omop::load_population(**database, mapping, protocol, *shard);
    if (!population.ok()) return population.error();
    warn_unresolved(population->unresolved, warnings);
    for (const auto& [what, count] : population->unused) warnings.push_back(std::to_string(count) + " " + what + " not used");
    if (request.engine == "native") {
      auto parts = omop::split_population(std::move(*population), kPersonsPerPart);
      results = evaluate_native_parts(parts, mapping, protocol, request.date, *trial_facts);
    } else {
      results = screen_records(*population, mapping, protocol, request.date, *trial_facts);
    }
  }
  if (!results.ok()) return results.error();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (request.json) return prescreen_json(*results, protocol, mapping, request.date, request.limit).dump() + "\n";
  if (request.csv) return prescreen_csv(*results, protocol, mapping, request.limit);
  return summary_text(*results, protocol, mapping, request, seconds);
}

}  // namespace trialcore::prescreen

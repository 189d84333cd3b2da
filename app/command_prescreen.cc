// `trialcore prescreen`: every person of an OMOP database screened against the criteria,
// as of a date: likely eligible, excluded (naming the criteria that fail) or unknown
// (naming the facts to obtain), and the attrition funnel. The criteria run as SQL inside
// the database (default), over columns in memory (--engine native), or as one patient
// record a person screened by `screen` (--engine record, the reference).
#include <chrono>
#include <iostream>
#include <memory>

#include "command.h"
#include "omop/builtin_mapping.h"
#include "omop/concept_ids.h"
#include "omop/omop_population.h"
#include "output.h"
#include "prescreen/native_engine.h"
#include "prescreen/native_parts.h"
#include "prescreen/record_engine.h"
#include "prescreen/sql_engine.h"
#include "protocol_option.h"

namespace trialcore::app {

namespace {

struct PrescreenOptions {
  std::string omop, date, engine = "sql", protocol_file, mapping_file, shard = "0/1";
  std::vector<std::string> trial_facts;
  bool json = false, csv = false, explain_sql = false;
  size_t limit = 0;
};

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
    return Error{"--shard", "'" + text + "' is not K/N (this shard's number and the number of shards)"};
  }
  if (shard.count < 1 || shard.index < 0 || shard.index >= shard.count) return Error{"--shard", "needs 0 <= K < N, not " + text};
  return shard;
}

int run_prescreen(const PrescreenOptions& options) {
  auto date = Date::Parse(options.date);
  if (!date.ok()) return fail(Error{"--date", date.error().message});
  if (options.engine != "sql" && options.engine != "native" && options.engine != "record") {
    return fail(Error{"--engine", "'" + options.engine + "' is not sql, native or record"});
  }
  if (options.json && options.csv) return fail(Error{"--csv", "choose --json or --csv, not both"});
  auto shard = parse_shard(options.shard);
  if (!shard.ok()) return fail(shard.error());
  if (!options.protocol_file.empty() && options.mapping_file.empty()) {
    return fail(Error{"--mapping", "a --protocol file needs its OMOP --mapping file"});
  }
  auto protocol = load_protocol_option(options.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  std::string mapping_text(builtin_omop_mapping_text());
  if (!options.mapping_file.empty()) {
    auto text = read_file_text(options.mapping_file);
    if (!text.ok()) return fail(Error{"--mapping", text.error().to_string()});
    mapping_text = *text;
  }
  auto mapping = omop::load_omop_mapping(mapping_text, *protocol);
  if (!mapping.ok()) return fail(Error{"--mapping " + mapping.error().path, mapping.error().message});
  TrialFactValues trial_facts;
  const expr::Schema& schema = protocol->library->schema();
  for (const std::string& given : options.trial_facts) {
    size_t equals = given.find('=');
    std::string name = given.substr(0, equals);
    if (equals == std::string::npos || schema.find_trial_fact(name) < 0) {
      std::string names;
      for (const auto& fact : schema.trial_facts) names += (names.empty() ? "" : ", ") + fact.name;
      return fail(Error{"--trial-fact", "'" + given + "' is not NAME=NUMBER with a trial fact of the protocol (" + names + ")"});
    }
    char* end = nullptr;
    std::string number = given.substr(equals + 1);
    double value = std::strtod(number.c_str(), &end);
    if (number.empty() || *end != '\0') return fail(Error{"--trial-fact", "'" + number + "' is not a number"});
    trial_facts[name] = expr::Value::Number(value);
  }
  auto database = omop::open_database(options.omop, "--omop", false);
  if (!database.ok()) return fail(database.error());
  Result<prescreen::PersonResults> results = Error{};
  auto started = std::chrono::steady_clock::now();
  if (options.engine == "sql" || options.explain_sql) {
    auto concepts = omop::resolve_concepts(**database, *mapping);
    if (!concepts.ok()) return fail(concepts.error());
    for (const std::string& concept_code : concepts->unresolved) {
      print_warning("the concept table has no " + concept_code + ": rows of it are not found");
    }
    auto sql = prescreen::compile_sql(*mapping, *concepts, *protocol, *date, trial_facts,
                                      prescreen::dialect_of(**database), *shard);
    if (!sql.ok()) return fail(sql.error());
    if (options.explain_sql) {
      std::cout << sql->text << ";\n";
      return kExitOk;
    }
    results = prescreen::run_sql(**database, *sql);
  } else {
    auto population = omop::load_population(**database, *mapping, *protocol, *shard);
    if (!population.ok()) return fail(population.error());
    for (const std::string& concept_code : population->unresolved) {
      print_warning("the concept table has no " + concept_code + ": rows of it are not found");
    }
    for (const auto& [what, count] : population->unused) print_warning(std::to_string(count) + " " + what + " not used");
    if (options.engine == "native") {
      auto parts = omop::split_population(std::move(*population), prescreen::kPersonsPerPart);
      results = prescreen::evaluate_native_parts(parts, *mapping, *protocol, *date, trial_facts);
    } else {
      results = prescreen::screen_records(*population, *mapping, *protocol, *date, trial_facts);
    }
  }
  if (!results.ok()) return fail(results.error());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (options.json) {
    std::cout << prescreen::prescreen_json(*results, *protocol, *mapping, *date, options.limit).dump() << "\n";
  } else if (options.csv) {
    std::cout << prescreen::prescreen_csv(*results, *protocol, *mapping, options.limit);
  } else {
    prescreen::ObtainFacts facts(*protocol);
    int64_t counts[3] = {0, 0, 0};
    for (size_t p = 0; p < results->size(); ++p) ++counts[static_cast<int>(prescreen::person_verdict(*results, p, facts, *mapping))];
    std::cout << protocol->id << " as of " << date->to_string() << ": " << results->size() << " persons, "
              << counts[0] << " likely eligible, " << counts[2] << " unknown, " << counts[1] << " excluded ("
              << options.engine << " engine, " << seconds << " s)\n\n";
    std::cout << "criterion                        pass     fail  unknown  remaining\n";
    for (const auto& step : prescreen::funnel(*results, *protocol)) {
      char line[160];
      std::snprintf(line, sizeof line, "%-30s %8lld %8lld %8lld %10lld\n", step.criterion.c_str(), (long long)step.pass,
                    (long long)step.fail, (long long)step.unknown, (long long)step.remaining);
      std::cout << line;
    }
  }
  return kExitOk;
}

}  // namespace

void add_prescreen_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<PrescreenOptions>();
  auto* command = app.add_subcommand("prescreen", "Pre-screen every person of an OMOP database against the criteria");
  command->footer(
      "Each person is likely-eligible (nothing fails; what is unknown is asked at the visit),\n"
      "excluded (the criteria that fail) or unknown (the facts the warehouse lacks), with the\n"
      "attrition funnel in protocol order. The protocol's OMOP mapping says where each fact is\n"
      "(docs/prescreen.md). --shard K/N screens the persons whose person_id % N = K: funnels of\n"
      "the shards add up to the whole.");
  command->add_option("--omop", options->omop, "sqlite:FILE or postgresql://...")->required()->type_name("URL");
  command->add_option("--date", options->date, "Evaluation date YYYY-MM-DD")->required()->type_name("DATE");
  command->add_option("--engine", options->engine, "sql (in the database, default), native (in memory) or record")
      ->type_name("ENGINE");
  command->add_flag("--json", options->json, "Print the JSON answer");
  command->add_flag("--csv", options->csv, "Print one CSV row a person");
  command->add_option("--limit", options->limit, "List at most N persons, likely eligible first (default all)")
      ->type_name("N");
  command->add_flag("--explain-sql", options->explain_sql, "Print the SQL the criteria compile to, and stop");
  command->add_option("--shard", options->shard, "Screen shard K of N (persons by person_id % N)")->type_name("K/N");
  command->add_option("--trial-fact", options->trial_facts, "A trial fact, NAME=NUMBER (e.g. the count opening a gate)")
      ->type_name("NAME=N");
  add_protocol_option(*command, options->protocol_file);
  command->add_option("--mapping", options->mapping_file, "OMOP mapping file (default: the built-in protocol's)")
      ->type_name("FILE");
  command->callback([options, &outcome] { outcome.exit_code = run_prescreen(*options); });
}

}  // namespace trialcore::app

// `trialcore prescreen` and `trialcore synth-omop`: every person of an OMOP database
// screened against the criteria (prescreen/prescreen_run.h), and a synthetic population to
// screen (omop/synthetic_population.h).
#include <iostream>

#include "command.h"
#include "flags.h"
#include "omop/builtin_mapping.h"
#include "omop/protocol_files.h"
#include "omop/synthetic_population.h"
#include "output.h"
#include "prescreen/prescreen_run.h"
#include "protocol_option.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct PrescreenOptions {
  prescreen::PrescreenRequest request;
  std::string date, protocol_file, mapping_file;
};

int run_prescreen(const PrescreenOptions& options) {
  prescreen::PrescreenRequest request = options.request;
  auto date = date_option(options.date, "--date");
  if (!date.ok()) return fail(date.error());
  request.date = *date;
  if (!options.protocol_file.empty() && options.mapping_file.empty()) {
    return fail(Error{"--mapping", "a --protocol file needs its OMOP --mapping file"});
  }
  auto protocol = load_protocol_option(options.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  auto mapping = omop::load_protocol_mapping(options.mapping_file, *protocol, "--mapping");
  if (!mapping.ok()) return fail(mapping.error());
  std::vector<std::string> warnings;
  auto output = prescreen::run_prescreen(*protocol, *mapping, request, warnings);
  return print_result(output.ok() ? output : on_flags(output.error(), {"omop", "engine", "shard", "trial_fact", "csv"}), warnings);
}

struct SynthOptions {
  omop::SyntheticOptions synthetic{1000, 1, Date()};
  std::string out, around = "2010-07-01", protocol_file, mapping_file, profile_file;
};

int run_synth(const SynthOptions& options) {
  auto around = date_option(options.around, "--around");
  if (!around.ok()) return fail(around.error());
  if (options.synthetic.persons < 1) return fail(Error{"--persons", "must be at least 1"});
  if (!options.protocol_file.empty() && (options.mapping_file.empty() || options.profile_file.empty())) {
    return fail(Error{"--mapping", "a --protocol file needs its --mapping and --profile files"});
  }
  auto protocol = load_protocol_option(options.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  auto profile = omop::protocol_file_text(options.profile_file, builtin_synthetic_profile_text(), "--profile");
  auto mapping = profile.ok() ? omop::load_protocol_mapping(options.mapping_file, *protocol, "--mapping") : Result<omop::OmopMapping>(profile.error());
  if (!mapping.ok()) return fail(mapping.error());
  omop::SyntheticOptions synthetic = options.synthetic;
  synthetic.around = *around;
  auto database = omop::create_synthetic_database(options.out, *mapping, *protocol, *profile, synthetic, "--out", "--profile");
  if (!database.ok()) return fail(database.error());
  std::cout << "wrote " << synthetic.persons << " synthetic persons (seed " << synthetic.seed << ", around "
            << around->to_string() << ") to " << options.out << "\n";
  return kExitOk;
}

}  // namespace

void add_prescreen_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<PrescreenOptions>();
  prescreen::PrescreenRequest& request = options->request;
  add_command(app, outcome, "prescreen", options, run_prescreen,
              {{"--omop", &request.omop, "sqlite:FILE or postgresql://...", "URL", true},
               {"--date", &options->date, "Evaluation date YYYY-MM-DD", "DATE", true},
               {"--engine", &request.engine, "sql (in the database, default), native (in memory) or record", "ENGINE"},
               {"--json", &request.json, "Print the JSON answer"},
               {"--csv", &request.csv, "Print one CSV row a person"},
               {"--limit", &request.limit, "List at most N persons, likely eligible first (default all)", "N"},
               {"--explain-sql", &request.explain_sql, "Print the SQL the criteria compile to, and stop"},
               {"--shard", &request.shard, "Screen shard K of N (persons by person_id % N)", "K/N"},
               {"--trial-fact", &request.trial_facts, "A trial fact, NAME=NUMBER (e.g. the count opening a gate)", "NAME=N"},
               protocol_flag(options->protocol_file),
               {"--mapping", &options->mapping_file, "OMOP mapping file (default: the built-in protocol's)", "FILE"}});
}

void add_synth_omop_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<SynthOptions>();
  add_command(app, outcome, "synth-omop", options, run_synth,
              {{"--persons", &options->synthetic.persons, "How many persons (default 1000)", "N"},
               {"--seed", &options->synthetic.seed, "Seed (default 1)", "S"},
               {"--out", &options->out, "sqlite:FILE or postgresql://...", "URL", true},
               {"--around", &options->around, "The date the population is current at (default 2010-07-01)", "DATE"},
               protocol_flag(options->protocol_file),
               {"--mapping", &options->mapping_file, "OMOP mapping file (default: the built-in protocol's)", "FILE"},
               {"--profile", &options->profile_file, "Synthetic profile file (default: the built-in protocol's)", "FILE"}});
}

}  // namespace trialcore::app

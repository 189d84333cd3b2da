// `trialcore synth-omop`: a deterministic synthetic OMOP population for the protocol's
// mapping, written to a SQLite file or a PostgreSQL database.
#include <iostream>
#include <memory>

#include "command.h"
#include "omop/builtin_mapping.h"
#include "omop/omop_mapping.h"
#include "omop/synthetic_population.h"
#include "output.h"
#include "protocol_option.h"

namespace trialcore::app {

namespace {

struct SynthOptions {
  int64_t persons = 1000;
  uint64_t seed = 1;
  std::string out;
  std::string around = "2010-07-01";
  std::string protocol_file, mapping_file, profile_file;
};

int run_synth(const SynthOptions& options) {
  auto around = Date::Parse(options.around);
  if (!around.ok()) return fail(Error{"--around", around.error().message});
  if (options.persons < 1) return fail(Error{"--persons", "must be at least 1"});
  if (!options.protocol_file.empty() && (options.mapping_file.empty() || options.profile_file.empty())) {
    return fail(Error{"--mapping", "a --protocol file needs its --mapping and --profile files"});
  }
  auto protocol = load_protocol_option(options.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  std::string mapping_text(builtin_omop_mapping_text());
  std::string profile_text(builtin_synthetic_profile_text());
  if (!options.mapping_file.empty()) {
    auto text = read_file_text(options.mapping_file);
    if (!text.ok()) return fail(Error{"--mapping", text.error().to_string()});
    mapping_text = *text;
  }
  if (!options.profile_file.empty()) {
    auto text = read_file_text(options.profile_file);
    if (!text.ok()) return fail(Error{"--profile", text.error().to_string()});
    profile_text = *text;
  }
  auto mapping = omop::load_omop_mapping(mapping_text, *protocol);
  if (!mapping.ok()) return fail(Error{"--mapping " + mapping.error().path, mapping.error().message});
  auto database = omop::open_database(options.out, "--out", true);
  if (!database.ok()) return fail(database.error());
  omop::SyntheticOptions synthetic{options.persons, options.seed, *around};
  Status written = omop::write_synthetic_population(**database, *mapping, *protocol, profile_text, synthetic);
  if (!written.ok()) {
    Error error = written.error();
    if (error.kind == ErrorKind::kBadInput && error.path.rfind("$", 0) == 0) error.path = "--profile " + error.path;
    return fail(error);
  }
  std::cout << "wrote " << options.persons << " synthetic persons (seed " << options.seed << ", around "
            << around->to_string() << ") to " << options.out << "\n";
  return kExitOk;
}

}  // namespace

void add_synth_omop_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<SynthOptions>();
  auto* command = app.add_subcommand("synth-omop", "Write a deterministic synthetic OMOP population for pre-screening");
  command->footer(
      "The population follows the protocol's OMOP mapping and a profile of prevalences and hard\n"
      "cases (protocols/<id>.synthetic.json; the built-in protocol's are built in). The same\n"
      "--persons and --seed give the same rows. The database must not hold OMOP tables yet.");
  command->add_option("--persons", options->persons, "How many persons (default 1000)")->type_name("N");
  command->add_option("--seed", options->seed, "Seed (default 1)")->type_name("S");
  command->add_option("--out", options->out, "sqlite:FILE or postgresql://...")->required()->type_name("URL");
  command->add_option("--around", options->around, "The date the population is current at (default 2010-07-01)")
      ->type_name("DATE");
  add_protocol_option(*command, options->protocol_file);
  command->add_option("--mapping", options->mapping_file, "OMOP mapping file (default: the built-in protocol's)")
      ->type_name("FILE");
  command->add_option("--profile", options->profile_file, "Synthetic profile file (default: the built-in protocol's)")
      ->type_name("FILE");
  command->callback([options, &outcome] { outcome.exit_code = run_synth(*options); });
}

}  // namespace trialcore::app

// `trialcore prescreen` and `trialcore synth-omop`: every person of an OMOP database
// screened against the criteria, and a synthetic population to screen
// (answers/population_answers.h).
#include "answers/population_answers.h"
#include "command.h"
#include "protocol_option.h"

namespace trialcore::app {

void add_prescreen_command(CLI::App& app, CommandOutcome& outcome) {
  auto input = std::make_shared<answers::PrescreenInput>();
  prescreen::PrescreenRequest& request = input->request;
  add_answer_command(app, outcome, "prescreen", input, answers::prescreen_answer,
                     {{"--omop", &request.omop, "sqlite:FILE or postgresql://...", "URL", true},
                      {"--date", &input->date, "Evaluation date YYYY-MM-DD", "DATE", true},
                      {"--engine", &request.engine, "sql (in the database, default), native (in memory) or record", "ENGINE"},
                      {"--json", &request.json, "Print the JSON answer"},
                      {"--csv", &request.csv, "Print one CSV row a person"},
                      {"--limit", &request.limit, "List at most N persons, likely eligible first (default all)", "N"},
                      {"--explain-sql", &request.explain_sql, "Print the SQL the criteria compile to, and stop"},
                      {"--shard", &request.shard, "Screen shard K of N (persons by person_id % N)", "K/N"},
                      {"--trial-fact", &request.trial_facts, "A trial fact, NAME=NUMBER (e.g. the count opening a gate)", "NAME=N"},
                      protocol_flag(input->protocol_file),
                      {"--mapping", &input->mapping_file, "OMOP mapping file (default: the built-in protocol's)", "FILE"}},
                     {"date", "mapping", "protocol", "omop", "engine", "shard", "trial_fact", "csv"});
}

void add_synth_omop_command(CLI::App& app, CommandOutcome& outcome) {
  auto input = std::make_shared<answers::SynthInput>();
  add_answer_command(app, outcome, "synth-omop", input, answers::synth_answer,
                     {{"--persons", &input->synthetic.persons, "How many persons (default 1000)", "N"},
                      {"--seed", &input->synthetic.seed, "Seed (default 1)", "S"},
                      {"--out", &input->out, "sqlite:FILE or postgresql://...", "URL", true},
                      {"--around", &input->around, "The date the population is current at (default 2010-07-01)", "DATE"},
                      protocol_flag(input->protocol_file),
                      {"--mapping", &input->mapping_file, "OMOP mapping file (default: the built-in protocol's)", "FILE"},
                      {"--profile", &input->profile_file, "Synthetic profile file (default: the built-in protocol's)", "FILE"}},
                     {"around", "persons", "mapping", "protocol", "profile", "out"});
}

}  // namespace trialcore::app

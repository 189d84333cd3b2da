#include "answers/population_answers.h"

#include "answers/input_values.h"
#include "omop/builtin_mapping.h"
#include "omop/protocol_files.h"

namespace trialcore::answers {

Result<std::string> prescreen_answer(const PrescreenInput& input, std::vector<std::string>& warnings) {
  prescreen::PrescreenRequest request = input.request;
  auto date = date_member(input.date, "date");
  if (!date.ok()) return date.error();
  request.date = *date;
  if (!input.protocol_file.empty() && input.mapping_file.empty()) {
    return Error{"$.mapping", "a $.protocol file needs its OMOP $.mapping file"};
  }
  auto protocol = protocol_of_file(input.protocol_file);
  if (!protocol.ok()) return protocol.error();
  auto mapping = omop::load_protocol_mapping(input.mapping_file, *protocol, "$.mapping");
  if (!mapping.ok()) return mapping.error();
  return prescreen::run_prescreen(*protocol, *mapping, request, warnings);
}

Result<std::string> synth_answer(const SynthInput& input, std::vector<std::string>&) {
  auto around = date_member(input.around, "around");
  if (!around.ok()) return around.error();
  if (input.synthetic.persons < 1) return Error{"$.persons", "must be at least 1"};
  if (!input.protocol_file.empty() && (input.mapping_file.empty() || input.profile_file.empty())) {
    return Error{"$.mapping", "a $.protocol file needs its $.mapping and $.profile files"};
  }
  auto protocol = protocol_of_file(input.protocol_file);
  if (!protocol.ok()) return protocol.error();
  auto profile = omop::protocol_file_text(input.profile_file, builtin_synthetic_profile_text(), "$.profile");
  auto mapping = profile.ok() ? omop::load_protocol_mapping(input.mapping_file, *protocol, "$.mapping")
                              : Result<omop::OmopMapping>(profile.error());
  if (!mapping.ok()) return mapping.error();
  omop::SyntheticOptions synthetic = input.synthetic;
  synthetic.around = *around;
  auto database = omop::create_synthetic_database(input.out, *mapping, *protocol, *profile, synthetic, "$.out", "$.profile");
  if (!database.ok()) return database.error();
  return "wrote " + std::to_string(synthetic.persons) + " synthetic persons (seed " + std::to_string(synthetic.seed) +
         ", around " + around->to_string() + ") to " + input.out + "\n";
}

}  // namespace trialcore::answers

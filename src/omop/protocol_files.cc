#include "omop/protocol_files.h"

#include "base/file_text.h"
#include "omop/builtin_mapping.h"

namespace trialcore::omop {

Result<std::string> protocol_file_text(const std::string& file, std::string_view builtin, const std::string& option) {
  if (file.empty()) return std::string(builtin);
  auto text = read_file_text(file);
  if (!text.ok()) return Error{option, text.error().to_string()};
  return text;
}

Result<OmopMapping> load_protocol_mapping(const std::string& file, const Protocol& protocol, const std::string& option) {
  auto text = protocol_file_text(file, builtin_omop_mapping_text(), option);
  if (!text.ok()) return text.error();
  auto mapping = load_omop_mapping(*text, protocol);
  if (!mapping.ok()) return Error{option + " " + mapping.error().path, mapping.error().message};
  return mapping;
}

}  // namespace trialcore::omop

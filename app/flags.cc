#include "flags.h"

#include <cctype>

namespace trialcore::app {

namespace {

// "--web-root" -> "TRIALCORE_WEB_ROOT"
std::string environment_variable(const std::string& flag) {
  std::string variable = "TRIALCORE_" + flag.substr(2);
  for (char& c : variable) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return variable;
}

}  // namespace

Flags operator+(Flags first, const Flags& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

void add_flags(CLI::App& command, const Flags& flags) {
  for (const Flag& flag : flags) {
    if (bool* const* on = std::get_if<bool*>(&flag.into)) {
      command.add_flag(flag.name, **on, flag.help);
      continue;
    }
    CLI::Option* option = std::visit(
        [&](auto* target) -> CLI::Option* {
          if constexpr (std::is_same_v<decltype(target), bool*>) {
            return nullptr;  // a switch, added above
          } else {
            return command.add_option(flag.name, *target, flag.help);
          }
        },
        flag.into);
    if (!flag.type_name.empty()) option->type_name(flag.type_name);
    if (flag.required) option->required();
    if (flag.check) option->check(*flag.check);
    if (flag.environment) option->envname(environment_variable(flag.name));
    if (flag.show_default) option->capture_default_str();
  }
}

}  // namespace trialcore::app

#include "flags.h"

namespace trialcore::app {

void add_flags(CLI::App& command, const std::vector<Flag>& flags) {
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
  }
}

}  // namespace trialcore::app

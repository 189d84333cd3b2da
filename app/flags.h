// A command's flags as rows of a table: the flag, where its value goes, its help and the
// name of its value in the help text. Every command declares its flags this way.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace trialcore::app {

struct Flag {
  using Target = std::variant<bool*, std::string*, int*, int64_t*, uint64_t*, double*, std::optional<double>*,
                              std::vector<std::string>*, std::vector<double>*>;
  Flag(std::string name_, Target into_, std::string help_, std::string type_name_ = "", bool required_ = false)
      : name(std::move(name_)), into(into_), help(std::move(help_)), type_name(std::move(type_name_)), required(required_) {}

  std::string name;  // "--date"; a name without dashes ("FILE") is positional
  Target into;       // a bool is a switch; anything else takes a value
  std::string help;
  std::string type_name;  // "DATE"; empty: CLI11's own ("TEXT", "INT")
  bool required = false;
};

// Adds the flags to `command` in order (the order of the help text).
void add_flags(CLI::App& command, const std::vector<Flag>& flags);

}  // namespace trialcore::app

// A command's flags as rows of a table: the flag, where its value goes, its help and the
// name of its value in the help text; a row may also check its value, show its default, or
// be given by the environment. Every command declares its flags this way.
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

  // CLI11 checks the value before the command runs: a range, a set of words.
  Flag& checked(CLI::Validator validator) {
    check = std::move(validator);
    return *this;
  }
  // The help shows the value the target holds before parsing.
  Flag& showing_default() {
    show_default = true;
    return *this;
  }
  // TRIALCORE_<NAME> may give it ("--web-root": TRIALCORE_WEB_ROOT), for a deployment.
  Flag& from_environment() {
    environment = true;
    return *this;
  }

  std::string name;  // "--date"; a name without dashes ("FILE") is positional
  Target into;       // a bool is a switch; anything else takes a value
  std::string help;
  std::string type_name;  // "DATE"; empty: CLI11's own ("TEXT", "INT")
  bool required = false;
  std::optional<CLI::Validator> check;
  bool show_default = false;
  bool environment = false;
};

using Flags = std::vector<Flag>;

// One table after the other: a command's own rows and the rows it shares with others.
Flags operator+(Flags first, const Flags& second);

// Adds the flags to `command` in order (the order of the help text).
void add_flags(CLI::App& command, const Flags& flags);

}  // namespace trialcore::app

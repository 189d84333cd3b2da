// The commands of the trial's record, each written once for both front ends: its input
// members (a JSON object: the API's body, the command line's flags), who may give it, its
// route, and what it does. A command is prepared from its input first (every mistake named
// by its JSON path, before any store is opened), then executed in the service. The
// command line (app/) turns flags into the input and prints the answer; the server turns a
// request's body into it and sends the answer; neither knows a command by name.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "base/json_fields.h"
#include "commands/action.h"
#include "protocol/protocol.h"
#include "trial/trial_service.h"

namespace trialcore::commands {

// What an input member holds, which decides how a flag's text becomes its JSON value.
enum class Kind {
  kText,
  kDate,          // "YYYY-MM-DD"
  kInteger,
  kNumber,
  kNumberOrText,  // a lab value: 1.5, or "negative"
  kBoolean,       // on the command line, one of `words` (alive / dead)
  kDocument,      // a JSON object: on the command line a file ("-" for stdin) or JSON text
  kTextList,      // a JSON array of texts: on the command line, separated by commas
};

struct Member {
  std::string name;  // the JSON member: "dose_mg"
  Kind kind = Kind::kText;
  std::string help;
  bool required = true;
  // On the command line: "--dose-mg" by default; a name without dashes ("FILE") is positional.
  std::string flag;
  std::string type_name;  // "DATE", "MG", ... for the help text
  // A boolean's words on the command line, true's first ("alive", "dead").
  std::pair<std::string, std::string> words;
  // A document given as JSON text on the command line rather than a file.
  bool text_on_command_line = false;
};

// A command's answer: JSON for programs and the API, text for people at a terminal.
struct Answer {
  OrderedJson json = OrderedJson::object();
  std::string text;
  std::vector<std::string> warnings;  // what was accepted but ignored ("$.colour: unknown field, ignored")
};

// What a prepared command does with the service, as `actor`.
using Execution = std::function<Result<Answer>(trial::TrialService&, const trial::Actor&)>;

// Where the subject of a command comes from: a patient's id (the command line's PATIENT,
// the route's {id}), or nothing (the input holds everything).
enum class Subject { kNone, kPatient, kPeriod };

struct Command {
  std::string name;  // "record-dose": the command line's subcommand
  std::string help;
  std::string footer;  // more help, shown under the options
  Action action = Action::kRead;
  std::string route;  // "/api/patients/{id}/doses": POST on the server
  Subject subject = Subject::kNone;
  std::vector<Member> members;
  // True when it may start a trial's record (the first registration, the first period).
  bool creates_record = false;
  std::function<Result<Execution>(const Protocol&, const std::string& subject, const Json& input)> prepare;
};

// Every write of the trial's record, in the order the help lists them. The protocol names
// some members (the facts of a marrow assessment).
std::vector<Command> trial_commands(const Protocol& protocol);

// The member a JSON path is about ("$.dose_mg" or "$.payload.height_cm" -> dose_mg,
// payload), or nullptr.
const Member* member_of_path(const Command& command, const std::string& path);

// The answer of a command that recorded `event`: {"sequence", "kind", "subject"} and
// "recorded event 12 (dose-given) for MDA-0001".
Answer recorded(const store::Event& event);

}  // namespace trialcore::commands

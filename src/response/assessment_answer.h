// One response assessment answered on its own, without a trial's record: its facts as
// given (each one the protocol's assessments declare), classified by the protocol's
// definitions, as the interchange contract's JSON or as text for people.
#pragma once

#include <map>
#include <string>

#include "response/classify.h"

namespace trialcore::response {

// The facts by name; an Error's path is the fact's ("$.anc"), also for a fact the protocol
// does not declare.
Result<Response> assess_facts(const ResponseSpec& spec, const std::map<std::string, Json>& facts);

// {"response", "reason"}.
OrderedJson response_json(const Response& response);

// "Response: CR (...), a responder", "Because: ...", and what to obtain when not evaluable.
std::string response_text(const Response& response);

}  // namespace trialcore::response

// The values every command's input shares, read from their text: the protocol file (empty:
// the protocol built into the program) and dates. An Error names the input member by its
// JSON path ("$.protocol", "$.date"); the command line shows it as the member's flag.
#pragma once

#include <string>

#include "base/date.h"
#include "base/result.h"
#include "protocol/protocol.h"

namespace trialcore::answers {

// The protocol in `file`, or the built-in one. An unreadable file is "$.protocol"; a
// protocol that does not load names the file, with no path.
Result<Protocol> protocol_of_file(const std::string& file);

// `text` as a date; an Error names `member` ("$.date").
Result<Date> date_member(const std::string& text, const std::string& member);
// The same, today in the trial's time zone when `text` is empty.
Result<Date> date_or_today(const std::string& text, const std::string& member);

}  // namespace trialcore::answers

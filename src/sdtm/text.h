// Text as SAS transport holds it: at most 200 bytes a value. A longer text is cut at a word
// boundary and ends with "...", or split into pieces where SDTM provides more variables.
#pragma once

#include <string>
#include <vector>

namespace trialcore::sdtm {

// `text` if it fits in `limit` bytes, else its words up to `limit` - 3 bytes and "...".
std::string shortened(const std::string& text, size_t limit);

// `text` in pieces of at most `limit` bytes, each ending at a word boundary where there is one
// (SDTM's TSVAL, TSVAL1, ...: the pieces joined give the text back).
std::vector<std::string> split_text(const std::string& text, size_t limit);

}  // namespace trialcore::sdtm

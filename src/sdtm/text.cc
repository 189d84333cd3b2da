#include "sdtm/text.h"

namespace trialcore::sdtm {

namespace {

// Where to cut `text` so its head fits `limit` bytes: at the last space that allows it (the
// space begins the rest: SAS drops trailing blanks, never leading ones), else at `limit`,
// never inside a UTF-8 character.
size_t cut_point(const std::string& text, size_t limit) {
  size_t space = text.rfind(' ', limit);
  if (space != std::string::npos && space > 0) return space;
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

}  // namespace

std::string shortened(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  std::string head = text.substr(0, cut_point(text, limit - 3));
  while (!head.empty() && head.back() == ' ') head.pop_back();
  return head + "...";
}

std::vector<std::string> split_text(const std::string& text, size_t limit) {
  std::vector<std::string> pieces;
  std::string rest = text;
  while (rest.size() > limit) {
    size_t cut = cut_point(rest, limit);
    pieces.push_back(rest.substr(0, cut));
    rest = rest.substr(cut);
  }
  pieces.push_back(rest);
  return pieces;
}

}  // namespace trialcore::sdtm

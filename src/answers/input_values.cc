#include "answers/input_values.h"

#include "base/clock.h"
#include "base/file_text.h"

namespace trialcore::answers {

Result<Protocol> protocol_of_file(const std::string& file) {
  if (file.empty()) {
    auto builtin = load_builtin_protocol();
    if (!builtin.ok()) return Error{"", "the built-in protocol: " + builtin.error().to_string()};
    return builtin;
  }
  auto text = read_file_text(file);
  if (!text.ok()) return Error{"$.protocol", text.error().to_string()};
  auto loaded = load_protocol(*text, file);
  if (!loaded.ok()) return Error{"", "protocol file " + file + ": " + loaded.error().to_string()};
  return loaded;
}

Result<Date> date_member(const std::string& text, const std::string& member) {
  auto date = Date::Parse(text);
  if (!date.ok()) return Error{"$." + member, date.error().message};
  return *date;
}

Result<Date> date_or_today(const std::string& text, const std::string& member) {
  return text.empty() ? Result<Date>(today()) : date_member(text, member);
}

}  // namespace trialcore::answers

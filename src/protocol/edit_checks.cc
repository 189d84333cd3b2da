#include "protocol/edit_checks.h"

#include <algorithm>

#include "base/object_reader.h"
#include "expr/value.h"

namespace trialcore {

std::string PlausibleRange::text() const {
  if (low && high) return expr::format_number(*low) + "-" + expr::format_number(*high);
  if (high) return "at most " + expr::format_number(*high);
  if (low) return "at least " + expr::format_number(*low);
  return "any";
}

namespace {

PlausibleRange read_range(ObjectReader& in) {
  PlausibleRange range;
  range.low = in.number("low");
  range.high = in.number("high");
  if (!range.low && !range.high) in.fail(Error{in.path(), "give low, high or both"});
  if (range.low && range.high && *range.high < *range.low) in.fail("high", "is below low");
  return range;
}

}  // namespace

Result<EditChecks> parse_edit_checks(const Json& section, const std::string& path, const std::vector<std::string>& codes) {
  if (!section.is_object()) return Error{path, "must be an object, not " + json_type_name(section)};
  ObjectReader in(section, path);
  EditChecks checks;
  in.object("height_cm", [&](ObjectReader& range) { checks.height_cm = read_range(range); });
  in.object("weight_kg", [&](ObjectReader& range) { checks.weight_kg = read_range(range); });
  if (const Json* observations = in.member("observations")) {
    if (!observations->is_object()) {
      in.fail("observations", "must be an object of observation codes");
    } else {
      in.each_member(*observations, in.path_of("observations"), [&](const std::string& code, const Json& entry, const std::string& at) {
        if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
          in.fail(Error{at, "'" + code + "' is not an observation of the protocol"});
          return;
        }
        in.nested(entry, at, [&](ObjectReader& range) { checks.observations[code] = read_range(range); });
      });
    }
  }
  checks.dose_verification_required = in.boolean("dose_verification_required").value_or(false);
  return in.finish(std::move(checks));
}

}  // namespace trialcore

// The pieces every USDM object is made of: an id unique in the file ("Code_12", one counter
// per kind, as CDISC's examples number them), codes and alias codes, quantities with units,
// and lists linked by previousId / nextId.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "base/json_fields.h"
#include "usdm/terminology.h"

namespace trialcore::usdm {

class Objects {
 public:
  // "Kind_n", n counting the ids of that kind so far.
  std::string id(const std::string& kind);

  // {"id", "extensionAttributes": [], "instanceType": kind}, to be filled in.
  OrderedJson object(const std::string& kind);
  OrderedJson object(const std::string& kind, const std::string& id);
  // An object of the classes that have a name, a label and a description (each may be null).
  OrderedJson named(const std::string& kind, OrderedJson name, OrderedJson label, OrderedJson description);

  OrderedJson code(const Term& term);  // a CDISC code
  OrderedJson code(const std::string& code, const std::string& system, const std::string& version, const std::string& decode);
  OrderedJson alias(const Term& term);
  OrderedJson alias(OrderedJson standard_code);
  // A UCUM unit ("mg/m2", "min", "d") as an alias code.
  OrderedJson unit(const std::string& ucum);
  OrderedJson quantity(double value, const std::optional<std::string>& ucum);

 private:
  std::map<std::string, int> counts_;
};

// Sets previousId / nextId along `items` (each an object with an "id").
void link(OrderedJson& items);

// An ISO 8601 duration of days: "P7D".
std::string days(int count);

}  // namespace trialcore::usdm

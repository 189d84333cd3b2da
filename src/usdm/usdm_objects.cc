#include "usdm/usdm_objects.h"

namespace trialcore::usdm {

std::string Objects::id(const std::string& kind) { return kind + "_" + std::to_string(++counts_[kind]); }

OrderedJson Objects::object(const std::string& kind) { return object(kind, id(kind)); }

OrderedJson Objects::object(const std::string& kind, const std::string& object_id) {
  OrderedJson object;
  object["id"] = object_id;
  object["extensionAttributes"] = OrderedJson::array();
  object["instanceType"] = kind;
  return object;
}

OrderedJson Objects::named(const std::string& kind, OrderedJson name, OrderedJson label, OrderedJson description) {
  OrderedJson object = this->object(kind);
  object["name"] = std::move(name);
  object["label"] = std::move(label);
  object["description"] = std::move(description);
  return object;
}

OrderedJson Objects::code(const std::string& code_value, const std::string& system, const std::string& version,
                          const std::string& decode) {
  OrderedJson code = object("Code");
  code["code"] = code_value;
  code["codeSystem"] = system;
  code["codeSystemVersion"] = version;
  code["decode"] = decode;
  return code;
}

OrderedJson Objects::code(const Term& term) { return code(term.code, kCdiscCodeSystem, kTerminologyVersion, term.decode); }

OrderedJson Objects::alias(OrderedJson standard_code) {
  OrderedJson alias = object("AliasCode");
  alias["standardCode"] = std::move(standard_code);
  alias["standardCodeAliases"] = OrderedJson::array();
  return alias;
}

OrderedJson Objects::alias(const Term& term) { return alias(code(term)); }

OrderedJson Objects::unit(const std::string& ucum) { return alias(code(ucum, "http://unitsofmeasure.org", "2.1", ucum)); }

OrderedJson Objects::quantity(double value, const std::optional<std::string>& ucum) {
  OrderedJson quantity = object("Quantity");
  quantity["value"] = value;
  quantity["unit"] = ucum ? unit(*ucum) : OrderedJson(nullptr);
  return quantity;
}

void link(OrderedJson& items) {
  for (size_t i = 0; i < items.size(); ++i) {
    items[i]["previousId"] = i > 0 ? OrderedJson(items[i - 1]["id"]) : OrderedJson(nullptr);
    items[i]["nextId"] = i + 1 < items.size() ? OrderedJson(items[i + 1]["id"]) : OrderedJson(nullptr);
  }
}

std::string days(int count) { return "P" + std::to_string(count) + "D"; }

}  // namespace trialcore::usdm

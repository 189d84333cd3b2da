#include "sdtm/sdtm_terms.h"

#include <algorithm>
#include <cctype>

#include "usdm/study_design.h"

namespace trialcore::sdtm {

const TestTerms* SdtmTerms::test(const std::string& code) const {
  auto found = tests.find(code);
  return found == tests.end() ? nullptr : &found->second;
}

std::string SdtmTerms::unit(const std::string& protocol_unit) const {
  auto found = units.find(protocol_unit);
  return found == units.end() ? protocol_unit : found->second;
}

std::string SdtmTerms::response(const std::string& category) const {
  auto found = responses.find(category);
  return found == responses.end() ? category : found->second;
}

namespace {

Result<std::string> text_member(const Json& object, const char* key, const std::string& path, size_t longest,
                                bool needed) {
  auto read = read_text(object, key, path);
  if (!read.ok()) return read.error();
  if (needed && (!read->has_value() || (*read)->empty())) return Error{member_path(path, key), "is required"};
  std::string text = read->value_or("");
  if (text.size() > longest) return Error{member_path(path, key), "is longer than SDTM allows (" + std::to_string(longest) + ")"};
  return text;
}

Result<TestTerms> read_test(const Json& object, const std::string& path) {
  if (!object.is_object()) return Error{path, "must be an object"};
  if (Status known = reject_unknown_members(object, {"testcd", "test", "category", "specimen", "loinc"}, path); !known.ok()) {
    return known.error();
  }
  TestTerms terms;
  std::pair<std::string*, std::tuple<const char*, size_t, bool>> members[] = {
      {&terms.testcd, {"testcd", 8, true}},    {&terms.test, {"test", 40, true}},
      {&terms.category, {"category", 200, false}}, {&terms.specimen, {"specimen", 200, false}},
      {&terms.loinc, {"loinc", 200, false}}};
  for (auto& [target, member] : members) {
    auto [key, longest, needed] = member;
    auto read = text_member(object, key, path, longest, needed);
    if (!read.ok()) return read.error();
    *target = *read;
  }
  if (usdm::code_of(terms.testcd, 8, '_') != terms.testcd || !std::isalpha(static_cast<unsigned char>(terms.testcd[0]))) {
    return Error{member_path(path, "testcd"), "a test code is letters, digits and underscores, starting with a letter"};
  }
  return terms;
}

Result<std::map<std::string, std::string>> text_map(const Json& document, const char* key, const std::string& path) {
  std::map<std::string, std::string> map;
  if (!document.contains(key)) return map;
  const Json& object = document[key];
  std::string here = member_path(path, key);
  if (!object.is_object()) return Error{here, "must be an object"};
  for (const auto& [name, value] : object.items()) {
    if (!value.is_string()) return Error{member_path(here, name), "must be text"};
    map[name] = value.get<std::string>();
  }
  return map;
}

// Every code the protocol may record: its observations and the facts of a response assessment.
std::vector<std::string> recorded_codes(const Protocol& protocol) {
  std::vector<std::string> codes;
  for (const auto& observation : protocol.record_format.observations) codes.push_back(observation.code);
  for (const auto& fact : protocol.response.facts) codes.push_back(fact.name);
  return codes;
}

}  // namespace

Result<SdtmTerms> load_sdtm_terms(std::string_view text, const Protocol& protocol) {
  auto parsed = parse_json_text(text, "the SDTM terms");
  if (!parsed.ok()) return parsed.error();
  const Json& document = *parsed;
  if (!document.is_object()) return Error{"$", "the SDTM terms must be a JSON object"};
  if (Status known = reject_unknown_members(document, {"format", "protocol", "tests", "not_tests", "units", "responses"}, "$");
      !known.ok()) {
    return known.error();
  }
  auto format = required(read_text(document, "format", "$"), "format", "$");
  if (!format.ok()) return format.error();
  if (*format != "trialcore-sdtm-terms/1") return Error{"$.format", "must be \"trialcore-sdtm-terms/1\""};
  SdtmTerms terms;
  auto for_protocol = required(read_text(document, "protocol", "$"), "protocol", "$");
  if (!for_protocol.ok()) return for_protocol.error();
  if (*for_protocol != protocol.id) {
    return Error{"$.protocol", "the terms are for " + *for_protocol + ", the protocol is " + protocol.id};
  }
  terms.protocol = *for_protocol;
  const Json tests = document.value("tests", Json::object());
  if (!tests.is_object()) return Error{"$.tests", "must be an object"};
  for (const auto& [code, entry] : tests.items()) {
    auto test = read_test(entry, member_path("$.tests", code));
    if (!test.ok()) return test.error();
    terms.tests[code] = *test;
  }
  for (auto [key, target] : {std::pair{"not_tests", &terms.not_tests}, {"units", &terms.units}, {"responses", &terms.responses}}) {
    auto map = text_map(document, key, "$");
    if (!map.ok()) return map.error();
    *target = *map;
  }
  for (const std::string& code : recorded_codes(protocol)) {
    if (!terms.tests.count(code) && !terms.not_tests.count(code)) {
      return Error{"$.tests", "the protocol records '" + code + "': give its test terms, or say under not_tests why it is not a test"};
    }
  }
  for (const auto& [code, test] : terms.tests) {
    std::vector<std::string> codes = recorded_codes(protocol);
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
      return Error{member_path("$.tests", code), "the protocol records no '" + code + "'"};
    }
  }
  return terms;
}

SdtmTerms derived_sdtm_terms(const Protocol& protocol) {
  SdtmTerms terms;
  terms.protocol = protocol.id;
  for (const auto& observation : protocol.record_format.observations) {
    std::string code = usdm::code_of(observation.code, 8, '\0');
    if (code.empty() || !std::isalpha(static_cast<unsigned char>(code[0]))) code = usdm::code_of("T" + code, 8, '\0');
    std::string name = observation.description.empty() ? observation.code : observation.description;
    terms.tests[observation.code] = {code, name.substr(0, 40), "", "", ""};
  }
  return terms;
}

}  // namespace trialcore::sdtm

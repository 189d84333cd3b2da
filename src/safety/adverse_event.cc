#include "safety/adverse_event.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace trialcore::safety {

namespace {

template <size_t N>
bool one_of(const std::string& word, const std::string_view (&words)[N]) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

template <size_t N>
std::string listed(const std::string_view (&words)[N]) {
  std::string text;
  for (std::string_view word : words) text += (text.empty() ? "" : ", ") + std::string(word);
  return text;
}

std::string drug_list(const std::vector<std::string>& drugs) {
  std::string text;
  for (const std::string& drug : drugs) text += (text.empty() ? "" : ", ") + drug;
  return text;
}

// {"drug": "word", ...}, or on the command line "drug=word,drug=word".
template <size_t N>
std::map<std::string, std::string> read_by_drug(ObjectReader& in, const char* key, const std::vector<std::string>& drugs,
                                                const std::string_view (&words)[N]) {
  std::map<std::string, std::string> by_drug;
  const Json* given = in.given(key);
  if (!given || !in.ok()) return by_drug;
  const std::string path = in.path_of(key);
  Json object = Json::object();
  if (given->is_string()) {
    const std::string text = given->get<std::string>();
    size_t at = 0;
    while (at <= text.size()) {
      size_t comma = text.find(',', at);
      std::string pair = text.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
      size_t equals = pair.find('=');
      if (equals == std::string::npos) {
        in.fail(key, "'" + pair + "' is not DRUG=" + std::string(words[0]) + " (drugs: " + drug_list(drugs) + ")");
        return by_drug;
      }
      object[pair.substr(0, equals)] = pair.substr(equals + 1);
      if (comma == std::string::npos) break;
      at = comma + 1;
    }
  } else if (given->is_object()) {
    object = *given;
  } else {
    in.fail(key, "must be an object {\"drug\": \"" + std::string(words[0]) + "\"}, not " + json_type_name(*given));
    return by_drug;
  }
  for (auto it = object.begin(); it != object.end() && in.ok(); ++it) {
    const std::string at = member_path(path, it.key());
    if (std::find(drugs.begin(), drugs.end(), it.key()) == drugs.end()) {
      in.fail(Error{at, "'" + it.key() + "' is not a drug of the protocol (" + drug_list(drugs) + ")"});
    } else if (!it->is_string() || !one_of(it->get<std::string>(), words)) {
      in.fail(Error{at, it->dump() + " is not one of " + listed(words)});
    } else {
      by_drug[it.key()] = it->get<std::string>();
    }
  }
  return by_drug;
}

// ["hospitalization", ...], or on the command line "hospitalization,life-threatening";
// "none" (or an empty list) says the event is not serious.
std::optional<std::vector<std::string>> read_serious(ObjectReader& in) {
  const Json* given = in.given("serious");
  if (!given || !in.ok()) return std::nullopt;
  std::vector<std::string> criteria;
  std::vector<std::string> words;
  if (given->is_string()) {
    const std::string text = given->get<std::string>();
    for (size_t at = 0; at <= text.size();) {
      size_t comma = text.find(',', at);
      words.push_back(text.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
      if (comma == std::string::npos) break;
      at = comma + 1;
    }
    if (words == std::vector<std::string>{"none"}) words.clear();
  } else if (given->is_array()) {
    for (const Json& word : *given) {
      if (!word.is_string()) {
        in.fail("serious", "must list criteria as texts, not " + json_type_name(word));
        return std::nullopt;
      }
      words.push_back(word.get<std::string>());
    }
  } else {
    in.fail("serious", "must be a list of criteria (" + listed(kSeriousCriteria) + "), not " + json_type_name(*given));
    return std::nullopt;
  }
  for (const std::string& word : words) {
    if (!one_of(word, kSeriousCriteria)) {
      in.fail("serious", "'" + word + "' is not a criterion of seriousness (" + listed(kSeriousCriteria) + ", or none)");
      return std::nullopt;
    }
    if (std::find(criteria.begin(), criteria.end(), word) == criteria.end()) criteria.push_back(word);
  }
  return criteria;
}

}  // namespace

bool related(const std::string& attribution) {
  return attribution == "possible" || attribution == "probable" || attribution == "definite";
}

AdverseEventContent read_adverse_event(ObjectReader& in, const SafetySpec& spec, const std::vector<std::string>& drugs,
                                       bool follow_up) {
  AdverseEventContent content;
  if (!follow_up) {
    content.term = in.required_text("term");
    if (in.ok()) {
      const Term* term = spec.find_term(*content.term);
      if (!term) {
        in.fail("term", "'" + *content.term + "' is not a term of " + spec.scale +
                            " in the protocol's list; for another event use the organ system's 'Other, specify' term and say what it is (specify)");
      }
    }
  }
  content.specify = in.text("specify");
  if (!follow_up && in.ok()) {
    const Term* term = spec.find_term(*content.term);
    if (term->other_specify && (!content.specify || content.specify->empty())) {
      in.fail("specify", "is required for '" + term->term + "': say what the event is");
    } else if (!term->other_specify && content.specify) {
      in.fail("specify", "is only for an 'Other, specify' term; '" + term->term + "' is a term of its own");
    }
  }
  if (auto grade = in.integer("grade")) {
    if (*grade < 1 || *grade > 5) {
      in.fail("grade", "must be a grade of " + spec.scale + ", 1 to 5, not " + std::to_string(*grade));
    }
    content.grade = static_cast<int>(*grade);
  } else if (!follow_up && in.ok()) {
    in.fail("grade", "is required");
  }
  if (!follow_up) content.start = in.required_date("start");
  content.end = in.date("end");
  if (in.ok() && content.start && content.end && *content.end < *content.start) {
    in.fail("end", content.end->to_string() + " is before the start " + content.start->to_string());
  }
  content.serious = read_serious(in);
  content.attribution = read_by_drug(in, "attribution", drugs, kAttributions);
  content.action = read_by_drug(in, "action", drugs, kActions);
  content.outcome = in.text("outcome");
  if (in.ok() && content.outcome && !one_of(*content.outcome, kOutcomes)) {
    in.fail("outcome", "'" + *content.outcome + "' is not an outcome (" + listed(kOutcomes) + ")");
  }
  if (!follow_up && in.ok() && !content.outcome) in.fail("outcome", "is required (" + listed(kOutcomes) + ")");
  if (in.ok() && content.grade && content.outcome && (*content.grade == 5) != (*content.outcome == "fatal")) {
    in.fail(*content.grade == 5 ? "outcome" : "grade",
            *content.grade == 5 ? "grade 5 is death: the outcome is fatal, not " + *content.outcome
                                : "a fatal outcome is grade 5, not grade " + std::to_string(*content.grade));
  }
  if (!follow_up) content.observation = in.integer("observation");
  if (auto aware = in.text("aware_at")) {
    if (in.ok() && in.take(utc_seconds(*aware, in.path_of("aware_at")))) content.aware_at = *aware;
  }
  return content;
}

Json adverse_event_json(const AdverseEventContent& content) {
  Json payload = Json::object();
  if (content.term) payload["term"] = *content.term;
  if (content.specify) payload["specify"] = *content.specify;
  if (content.grade) payload["grade"] = *content.grade;
  if (content.start) payload["start"] = content.start->to_string();
  if (content.end) payload["end"] = content.end->to_string();
  if (content.serious) payload["serious"] = *content.serious;
  if (!content.attribution.empty()) payload["attribution"] = content.attribution;
  if (!content.action.empty()) payload["action"] = content.action;
  if (content.outcome) payload["outcome"] = *content.outcome;
  if (content.observation) payload["observation"] = *content.observation;
  if (content.aware_at) payload["aware_at"] = *content.aware_at;
  return payload;
}

Result<int64_t> utc_seconds(const std::string& text, const std::string& path) {
  Error bad{path, "'" + text + "' is not a UTC time YYYY-MM-DDTHH:MM:SSZ (or YYYY-MM-DDTHH:MMZ)"};
  if (text.size() < 17 || text.size() > 20 || text[10] != 'T' || text.back() != 'Z') return bad;
  auto date = Date::Parse(text.substr(0, 10));
  if (!date.ok()) return bad;
  int hour = 0, minute = 0, second = 0;
  char colon = 0;
  std::string clock = text.substr(11, text.size() - 12);
  if (clock.size() == 5) {
    if (std::sscanf(clock.c_str(), "%2d%c%2d", &hour, &colon, &minute) != 3) return bad;
  } else if (clock.size() == 8) {
    char second_colon = 0;
    if (std::sscanf(clock.c_str(), "%2d%c%2d%c%2d", &hour, &colon, &minute, &second_colon, &second) != 5 ||
        second_colon != ':') {
      return bad;
    }
  } else {
    return bad;
  }
  if (colon != ':' || hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 || second < 0) return bad;
  int64_t days = date->sys_days().time_since_epoch().count();
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

std::string utc_text(int64_t seconds) {
  int64_t days = seconds / 86400;
  int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    days -= 1;
  }
  Date date{std::chrono::sys_days{std::chrono::days{days}}};
  char clock[16];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02dZ", static_cast<int>(rest / 3600), static_cast<int>(rest % 3600 / 60),
                static_cast<int>(rest % 60));
  return date.to_string() + clock;
}

}  // namespace trialcore::safety

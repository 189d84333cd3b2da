#include "omop/synthetic_population.h"

#include <cmath>
#include <map>

#include "base/number_text.h"
#include "omop/concept_ids.h"
#include "omop/json_member.h"
#include "omop/omop_tables.h"

namespace trialcore::omop {

namespace {

// splitmix64: small, fast, and the same everywhere.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  bool chance(double p) { return uniform() < p; }
  int64_t between(int64_t low, int64_t high) {  // inclusive
    return low + static_cast<int64_t>(next() % static_cast<uint64_t>(high - low + 1));
  }
  double real(double low, double high) { return low + (high - low) * uniform(); }

 private:
  uint64_t state_;
};

std::string day_text(Date date) { return date.to_string(); }

struct Profile {
  Json json;
  // A share of the rule: `key`, or `key`_given when the rule's "given" fact has one of its
  // values for this person (labs are measured more often in the patients of the disease).
  double share(const Json& rule, const std::string& key, const std::map<std::string, std::string>& chosen,
               double fallback) const {
    auto given = rule.find("given");
    if (given != rule.end() && given->is_object()) {
      auto value = chosen.find(given->value("fact", ""));
      bool fits = false;
      if (value != chosen.end()) {
        for (const Json& allowed : given->value("values", Json::array())) fits = fits || allowed == value->second;
      }
      if (fits && rule.contains(key + "_given")) return rule[key + "_given"].get<double>();
    }
    return rule.contains(key) && rule[key].is_number() ? rule[key].get<double>() : fallback;
  }
  double get(const Json& object, const char* key, double fallback) const {
    return object.contains(key) && object[key].is_number() ? object[key].get<double>() : fallback;
  }
  std::pair<double, double> range(const Json& object, const char* key, double low, double high) const {
    if (object.contains(key) && object[key].is_array() && object[key].size() == 2) {
      return {object[key][0].get<double>(), object[key][1].get<double>()};
    }
    return {low, high};
  }
};

// Rows of one table for a chunk of persons.
struct TableRows {
  std::vector<std::string> columns;
  std::vector<RowValues> rows;
};

using Text = std::optional<std::string>;
Text text(const std::string& value) { return value; }
Text id_text(int64_t value) { return std::to_string(value); }
const Text kNull = std::nullopt;

class Generator {
 public:
  Generator(Database& database, const OmopMapping& mapping, const Protocol& protocol, Profile profile,
            const SyntheticOptions& options)
      : database_(database), mapping_(mapping), protocol_(protocol), profile_(std::move(profile)), options_(options) {}

  Status run() {
    Status created = database_.execute(omop_table_ddl(database_.dialect()));
    if (!created.ok()) return created;
    Status concepts = write_concepts();
    if (!concepts.ok()) return concepts;
    const int64_t chunk = 20000;
    for (int64_t from = 1; from <= options_.persons; from += chunk) {
      reset_tables();
      for (int64_t id = from; id < std::min(from + chunk, options_.persons + 1); ++id) person(id);
      for (auto& named_table : tables_) {
        // Named, not a structured binding: the lambda below captures the table (clang does not).
        const auto& name = named_table.first;
        auto& table = named_table.second;
        size_t next = 0;
        Status written = database_.write_rows(name, table.columns, [&](RowValues& values) {
          if (next == table.rows.size()) return false;
          values = std::move(table.rows[next++]);
          return true;
        });
        if (!written.ok()) return written;
      }
    }
    // The indexes once the rows are in, and statistics for the planner, as a warehouse keeps them.
    Status indexed = database_.execute(omop_index_ddl());
    if (!indexed.ok()) return indexed;
    return database_.execute("ANALYZE");
  }

 private:
  // Concepts: every one the mapping names, and the profile's others (a unit not accepted,
  // a condition that is none of the mapped ones), numbered from an offset of this file's
  // own: an instance's ids are its own, resolved by vocabulary and code.
  Status write_concepts() {
    std::vector<ConceptCode> all = mapping_.all_concepts();
    for (const auto& [code, observation] : member_or_empty(profile_.json, "observations").items()) {
      if (observation.contains("unaccepted")) {
        all.push_back({observation["unaccepted"].value("vocabulary", ""), observation["unaccepted"].value("code", ""), ""});
      }
    }
    all.push_back({"SNOMED", "synthetic-other-condition", ""});
    int64_t next_id = 2000000001;
    for (const ConceptCode& code : all) {
      if (!ids_.count(key(code))) ids_[key(code)] = next_id++;
    }
    size_t index = 0;
    return database_.write_rows(
        "concept",
        {"concept_id", "concept_name", "domain_id", "vocabulary_id", "concept_class_id", "standard_concept",
         "concept_code", "valid_start_date", "valid_end_date", "invalid_reason"},
        [&](RowValues& values) {
          if (index == all.size()) return false;
          const ConceptCode& code = all[index++];
          std::string name = code.vocabulary + " " + code.code;
          values = {id_text(ids_[key(code)]), text(name), text("Synthetic"), text(code.vocabulary), text("Synthetic"),
                    text("S"), text(code.code), text("1970-01-01"), text("2099-12-31"), kNull};
          return true;
        });
  }

  static std::string key(const ConceptCode& code) { return code.vocabulary + "\t" + code.code; }
  int64_t id_of(const ConceptCode& code) const { return ids_.at(key(code)); }

  void reset_tables() {
    tables_.clear();
    tables_["person"].columns = {"person_id", "gender_concept_id", "year_of_birth", "month_of_birth", "day_of_birth",
                                 "race_concept_id", "ethnicity_concept_id", "person_source_value"};
    tables_["observation_period"].columns = {"observation_period_id", "person_id", "observation_period_start_date",
                                             "observation_period_end_date", "period_type_concept_id"};
    tables_["condition_occurrence"].columns = {"condition_occurrence_id", "person_id", "condition_concept_id",
                                               "condition_start_date", "condition_type_concept_id",
                                               "condition_source_value", "condition_source_concept_id"};
    tables_["measurement"].columns = {"measurement_id", "person_id", "measurement_concept_id", "measurement_date",
                                      "measurement_type_concept_id", "value_as_number", "value_as_concept_id",
                                      "unit_concept_id", "range_high", "unit_source_value"};
    tables_["observation"].columns = {"observation_id", "person_id", "observation_concept_id", "observation_date",
                                      "observation_type_concept_id", "value_as_number", "value_as_concept_id"};
    tables_["drug_exposure"].columns = {"drug_exposure_id", "person_id", "drug_concept_id", "drug_exposure_start_date",
                                        "drug_exposure_end_date", "drug_type_concept_id", "route_concept_id"};
    tables_["procedure_occurrence"].columns = {"procedure_occurrence_id", "person_id", "procedure_concept_id",
                                               "procedure_date", "procedure_type_concept_id"};
  }

  // Row ids are the person's id times 1000 plus a count, so that they are unique and the
  // same whatever the chunking.
  int64_t row_id(int64_t person) { return person * 1000 + (row_counter_++ % 1000); }

  // An event of a table that carries a concept: the first concept of the set as the standard
  // concept when it is not ICD-10-CM, else the ICD code as the source concept beside a
  // standard one the mapping does not name (as a warehouse maps ICD to SNOMED).
  std::pair<int64_t, Text> concept_pair(const ConceptSet& set, Random& random) {
    const ConceptCode& code = set[random.between(0, static_cast<int64_t>(set.size()) - 1)];
    if (code.vocabulary == "ICD10CM") {
      return {ids_.at(key({"SNOMED", "synthetic-other-condition", ""})), id_text(id_of(code))};
    }
    return {id_of(code), kNull};
  }

  void event(const EventTable& table, int64_t person_id, const ConceptSet& set, Date date, Random& random) {
    auto [concept_id, source] = concept_pair(set, random);
    if (table.name == "condition_occurrence") {
      tables_["condition_occurrence"].rows.push_back({id_text(row_id(person_id)), id_text(person_id), id_text(concept_id),
                                                      text(day_text(date)), text("32817"), kNull, source});
    } else if (table.name == "procedure_occurrence") {
      tables_["procedure_occurrence"].rows.push_back({id_text(row_id(person_id)), id_text(person_id), id_text(concept_id),
                                                      text(day_text(date)), text("32817")});
    } else if (table.name == "observation") {
      tables_["observation"].rows.push_back({id_text(row_id(person_id)), id_text(person_id), id_text(concept_id),
                                             text(day_text(date)), text("32817"), kNull, kNull});
    }
  }

  Date before(Date around, Random& random, std::pair<double, double> days) {
    return around.plus_days(-random.between(static_cast<int64_t>(days.first), static_cast<int64_t>(days.second)));
  }

  void person(int64_t id) {
    Random random(options_.seed * 0x100000001b3ULL ^ static_cast<uint64_t>(id) * 0x9e3779b97f4a7c15ULL);
    row_counter_ = 0;
    Date around = options_.around;
    const Json& persons = profile_.json.value("persons", Json::object());
    const Json& facts = profile_.json.value("facts", Json::object());
    // Sex and birth.
    int64_t gender = 0;
    if (const FactMapping* sex = mapping_.find_fact("sex")) {
      const Json& shares = facts.value(sex->fact, Json::object()).value("values", Json::object());
      double roll = random.uniform(), sum = 0;
      for (const ValueConcepts& value : sex->values) {
        sum += shares.value(value.value, 0.0);
        if (roll < sum) {
          gender = id_of(value.concepts.front());
          break;
        }
      }
    }
    auto ages = profile_.range(persons, "age", 5, 90);
    Date birth = around.plus_days(-random.between(static_cast<int64_t>(ages.first * 365.25), static_cast<int64_t>(ages.second * 365.25)));
    if (random.chance(profile_.get(persons, "birthday_on_date", 0))) {
      // Born on this day some years ago (a birthday on the date counts): 29 February too.
      birth = around.plus_years(-random.between(static_cast<int64_t>(ages.first), static_cast<int64_t>(ages.second)));
    }
    bool year_only = random.chance(profile_.get(persons, "year_only", 0));
    tables_["person"].rows.push_back({id_text(id), id_text(gender), id_text(birth.year()),
                                      year_only ? kNull : id_text(birth.month()), year_only ? kNull : id_text(birth.day()),
                                      text("0"), text("0"), text("synthetic-" + std::to_string(id))});
    tables_["observation_period"].rows.push_back({id_text(id), id_text(id), text(day_text(around.plus_years(-5))),
                                                  text(day_text(around.plus_days(30))), text("32817")});
    // Facts from events.
    std::map<std::string, std::string> chosen;
    for (const FactMapping& fact : mapping_.facts) {
      const Json& rule = facts.value(fact.fact, Json::object());
      if (rule.empty() || !fact.table) continue;
      if (rule.contains("given")) {
        const Json& given = rule["given"];
        std::string value = chosen[given.value("fact", "")];
        bool fits = false;
        for (const Json& allowed : given.value("values", Json::array())) fits = fits || allowed == value;
        if (!fits) continue;
      }
      auto days = profile_.range(rule, "days_before", 0, 365);
      if (fact.source == FactSource::kLatestCondition) {
        const Json& shares = rule.value("values", Json::object());
        double roll = random.uniform(), sum = 0;
        for (const ValueConcepts& value : fact.values) {
          sum += shares.value(value.value, 0.0);
          if (roll < sum) {
            chosen[fact.fact] = value.value;
            event(*fact.table, id, value.concepts, before(around, random, days), random);
            break;
          }
        }
      } else if (fact.source == FactSource::kEventPresent) {
        if (random.chance(profile_.get(rule, "present", 0))) event(*fact.table, id, fact.concepts, before(around, random, days), random);
      } else if (fact.source == FactSource::kLatestNumber) {
        int64_t repeat = random.between(0, static_cast<int64_t>(profile_.get(rule, "repeat", 1)));
        for (int64_t i = 0; i < repeat; ++i) {
          if (!random.chance(profile_.get(rule, "present", 0))) continue;
          const Json& values = rule.value("values", Json::array({0}));
          double value = values[random.between(0, static_cast<int64_t>(values.size()) - 1)].get<double>();
          auto [concept_id, source] = concept_pair(fact.concepts, random);
          std::string table = fact.table->name;
          RowValues row = {id_text(row_id(id)), id_text(id), id_text(concept_id), text(day_text(before(around, random, days))),
                           text("32817"), text(fixed_text(value, 0)), kNull};
          if (table == "measurement") row.insert(row.end(), {kNull, kNull, kNull});
          tables_[table].rows.push_back(std::move(row));
        }
      }
    }
    for (const ObservationMapping& observation : mapping_.observations) observations(id, observation, random, around, chosen);
    for (const ListMapping& list : mapping_.lists) entries(id, list, random, around, chosen);
  }

  void observations(int64_t id, const ObservationMapping& observation, Random& random, Date around,
                    const std::map<std::string, std::string>& chosen) {
    const Json& rule = profile_.json.value("observations", Json::object()).value(observation.code, Json::object());
    if (rule.empty()) return;
    const patient::ObservationSpec* spec = patient::find_observation(protocol_.record_format.observations, observation.code);
    int64_t count = random.between(0, static_cast<int64_t>(profile_.get(rule, "repeat", 1)));
    auto days = profile_.range(rule, "days_before", 0, 30);
    for (int64_t i = 0; i < count; ++i) {
      if (!random.chance(profile_.share(rule, "present", chosen, 0))) continue;
      Date date = before(around, random, days);
      if (random.chance(profile_.get(rule, "later", 0))) date = around.plus_days(random.between(1, 10));
      if (random.chance(profile_.get(rule, "same_day", 0)) && i > 0) date = around;
      auto [concept_id, source] = concept_pair(observation.concepts, random);
      Text value, value_concept, unit, range, unit_text;
      if (spec->is_text) {
        const Json& shares = rule.value("results", Json::object());
        double roll = random.uniform(), sum = 0;
        for (const ValueConcepts& result : observation.results) {
          sum += shares.value(result.value, 0.0);
          if (roll < sum) {
            value_concept = id_text(id_of(result.concepts.front()));
            break;
          }
        }
        if (!value_concept) continue;
      } else {
        auto span = profile_.range(rule, "range", 0, 10);
        int decimals = static_cast<int>(profile_.get(rule, "decimals", 1));
        double amount = random.real(span.first, span.second);
        std::optional<double> uln;
        if (spec->has_uln) {
          auto uln_span = profile_.range(rule, "uln", 30, 50);
          uln = std::round(random.real(uln_span.first, uln_span.second));
          // Exactly at a multiple of the ULN the protocol compares against.
          for (const Json& times : member_or_empty(rule, "uln_limits")) {
            if (random.chance(0.08)) amount = times.get<double>() * *uln;
          }
        }
        for (const Json& limit : member_or_empty(rule, "limits")) {
          if (random.chance(0.06)) amount = limit.get<double>();
        }
        // The unit: the catalogue's, or another accepted one, or (rarely) one not accepted.
        size_t unit_index = 0;
        for (size_t u = 0; u < observation.units.size(); ++u) {
          if (observation.units[u].value == spec->unit) unit_index = u;
        }
        double factor = 1;
        if (observation.units.size() > 1 && random.chance(profile_.get(rule, "other_units", 0))) {
          size_t other = static_cast<size_t>(random.between(0, static_cast<int64_t>(observation.units.size()) - 1));
          if (observation.units[other].value != spec->unit) {
            unit_index = other;
            factor = 1 / *spec->to_unit(1, observation.units[other].value);
            decimals = std::max(decimals, 2);
          }
        }
        unit = id_text(id_of(observation.units[unit_index].concepts.front()));
        unit_text = observation.units[unit_index].value;
        if (rule.contains("unaccepted") && random.chance(profile_.get(rule, "unaccepted_share", 0.01))) {
          unit = id_text(id_of({rule["unaccepted"].value("vocabulary", ""), rule["unaccepted"].value("code", ""), ""}));
          unit_text = rule["unaccepted"].value("code", "");
        }
        value = fixed_text(amount * factor, decimals);
        if (random.chance(profile_.get(rule, "no_value", 0))) value = kNull;
        if (uln && !random.chance(profile_.get(rule, "uln_missing", 0))) range = fixed_text(*uln * factor, decimals);
      }
      tables_[observation.table->name].rows.push_back(
          observation.table->name == "measurement"
              ? RowValues{id_text(row_id(id)), id_text(id), id_text(concept_id), text(day_text(date)), text("32856"), value,
                          value_concept, unit, range, unit_text}
              : RowValues{id_text(row_id(id)), id_text(id), id_text(concept_id), text(day_text(date)), text("32856"), value,
                          value_concept});
    }
  }

  void entries(int64_t id, const ListMapping& list, Random& random, Date around,
               const std::map<std::string, std::string>& chosen) {
    const Json& rule = profile_.json.value("lists", Json::object()).value(list.fact, Json::object());
    if (rule.empty() || !random.chance(profile_.share(rule, "persons", chosen, 0))) return;
    auto count_range = profile_.range(rule, "entries", 1, 3);
    int64_t count = random.between(static_cast<int64_t>(count_range.first), static_cast<int64_t>(count_range.second));
    bool many = random.chance(profile_.get(rule, "many_starts", 0));
    if (many) count = 60;  // weekly maintenance: more starts than a record's count allows
    auto days = profile_.range(rule, "days_before", 0, 720);
    const MemberMapping* route = nullptr;
    const MemberMapping* by_concept = nullptr;
    for (const MemberMapping& member : list.members) {
      if (member.source == MemberSource::kRoute) route = &member;
      if (member.source == MemberSource::kByConcept) by_concept = &member;
    }
    for (int64_t i = 0; i < count; ++i) {
      Date start = many ? around.plus_days(-7 * (i + 1)) : before(around, random, days);
      Date end = start.plus_days(random.between(1, 120));
      if (random.chance(profile_.get(rule, "ongoing", 0))) end = around.plus_days(random.between(1, 60));
      for (const Json& ended : member_or_empty(rule, "ended_days_before")) {
        if (random.chance(0.05)) {
          end = around.plus_days(-ended.get<int64_t>());
          if (end < start) start = end.plus_days(-30);
        }
      }
      ConceptSet set = list.concepts;
      if (by_concept) {
        const ValueConcepts& value = by_concept->values[random.between(0, static_cast<int64_t>(by_concept->values.size()) - 1)];
        set = value.concepts;
      }
      for (const Json& months : member_or_empty(rule, "months_before")) {
        if (random.chance(0.15)) start = around.plus_months(-months.get<int64_t>()).plus_days(random.between(-1, 1));
      }
      auto [concept_id, source] = concept_pair(set, random);
      if (list.table->name == "drug_exposure") {
        Text route_concept = route && random.chance(profile_.get(rule, "route", 0)) ? id_text(id_of(route->route.front())) : text("0");
        tables_["drug_exposure"].rows.push_back({id_text(row_id(id)), id_text(id), id_text(concept_id), text(day_text(start)),
                                                 text(day_text(end)), text("32817"), route_concept});
      } else {
        event(*list.table, id, set, start, random);
      }
    }
  }

  Database& database_;
  const OmopMapping& mapping_;
  const Protocol& protocol_;
  Profile profile_;
  SyntheticOptions options_;
  std::map<std::string, int64_t> ids_;
  std::map<std::string, TableRows> tables_;
  int64_t row_counter_ = 0;
};

Status check_profile(const Json& json, const OmopMapping& mapping) {
  if (!json.is_object()) return Error{"$", "must be an object"};
  Status members = reject_unknown_members(json, {"format", "persons", "facts", "observations", "lists"}, "$");
  if (!members.ok()) return members;
  if (json.value("format", "") != "trialcore-omop-synthetic/1") return Error{"$.format", "must be \"trialcore-omop-synthetic/1\""};
  for (const auto& [name, rule] : member_or_empty(json, "facts").items()) {
    if (name != "note" && !mapping.find_fact(name)) return Error{member_path("$.facts", name), "'" + name + "' is not a fact of the mapping"};
  }
  for (const auto& [code, rule] : member_or_empty(json, "observations").items()) {
    if (code != "note" && !mapping.find_observation(code)) return Error{member_path("$.observations", code), "'" + code + "' is not an observation of the mapping"};
  }
  for (const auto& [name, rule] : member_or_empty(json, "lists").items()) {
    if (name != "note" && !mapping.find_list(name)) return Error{member_path("$.lists", name), "'" + name + "' is not a list of the mapping"};
  }
  return Status::Ok();
}

}  // namespace

Status write_synthetic_population(Database& database, const OmopMapping& mapping, const Protocol& protocol,
                                  std::string_view profile_text, const SyntheticOptions& options) {
  auto json = parse_json_text(profile_text, "the synthetic profile");
  if (!json.ok()) return json.error();
  Status checked = check_profile(*json, mapping);
  if (!checked.ok()) return checked;
  if (options.persons < 1) return Error{"$.persons", "must be at least 1"};
  Generator generator(database, mapping, protocol, Profile{*json}, options);
  return generator.run();
}

Result<std::unique_ptr<Database>> create_synthetic_database(const std::string& url, const OmopMapping& mapping,
                                                            const Protocol& protocol, std::string_view profile_text,
                                                            const SyntheticOptions& options, const std::string& url_option,
                                                            const std::string& profile_option) {
  auto database = open_database(url, url_option, true);
  if (!database.ok()) return database.error();
  Status written = write_synthetic_population(**database, mapping, protocol, profile_text, options);
  if (!written.ok()) {
    Error error = written.error();
    if (error.kind == ErrorKind::kBadInput && error.path.rfind("$", 0) == 0) error.path = profile_option + " " + error.path;
    return error;
  }
  return database;
}

}  // namespace trialcore::omop

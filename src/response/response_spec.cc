#include "response/response_spec.h"

#include "patient/record_format.h"

namespace trialcore::response {

const Category* ResponseSpec::find(const std::string& id) const {
  for (const Category& category : categories) {
    if (category.id == id) return &category;
  }
  return nullptr;
}

size_t ResponseSpec::rank(const std::string& id) const {
  for (size_t i = 0; i < categories.size(); ++i) {
    if (categories[i].id == id) return i;
  }
  return categories.size();
}

namespace {

Result<std::vector<expr::DefinitionSource>> read_definitions(const Json& section, const std::string& path) {
  std::vector<expr::DefinitionSource> sources;
  auto found = section.find("definitions");
  if (found == section.end()) return sources;
  std::string here = member_path(path, "definitions");
  if (!found->is_object()) return Error{here, "must be an object of names"};
  for (auto it = found->begin(); it != found->end(); ++it) {
    if (!it->is_string()) return Error{member_path(here, it.key()), "must be an expression (text)"};
    sources.push_back({it.key(), it->get<std::string>(), "", member_path(here, it.key())});
  }
  return sources;
}

Result<Signal> read_signal(const Json& entry, const std::string& path, const std::vector<std::string>& period_ids) {
  Status known = reject_unknown_members(entry, {"id", "message", "periods", "after_courses"}, path);
  if (!known.ok()) return known.error();
  Signal signal;
  auto id = required(read_text(entry, "id", path), "id", path);
  if (!id.ok()) return id.error();
  signal.id = *id;
  auto message = required(read_text(entry, "message", path), "message", path);
  if (!message.ok()) return message.error();
  signal.message = *message;
  auto after = required(read_integer(entry, "after_courses", path), "after_courses", path);
  if (!after.ok()) return after.error();
  if (*after < 1) return Error{member_path(path, "after_courses"), "must be at least 1"};
  signal.after_courses = static_cast<int>(*after);
  std::string periods_path = member_path(path, "periods");
  if (!entry.contains("periods") || !entry["periods"].is_array()) return Error{periods_path, "must be a list of period ids"};
  for (size_t i = 0; i < entry["periods"].size(); ++i) {
    const Json& period = entry["periods"][i];
    if (!period.is_string() ||
        std::find(period_ids.begin(), period_ids.end(), period.get<std::string>()) == period_ids.end()) {
      return Error{element_path(periods_path, i), "must be the id of a period of the protocol"};
    }
    signal.periods.push_back(period.get<std::string>());
  }
  return signal;
}

}  // namespace

Result<ResponseSpec> parse_response_spec(const Json& section, const std::string& path,
                                         const std::vector<std::string>& period_ids) {
  Status known = reject_unknown_members(
      section, {"assessment_facts", "definitions", "categories", "not_evaluable", "best_of_courses", "signals"}, path);
  if (!known.ok()) return known.error();
  ResponseSpec spec;
  auto facts_section = section.find("assessment_facts");
  if (facts_section == section.end()) return Error{member_path(path, "assessment_facts"), "is required"};
  auto facts = patient::parse_extra_fields(*facts_section, member_path(path, "assessment_facts"));
  if (!facts.ok()) return facts.error();
  spec.facts = std::move(*facts);

  patient::RecordFormat format;
  format.fields = spec.facts;
  auto library = std::make_shared<expr::Library>(format.schema({}));
  auto definitions = read_definitions(section, path);
  if (!definitions.ok()) return definitions.error();
  Status defined = library->define(*definitions);
  if (!defined.ok()) return defined.error();
  spec.library = library;

  std::string categories_path = member_path(path, "categories");
  auto categories = section.find("categories");
  if (categories == section.end() || !categories->is_array() || categories->empty()) {
    return Error{categories_path, "must be a non-empty list, in precedence order"};
  }
  for (size_t i = 0; i < categories->size(); ++i) {
    const Json& entry = (*categories)[i];
    std::string here = element_path(categories_path, i);
    Status members = reject_unknown_members(entry, {"id", "label", "responder", "when"}, here);
    if (!members.ok()) return members.error();
    Category category;
    auto id = required(read_text(entry, "id", here), "id", here);
    if (!id.ok()) return id.error();
    if (spec.find(*id)) return Error{member_path(here, "id"), "'" + *id + "' is used twice"};
    category.id = *id;
    auto label = read_text(entry, "label", here);
    if (!label.ok()) return label.error();
    category.label = label->value_or(*id);
    auto responder = required(read_bool(entry, "responder", here), "responder", here);
    if (!responder.ok()) return responder.error();
    category.responder = *responder;
    auto when = required(read_text(entry, "when", here), "when", here);
    if (!when.ok()) return when.error();
    auto compiled = library->compile(*when, member_path(here, "when"), expr::TypeKind::kBoolean);
    if (!compiled.ok()) return compiled.error();
    category.when = std::move(*compiled);
    spec.categories.push_back(std::move(category));
  }

  if (section.contains("not_evaluable")) {
    std::string here = member_path(path, "not_evaluable");
    const Json& entry = section["not_evaluable"];
    Status members = reject_unknown_members(entry, {"id", "label"}, here);
    if (!members.ok()) return members.error();
    auto id = required(read_text(entry, "id", here), "id", here);
    if (!id.ok()) return id.error();
    if (spec.find(*id)) return Error{member_path(here, "id"), "'" + *id + "' is already a category"};
    spec.not_evaluable = *id;
    auto label = read_text(entry, "label", here);
    if (!label.ok()) return label.error();
    spec.not_evaluable_label = label->value_or(*id);
  }
  if (section.contains("best_of_courses")) {
    std::string here = member_path(path, "best_of_courses");
    const Json& entry = section["best_of_courses"];
    Status members = reject_unknown_members(entry, {"first", "last"}, here);
    if (!members.ok()) return members.error();
    auto first = read_integer(entry, "first", here);
    if (!first.ok()) return first.error();
    auto last = read_integer(entry, "last", here);
    if (!last.ok()) return last.error();
    spec.first_course = static_cast<int>(first->value_or(1));
    spec.last_course = static_cast<int>(last->value_or(0));
    if (spec.first_course < 1 || (spec.last_course && spec.last_course < spec.first_course)) {
      return Error{here, "first must be at least 1 and last at least first"};
    }
  }
  if (section.contains("signals")) {
    std::string here = member_path(path, "signals");
    if (!section["signals"].is_array()) return Error{here, "must be a list"};
    for (size_t i = 0; i < section["signals"].size(); ++i) {
      auto signal = read_signal(section["signals"][i], element_path(here, i), period_ids);
      if (!signal.ok()) return signal.error();
      spec.signals.push_back(std::move(*signal));
    }
  }
  return spec;
}

}  // namespace trialcore::response

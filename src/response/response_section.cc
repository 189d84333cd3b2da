#include "response/response_section.h"

#include <algorithm>

#include "base/find_by.h"
#include "base/object_reader.h"
#include "patient/record_format.h"

namespace trialcore::response {

const Category* ResponseSpec::find(const std::string& id) const {
  return find_by(categories, &Category::id, id);
}

size_t ResponseSpec::rank(const std::string& id) const {
  for (size_t i = 0; i < categories.size(); ++i) {
    if (categories[i].id == id) return i;
  }
  return categories.size();
}

namespace {

// "definitions": {"name": "expression"}.
std::vector<expr::DefinitionSource> read_definitions(ObjectReader& in) {
  std::vector<expr::DefinitionSource> sources;
  in.each_member_of(in.member("definitions"), "definitions", "names",
                    [&](const std::string& name, const Json& text, const std::string& here) {
    if (!text.is_string()) return in.fail(Error{here, "must be an expression (text)"});
    sources.push_back({name, text.get<std::string>(), "", here});
  });
  return sources;
}

Signal read_signal(ObjectReader& in, const std::vector<std::string>& period_ids) {
  Signal signal;
  signal.id = in.required_text("id");
  signal.message = in.required_text("message");
  const Json* periods = in.member("periods");
  if (!periods || !periods->is_array()) {
    in.fail("periods", "must be a list of period ids");
  } else {
    in.each(*periods, in.path_of("periods"), [&](const Json& period, const std::string& here) {
      if (!period.is_string() ||
          std::find(period_ids.begin(), period_ids.end(), period.get<std::string>()) == period_ids.end()) {
        return in.fail(Error{here, "must be the id of a period of the protocol"});
      }
      signal.periods.push_back(period.get<std::string>());
    });
  }
  int64_t after = in.required_integer("after_courses");
  if (in.ok() && after < 1) in.fail("after_courses", "must be at least 1");
  signal.after_courses = static_cast<int>(after);
  return signal;
}

void read_categories(ObjectReader& in, ResponseSpec& spec) {
  const Json* categories = in.member("categories");
  if (!categories || !categories->is_array() || categories->empty()) {
    return in.fail("categories", "must be a non-empty list, in precedence order");
  }
  in.each_object(*categories, in.path_of("categories"), [&](ObjectReader& entry) {
    Category category;
    category.id = entry.required_text("id");
    if (spec.find(category.id)) entry.fail("id", "'" + category.id + "' is used twice");
    category.label = entry.text("label").value_or(category.id);
    category.responder = entry.required_boolean("responder");
    std::string when = entry.required_text("when");
    if (!entry.ok()) return;
    if (auto compiled = entry.take(spec.library->compile(when, entry.path_of("when"), expr::TypeKind::kBoolean))) {
      category.when = std::move(*compiled);
    }
    spec.categories.push_back(std::move(category));
  });
}

}  // namespace

Result<ResponseSpec> parse_response_spec(const Json& section, const std::string& path,
                                         const std::vector<std::string>& period_ids) {
  ObjectReader in(section, path);
  ResponseSpec spec;
  if (const Json* facts = in.member("assessment_facts")) {
    auto read = in.take(patient::parse_extra_fields(*facts, in.path_of("assessment_facts")));
    if (read) spec.facts = std::move(*read);
  } else {
    in.fail("assessment_facts", "is required");
  }
  patient::RecordFormat format;
  format.fields = spec.facts;
  auto library = std::make_shared<expr::Library>(format.schema({}));
  std::vector<expr::DefinitionSource> definitions = read_definitions(in);
  if (in.ok()) in.take(library->define(definitions));
  spec.library = library;
  read_categories(in, spec);

  in.object("not_evaluable", [&](ObjectReader& entry) {
    spec.not_evaluable = entry.required_text("id");
    if (spec.find(spec.not_evaluable)) entry.fail("id", "'" + spec.not_evaluable + "' is already a category");
    spec.not_evaluable_label = entry.text("label").value_or(spec.not_evaluable);
  });
  in.object("best_of_courses", [&](ObjectReader& entry) {
    spec.first_course = static_cast<int>(entry.integer("first").value_or(1));
    spec.last_course = static_cast<int>(entry.integer("last").value_or(0));
    if (entry.ok() && (spec.first_course < 1 || (spec.last_course && spec.last_course < spec.first_course))) {
      entry.fail(Error{entry.path(), "first must be at least 1 and last at least first"});
    }
  });
  if (const Json* signals = in.member("signals")) {
    if (!signals->is_array()) {
      in.fail("signals", "must be a list");
    } else {
      in.each_object(*signals, in.path_of("signals"),
                     [&](ObjectReader& entry) { spec.signals.push_back(read_signal(entry, period_ids)); });
    }
  }
  return in.finish(std::move(spec));
}

}  // namespace trialcore::response

#include "patient/field_spec.h"

#include <memory>

#include "base/body_limits.h"

namespace trialcore::patient {

namespace {

FieldSpec field(std::string name, FieldKind kind, std::string description) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.kind = kind;
  spec.description = std::move(description);
  return spec;
}

FieldSpec choice(std::string name, std::vector<std::string> choices, std::string description) {
  FieldSpec spec = field(std::move(name), FieldKind::kChoice, std::move(description));
  spec.choices = std::move(choices);
  return spec;
}

FieldSpec integer(std::string name, double minimum, std::optional<double> maximum, std::string description) {
  FieldSpec spec = field(std::move(name), FieldKind::kInteger, std::move(description));
  spec.minimum = minimum;
  spec.maximum = maximum;
  return spec;
}

FieldSpec quantity(std::string name, Dimension dimension, std::string unit, std::vector<std::string> other_units,
                   double minimum, double maximum, std::string description) {
  FieldSpec spec = field(std::move(name), FieldKind::kQuantity, std::move(description));
  spec.dimension = dimension;
  spec.unit = std::move(unit);
  spec.other_units = std::move(other_units);
  spec.minimum = minimum;
  spec.maximum = maximum;
  return spec;
}

std::vector<FieldSpec> build_contract_fields() {
  using K = FieldKind;
  FieldSpec therapies = field("therapies", K::kList, "prior and current therapies");
  therapies.entry_name = "therapy";
  therapies.label_member = "name";
  therapies.members = {field("name", K::kText, "the therapy"),
                       field("start", K::kDate, "first day"),
                       field("end", K::kDate, "last day; null while it goes on"),
                       field("cns_directed", K::kBoolean, "CNS prophylaxis or treatment of CNS disease")};
  therapies.drop_after_member = "start";
  therapies.unknown_after_members = {"end"};

  FieldSpec toxicities = field("toxicities", K::kList, "toxicities of prior therapy");
  toxicities.entry_name = "toxicity";
  toxicities.label_member = "term";
  toxicities.members = {field("term", K::kText, "the toxicity"),
                        integer("grade", 1, 5, "CTCAE grade"),
                        field("resolved", K::kBoolean, "recovered from it")};

  FieldSpec transplants = field("transplants", K::kList, "stem cell transplants");
  transplants.entry_name = "transplant";
  transplants.label_member = "type";
  transplants.members = {choice("type", {"allogeneic", "autologous", "other"}, "kind of transplant"),
                         field("date", K::kDate, "day of the transplant")};
  transplants.drop_after_member = "date";

  return {
      field("birth_date", K::kDate, "date of birth"),
      choice("sex", {"female", "male", "other", "unknown"}, "sex"),
      field("diagnosis", K::kText, "diagnosis code"),
      choice("disease_status", {"relapsed", "refractory", "remission", "newly-diagnosed"}, "disease status"),
      integer("prior_lines", 0, 50, "prior lines of therapy"),
      integer("salvage", 1, 50, "salvage number: 1 = first salvage"),
      integer("zubrod", 0, 4, "Zubrod (ECOG) performance status"),
      integer("nyha_class", 1, 4, "NYHA heart failure class"),
      quantity("height", Dimension::kLength, "cm", {"in"}, kMinimumHeightCm, kMaximumHeightCm, "height"),
      quantity("weight", Dimension::kMass, "kg", {"lb"}, kMinimumWeightKg, kMaximumWeightKg, "weight"),
      field("organ_dysfunction_due_to_tumor", K::kBoolean, "organ function abnormalities considered due to tumor"),
      field("childbearing_potential", K::kBoolean, "of childbearing potential"),
      field("contraception_agreed", K::kBoolean, "agrees to barrier contraception"),
      field("pregnant", K::kBoolean, "pregnant"),
      field("breastfeeding", K::kBoolean, "breast-feeding"),
      field("hepatitis_b", K::kBoolean, "known active or chronic hepatitis B"),
      field("menopause_date", K::kDate, "date of menopause"),
      field("surgically_sterile", K::kBoolean, "surgically sterile"),
      therapies,
      toxicities,
      transplants,
  };
}

}  // namespace

const std::vector<FieldSpec>& contract_fields() {
  static const std::vector<FieldSpec> fields = build_contract_fields();
  return fields;
}

expr::Type field_type(const FieldSpec& spec) {
  using expr::Type;
  switch (spec.kind) {
    case FieldKind::kText:
    case FieldKind::kChoice: return Type::Text();
    case FieldKind::kInteger:
    case FieldKind::kNumber: return Type::Number();
    case FieldKind::kBoolean: return Type::Boolean();
    case FieldKind::kDate: return Type::Date();
    case FieldKind::kQuantity: return Type::Quantity(spec.dimension, spec.unit);
    case FieldKind::kList: {
      auto record = std::make_shared<expr::RecordType>();
      record->name = spec.entry_name;
      record->label_member = spec.label_member;
      for (const FieldSpec& member : spec.members) record->members.push_back({member.name, field_type(member)});
      return Type::List(record);
    }
  }
  return Type::Text();
}

Result<std::vector<FieldSpec>> parse_extra_fields(const Json& section, const std::string& path) {
  std::vector<FieldSpec> fields;
  if (!section.is_object()) return Error{path, "must be an object of fact names, not " + json_type_name(section)};
  for (auto it = section.begin(); it != section.end(); ++it) {
    std::string here = member_path(path, it.key());
    const Json& declaration = it.value();
    if (!declaration.is_object()) return Error{here, "must be an object, not " + json_type_name(declaration)};
    Status known = reject_unknown_members(declaration, {"type", "description", "choices", "minimum", "maximum", "unit", "other_units"}, here);
    if (!known.ok()) return known.error();
    auto type = required(read_choice(declaration, "type", here,
                                     {"text", "choice", "integer", "number", "boolean", "date", "quantity"}),
                         "type", here);
    if (!type.ok()) return type.error();
    FieldSpec spec;
    spec.name = it.key();
    const std::string& kind = *type;
    spec.kind = kind == "text" ? FieldKind::kText
              : kind == "choice" ? FieldKind::kChoice
              : kind == "integer" ? FieldKind::kInteger
              : kind == "number" ? FieldKind::kNumber
              : kind == "boolean" ? FieldKind::kBoolean
              : kind == "date" ? FieldKind::kDate
                               : FieldKind::kQuantity;
    auto description = read_text(declaration, "description", here);
    if (!description.ok()) return description.error();
    spec.description = description->value_or("");
    for (const char* bound : {"minimum", "maximum"}) {
      auto value = read_number(declaration, bound, here);
      if (!value.ok()) return value.error();
      (std::string(bound) == "minimum" ? spec.minimum : spec.maximum) = *value;
    }
    if (spec.kind == FieldKind::kChoice) {
      const Json* choices = declaration.contains("choices") ? &declaration["choices"] : nullptr;
      if (!choices || !choices->is_array() || choices->empty()) {
        return Error{member_path(here, "choices"), "a choice needs a non-empty list of texts"};
      }
      for (size_t i = 0; i < choices->size(); ++i) {
        if (!(*choices)[i].is_string()) return Error{element_path(member_path(here, "choices"), i), "must be a text"};
        spec.choices.push_back((*choices)[i].get<std::string>());
      }
    }
    if (spec.kind == FieldKind::kQuantity) {
      auto unit = required(read_text(declaration, "unit", here), "unit", here);
      if (!unit.ok()) return unit.error();
      auto found = find_unit(*unit);
      if (!found) return Error{member_path(here, "unit"), "unknown unit '" + *unit + "'"};
      spec.unit = *unit;
      spec.dimension = found->dimension;
      if (declaration.contains("other_units")) {
        std::string units_path = member_path(here, "other_units");
        const Json& others = declaration["other_units"];
        if (!others.is_array()) return Error{units_path, "must be a list of units"};
        for (size_t i = 0; i < others.size(); ++i) {
          auto other = others[i].is_string() ? find_unit(others[i].get<std::string>()) : std::nullopt;
          if (!other || other->dimension != spec.dimension) {
            return Error{element_path(units_path, i), "must be a unit of the same dimension as " + spec.unit};
          }
          spec.other_units.push_back(others[i].get<std::string>());
        }
      }
    }
    fields.push_back(std::move(spec));
  }
  return fields;
}

}  // namespace trialcore::patient

#include "patient/record_fields.h"

#include <memory>

#include "base/body_limits.h"
#include "base/object_reader.h"

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

namespace {

FieldKind kind_named(const std::string& kind) {
  return kind == "text" ? FieldKind::kText
       : kind == "choice" ? FieldKind::kChoice
       : kind == "integer" ? FieldKind::kInteger
       : kind == "number" ? FieldKind::kNumber
       : kind == "boolean" ? FieldKind::kBoolean
       : kind == "date" ? FieldKind::kDate
                        : FieldKind::kQuantity;
}

// A quantity's unit, and the other units of its dimension it accepts.
void read_units(ObjectReader& in, const Json* other_units, FieldSpec& spec) {
  spec.unit = in.required_text("unit");
  if (!in.ok()) return;
  auto found = find_unit(spec.unit);
  if (!found) return in.fail("unit", "unknown unit '" + spec.unit + "'");
  spec.dimension = found->dimension;
  if (!other_units) return;
  if (!other_units->is_array()) return in.fail("other_units", "must be a list of units");
  in.each(*other_units, in.path_of("other_units"), [&](const Json& other, const std::string& here) {
    auto unit = other.is_string() ? find_unit(other.get<std::string>()) : std::nullopt;
    if (!unit || unit->dimension != spec.dimension) {
      return in.fail(Error{here, "must be a unit of the same dimension as " + spec.unit});
    }
    spec.other_units.push_back(other.get<std::string>());
  });
}

FieldSpec read_extra_field(const std::string& name, ObjectReader& in) {
  FieldSpec spec;
  spec.name = name;
  spec.kind = kind_named(
      in.required_choice("type", {"text", "choice", "integer", "number", "boolean", "date", "quantity"}));
  spec.description = in.text("description").value_or("");
  const Json* choices = in.member("choices");  // a choice's
  spec.minimum = in.number("minimum");
  spec.maximum = in.number("maximum");
  in.member("unit");  // a quantity's, read below
  const Json* other_units = in.member("other_units");
  if (!in.ok()) return spec;
  if (spec.kind == FieldKind::kChoice) {
    if (!choices || !choices->is_array() || choices->empty()) {
      in.fail("choices", "a choice needs a non-empty list of texts");
    } else {
      in.each(*choices, in.path_of("choices"), [&](const Json& choice, const std::string& here) {
        if (!choice.is_string()) return in.fail(Error{here, "must be a text"});
        spec.choices.push_back(choice.get<std::string>());
      });
    }
  }
  if (spec.kind == FieldKind::kQuantity) read_units(in, other_units, spec);
  return spec;
}

}  // namespace

Result<std::vector<FieldSpec>> parse_extra_fields(const Json& section, const std::string& path) {
  if (!section.is_object()) return Error{path, "must be an object of fact names, not " + json_type_name(section)};
  return read_named_objects<FieldSpec>(section, path, read_extra_field);
}

}  // namespace trialcore::patient

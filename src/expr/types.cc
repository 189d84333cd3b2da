#include "expr/types.h"

namespace trialcore::expr {

Type Type::Quantity(Dimension dimension, std::string unit) {
  Type type = Of(TypeKind::kQuantity);
  type.dimension = dimension;
  type.unit = std::move(unit);
  return type;
}

Type Type::List(std::shared_ptr<const RecordType> record) {
  Type type = Of(TypeKind::kList);
  type.record = std::move(record);
  return type;
}

Type Type::Record(std::shared_ptr<const RecordType> record) {
  Type type = Of(TypeKind::kRecord);
  type.record = std::move(record);
  return type;
}

Type Type::Observation(Dimension dimension, std::string unit, bool has_uln) {
  Type type = Of(TypeKind::kObservation);
  type.observation_is_text = unit.empty();
  type.dimension = dimension;
  type.unit = std::move(unit);
  type.observation_has_uln = has_uln;
  return type;
}

Type Type::value_type() const {
  if (kind != TypeKind::kObservation) return *this;
  if (observation_is_text) return Text();
  return Quantity(dimension, unit);
}

int RecordType::find(const std::string& member) const {
  for (size_t i = 0; i < members.size(); ++i) {
    if (members[i].name == member) return static_cast<int>(i);
  }
  return -1;
}

std::string type_name(const Type& type) {
  switch (type.kind) {
    case TypeKind::kBoolean: return "a Boolean";
    case TypeKind::kNumber: return "a Number";
    case TypeKind::kQuantity:
      return "a Quantity of " + std::string(dimension_name(type.dimension)) + " (" + type.unit + ")";
    case TypeKind::kText: return "a Text";
    case TypeKind::kDate: return "a Date";
    case TypeKind::kDuration: return "a Duration";
    case TypeKind::kObservation:
      if (type.observation_is_text) return "an observation of Text";
      return "an observation of " + std::string(dimension_name(type.dimension)) + " (" +
             type.unit + ")";
    case TypeKind::kList: return "a list of " + (type.record ? type.record->name : "records");
    case TypeKind::kRecord: return "a " + (type.record ? type.record->name : "record");
    case TypeKind::kNull: return "null";
  }
  return "a value";
}

bool same_type(const Type& a, const Type& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == TypeKind::kQuantity) return a.dimension == b.dimension;
  if (a.kind == TypeKind::kList || a.kind == TypeKind::kRecord) return a.record == b.record;
  return true;
}

}  // namespace trialcore::expr

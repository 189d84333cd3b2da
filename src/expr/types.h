// The types of the criteria language. Checked when a protocol loads, so an expression that
// compares a bilirubin with a count, or uses a fact the record does not have, never runs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/units.h"

namespace trialcore::expr {

enum class TypeKind {
  kBoolean,
  kNumber,       // a plain number
  kQuantity,     // a number with a unit of one dimension
  kText,
  kDate,
  kDuration,     // days, weeks, calendar months, calendar years
  kObservation,  // a dated measurement; stands for its value where a value is expected
  kList,         // a list of records
  kRecord,
  kNull,         // the literal null, or Contradiction(...): unknown of any type
};

struct RecordType;

struct Type {
  TypeKind kind = TypeKind::kBoolean;
  Dimension dimension = Dimension::kNone;   // kQuantity, and kObservation of a quantity
  std::string unit;                         // the unit values of this type are kept in
  bool observation_is_text = false;         // kObservation whose value is text
  bool observation_has_uln = false;         // kObservation that carries an upper limit of normal
  std::shared_ptr<const RecordType> record; // kList (its elements) and kRecord

  static Type Of(TypeKind kind) {
    Type type;
    type.kind = kind;
    return type;
  }
  static Type Boolean() { return Of(TypeKind::kBoolean); }
  static Type Number() { return Of(TypeKind::kNumber); }
  static Type Text() { return Of(TypeKind::kText); }
  static Type Date() { return Of(TypeKind::kDate); }
  static Type Duration() { return Of(TypeKind::kDuration); }
  static Type Null() { return Of(TypeKind::kNull); }
  static Type Quantity(Dimension dimension, std::string unit);
  static Type List(std::shared_ptr<const RecordType> record);
  static Type Record(std::shared_ptr<const RecordType> record);
  // An observation of a quantity in `unit`, or of text when `unit` is empty.
  static Type Observation(Dimension dimension, std::string unit, bool has_uln);

  // The type an observation stands for where a value is expected; other types unchanged.
  Type value_type() const;
};

struct RecordMember {
  std::string name;
  Type type;
};

// The shape of one element of a list fact (a therapy, a toxicity, a transplant).
struct RecordType {
  std::string name;                  // "therapy", for messages
  std::vector<RecordMember> members;
  std::string label_member;          // shown to name an element in reasons ("name", "term")

  // The index of `member`, or -1.
  int find(const std::string& member) const;
};

// "a Boolean", "a Quantity of mass concentration (mg/dL)", "a list of therapy", ...
std::string type_name(const Type& type);

// The same kind, and for quantities the same dimension.
bool same_type(const Type& a, const Type& b);

}  // namespace trialcore::expr

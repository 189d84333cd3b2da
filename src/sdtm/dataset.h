// An SDTM dataset as trialcore writes it: a domain's variables in SDTMIG order, each with
// its name, label and type, and the rows of values. The domain builders fill it; the two
// writers (Dataset-JSON, SAS transport) take it as it is, so both files hold the same
// names, labels, lengths and values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/result.h"

namespace trialcore::sdtm {

// SAS knows text (Char) and numbers (Num); Dataset-JSON says more: whole numbers, decimals,
// and ISO 8601 text (a --DTC variable is Char in SAS and "date" or "datetime" in JSON).
enum class VariableType { kText, kIsoDateTime, kInteger, kFloat };

struct Variable {
  std::string name;   // at most 8 characters, upper case (SAS version 5)
  std::string label;  // at most 40 characters
  VariableType type = VariableType::kText;
  int key = 0;        // the variable's place among the dataset's keys (1, 2, ...); 0: not a key

  bool numeric() const { return type == VariableType::kInteger || type == VariableType::kFloat; }
};

// Missing, text, a whole number or a decimal; a number variable holds only numbers.
using Value = std::variant<std::monostate, std::string, int64_t, double>;

struct Dataset {
  std::string name;   // "DM", "SUPPEX"
  std::string label;  // "Demographics"
  std::vector<Variable> variables;
  std::vector<std::vector<Value>> rows;

  // The column of a variable, or -1.
  int column(const std::string& variable) const;
  // The length SAS stores: for text the longest value in bytes (at least 1), 8 for numbers.
  int length(size_t column) const;
};

// The longest text SAS version 5 transport holds in one variable.
inline constexpr size_t kMaxTextLength = 200;

// What the writers require of a dataset: names of 1 to 8 letters, digits or underscores
// starting with a letter, labels of at most 40 characters, each row as wide as the
// variables, values of the variable's type, text of at most 200 bytes. The Error names the
// dataset, the variable and the row.
Status check_dataset(const Dataset& dataset);

// Builds a row by variable name, so a domain lists its values beside their names.
class RowBuilder {
 public:
  explicit RowBuilder(const Dataset& dataset) : dataset_(dataset), row_(dataset.variables.size()) {}
  // Sets a variable; trailing blanks are dropped, an empty text or an absent optional stays missing.
  RowBuilder& set(const std::string& name, Value value);
  RowBuilder& set(const std::string& name, const std::optional<std::string>& text);
  RowBuilder& set(const std::string& name, const std::string& text) { return set(name, Value(text)); }
  RowBuilder& set(const std::string& name, const char* text) { return set(name, Value(std::string(text))); }
  // The row built; the builder is spent.
  std::vector<Value> row() { return std::move(row_); }

 private:
  const Dataset& dataset_;
  std::vector<Value> row_;
};

}  // namespace trialcore::sdtm

#include "sdtm/dataset.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace trialcore::sdtm {

int Dataset::column(const std::string& variable) const {
  for (size_t i = 0; i < variables.size(); ++i) {
    if (variables[i].name == variable) return static_cast<int>(i);
  }
  return -1;
}

int Dataset::length(size_t column) const {
  if (variables.at(column).numeric()) return 8;
  size_t longest = 1;
  for (const auto& row : rows) {
    if (const auto* text = std::get_if<std::string>(&row.at(column))) longest = std::max(longest, text->size());
  }
  return static_cast<int>(longest);
}

namespace {

bool sas_name(const std::string& name) {
  if (name.empty() || name.size() > 8 || !std::isupper(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

bool fits(const Variable& variable, const Value& value) {
  if (std::holds_alternative<std::monostate>(value)) return true;
  if (variable.type == VariableType::kInteger) return std::holds_alternative<int64_t>(value);
  if (variable.type == VariableType::kFloat) return std::holds_alternative<double>(value) || std::holds_alternative<int64_t>(value);
  return std::holds_alternative<std::string>(value);
}

}  // namespace

Status check_dataset(const Dataset& dataset) {
  if (!sas_name(dataset.name)) return Error{dataset.name, "a dataset name is 1 to 8 upper-case letters, digits or underscores"};
  if (dataset.label.size() > 40) return Error{dataset.name, "the dataset label is longer than 40 characters"};
  for (const Variable& variable : dataset.variables) {
    std::string where = dataset.name + "." + variable.name;
    if (!sas_name(variable.name)) return Error{where, "a variable name is 1 to 8 upper-case letters, digits or underscores, starting with a letter"};
    if (variable.label.empty() || variable.label.size() > 40) return Error{where, "a variable label has 1 to 40 characters"};
  }
  // Dataset-JSON's keySequence orders the keys: each place from 1 to the number of keys once.
  std::vector<int> keys;
  for (const Variable& variable : dataset.variables) {
    if (variable.key != 0) keys.push_back(variable.key);
  }
  std::sort(keys.begin(), keys.end());
  for (size_t place = 0; place < keys.size(); ++place) {
    if (keys[place] != static_cast<int>(place) + 1) {
      std::string places;
      for (int key : keys) places += (places.empty() ? "" : ", ") + std::to_string(key);
      return Error{dataset.name, "the keys' places must run from 1 to " + std::to_string(keys.size()) +
                                     ", each once, not " + places};
    }
  }
  for (size_t r = 0; r < dataset.rows.size(); ++r) {
    const auto& row = dataset.rows[r];
    if (row.size() != dataset.variables.size()) {
      return Error{dataset.name + " row " + std::to_string(r + 1), "has " + std::to_string(row.size()) + " values for " +
                                                                      std::to_string(dataset.variables.size()) + " variables"};
    }
    for (size_t c = 0; c < row.size(); ++c) {
      const Variable& variable = dataset.variables[c];
      std::string where = dataset.name + "." + variable.name + " row " + std::to_string(r + 1);
      if (!fits(variable, row[c])) return Error{where, variable.numeric() ? "must be a number" : "must be text"};
      if (const auto* text = std::get_if<std::string>(&row[c]); text && text->size() > kMaxTextLength) {
        return Error{where, "has " + std::to_string(text->size()) + " characters; SAS transport holds at most 200"};
      }
    }
  }
  return Status::Ok();
}

RowBuilder& RowBuilder::set(const std::string& name, Value value) {
  int column = dataset_.column(name);
  if (column < 0) throw std::logic_error("no variable " + name + " in " + dataset_.name);
  if (auto* text = std::get_if<std::string>(&value)) {
    // SAS keeps no trailing blanks, so neither does the dataset: both files read the same.
    text->erase(text->find_last_not_of(" \t\r\n") + 1);
    if (text->empty()) value = std::monostate{};
  }
  row_[column] = std::move(value);
  return *this;
}

RowBuilder& RowBuilder::set(const std::string& name, const std::optional<std::string>& text) {
  return text ? set(name, Value(*text)) : set(name, Value());
}

}  // namespace trialcore::sdtm

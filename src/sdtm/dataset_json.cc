#include "sdtm/dataset_json.h"

namespace trialcore::sdtm {

namespace {

bool complete_date(const std::string& text) { return text.size() == 10 && text[4] == '-' && text[7] == '-'; }
bool date_with_time(const std::string& text) { return text.size() >= 16 && complete_date(text.substr(0, 10)) && text[10] == 'T'; }

}  // namespace

std::string json_data_type(const Dataset& dataset, size_t column) {
  switch (dataset.variables.at(column).type) {
    case VariableType::kInteger: return "integer";
    case VariableType::kFloat: return "double";
    case VariableType::kText: return "string";
    case VariableType::kIsoDateTime: break;
  }
  bool dates = true, datetimes = true;
  for (const auto& row : dataset.rows) {
    const auto* text = std::get_if<std::string>(&row[column]);
    if (!text) continue;
    dates = dates && complete_date(*text);
    datetimes = datetimes && date_with_time(*text);
  }
  if (dates) return "date";
  return datetimes ? "datetime" : "string";
}

OrderedJson dataset_json(const Dataset& dataset, const ExportContext& context) {
  OrderedJson file;
  file["datasetJSONCreationDateTime"] = context.created;
  file["datasetJSONVersion"] = "1.1.0";
  file["fileOID"] = context.study + "/" + context.protocol_version + "/" + dataset.name;
  file["originator"] = "trialcore";
  file["sourceSystem"] = {{"name", "trialcore"}, {"version", context.source_version}};
  file["studyOID"] = context.study;
  file["metaDataVersionOID"] = context.protocol_version;
  file["itemGroupOID"] = "IG." + dataset.name;
  file["records"] = dataset.rows.size();
  file["name"] = dataset.name;
  file["label"] = dataset.label;
  OrderedJson columns = OrderedJson::array();
  for (size_t c = 0; c < dataset.variables.size(); ++c) {
    const Variable& variable = dataset.variables[c];
    OrderedJson column;
    column["itemOID"] = "IT." + dataset.name + "." + variable.name;
    column["name"] = variable.name;
    column["label"] = variable.label;
    column["dataType"] = json_data_type(dataset, c);
    if (!variable.numeric()) column["length"] = dataset.length(c);
    if (variable.key > 0) column["keySequence"] = variable.key;
    columns.push_back(std::move(column));
  }
  file["columns"] = std::move(columns);
  OrderedJson rows = OrderedJson::array();
  for (const auto& row : dataset.rows) {
    OrderedJson values = OrderedJson::array();
    for (size_t c = 0; c < row.size(); ++c) {
      const Value& value = row[c];
      if (const auto* text = std::get_if<std::string>(&value)) {
        values.push_back(*text);
      } else if (const auto* whole = std::get_if<int64_t>(&value)) {
        values.push_back(*whole);
      } else if (const auto* number = std::get_if<double>(&value)) {
        values.push_back(*number);
      } else {
        values.push_back(dataset.variables[c].numeric() ? OrderedJson(nullptr) : OrderedJson(""));
      }
    }
    rows.push_back(std::move(values));
  }
  file["rows"] = std::move(rows);
  return file;
}

}  // namespace trialcore::sdtm

#include "sdtm/transport_file.h"

#include <readstat.h>

#include <ctime>
#include <memory>

namespace trialcore::sdtm {

namespace {

ssize_t append_bytes(const void* data, size_t length, void* context) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), length);
  return static_cast<ssize_t>(length);
}

// "2026-12-01T09:30:00" as seconds since 1970 (UTC); nullopt when it does not read.
std::optional<time_t> utc_seconds(const std::string& text) {
  std::tm parts{};
  if (text.size() < 19 || std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &parts.tm_year, &parts.tm_mon, &parts.tm_mday,
                                      &parts.tm_hour, &parts.tm_min, &parts.tm_sec) != 6) {
    return std::nullopt;
  }
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  return timegm(&parts);
}

Error failed(const Dataset& dataset, const std::string& step, readstat_error_t error) {
  return Error{dataset.name, "SAS transport: " + step + ": " + readstat_error_message(error), ErrorKind::kFailure};
}

}  // namespace

Result<std::string> transport_file(const Dataset& dataset, const std::string& created) {
  auto timestamp = utc_seconds(created);
  if (!timestamp) return Error{"created", "'" + created + "' is not a UTC date and time like 2026-12-01T09:30:00"};
  std::unique_ptr<readstat_writer_t, decltype(&readstat_writer_free)> writer(readstat_writer_init(), readstat_writer_free);
  std::string bytes;
  readstat_set_data_writer(writer.get(), append_bytes);
  readstat_writer_set_file_format_version(writer.get(), 5);
  readstat_writer_set_table_name(writer.get(), dataset.name.c_str());
  readstat_writer_set_file_label(writer.get(), dataset.label.c_str());
  readstat_writer_set_file_timestamp(writer.get(), *timestamp);
  std::vector<readstat_variable_t*> variables;
  for (size_t c = 0; c < dataset.variables.size(); ++c) {
    const Variable& variable = dataset.variables[c];
    readstat_variable_t* added =
        variable.numeric()
            ? readstat_add_variable(writer.get(), variable.name.c_str(), READSTAT_TYPE_DOUBLE, 8)
            : readstat_add_variable(writer.get(), variable.name.c_str(), READSTAT_TYPE_STRING, dataset.length(c));
    readstat_variable_set_label(added, variable.label.c_str());
    variables.push_back(added);
  }
  if (readstat_error_t error = readstat_begin_writing_xport(writer.get(), &bytes, static_cast<long>(dataset.rows.size()));
      error != READSTAT_OK) {
    return failed(dataset, "the header", error);
  }
  for (const auto& row : dataset.rows) {
    readstat_begin_row(writer.get());
    for (size_t c = 0; c < row.size(); ++c) {
      const Value& value = row[c];
      readstat_error_t error = READSTAT_OK;
      if (const auto* text = std::get_if<std::string>(&value)) {
        error = readstat_insert_string_value(writer.get(), variables[c], text->c_str());
      } else if (const auto* whole = std::get_if<int64_t>(&value)) {
        error = readstat_insert_double_value(writer.get(), variables[c], static_cast<double>(*whole));
      } else if (const auto* number = std::get_if<double>(&value)) {
        error = readstat_insert_double_value(writer.get(), variables[c], *number);
      } else if (dataset.variables[c].numeric()) {
        error = readstat_insert_missing_value(writer.get(), variables[c]);
      } else {
        error = readstat_insert_string_value(writer.get(), variables[c], "");
      }
      if (error != READSTAT_OK) return failed(dataset, dataset.variables[c].name, error);
    }
    if (readstat_error_t error = readstat_end_row(writer.get()); error != READSTAT_OK) return failed(dataset, "a row", error);
  }
  if (readstat_error_t error = readstat_end_writing(writer.get()); error != READSTAT_OK) return failed(dataset, "the end", error);
  return bytes;
}

}  // namespace trialcore::sdtm

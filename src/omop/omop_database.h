// A connection to an OMOP database: SQLite (`sqlite:FILE`) or PostgreSQL
// (`postgresql://...`). Just what pre-screening needs: run statements, read result rows
// column by column, and write rows in bulk (a prepared insert in one transaction for SQLite,
// COPY for PostgreSQL). Each value is read as text or a number, NULL kept apart.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace trialcore::omop {

enum class Dialect { kSqlite, kPostgres };

// One result row while it is read; valid only inside the callback.
class Row {
 public:
  virtual ~Row() = default;
  virtual bool null(int column) const = 0;
  virtual int64_t integer(int column) const = 0;
  virtual double number(int column) const = 0;
  virtual std::string_view text(int column) const = 0;
};

// Rows to write: each value is a text in the form the database reads ("2010-07-01",
// "1.5"), or nullopt for NULL.
using RowValues = std::vector<std::optional<std::string>>;

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Runs statements separated by ';' (no result).
  virtual Status execute(const std::string& sql) = 0;
  // Runs one query; `on_row` sees each row in turn.
  virtual Status query(const std::string& sql, const std::function<void(const Row&)>& on_row) = 0;
  // Writes rows into `table` (`columns` in order); `next` fills the next row and returns
  // false when there are no more.
  virtual Status write_rows(const std::string& table, const std::vector<std::string>& columns,
                            const std::function<bool(RowValues&)>& next) = 0;
};

// Opens `url`: "sqlite:FILE" (created when `create` is true, else it must exist) or
// "postgresql://..." / "postgres://...". A bad URL is an Error naming `option`.
Result<std::unique_ptr<Database>> open_database(const std::string& url, const std::string& option, bool create);

}  // namespace trialcore::omop

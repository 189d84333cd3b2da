// Projection rows in the order replays give them and verification compares them: by table,
// then key, in byte order (a server's collation may order keys otherwise).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "store/store.h"

namespace trialcore::store {

using TableRow = std::pair<std::string, Row>;  // table, row

bool row_before(const TableRow& a, const TableRow& b);

// Rows made in runs, each in order or nearly (a table's rows from a map, a patient's labs by
// sequence), as one run in order: a run out of order is sorted, then the runs are merged.
// Where the runs come in order this is linear in the rows: sorting the 100,000 rows of a
// rebuild that were already in order took a tenth of the rebuild.
std::vector<TableRow> merge_runs(std::vector<std::vector<TableRow>> runs);

}  // namespace trialcore::store

#include "store/row_order.h"

#include <algorithm>
#include <iterator>
#include <tuple>

namespace trialcore::store {

bool row_before(const TableRow& a, const TableRow& b) {
  return std::tie(a.first, a.second.first) < std::tie(b.first, b.second.first);
}

std::vector<TableRow> merge_runs(std::vector<std::vector<TableRow>> runs) {
  size_t total = 0;
  for (const auto& run : runs) total += run.size();
  std::vector<TableRow> merged;
  merged.reserve(total);
  for (auto& run : runs) {
    if (!std::is_sorted(run.begin(), run.end(), row_before)) std::sort(run.begin(), run.end(), row_before);
    auto middle = static_cast<std::ptrdiff_t>(merged.size());
    merged.insert(merged.end(), std::make_move_iterator(run.begin()), std::make_move_iterator(run.end()));
    // A run that begins after the rows before it (a table after the tables before it) needs
    // no merge.
    if (middle > 0 && middle < static_cast<std::ptrdiff_t>(merged.size()) &&
        row_before(merged[middle], merged[middle - 1])) {
      std::inplace_merge(merged.begin(), merged.begin() + middle, merged.end(), row_before);
    }
  }
  return merged;
}

}  // namespace trialcore::store

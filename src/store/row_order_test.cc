#include "store/row_order.h"

#include <gtest/gtest.h>

namespace trialcore::store {
namespace {

TableRow row(const std::string& table, const std::string& key) { return {table, {key, Json{{"key", key}}}}; }

std::vector<std::string> names(const std::vector<TableRow>& rows) {
  std::vector<std::string> found;
  for (const auto& [table, row] : rows) found.push_back(table + "/" + row.first);
  return found;
}

TEST(RowOrderTest, RunsOfTablesInOrderAreJoinedAsTheyCome) {
  auto merged = merge_runs({{row("observations", "P1/1"), row("observations", "P2/3")},
                            {row("patients", "P1"), row("patients", "P2")},
                            {row("periods", "period-1")}});
  EXPECT_EQ(names(merged), (std::vector<std::string>{"observations/P1/1", "observations/P2/3", "patients/P1",
                                                     "patients/P2", "periods/period-1"}));
  EXPECT_EQ(merged[1].second.second["key"], "P2/3");  // each row keeps its document
}

TEST(RowOrderTest, RunsThatInterleaveAreMergedByTableThenKey) {
  // Runs whose tables interleave, as the trial's replay's and the accounts' do.
  auto merged = merge_runs({{row("patients", "P1"), row("periods", "period-1")},
                            {row("sessions", "s1"), row("users", "admin")},
                            {row("observations", "P1/1"), row("patients", "P0")}});
  EXPECT_EQ(names(merged), (std::vector<std::string>{"observations/P1/1", "patients/P0", "patients/P1",
                                                     "periods/period-1", "sessions/s1", "users/admin"}));
}

TEST(RowOrderTest, ARunOutOfOrderIsSortedInByteOrder) {
  // Patients in id order do not give their labs' keys in byte order when an id holds a
  // character before '/': "P1-2/..." comes before "P1/...".
  auto merged = merge_runs({{row("observations", "P1/00000000000000000007"), row("observations", "P1-2/00000000000000000003"),
                             row("observations", "Pa/00000000000000000001")},
                            {}});
  EXPECT_EQ(names(merged), (std::vector<std::string>{"observations/P1-2/00000000000000000003",
                                                     "observations/P1/00000000000000000007",
                                                     "observations/Pa/00000000000000000001"}));
  EXPECT_TRUE(merge_runs({}).empty());
}

TEST(RowOrderTest, TheSameRowInTwoRunsEndsSideBySide) {
  // What lets a merged replay find two projectors writing one row.
  auto merged = merge_runs({{row("patients", "P1"), row("users", "a")}, {row("patients", "P1")}});
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(names(merged)[0], "patients/P1");
  EXPECT_EQ(names(merged)[1], "patients/P1");
}

}  // namespace
}  // namespace trialcore::store

#include "store/projectors.h"

#include <algorithm>

#include "store/row_order.h"

namespace trialcore::store {

namespace {

class MergedReplay : public Replay {
 public:
  explicit MergedReplay(std::vector<std::unique_ptr<Replay>> parts) : parts_(std::move(parts)) {}

  Status add(const Event& event, Transaction& log) override {
    for (auto& part : parts_) {
      Status added = part->add(event, log);
      if (!added.ok()) return added;
    }
    return Status::Ok();
  }

  Result<std::vector<std::pair<std::string, Row>>> rows(Transaction& log) override {
    std::vector<std::vector<TableRow>> runs;
    for (auto& part : parts_) {
      auto rows = part->rows(log);
      if (!rows.ok()) return rows.error();
      runs.push_back(std::move(*rows));
    }
    std::vector<TableRow> all = merge_runs(std::move(runs));
    auto same_row = [](const TableRow& a, const TableRow& b) { return !row_before(a, b) && !row_before(b, a); };
    auto twice = std::adjacent_find(all.begin(), all.end(), same_row);
    if (twice != all.end()) {
      return Error{"", "two projectors write the row " + twice->first + "/" + twice->second.first, ErrorKind::kFailure};
    }
    return all;
  }

 private:
  std::vector<std::unique_ptr<Replay>> parts_;
};

}  // namespace

Status Projectors::apply(const Event& event, Transaction& transaction) {
  for (Projector* part : parts_) {
    Status applied = part->apply(event, transaction);
    if (!applied.ok()) return applied;
  }
  return Status::Ok();
}

std::unique_ptr<Replay> Projectors::replay() {
  std::vector<std::unique_ptr<Replay>> replays;
  for (Projector* part : parts_) replays.push_back(part->replay());
  return std::make_unique<MergedReplay>(std::move(replays));
}

}  // namespace trialcore::store

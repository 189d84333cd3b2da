#include "store/projectors.h"

#include <algorithm>
#include <tuple>

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
    std::vector<std::pair<std::string, Row>> all;
    for (auto& part : parts_) {
      auto rows = part->rows(log);
      if (!rows.ok()) return rows.error();
      all.insert(all.end(), std::make_move_iterator(rows->begin()), std::make_move_iterator(rows->end()));
    }
    auto key = [](const std::pair<std::string, Row>& row) { return std::tie(row.first, row.second.first); };
    std::sort(all.begin(), all.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    auto twice = std::adjacent_find(all.begin(), all.end(), [&](const auto& a, const auto& b) { return key(a) == key(b); });
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

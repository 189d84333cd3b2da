#include "recorded_output.h"

#include <iostream>

namespace trialcore::app {

void print_recorded(const store::Event& event, bool json, const OrderedJson& extra) {
  if (json) {
    OrderedJson answer = {{"sequence", event.sequence}, {"kind", event.kind}, {"subject", event.subject}};
    for (auto it = extra.begin(); it != extra.end(); ++it) answer[it.key()] = it.value();
    std::cout << answer.dump() << "\n";
    return;
  }
  std::cout << "recorded event " << event.sequence << " (" << event.kind << ")";
  if (!event.subject.empty()) std::cout << " for " << event.subject;
  std::cout << "\n";
}

}  // namespace trialcore::app

// The SDTM variables trialcore writes, each declared once with its SDTMIG label and type.
// A domain lists the names of its variables in SDTMIG order and which of them are keys;
// the label and type come from here, so a variable several domains share (EPOCH, ARM,
// VISIT, --SEQ) reads the same in each of them.
#pragma once

#include <string>
#include <vector>

#include "sdtm/dataset.h"

namespace trialcore::sdtm {

// A key variable and its place among the dataset's keys (1, 2, ...).
struct Key {
  std::string name;
  int place = 0;
};

// The variable `name` as `domain` writes it. A domain's own declaration ("TI.IETESTCD")
// comes first, then the name itself, then the generic one with the domain's prefix
// replaced by "--" (DVSEQ is --SEQ). A name declared nowhere is a programming error:
// std::logic_error, as RowBuilder::set does for a variable its dataset lacks.
Variable declared_variable(const std::string& domain, const std::string& name, int key = 0);

// A dataset with the variables `names`, in that order, and their places among the keys.
Dataset declared_dataset(const std::string& name, const std::string& label, const std::vector<std::string>& names,
                         const std::vector<Key>& keys);

}  // namespace trialcore::sdtm

// How a protocol classifies response: the facts of an assessment, the categories in
// precedence order (each an expression), the category for "not evaluable", which courses
// count toward the best response, and the signals raised when there is none.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/json_fields.h"
#include "expr/library.h"
#include "patient/record_fields.h"

namespace trialcore::response {

struct Category {
  std::string id;         // "CR"
  std::string label;      // "complete remission"
  bool responder = false;
  expr::Expression when;
};

// Raised for a patient of one of `periods` once `after_courses` courses are given without
// any response so far, for the investigator to confirm.
struct Signal {
  std::string id;
  std::string message;
  std::vector<std::string> periods;
  int after_courses = 0;
};

struct ResponseSpec {
  std::vector<patient::FieldSpec> facts;          // of one assessment
  std::shared_ptr<const expr::Library> library;   // compiled against `facts`
  std::vector<Category> categories;               // precedence order, which is also the rank
  std::string not_evaluable = "NE";
  std::string not_evaluable_label = "not evaluable";
  int first_course = 1;                           // courses that count toward the best response
  int last_course = 0;                            // 0: no limit
  std::vector<Signal> signals;

  bool empty() const { return categories.empty(); }
  const Category* find(const std::string& id) const;
  // Rank of a category: 0 is the best; not evaluable ranks after every category.
  size_t rank(const std::string& id) const;
};

// Reads a protocol's "response" section; `period_ids` are the protocol's periods.
Result<ResponseSpec> parse_response_spec(const Json& section, const std::string& path,
                                         const std::vector<std::string>& period_ids);

}  // namespace trialcore::response

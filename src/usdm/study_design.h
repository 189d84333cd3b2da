// The protocol as a study design: its arms (the periods), its epochs (screening, each
// treatment course, follow-up), the element a patient of each arm goes through in each
// epoch, and the planned visits (each course's dosing days, with their windows). USDM's
// design and SDTM's trial design domains (TA, TE, TV) are two views of it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/protocol.h"

namespace trialcore::usdm {

enum class EpochKind { kScreening, kTreatment, kFollowUp };

struct Epoch {
  std::string name;  // "SCREENING", "COURSE 1", ..., "FOLLOW-UP" (SDTM's EPOCH)
  std::string label; // "Screening", "Course 1", ...
  EpochKind kind = EpochKind::kScreening;
  int course = 0;    // treatment epochs: the course; 0 when the protocol sets no courses
};

struct Element {
  std::string code;         // "SCRN", "FU", "A1C1" (arm 1, course 1): at most 8 characters
  std::string name;         // for people
  std::string start_rule;
  std::string end_rule;
  std::optional<int> duration_days;  // planned
  std::string period;       // treatment elements: the arm's period
  int course = 0;
};

// A planned dosing day of one course in one arm.
struct ArmVisit {
  std::string period;
  int study_day = 0;    // (course - 1) x the course interval + day
  int window_days = 0;  // may be up to this many days late
};

struct Visit {
  int number = 0;    // 1 is screening, then courses and days in order
  std::string name;  // "SCREENING", "COURSE 2 DAY 8"
  int course = 0;    // 0 for screening
  int day = 0;
  std::vector<ArmVisit> arms;  // the arms that plan it
};

struct Arm {
  std::string code;         // from the period id: "PERIOD_1" (at most 20 characters)
  std::string name;         // the period's title
  std::string description;
  std::string period;
  std::vector<std::string> elements;  // the element of each epoch, in epoch order
};

struct StudyDesign {
  std::vector<Epoch> epochs;
  std::vector<Element> elements;
  std::vector<Arm> arms;
  std::vector<Visit> visits;

  const Element* element(const std::string& code) const;
  const Arm* arm_of(const std::string& period) const;
  const Visit* visit(int course, int day) const;
};

StudyDesign study_design(const Protocol& protocol);

// An identifier made of `text`'s letters and digits, upper case, joined by `separator`
// where other characters were, at most `size` long: "arm-a" gives "ARM_A".
std::string code_of(const std::string& text, size_t size, char separator = '_');

// The days of `course` the regimen plans doses on, with the latest window of each.
struct DosingDay {
  int day = 0;
  int window_days = 0;
};
std::vector<DosingDay> dosing_days(const treatment::Regimen& regimen, int course);

}  // namespace trialcore::usdm

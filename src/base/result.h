// Failures that a caller must handle are values, never exceptions: an Error names where
// (the JSON path or the argument) and what is wrong, in words a coordinator can act on.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace trialcore {

// What kind of failure: the answer a front end gives depends on it (the command line's
// exit status, the HTTP status).
enum class ErrorKind {
  kBadInput,   // the input is wrong; nothing was done
  kNotFound,   // it names something that does not exist
  kRefused,    // a rule of the protocol or of the trial refuses it (an ineligible enrollment)
  kForbidden,  // the user's role may not do it
  kFailure,    // it could not be done (a store unreachable, a disk full)
};

// A value that is possible but more likely a slip (a height typed in inches): refused until
// the request confirms the check by its id; then recorded with the confirmation.
struct SoftCheck {
  std::string check;    // "height-plausible"
  std::string path;     // "$.height_cm"
  std::string message;  // "65 cm is outside the plausible adult height (130-220 cm) ..."
};

struct Error {
  Error() = default;
  Error(std::string path_in, std::string message_in, ErrorKind kind_in = ErrorKind::kBadInput,
        std::vector<std::string> reasons_in = {})
      : path(std::move(path_in)), message(std::move(message_in)), kind(kind_in), reasons(std::move(reasons_in)) {}

  std::string path;     // "$.observations[2].unit", "--height", "" when it is about the whole input
  std::string message;  // "unit 'mmol/L' is not accepted for bilirubin; use mg/dL or umol/L"
  ErrorKind kind = ErrorKind::kBadInput;
  std::vector<std::string> reasons;  // a refusal's reasons, each a sentence
  std::vector<SoftCheck> to_confirm;  // a refusal a confirmation of these checks lifts

  // "path: message", or the message alone when there is no path.
  std::string to_string() const;
};

// A value or the Error that prevented it.
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }  // std::move(*open(...)) moves the value
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Success, or the Error that stopped the work.
class Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT
  static Status Ok() { return Status(); }

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool failed_ = false;
};

}  // namespace trialcore

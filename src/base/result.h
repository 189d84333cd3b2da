// Failures that a caller must handle are values, never exceptions: an Error names where
// (the JSON path or the argument) and what is wrong, in words a coordinator can act on.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace trialcore {

struct Error {
  std::string path;     // "$.observations[2].unit", "--height", "" when it is about the whole input
  std::string message;  // "unit 'mmol/L' is not accepted for bilirubin; use mg/dL or umol/L"

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

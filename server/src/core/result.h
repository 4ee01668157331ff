// Result<T>: a value or an Error. Status = Result<void>.
// Use KEHU_TRY(expr) to return early on error and KEHU_ASSIGN(var, expr) to unwrap.
#pragma once

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

#include "core/error.h"

namespace kehu {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { assert(!ok()); return std::get<1>(v_); }
  Error&& error() && { assert(!ok()); return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { assert(!ok()); return *error_; }
  Error&& error() && { assert(!ok()); return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;
inline Status Ok() { return Status(); }

}  // namespace kehu

#define KEHU_CONCAT_INNER(a, b) a##b
#define KEHU_CONCAT(a, b) KEHU_CONCAT_INNER(a, b)

// Returns the error of `expr` (a Status or Result) from the enclosing function.
#define KEHU_TRY(expr)                                             \
  do {                                                             \
    auto&& kehu_try_result_ = (expr);                              \
    if (!kehu_try_result_.ok()) return std::move(kehu_try_result_).error(); \
  } while (0)

// `KEHU_ASSIGN(auto x, F());` declares x from F()'s value or returns its error.
#define KEHU_ASSIGN(decl, expr) KEHU_ASSIGN_IMPL(KEHU_CONCAT(kehu_r_, __LINE__), decl, expr)
#define KEHU_ASSIGN_IMPL(tmp, decl, expr) \
  auto tmp = (expr);                      \
  if (!tmp.ok()) return std::move(tmp).error(); \
  decl = std::move(tmp).value()

#pragma once
// A decimal number with the arithmetic of Python's `decimal` module in its default context
// (28 significant digits, ROUND_HALF_EVEN), which the Decide implementation of the exchange
// model computes in (../shared/data/decide_exchange/SOURCE.md, "Arithmetic"). Which of two
// exchanges with mathematically equal gains Decide realises first is decided by the last
// digit of such numbers, so `semantics = decide` reproduces them, not doubles.
// Values are m x 10^e with an exact integer m; every operation's exact result is rounded to
// 28 significant digits, as the module does; construction from a double or from text is
// exact (Decimal(float) / Decimal(str)).

#include <gmpxx.h>

#include <string>

namespace truce::detail {

class Decimal28 {
 public:
  Decimal28() = default;
  Decimal28(int v) : m_(v) {}  // NOLINT: integer literals, as in Python
  static Decimal28 from_double(double v);           // exact binary expansion
  static Decimal28 from_text(const std::string& s);  // exact, e.g. "0.95"

  friend Decimal28 operator+(const Decimal28& a, const Decimal28& b) { return add(a, b, false); }
  friend Decimal28 operator-(const Decimal28& a, const Decimal28& b) { return add(a, b, true); }
  friend Decimal28 operator*(const Decimal28& a, const Decimal28& b);
  friend Decimal28 operator/(const Decimal28& a, const Decimal28& b);
  Decimal28 operator-() const { Decimal28 r = *this; r.m_ = -r.m_; return r; }
  Decimal28& operator+=(const Decimal28& b) { return *this = *this + b; }

  friend int compare(const Decimal28& a, const Decimal28& b);
  friend bool operator<(const Decimal28& a, const Decimal28& b) { return compare(a, b) < 0; }
  friend bool operator>(const Decimal28& a, const Decimal28& b) { return compare(a, b) > 0; }
  friend bool operator<=(const Decimal28& a, const Decimal28& b) { return compare(a, b) <= 0; }
  friend bool operator>=(const Decimal28& a, const Decimal28& b) { return compare(a, b) >= 0; }
  friend bool operator==(const Decimal28& a, const Decimal28& b) { return compare(a, b) == 0; }
  friend bool operator!=(const Decimal28& a, const Decimal28& b) { return compare(a, b) != 0; }
  friend Decimal28 abs(const Decimal28& a) { Decimal28 r = a; r.m_ = ::abs(r.m_); return r; }

  double to_double() const;
  bool is_zero() const { return sgn(m_) == 0; }

 private:
  static Decimal28 add(const Decimal28& a, const Decimal28& b, bool negate_b);
  static Decimal28 rounded(mpz_class m, long e, bool sticky = false);
  mpz_class m_ = 0;
  long e_ = 0;
};

}  // namespace truce::detail

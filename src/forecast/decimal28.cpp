#include "decimal28.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace truce::detail {

namespace {

constexpr long precision = 28;  // Python decimal's default context

mpz_class pow10(unsigned long n) {
  mpz_class r;
  mpz_ui_pow_ui(r.get_mpz_t(), 10, n);
  return r;
}

long digits(const mpz_class& m) {
  if (sgn(m) == 0) return 1;
  // mpz_sizeinbase may overstate by one in base 10: check against the power.
  long d = static_cast<long>(mpz_sizeinbase(m.get_mpz_t(), 10));
  if (::abs(m) < pow10(static_cast<unsigned long>(d - 1))) --d;
  return d;
}

}  // namespace

// The exact value, rounded half-even to 28 significant digits; `sticky` says the exact
// value had further nonzero digits beyond m (a division's remainder).
Decimal28 Decimal28::rounded(mpz_class m, long e, bool sticky) {
  Decimal28 r;
  const bool negative = sgn(m) < 0;
  mpz_class a = ::abs(m);
  const long d = digits(a);
  if (d > precision) {
    const long shift = d - precision;
    const mpz_class unit = pow10(static_cast<unsigned long>(shift));
    mpz_class q, rem;
    mpz_fdiv_qr(q.get_mpz_t(), rem.get_mpz_t(), a.get_mpz_t(), unit.get_mpz_t());
    const mpz_class twice = rem * 2;
    const int c = cmp(twice, unit);
    if (c > 0 || (c == 0 && (sticky || mpz_odd_p(q.get_mpz_t())))) q += 1;
    else if (c == 0 && sticky) q += 1;
    e += shift;
    if (digits(q) > precision) q /= 10, e += 1;
    a = q;
  } else if (sticky) {
    throw std::logic_error("Decimal28: inexact value with fewer than 28 digits");
  }
  r.m_ = negative ? mpz_class(-a) : a;
  r.e_ = e;
  return r;
}

Decimal28 Decimal28::from_double(double v) {
  if (!std::isfinite(v)) throw std::invalid_argument("Decimal28: not a finite number");
  int exp2 = 0;
  const double frac = std::frexp(v, &exp2);  // v = frac * 2^exp2, |frac| in [0.5, 1)
  const auto mant = static_cast<long long>(std::ldexp(frac, 53));
  exp2 -= 53;
  Decimal28 r;
  if (exp2 >= 0) {
    r.m_ = mpz_class(static_cast<long>(mant)) << exp2;
    r.e_ = 0;
  } else {
    // mant / 2^k = mant * 5^k / 10^k, exactly
    mpz_class five;
    mpz_ui_pow_ui(five.get_mpz_t(), 5, static_cast<unsigned long>(-exp2));
    r.m_ = mpz_class(static_cast<long>(mant)) * five;
    r.e_ = exp2;
  }
  return r;
}

Decimal28 Decimal28::from_text(const std::string& s) {
  std::string digits_only;
  long e = 0;
  bool seen_point = false, negative = false;
  std::size_t k = 0;
  if (k < s.size() && (s[k] == '-' || s[k] == '+')) negative = s[k] == '-', ++k;
  for (; k < s.size(); ++k) {
    const char c = s[k];
    if (c >= '0' && c <= '9') {
      digits_only += c;
      if (seen_point) --e;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else if (c == 'e' || c == 'E') {
      e += std::strtol(s.c_str() + k + 1, nullptr, 10);
      break;
    } else {
      throw std::invalid_argument("Decimal28: not a number: " + s);
    }
  }
  if (digits_only.empty()) throw std::invalid_argument("Decimal28: not a number: " + s);
  Decimal28 r;
  r.m_ = mpz_class(digits_only, 10);
  if (negative) r.m_ = -r.m_;
  r.e_ = e;
  return r;
}

Decimal28 Decimal28::add(const Decimal28& a, const Decimal28& b, bool negate_b) {
  const mpz_class bm = negate_b ? mpz_class(-b.m_) : b.m_;
  if (a.e_ == b.e_) return rounded(a.m_ + bm, a.e_);
  if (a.e_ > b.e_) return rounded(a.m_ * pow10(static_cast<unsigned long>(a.e_ - b.e_)) + bm, b.e_);
  return rounded(a.m_ + bm * pow10(static_cast<unsigned long>(b.e_ - a.e_)), a.e_);
}

Decimal28 operator*(const Decimal28& a, const Decimal28& b) { return Decimal28::rounded(a.m_ * b.m_, a.e_ + b.e_); }

Decimal28 operator/(const Decimal28& a, const Decimal28& b) {
  if (sgn(b.m_) == 0) throw std::domain_error("Decimal28: division by zero");
  if (sgn(a.m_) == 0) return Decimal28();
  // Scale the dividend so the quotient has more than 28 digits; the remainder is sticky.
  const long k = std::max(0L, precision + 2 + digits(b.m_) - digits(a.m_));
  const mpz_class n = a.m_ * pow10(static_cast<unsigned long>(k));
  mpz_class q, r;
  mpz_tdiv_qr(q.get_mpz_t(), r.get_mpz_t(), n.get_mpz_t(), b.m_.get_mpz_t());
  return Decimal28::rounded(q, a.e_ - b.e_ - k, sgn(r) != 0);
}

int compare(const Decimal28& a, const Decimal28& b) {
  if (a.e_ == b.e_) return cmp(a.m_, b.m_);
  if (a.e_ > b.e_) return cmp(a.m_ * pow10(static_cast<unsigned long>(a.e_ - b.e_)), b.m_);
  return cmp(a.m_, b.m_ * pow10(static_cast<unsigned long>(b.e_ - a.e_)));
}

double Decimal28::to_double() const {
  // Through text: strtod rounds correctly.
  const std::string text = m_.get_str() + "e" + std::to_string(e_);
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace truce::detail

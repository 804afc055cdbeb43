// The mediator's single text: a hill climb of the Nash product over neighbouring texts every
// party accepts (sao.hpp, run_single_text; docs/negotiate.md, "Single text").

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>

#include "truce/negotiate/sao.hpp"

namespace truce::negotiate {

SaoRun run_single_text(const NegotiationDomain& domain, std::uint32_t steps, bool trace, bool mediator_is_last) {
  // n parties; with an interested mediator, it is the domain's last "party" and its own gain
  // enters the criterion (it is no party: its consent is not needed).
  const std::size_t n = domain.parties() - (mediator_is_last ? 1 : 0);
  const std::size_t scored = domain.parties();
  std::vector<double> disagreement(scored);
  for (std::size_t p = 0; p < scored; ++p)
    disagreement[p] = std::max(domain.reservation(p), domain.utility(p, domain.worst_package(p)));
  auto accepted = [&](std::uint64_t package) {
    for (std::size_t p = 0; p < n; ++p)
      if (!domain.acceptable(p, package)) return false;
    return true;
  };
  // (parties accepting, Nash product of positive gains, sum of gains), compared in that order:
  // from a text some party rejects the mediator first looks for one more parties accept.
  auto score = [&](std::uint64_t package) {
    double product = 1.0, sum = 0.0, accepting = 0.0;
    for (std::size_t p = 0; p < scored; ++p) {
      const double gain = domain.utility(p, package) - disagreement[p];
      product *= std::max(gain, 0.0);
      sum += gain;
      if (p < n) accepting += domain.acceptable(p, package) ? 1.0 : 0.0;
    }
    return std::array<double, 3>{accepting, product, sum};
  };
  const auto& radix = domain.radix();
  std::vector<std::uint64_t> stride(radix.size(), 1);
  for (std::size_t j = radix.size(); j-- > 1;) stride[j - 1] = stride[j] * radix[j];

  SaoRun out;
  // A neutral mediator's first text is package 0; an interested one starts from its own best.
  std::uint64_t text = mediator_is_last ? domain.best_package_within_red_lines(n) : 0;
  out.offers = 1;
  if (trace) out.trace.push_back({0, static_cast<std::uint32_t>(n), text});
  auto current = score(text);
  bool settled = false;  // no neighbouring text was better: the mediator stopped before the deadline
  for (std::uint32_t round = 0; round < steps; ++round) {
    std::optional<std::uint64_t> best;
    std::array<double, 3> best_score{};
    for (std::size_t j = 0; j < radix.size(); ++j) {
      const std::uint64_t value = (text / stride[j]) % radix[j];
      for (std::uint64_t v = 0; v < radix[j]; ++v) {
        if (v == value) continue;
        const std::uint64_t candidate = text + (v - value) * stride[j];  // wraps correctly for v < value
        // An interested mediator never puts forward a text that crosses its own red lines.
        if (mediator_is_last && !domain.within_red_lines(n, candidate)) continue;
        const auto s = score(candidate);
        if (!best || s > best_score || (s == best_score && candidate < *best)) best = candidate, best_score = s;
      }
    }
    if (!best || !(best_score > current)) {
      settled = true;
      break;
    }
    text = *best;
    current = best_score;
    out.round = round;
    ++out.offers;
    if (trace) out.trace.push_back({round, static_cast<std::uint32_t>(n), text});
  }
  if (accepted(text)) {
    out.ending = Ending::agreement;
    out.agreement = text;
    out.accepted_offer_by = static_cast<std::uint32_t>(n);
  } else {
    out.ending = settled ? Ending::broken : Ending::deadline;
    out.why = "the mediator found no text every party accepts (within its red lines and worth its reservation value)";
  }
  return out;
}

}  // namespace truce::negotiate

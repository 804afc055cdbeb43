#include "truce/space/package_space.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "truce/core/work_budget.hpp"

namespace truce::space {

std::uint64_t PackageSpace::size() const {
  std::uint64_t n = 1;
  for (const auto& issue : issues) {
    const std::uint64_t r = issue.values.size();
    if (r == 0) return 0;
    if (n > UINT64_MAX / r)
      throw WorkTooLarge(fmt::format("the space has about {:.3g} packages, more than 2^64 - 1, which truce can number; "
                                     "narrow the scenario (fewer issues, or fewer values on them)",
                                     approximate_size()));
    n *= r;
  }
  return n;
}

double PackageSpace::approximate_size() const {
  double n = 1;
  for (const auto& issue : issues) n *= static_cast<double>(issue.values.size());
  return n;
}

std::vector<std::size_t> PackageSpace::values_of(std::uint64_t package) const {
  std::vector<std::size_t> v(issues.size());
  for (std::size_t j = issues.size(); j-- > 0;) {
    const std::uint64_t r = issues[j].values.size();
    v[j] = static_cast<std::size_t>(package % r);
    package /= r;
  }
  return v;
}

std::vector<double> PackageSpace::utilities_of(std::uint64_t package) const {
  const auto v = values_of(package);
  const std::size_t k = actors.size();
  std::vector<double> u(k, 0.0);
  for (std::size_t j = 0; j < issues.size(); ++j)
    for (std::size_t a = 0; a < k; ++a) u[a] += contribution[j][v[j] * k + a];
  return u;
}

double PackageSpace::min_utility(std::size_t actor) const {
  const std::size_t k = actors.size();
  double s = 0;
  for (std::size_t j = 0; j < issues.size(); ++j) {
    double m = contribution[j][actor];
    for (std::size_t v = 1; v < issues[j].values.size(); ++v) m = std::min(m, contribution[j][v * k + actor]);
    s += m;
  }
  return s;
}

double PackageSpace::max_utility(std::size_t actor) const {
  const std::size_t k = actors.size();
  double s = 0;
  for (std::size_t j = 0; j < issues.size(); ++j) {
    double m = contribution[j][actor];
    for (std::size_t v = 1; v < issues[j].values.size(); ++v) m = std::max(m, contribution[j][v * k + actor]);
    s += m;
  }
  return s;
}

std::string PackageSpace::red_line_id(std::size_t r) const {
  return actors[red_lines[r].actor].id + "." + issues[red_lines[r].issue].id;
}

void check_package_space(const PackageSpace& space) {
  if (space.actors.empty()) throw std::invalid_argument("expected at least one actor in the package space, found none");
  if (space.issues.empty()) throw std::invalid_argument("expected at least one issue in the package space, found none");
  if (space.contribution.size() != space.issues.size())
    throw std::invalid_argument("expected one utility table per issue");
  for (std::size_t j = 0; j < space.issues.size(); ++j) {
    if (space.issues[j].values.empty())
      throw std::invalid_argument(fmt::format("expected at least one value on issue '{}', found none", space.issues[j].id));
    if (space.contribution[j].size() != space.issues[j].values.size() * space.actors.size())
      throw std::invalid_argument(fmt::format("expected a utility per value and actor on issue '{}'", space.issues[j].id));
    for (const double c : space.contribution[j])
      if (!std::isfinite(c)) throw std::invalid_argument(fmt::format("expected finite utilities on issue '{}'", space.issues[j].id));
  }
  for (const auto& r : space.red_lines)
    if (r.actor >= space.actors.size() || r.issue >= space.issues.size() ||
        r.forbidden.size() != space.issues[r.issue].values.size())
      throw std::invalid_argument("expected each red line to name an actor, an issue and every value of it");
  for (const auto& a : space.actors)
    if (!std::isfinite(a.reservation) || !std::isfinite(a.capability) || a.capability <= 0)
      throw std::invalid_argument(fmt::format("expected a finite reservation and a positive capability for actor '{}'", a.id));
  (void)space.size();
}

namespace {

std::string position_text(double x) {
  std::string s = fmt::format("{:.6f}", x);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// The values a scale issue offers: its named points, or 0, 25, 50, 75, 100 and the actors' positions.
void scale_values(const Scenario& scenario, std::size_t issue, SpaceIssue& out) {
  const Issue& is = scenario.issues[issue];
  if (!is.points.empty()) {
    for (const auto& p : is.points) out.values.push_back({p.id, p.label, p.position});
    return;
  }
  std::vector<double> xs = {0, 25, 50, 75, 100};
  for (const auto& s : scenario.stances)
    if (s.issue == issue) xs.push_back(s.position);
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end(), [](double a, double b) { return std::abs(a - b) < 1e-9; }), xs.end());
  for (const double x : xs) out.values.push_back({position_text(x), "position " + position_text(x), x});
}

double scale_utility(const Stance& s, double position) {
  return s.salience * (1.0 - std::abs(position - s.position) / (scale_max - scale_min));
}

double option_utility(const Stance& s, std::size_t option) {
  return s.salience * s.utility_of_option(option);
}

}  // namespace

std::vector<std::uint8_t> forbidden_values(const SpaceIssue& issue, const std::optional<AcceptableRange>& range,
                                           const std::vector<std::size_t>& acceptable_options) {
  const std::size_t nv = issue.values.size();
  std::vector<std::uint8_t> forbidden(nv, 0);
  for (std::size_t v = 0; v < nv; ++v) {
    if (const auto& x = issue.values[v].position) {
      if (range && (*x < range->min - 1e-9 || *x > range->max + 1e-9)) forbidden[v] = 1;
    } else if (!acceptable_options.empty() &&
               !std::binary_search(acceptable_options.begin(), acceptable_options.end(), v)) {
      forbidden[v] = 1;
    }
  }
  return forbidden;
}

double raw_scale_utility(const Scenario& scenario, std::size_t actor, std::size_t issue, double position) {
  const Stance* s = find_stance(scenario, actor, issue);
  return s == nullptr ? 0.0 : scale_utility(*s, position);
}

double raw_option_utility(const Scenario& scenario, std::size_t actor, std::size_t issue, std::size_t option) {
  const Stance* s = find_stance(scenario, actor, issue);
  return s == nullptr ? 0.0 : option_utility(*s, option);
}

PackageSpace package_space_of(const Scenario& scenario) {
  PackageSpace space;
  const std::size_t k = scenario.actors.size();
  for (const auto& a : scenario.actors) space.actors.push_back({a.id, a.name, a.capability, a.veto, 0.0});
  std::vector<std::vector<double>> raw;  // per issue, value x actor: salience-weighted utility
  bool defaulted = false;
  for (std::size_t j = 0; j < scenario.issues.size(); ++j) {
    const Issue& is = scenario.issues[j];
    SpaceIssue si{is.id, is.name, {}};
    if (is.kind == IssueKind::scale) {
      scale_values(scenario, j, si);
      if (is.points.empty()) defaulted = true;
    } else {
      for (const auto& o : is.options) si.values.push_back({o.id, o.label, std::nullopt});
    }
    const std::size_t nv = si.values.size();
    std::vector<double> table(nv * k, 0.0);
    for (std::size_t a = 0; a < k; ++a) {
      const Stance* s = find_stance(scenario, a, j);
      if (s == nullptr) continue;
      for (std::size_t v = 0; v < nv; ++v)
        table[v * k + a] = is.kind == IssueKind::scale ? scale_utility(*s, *si.values[v].position) : option_utility(*s, v);
      if (s->has_red_line())
        space.red_lines.push_back({a, j, forbidden_values(si, s->acceptable_range, s->acceptable_options)});
    }
    raw.push_back(std::move(table));
    space.issues.push_back(std::move(si));
  }
  // Normalise each actor to 0 at its worst package and 1 at its ideal one: subtract each
  // issue's minimum and divide by the sum of the issues' ranges.
  space.contribution = raw;
  space.utility.offset.assign(k, 0.0);
  space.utility.range.assign(k, 0.0);
  for (std::size_t a = 0; a < k; ++a) {
    std::vector<double> lo(raw.size()), hi(raw.size());
    double range = 0, offset = 0;
    for (std::size_t j = 0; j < raw.size(); ++j) {
      const std::size_t nv = space.issues[j].values.size();
      lo[j] = hi[j] = raw[j][a];
      for (std::size_t v = 1; v < nv; ++v) {
        lo[j] = std::min(lo[j], raw[j][v * k + a]);
        hi[j] = std::max(hi[j], raw[j][v * k + a]);
      }
      range += hi[j] - lo[j];
      offset += lo[j];
    }
    space.utility.offset[a] = offset;
    space.utility.range[a] = range;
    for (std::size_t j = 0; j < raw.size(); ++j) {
      const std::size_t nv = space.issues[j].values.size();
      for (std::size_t v = 0; v < nv; ++v) {
        double& c = space.contribution[j][v * k + a];
        if (range > 1e-12) c = (raw[j][v * k + a] - lo[j]) / range;
        else c = j == 0 ? 1.0 : 0.0;  // indifferent: every package is ideal
      }
    }
    if (range <= 1e-12)
      space.notes.push_back(fmt::format("actor '{}' has no salient stake in any issue: utility 1 for every package",
                                        space.actors[a].id));
  }
  space.utility.weight = std::move(raw);
  if (defaulted)
    space.notes.push_back(
        "scale issues without named points offer the points 0, 25, 50, 75, 100 and every actor's position");
  space.notes.push_back("reservation values are 0 unless set: no deal is as bad as each actor's worst package");
  return space;
}

}  // namespace truce::space

#include "truce/core/scenario.hpp"

#include <algorithm>
#include <cmath>

namespace truce {

const Stance* find_stance(const Scenario& scenario, std::size_t actor, std::size_t issue) {
  // Stances are sorted by (actor, issue), so a binary search finds the pair.
  auto it = std::lower_bound(scenario.stances.begin(), scenario.stances.end(), std::pair{actor, issue},
                             [](const Stance& s, const std::pair<std::size_t, std::size_t>& key) {
                               return std::pair{s.actor, s.issue} < key;
                             });
  if (it == scenario.stances.end() || it->actor != actor || it->issue != issue) return nullptr;
  return &*it;
}

namespace {
template <class Items>
std::optional<std::size_t> index_of(const Items& items, const std::string& id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return i;
  return std::nullopt;
}
}  // namespace

std::optional<std::size_t> find_actor(const Scenario& scenario, const std::string& id) {
  return index_of(scenario.actors, id);
}

std::optional<std::size_t> find_issue(const Scenario& scenario, const std::string& id) {
  return index_of(scenario.issues, id);
}

const NamedPoint* nearest_named_point(const Issue& issue, double position) {
  const NamedPoint* best = nullptr;
  for (const auto& p : issue.points)
    if (!best || std::abs(p.position - position) < std::abs(best->position - position)) best = &p;
  return best;
}

}  // namespace truce

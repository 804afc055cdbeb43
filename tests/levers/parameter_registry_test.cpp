// The parameter registry: every entry is complete and consistent on the reference scenario,
// its numbers are read and set where the scenario holds them, and every name survives the
// --parameters spec grammar. Scenario: scenarios/ukraine-ceasefire-2025.yaml.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "truce/io/scenario_file.hpp"
#include "truce/levers/parameter_registry.hpp"
#include "truce/levers/scenario_parameters.hpp"

namespace truce::levers {
namespace {

const Scenario& reference() {
  static const Scenario s = load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml");
  return s;
}

// The first element of the reference scenario the entry applies to.
std::size_t first_element(const ParameterEntry& entry) {
  const std::size_t n = element_names(reference(), entry.scope).size();
  for (std::size_t e = 0; e < n; ++e)
    if (entry_applies(entry, reference(), e)) return e;
  return n;
}

TEST(ParameterRegistry, EveryEntryHasANameADescriptionAndARangeHoldingItsReferenceValues) {
  const auto& registry = parameter_registry();
  // capability; position, salience, red line ends; 12 + 1 (the breaking point) belligerent and
  // 3 territory fields of the war model; lever effects (aid, sanctions, guarantee) and
  // probabilities (those and pressure).
  ASSERT_EQ(registry.size(), 1u + 4u + 13u + 3u + 3u + 4u);
  std::set<std::string> forms;
  for (const auto& entry : registry) {
    EXPECT_FALSE(entry.description.empty()) << entry.form;
    EXPECT_FALSE(entry.unit.empty()) << entry.form;
    EXPECT_EQ(entry.form.rfind(entry.prefix, 0), 0u) << entry.form;  // the form is the name with placeholders
    EXPECT_TRUE(forms.insert(entry.form).second) << entry.form << " twice";
    EXPECT_LT(entry.min, entry.max) << entry.form;
    // The reference scenario has every kind of number (it has every lever kind).
    const std::size_t names = element_names(reference(), entry.scope).size();
    std::size_t applies = 0;
    for (std::size_t e = 0; e < names; ++e) {
      if (!entry_applies(entry, reference(), e)) continue;
      ++applies;
      const auto q = read_quantity(entry, reference(), e);
      const double base = dynamics::mean_of(q);
      EXPECT_GE(base, entry.min) << entry.form << " element " << e;
      EXPECT_LE(base, entry.max) << entry.form << " element " << e;
    }
    EXPECT_GT(applies, 0u) << entry.form;
  }
  // Every listed parameter: low <= base <= high inside its entry's natural range.
  for (const auto& p : scenario_parameters(reference(), 10)) {
    EXPECT_LE(p.entry->min, p.parameter.low) << p.parameter.name;
    EXPECT_LE(p.parameter.low, p.parameter.base) << p.parameter.name;
    EXPECT_LE(p.parameter.base, p.parameter.high) << p.parameter.name;
    EXPECT_LE(p.parameter.high, p.entry->max) << p.parameter.name;
  }
}

TEST(ParameterRegistry, KeepsEachScopesEntriesTogetherInListingOrder) {
  // scenario_parameters lists per scope, element by element: a scope split in two would list
  // its parameters in another order.
  const auto& registry = parameter_registry();
  for (std::size_t i = 1; i < registry.size(); ++i)
    EXPECT_LE(static_cast<int>(registry[i - 1].scope), static_cast<int>(registry[i].scope)) << registry[i].form;
  // The order users see on the reference scenario: capabilities first, the levers last.
  const auto ps = scenario_parameters(reference(), 10);
  ASSERT_EQ(ps.size(), 127u);  // `truce levers scenarios/ukraine-ceasefire-2025.yaml --list-parameters`
  EXPECT_EQ(ps.front().parameter.name, "capability.russia");
  EXPECT_EQ(ps.back().entry->kind, ParameterKind::lever_probability);
}

TEST(ParameterRegistry, SetsAndReadsEveryEntrysNumberWhereTheScenarioHoldsIt) {
  for (const auto& entry : parameter_registry()) {
    const std::size_t e = first_element(entry);
    ASSERT_LT(e, element_names(reference(), entry.scope).size()) << entry.form;
    // A value inside the natural range that no scenario number here has.
    const double value = std::isinf(entry.max) ? entry.min + 0.123 : entry.min + 0.377 * (entry.max - entry.min);
    Scenario s = reference();
    set_number(entry, s, e, value);
    const auto q = read_quantity(entry, s, e);
    EXPECT_TRUE(q.is_fixed()) << entry.form;
    EXPECT_EQ(q.a, value) << entry.form;
    // The parameter list sees the new value as its base.
    bool found = false;
    for (const auto& p : scenario_parameters(s, 10))
      if (p.entry == &entry && p.element == e) {
        found = true;
        EXPECT_EQ(p.parameter.base, value) << entry.form;
      }
    EXPECT_TRUE(found) << entry.form;
  }
}

TEST(ParameterRegistry, SpecParsingRoundTripsEveryName) {
  // Every entry's first parameter on the reference scenario, its number set to a value with a
  // non-empty range so that it is listed (war.ACTOR.optimism is 0 there: +-10% of 0 is empty).
  for (const auto& entry : parameter_registry()) {
    const std::size_t e = first_element(entry);
    Scenario s = reference();
    if (entry.is_war_model())
      set_number(entry, s, e, std::isinf(entry.max) ? entry.min + 0.5 : (entry.min + entry.max) / 2 + 0.01);
    const auto all = scenario_parameters(s, 10);
    const std::string name = entry.prefix + element_names(s, entry.scope)[e] + entry.suffix;
    const ParameterSpec plain{name, std::nullopt};
    EXPECT_EQ(parse_parameter_spec(spec_text(plain)), plain) << name;
    const auto chosen = select_parameters(all, {spec_text(plain)});
    ASSERT_EQ(chosen.size(), 1u) << name;
    EXPECT_EQ(chosen[0].entry, &entry) << name;
    EXPECT_EQ(chosen[0].element, e) << name;
    // With a range of its own around the base (digits that need all 17 to read back).
    const double base = chosen[0].parameter.base;
    const ParameterSpec ranged{name, std::pair{base - 0.1 / 3, base + 0.2 / 3}};
    EXPECT_EQ(parse_parameter_spec(spec_text(ranged)), ranged) << spec_text(ranged);
    const auto own = select_parameters(all, {spec_text(ranged)});
    ASSERT_EQ(own.size(), 1u) << name;
    EXPECT_EQ(own[0].parameter.low, base - 0.1 / 3) << name;
    EXPECT_EQ(own[0].parameter.high, base + 0.2 / 3) << name;
    EXPECT_EQ(own[0].parameter.range_from, "command line");
  }
  EXPECT_THROW(parse_parameter_spec("salience.russia.territory=0.5"), std::invalid_argument);
  EXPECT_THROW(parse_parameter_spec("salience.russia.territory=0.6:0.5"), std::invalid_argument);
  EXPECT_THROW(parse_parameter_spec("salience.russia.territory=a:1"), std::invalid_argument);
}

TEST(ParameterRegistry, SpreadRulesKeepEachNumberInsideItsNaturalRange) {
  // At a spread of 150% (the rules in docs/levers.md): a capability's low end is 1% of base,
  // not -50% (relative_positive); a salience goes from 0 to 2.5 x base, at most 1; a position
  // +-150 points covers the whole scale; every number stays inside its natural range.
  const auto ps = scenario_parameters(reference(), 150);
  for (const auto& p : ps) {
    EXPECT_LE(p.entry->min, p.parameter.low) << p.parameter.name;
    EXPECT_LE(p.parameter.high, p.entry->max) << p.parameter.name;
    if (p.kind() == ParameterKind::capability) {
      EXPECT_DOUBLE_EQ(p.parameter.low, 0.01 * p.parameter.base) << p.parameter.name;
      EXPECT_DOUBLE_EQ(p.parameter.high, 2.5 * p.parameter.base) << p.parameter.name;
    }
    if (p.kind() == ParameterKind::salience) {
      EXPECT_EQ(p.parameter.low, 0.0) << p.parameter.name;
      EXPECT_DOUBLE_EQ(p.parameter.high, std::min(1.0, 2.5 * p.parameter.base)) << p.parameter.name;
    }
    if (p.kind() == ParameterKind::position) {
      EXPECT_EQ(p.parameter.low, 0.0) << p.parameter.name;
      EXPECT_EQ(p.parameter.high, 100.0) << p.parameter.name;
    }
  }
}

TEST(ParameterRegistry, AliasesNameTheirEntrysLevers) {
  // The reference scenario's third parties hold 3 aid levers (two of the United States, one of
  // the European states), 1 sanctions, 2 guarantee (the United States', the European states')
  // and 1 pressure lever
  // (scenarios/ukraine-ceasefire-2025.yaml, dynamics.third_parties).
  const auto all = scenario_parameters(reference(), 10);
  for (const auto& [alias, count] : std::vector<std::pair<std::string, std::size_t>>{
           {"aid", 3}, {"sanctions", 1}, {"guarantee", 2}, {"pressure", 1}}) {
    const auto chosen = select_parameters(all, {alias});
    EXPECT_EQ(chosen.size(), count) << alias;
    for (const auto& p : chosen) EXPECT_EQ(p.entry->alias, alias) << p.parameter.name;
  }
}

}  // namespace
}  // namespace truce::levers

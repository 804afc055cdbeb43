// libFuzzer target over the scenario loaders: any bytes must either load or be rejected
// with InputError, never crash, hang or leak. The first byte picks the format: ',' the KTAB
// actor table, ';' the BDM table (actor, capability, position, salience), anything else YAML.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "truce/core/diagnostic.hpp"
#include "truce/io/actor_table_csv.hpp"
#include "truce/io/bdm_table_csv.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/io/scenario_yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const truce::Scenario s = data[0] == ',' ? truce::parse_actor_table_csv(text, "fuzz.csv")
                              : data[0] == ';' ? truce::parse_bdm_table_csv(text, "fuzz.csv")
                                               : truce::parse_scenario_yaml(text, "fuzz.yaml");
    // A loaded scenario must survive the canonical round trip unchanged.
    const auto json = truce::canonical_scenario_json(s);
    const truce::Scenario again = truce::parse_scenario_yaml(json, "fuzz.json");
    if (truce::canonical_scenario_json(again) != json) __builtin_trap();
  } catch (const truce::InputError&) {
  }
  return 0;
}

// libFuzzer target over the DEU issue table and capability table readers: any bytes either
// load or are rejected with InputError, never crash, hang or leak. The first byte picks the
// reader: 'c' the capability table, anything else the DEU table (with the shipped weights).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "truce/core/diagnostic.hpp"
#include "truce/io/deu_table_csv.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/io/scenario_yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    if (data[0] == 'c') {
      const truce::CapabilityTable t = truce::parse_capability_table_csv(text, "fuzz.csv");
      for (const auto& r : t.regimes)
        if (r.capability.empty() || r.first_year > r.last_year + 1000000) __builtin_trap();
      return 0;
    }
    const truce::Scenario s = truce::parse_deu_table_csv(text, "fuzz.csv");
    // A loaded table must survive the canonical round trip unchanged (the run store keeps it so).
    const auto json = truce::canonical_scenario_json(s);
    const truce::Scenario again = truce::parse_scenario_yaml(json, "fuzz.json");
    if (truce::canonical_scenario_json(again) != json) __builtin_trap();
  } catch (const truce::InputError&) {
  }
  return 0;
}

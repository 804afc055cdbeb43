// libFuzzer target over the Decide exchange-model text reader (#A, #P, #M, #D rows): any
// bytes must either load or be rejected with InputError, never crash, hang or leak. A loaded
// scenario must survive the canonical JSON round trip, and a small one is run through the
// exchange model in both semantics (two rounds), which must not throw.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "truce/core/diagnostic.hpp"
#include "truce/forecast/exchange_model.hpp"
#include "truce/io/decide_text.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/io/scenario_yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const truce::Scenario s = truce::parse_decide_text(text, "fuzz.txt");
    const auto json = truce::canonical_scenario_json(s);
    const truce::Scenario again = truce::parse_scenario_yaml(json, "fuzz.json");
    if (truce::canonical_scenario_json(again) != json) __builtin_trap();
    const truce::ExchangeInput in = truce::exchange_input(s);
    if (in.actors * in.issues <= 64) {
      for (auto semantics : {truce::ExchangeSemantics::model, truce::ExchangeSemantics::decide}) {
        truce::ExchangeOptions o;
        o.rounds = 2;
        o.semantics = semantics;
        const auto run = truce::run_exchange_model(in, o);
        for (double v : run.outcome)
          if (!(v >= -1e-6 && v <= 100 + 1e-6)) __builtin_trap();  // outcomes stay on the scale
      }
    }
  } catch (const truce::InputError&) {
  }
  return 0;
}

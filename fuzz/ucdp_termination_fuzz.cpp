// libFuzzer target over the UCDP Conflict Termination loader (data/ucdp/): any bytes must
// either load or be rejected with InputError, never crash, hang or leak. What loads is
// printed as JSON (as the other loaders' targets do), and its base rates must hold their
// invariants for a few (D, M): shares in [0, 1], counts that add up, a curve that never falls.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "truce/core/diagnostic.hpp"
#include "truce/history/conflict_termination.hpp"
#include "truce/io/ucdp_termination_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto table = truce::parse_ucdp_termination_csv(text, "fuzz.csv");
    if (truce::history::to_json(table).dump().empty()) __builtin_trap();
    const auto reference = truce::history::interstate_reference_class(table);
    for (const int lasted : {0, 1, 12, 43}) {
      const auto curve = truce::history::termination_curve(reference, table.source, lasted, 24);
      std::size_t previous = 0;
      for (const auto& r : curve.within) {
        if (r.censored > r.at_risk || r.ended.total() > r.known()) __builtin_trap();
        if (r.at_risk != curve.at_risk.size()) __builtin_trap();
        const double s = r.share_ended();
        if (r.known() > 0 && !(s >= 0.0 && s <= 1.0)) __builtin_trap();
        if (r.ended.total() < previous) __builtin_trap();  // cumulative in M
        previous = r.ended.total();
      }
      if (truce::history::to_json(curve).dump().empty()) __builtin_trap();
    }
  } catch (const truce::InputError&) {
  }
  return 0;
}

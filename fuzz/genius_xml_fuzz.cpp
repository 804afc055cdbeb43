// libFuzzer target: the GENIUS XML reader (domain and profile) on arbitrary bytes. Bad input
// must end in truce::InputError, never a crash; a parsed domain and profile are also combined.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "truce/core/diagnostic.hpp"
#include "truce/io/genius_xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto domain = truce::parse_genius_domain(text, "fuzz.xml");
    try {
      const auto profile = truce::parse_genius_profile(text, "fuzz.xml");
      (void)truce::package_space_of(domain, {profile}, truce::GeniusScoring::genius);
      (void)truce::package_space_of(domain, {profile}, truce::GeniusScoring::negmas);
    } catch (const truce::InputError&) {
    }
  } catch (const truce::InputError&) {
  }
  try {
    (void)truce::parse_genius_profile(text, "fuzz.xml");
  } catch (const truce::InputError&) {
  }
  return 0;
}

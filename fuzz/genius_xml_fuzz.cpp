// libFuzzer target: the GENIUS XML reader (domain and profile) on arbitrary bytes. Bad input
// must end in truce::InputError, never a crash. What loads is carried on to every output a
// user could ask for (the space analysis as JSON, table and CSV): the reader once accepted
// character references (&#xD800;) that only the JSON output then choked on.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "truce/core/diagnostic.hpp"
#include "truce/core/work_budget.hpp"
#include "truce/io/genius_xml.hpp"
#include "truce/space/agreement_space.hpp"
#include "truce/space/space_report.hpp"

namespace {

void analyse_and_print(const truce::space::PackageSpace& space) {
  try {
    const auto result = truce::space::analyse_space(space, truce::space::SpaceOptions{});
    (void)truce::space::space_result_json(space, result).dump(2);
    (void)truce::space::space_result_text(space, result, 20);
    (void)truce::space::frontier_csv(space, result);
  } catch (const truce::WorkTooLarge&) {
    // A domain over the budget is refused, as on the command line.
  } catch (const std::invalid_argument&) {
    // e.g. reservation values the profiles do not allow
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Keep each input to a fraction of a second: the budget refuses large domains at once.
  truce::set_work_budget_seconds(0.05);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto domain = truce::parse_genius_domain(text, "fuzz.xml");
    nlohmann::json names = nlohmann::json::array();
    for (const auto& issue : domain.issues) names.push_back({{"issue", issue.name}, {"values", issue.values}});
    (void)names.dump();  // throws on text that is not UTF-8
    try {
      const auto profile = truce::parse_genius_profile(text, "fuzz.xml");
      analyse_and_print(truce::package_space_of(domain, {profile, profile}, truce::GeniusScoring::genius));
      analyse_and_print(truce::package_space_of(domain, {profile}, truce::GeniusScoring::negmas));
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

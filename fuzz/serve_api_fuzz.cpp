// libFuzzer target over the explorer's JSON API (serve/explorer.hpp): any bytes as the body of
// any API path must be answered, never crash or escape as an exception, with a status the API
// documents; a 500 (something the handlers did not foresee) is a finding. The first byte picks
// the path. "save as" file names are checked on the same bytes: an accepted name is a plain
// name that cannot leave the save folder.
#include <cstddef>
#include <cstdint>
#include <string>

#include "truce/io/scenario_yaml.hpp"
#include "truce/serve/explorer.hpp"

namespace {

truce::serve::Explorer& explorer() {
  static truce::serve::Explorer* x = [] {
    auto* e = new truce::serve::Explorer;
    e->scenario = truce::parse_scenario_yaml(R"(truce: 1
name: Fuzz
actors:
  - {id: a, name: A, capability: 2, veto: true}
  - {id: b, name: B, capability: 1, veto: true}
issues:
  - {id: border, name: Border, kind: scale, low: none, high: all}
  - id: venue
    name: Venue
    kind: options
    options: [{id: x, label: X}, {id: y, label: Y}]
stances:
  - {actor: a, issue: border, position: 20, salience: 0.8, red_line: {max: 40}}
  - {actor: b, issue: border, position: 70, salience: 0.5, red_line: {min: 50}}
)",
                                              "fuzz.yaml");
    e->scenario_file = "fuzz.yaml";
    e->options.fast_runs = 10;
    e->options.refined_runs = 20;
    e->options.threads = 1;
    return e;
  }();
  return *x;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const paths[] = {"/api/answer", "/api/save", "/api/record", "/api/compare", "/api/scenario"};
  const std::string path = paths[data[0] % 5];
  const std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto r = truce::serve::handle_api(explorer(), {data[0] & 0x80 ? "GET" : "POST", path, body});
  const int s = r.status;
  if (s != 200 && s != 400 && s != 403 && s != 405 && s != 409 && s != 422) __builtin_trap();
  if (s != 200 && !r.body.contains("error")) __builtin_trap();
  std::string why;
  if (const auto name = truce::serve::checked_file_name(body, why))
    if (name->find('/') != std::string::npos || name->find("..") != std::string::npos || name->front() == '.')
      __builtin_trap();
  return 0;
}

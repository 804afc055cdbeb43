// libFuzzer target over the run store's reading side: bytes become one or more columns of a
// stored run, and every `truce runs` reading path (list, show, diff, export, rerun, and their
// JSON and terminal output) must either work or end in StoreError, never crash, hang or leak.
// The row is fed to the row checks directly (run_from_row, summary_from_row), which is what
// RunStore::list and RunStore::find call on each row SQLite returns; no file is written.
//
// Input: the first byte says which columns get the rest of the bytes (bits, below); the other
// columns hold a good run of the fake analysis of tests/store.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../tests/store/store_test_support.hpp"
#include "truce/format/terminal_text.hpp"
#include "truce/io/input_text.hpp"
#include "truce/store/json_diff.hpp"
#include "truce/store/rerun.hpp"
#include "truce/store/run_store.hpp"

namespace {

using truce::RunRow;
using truce::StoredCell;

StoredCell text_cell(std::string text) { return {StoredCell::Type::text, std::move(text), 0}; }

// A row exactly as RunStore::record writes it, for the toy scenario.
RunRow good_row() {
  const auto run = truce::test::fake_run(truce::test::toy_scenario(), nlohmann::json{{"shift", 1.5}}, "toy.yaml");
  RunRow row;
  row.id = 7;
  row.created_at = text_cell("2026-11-23T19:27:16.613Z");
  row.truce_version = text_cell("0.1.0");
  row.command = text_cell(run.command);
  row.options_json = text_cell(truce::canonical_json_text(run.options));
  row.seed = {StoredCell::Type::integer, "", 7};
  const auto hash = truce::sha256_hex(run.scenario_json);
  row.scenario_hash = text_cell(hash);
  row.scenario_found = text_cell(hash);
  row.scenario_id = text_cell("toy");
  row.scenario_name = text_cell("Toy ceasefire");
  row.scenario_json = text_cell(run.scenario_json);
  row.scenario_path = text_cell("toy.yaml");
  row.result_json = text_cell(truce::canonical_json_text(run.result));
  return row;
}

// What printable_for_terminal promises: valid UTF-8 without a character a terminal acts on.
void check_printable(std::string_view text) {
  const std::string out = truce::printable_for_terminal(text);
  if (truce::first_invalid_utf8(out) != std::string_view::npos) __builtin_trap();
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    const auto next = i + 1 < out.size() ? static_cast<unsigned char>(out[i + 1]) : 0;
    const auto third = i + 2 < out.size() ? static_cast<unsigned char>(out[i + 2]) : 0;
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) __builtin_trap();
    if (c == 0xC2 && next >= 0x80 && next <= 0x9F) __builtin_trap();                      // C1
    if (c == 0xE2 && next == 0x80 && third >= 0xAA && third <= 0xAE) __builtin_trap();    // U+202A..U+202E
    if (c == 0xE2 && next == 0x81 && third >= 0xA6 && third <= 0xA9) __builtin_trap();    // U+2066..U+2069
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const RunRow good = good_row();
  static const truce::StoredRun good_run = truce::run_from_row(good, "fuzz.db");
  const unsigned bits = data[0];
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);

  RunRow row = good;
  if (bits & 0x01) row.result_json = text_cell(text);
  if (bits & 0x02) row.options_json = text_cell(text);
  if (bits & 0x04) {  // the scenario, under its own hash so the checks go on to parse it
    row.scenario_json = text_cell(text);
    row.scenario_hash = row.scenario_found = text_cell(truce::sha256_hex(text));
  }
  if (bits & 0x08) row.command = row.scenario_name = row.scenario_path = row.truce_version = text_cell(text);
  if (bits & 0x10) row.result_json.type = StoredCell::Type::blob;
  if (bits & 0x20) row.seed = text_cell(text);
  if (bits & 0x40) row.scenario_found = {};
  if (bits & 0x80) row.scenario_hash = text_cell(text);

  check_printable(text);

  // runs list: the summary, its headline as table, CSV and JSON.
  const auto summary = truce::summary_from_row(row, "fuzz.db");
  if (summary.damage) {
    check_printable(*summary.damage);
  } else {
    check_printable(truce::headline_text(summary.result));
    nlohmann::json headline = nlohmann::json::object();
    for (const auto& f : truce::headline_figures(summary.result)) headline[f.name] = f.value;
    (void)headline.dump(2);
  }

  // runs show / export / diff / rerun.
  try {
    const auto run = truce::run_from_row(row, "fuzz.db");
    (void)truce::run_to_json(run).dump(2);
    check_printable(run.options().dump());
    for (const auto& f : truce::headline_figures(run.result())) check_printable(f.label);
    for (const auto& m : truce::headline_moves(good_run.result(), run.result())) (void)m.changed();
    (void)truce::json_differences(good_run.scenario_value, run.scenario_value);
    (void)truce::json_differences(good_run.options(), run.options());
    const auto report = truce::rerun(run, truce::test::fake_lookup);
    check_printable(truce::describe(report, run.id));
  } catch (const truce::StoreError& e) {
    check_printable(e.what());
  }
  return 0;
}

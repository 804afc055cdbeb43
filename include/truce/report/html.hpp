#pragma once
// Small pieces of HTML writing the report needs: escaping text and attribute values, and
// embedding JSON inside a <script> element without letting its text end the element.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <map>
#include <vector>

namespace truce::report {

// Text for an HTML element or a double-quoted attribute: & < > " ' replaced by entities.
std::string escape_html(std::string_view text);

// JSON text safe inside <script type="application/json">: '<', '>' and '&' written as
// \u003c, \u003e, \u0026 (these appear only inside JSON strings, where the escape means
// the same character), so no "</script>" or "<!--" can occur in it.
std::string json_for_script(const nlohmann::json& value);

// A number for a reader: at most `digits` decimals, trailing zeros dropped ("57.5", "60").
std::string format_number(double value, int digits = 1);

// A probability in [0, 1] as a percentage ("34%", "2.5%" below 10%).
std::string format_percent(double probability);

// A figure the report states, marked with the quantity it is, so that every statement of one
// quantity on the page can be checked to agree (quantity_conflicts):
// <span class="q" data-q="KEY" data-v="SHOWN">SHOWN</span>. KEY names the quantity and
// what it was computed from ("simulate.p_ceasefire@12"); SHOWN is the text a reader sees.
std::string stated(std::string_view key, std::string_view shown);

// The quantities a page states with more than one value: every data-q key whose data-v
// differ, with the values in page order. Empty when the page never contradicts itself.
struct QuantityConflict {
  std::string key;
  std::vector<std::string> values;
};
std::vector<QuantityConflict> quantity_conflicts(std::string_view html);
// How many statements of each quantity the page makes (key -> count).
std::map<std::string, std::size_t> quantity_statements(std::string_view html);

}  // namespace truce::report

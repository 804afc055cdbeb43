#pragma once
// Small pieces of HTML writing the report needs: escaping text and attribute values, and
// embedding JSON inside a <script> element without letting its text end the element.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

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

}  // namespace truce::report

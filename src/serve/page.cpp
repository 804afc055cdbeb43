// The explorer's page: one HTML document with its style, the chart libraries the report uses
// (Vega, Vega-Lite, vega-embed from the installed npm packages) and the explorer's script
// inlined, so the page loads nothing but itself and then talks only to its own server.

#include <string>

#include "truce/serve/explorer.hpp"
#include "truce/serve/web_assets.hpp"

namespace truce::serve {

namespace {

// Script text inside <script>: "</script" would end the element early.
std::string inline_script(const std::string& js) {
  std::string out;
  out.reserve(js.size());
  for (std::size_t i = 0; i < js.size(); ++i) {
    if (js[i] == '<' && js.compare(i, 8, "</script") == 0) {
      out += "<\\/";
      ++i;
      continue;
    }
    out += js[i];
  }
  return out;
}

void replace_once(std::string& text, const std::string& marker, const std::string& with) {
  const auto at = text.find(marker);
  if (at != std::string::npos) text.replace(at, marker.size(), with);
}

}  // namespace

std::string explorer_page(const report::ChartAssets& assets) {
  std::string page = explorer_html;
  std::string scripts;
  for (const std::string* js : {&assets.vega, &assets.vega_lite, &assets.vega_embed})
    scripts += "<script>" + inline_script(*js) + "</script>\n";
  scripts += "<script>" + inline_script(explorer_js) + "</script>";
  replace_once(page, "/*STYLE*/", explorer_css);
  replace_once(page, "<!--SCRIPTS-->", scripts);
  return page;
}

}  // namespace truce::serve

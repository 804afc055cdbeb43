#pragma once
// The explorer's page, script and style (src/serve/web), compiled into the binary at build
// time by cmake/embed_web.cmake.

namespace truce::serve {

extern const char* const explorer_html;  // with /*STYLE*/ and <!--SCRIPTS--> to fill in
extern const char* const explorer_css;
extern const char* const explorer_js;

}  // namespace truce::serve

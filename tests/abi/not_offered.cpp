// Calls that cannot work are not offered: each ALLIES_TRY_* case must fail
// to compile (ctest: not_offered_*), and the plain case must compile, so a
// failure is the call's and not a broken include.
#include <string>

#include "allies/convert.hpp"
#include "allies/package.hpp"

std::string not_offered(const allies::Document& doc, allies::Package& package) {
#if defined(ALLIES_TRY_PDF_WITHOUT_PACKAGE)
    (void)package;
    return allies::convert(doc, allies::OutputFormat::pdf);  // a PDF needs the package's pictures and fonts
#elif defined(ALLIES_TRY_HTML_WITHOUT_PACKAGE)
    (void)package;
    return allies::convert(doc, allies::OutputFormat::html);
#elif defined(ALLIES_TRY_PACKAGE_INTERNALS)
    (void)package.impl();  // internals are not part of the API
    return allies::convert(doc, allies::TextFormat::text);
#else
    (void)package;
    return allies::convert(doc, allies::TextFormat::markdown);
#endif
}

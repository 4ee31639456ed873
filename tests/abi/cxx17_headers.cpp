// Every public header compiles as C++17: users of an installed allies need
// not use C++20 (the examples build with C++17). Built with the tests; a
// C++20-only construct in a public header fails the build here.
#include "allies/completeness.hpp"
#include "allies/convert.hpp"
#include "allies/error.hpp"
#include "allies/export.hpp"
#include "allies/html.hpp"
#include "allies/model.hpp"
#include "allies/package.hpp"
#include "allies/pdf.hpp"
#include "allies/process_pool.hpp"
#include "allies/publish.hpp"
#include "allies/reader.hpp"
#include "allies/redact.hpp"

int allies_public_headers_are_cxx17 = 0;

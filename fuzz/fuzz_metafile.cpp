// The WMF/EMF player on arbitrary bytes, with and without a font library
// (PDF and HTML paths), and the SVG writer over its output: bounded work,
// no crash, whatever the counts, sizes and offsets say.
#include <cstdint>
#include <string>

#include "convert/metafile_svg.hpp"
#include "fuzz_common.hpp"
#include "layout/fonts.hpp"
#include "layout/metafile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace allies;
    static layout::FontLibrary fonts;
    std::string bytes = fuzz::bytes_of(data, size);
    (void)layout::draw_metafile(bytes, 200, 100, &fonts, 0);
    (void)svg::metafile_svg(bytes, 150, 75, "Logo", "mf1-");
    return 0;
}

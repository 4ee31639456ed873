// Our PNG decoder against libpng's, on images written by libpng in every
// colour type, bit depth and interlace method, with and without
// transparency (random pixels, so every row filter is used).
#include <gtest/gtest.h>
#include <png.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "layout/png_decoder.hpp"

using allies::layout::decode_png;

namespace {

void append(png_structp png, png_bytep data, png_size_t n) {
    static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), n);
}
void flush(png_structp) {}

std::string write_png(unsigned w, unsigned h, int colour, int depth, bool interlace, bool transparency, unsigned seed) {
    std::string out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return {};
    }
    png_set_write_fn(png, &out, append, flush);
    png_set_IHDR(png, info, w, h, depth, colour, interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    std::mt19937 rng(seed);
    int channels = colour == PNG_COLOR_TYPE_GRAY ? 1 : colour == PNG_COLOR_TYPE_RGB ? 3 : colour == PNG_COLOR_TYPE_PALETTE ? 1
                 : colour == PNG_COLOR_TYPE_GRAY_ALPHA ? 2 : 4;
    int entries = colour == PNG_COLOR_TYPE_PALETTE ? (1 << depth) : 0;
    std::vector<png_color> palette(static_cast<std::size_t>(entries));
    for (auto& c : palette) c = {static_cast<png_byte>(rng()), static_cast<png_byte>(rng()), static_cast<png_byte>(rng())};
    if (entries) png_set_PLTE(png, info, palette.data(), entries);
    std::vector<png_byte> trans;
    png_color_16 trans_colour{};
    if (transparency && colour == PNG_COLOR_TYPE_PALETTE) {
        for (int i = 0; i < entries / 2 + 1; ++i) trans.push_back(static_cast<png_byte>(rng()));
        png_set_tRNS(png, info, trans.data(), static_cast<int>(trans.size()), nullptr);
    } else if (transparency && (colour == PNG_COLOR_TYPE_GRAY || colour == PNG_COLOR_TYPE_RGB)) {
        trans_colour.gray = 1;
        trans_colour.red = 1;
        trans_colour.green = 0;
        trans_colour.blue = 1;
        png_set_tRNS(png, info, nullptr, 0, &trans_colour);
    }
    png_write_info(png, info);
    std::size_t row_bytes = (static_cast<std::size_t>(w) * static_cast<std::size_t>(channels * depth) + 7) / 8;
    std::vector<std::vector<png_byte>> rows(h, std::vector<png_byte>(row_bytes));
    for (auto& r : rows)
        for (auto& b : r) b = static_cast<png_byte>(depth < 8 || rng() % 3 ? rng() : 1);  // some exact tRNS hits
    std::vector<png_bytep> pointers;
    for (auto& r : rows) pointers.push_back(r.data());
    if (interlace) png_set_interlace_handling(png);
    png_write_image(png, pointers.data());
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return out;
}

// libpng's reading, as RGBA 8-bit (16-bit samples cut to their high byte,
// palettes and tRNS expanded).
struct Reader {
    const std::string* bytes;
    std::size_t at = 0;
};
void read_cb(png_structp png, png_bytep out, png_size_t n) {
    auto* r = static_cast<Reader*>(png_get_io_ptr(png));
    if (r->at + n > r->bytes->size()) png_error(png, "short");
    std::memcpy(out, r->bytes->data() + r->at, n);
    r->at += n;
}
std::vector<unsigned char> libpng_rgba(const std::string& bytes, unsigned& w, unsigned& h) {
    Reader reader{&bytes};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    std::vector<unsigned char> out;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, nullptr);
        return {};
    }
    png_set_read_fn(png, &reader, read_cb);
    png_read_info(png, info);
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    w = png_get_image_width(png, info);
    h = png_get_image_height(png, info);
    out.resize(std::size_t{w} * h * 4);
    std::vector<png_bytep> rows;
    for (unsigned y = 0; y < h; ++y) rows.push_back(out.data() + std::size_t{y} * w * 4);
    png_read_image(png, rows.data());
    png_destroy_read_struct(&png, &info, nullptr);
    return out;
}

}  // namespace

TEST(PngDecoder, AgreesWithLibpngOnEveryColourTypeDepthAndInterlace) {
    struct Kind {
        int colour;
        std::vector<int> depths;
    };
    const std::vector<Kind> kinds = {{PNG_COLOR_TYPE_GRAY, {1, 2, 4, 8, 16}}, {PNG_COLOR_TYPE_RGB, {8, 16}},
                                     {PNG_COLOR_TYPE_PALETTE, {1, 2, 4, 8}}, {PNG_COLOR_TYPE_GRAY_ALPHA, {8, 16}},
                                     {PNG_COLOR_TYPE_RGB_ALPHA, {8, 16}}};
    int compared = 0;
    for (const auto& k : kinds)
        for (int depth : k.depths)
            for (bool interlace : {false, true})
                for (bool transparency : {false, true})
                    for (auto [w, h] : {std::pair{1u, 1u}, {7u, 5u}, {33u, 17u}}) {
                        SCOPED_TRACE(::testing::Message() << "colour " << k.colour << " depth " << depth << " interlace " << interlace
                                                          << " tRNS " << transparency << " " << w << "x" << h);
                        std::string bytes = write_png(w, h, k.colour, depth, interlace, transparency, w * 31 + h);
                        ASSERT_FALSE(bytes.empty());
                        unsigned rw = 0, rh = 0;
                        auto ref = libpng_rgba(bytes, rw, rh);
                        ASSERT_FALSE(ref.empty());
                        auto ours = decode_png(bytes);
                        ASSERT_TRUE(ours.has_value());
                        ASSERT_EQ(ours->width, rw);
                        ASSERT_EQ(ours->height, rh);
                        bool grey = k.colour == PNG_COLOR_TYPE_GRAY || k.colour == PNG_COLOR_TYPE_GRAY_ALPHA;
                        ASSERT_EQ(ours->channels, grey ? 1 : 3);
                        for (std::size_t i = 0; i < std::size_t{rw} * rh; ++i) {
                            for (int c = 0; c < 3; ++c) {
                                int mine = static_cast<unsigned char>(ours->pixels[i * static_cast<std::size_t>(ours->channels) + (grey ? 0 : static_cast<std::size_t>(c))]);
                                ASSERT_EQ(mine, ref[i * 4 + static_cast<std::size_t>(c)]) << "pixel " << i;
                            }
                            int a = ours->alpha.empty() ? 255 : static_cast<unsigned char>(ours->alpha[i]);
                            ASSERT_EQ(a, ref[i * 4 + 3]) << "alpha of pixel " << i;
                        }
                        ++compared;
                    }
    EXPECT_EQ(compared, 15 * 2 * 2 * 3);
}

TEST(PngDecoder, RefusesWhatTheCheckRefuses) {
    std::string good = write_png(9, 9, PNG_COLOR_TYPE_PALETTE, 1, false, true, 7);
    ASSERT_TRUE(decode_png(good).has_value());
    for (std::size_t n = 0; n + 1 < good.size(); n += 3) EXPECT_FALSE(decode_png(good.substr(0, n)).has_value()) << n;
    EXPECT_FALSE(decode_png("not a png").has_value());
}

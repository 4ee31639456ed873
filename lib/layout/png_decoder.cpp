#include "layout/png_decoder.hpp"

#include <zlib.h>

#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <vector>

#include "layout/picture_check.hpp"

namespace allies::layout {

namespace {

std::uint32_t be32(std::string_view b, std::size_t at) {
    auto u = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i])); };
    return (u(0) << 24) | (u(1) << 16) | (u(2) << 8) | u(3);
}

int paeth(int a, int b, int c) {
    int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    if (pa <= pb && pa <= pc) return a;
    return pb <= pc ? b : c;
}

// Undoes the row filters (§9) of one pass in place: `rows` rows of
// `stride` bytes each, every row preceded by its filter byte.
bool unfilter(unsigned char* data, std::size_t rows, std::size_t stride, std::size_t bpp) {
    unsigned char* prev = nullptr;
    for (std::size_t r = 0; r < rows; ++r) {
        unsigned char* row = data + r * (stride + 1);
        unsigned filter = row[0];
        unsigned char* x = row + 1;
        for (std::size_t i = 0; i < stride; ++i) {
            int a = i >= bpp ? x[i - bpp] : 0;
            int b = prev ? prev[i] : 0;
            int c = prev && i >= bpp ? prev[i - bpp] : 0;
            switch (filter) {
                case 0: break;
                case 1: x[i] = static_cast<unsigned char>(x[i] + a); break;
                case 2: x[i] = static_cast<unsigned char>(x[i] + b); break;
                case 3: x[i] = static_cast<unsigned char>(x[i] + ((a + b) >> 1)); break;
                case 4: x[i] = static_cast<unsigned char>(x[i] + paeth(a, b, c)); break;
                default: return false;
            }
        }
        prev = x;
    }
    return true;
}

// Sample k (0-based) of a row at `depth` bits, most significant bits first.
unsigned sample(const unsigned char* row, std::size_t k, unsigned depth) {
    if (depth == 8) return row[k];
    if (depth == 16) return (static_cast<unsigned>(row[2 * k]) << 8) | row[2 * k + 1];
    std::size_t bit = k * depth;
    unsigned byte = row[bit / 8];
    unsigned shift = 8 - depth - static_cast<unsigned>(bit % 8);
    return (byte >> shift) & ((1u << depth) - 1);
}

}  // namespace

std::optional<DecodedPng> decode_png(std::string_view b) {
    // Chunks, CRCs and header checked here; the data is checked by the one
    // inflate below (exact size) and by unfilter (known filters).
    PictureCheck check = check_png_structure(b);
    if (!check.drawable) return std::nullopt;
    std::uint32_t width = 0, height = 0;
    unsigned depth = 0, colour = 0, interlace = 0;
    std::string palette, trns, idat;
    for (std::size_t at = 8; at + 12 <= b.size();) {
        std::uint32_t len = be32(b, at);
        std::string_view type = b.substr(at + 4, 4), data = b.substr(at + 8, len);
        if (type == "IHDR") {
            width = be32(data, 0);
            height = be32(data, 4);
            depth = static_cast<unsigned char>(data[8]);
            colour = static_cast<unsigned char>(data[9]);
            interlace = static_cast<unsigned char>(data[12]);
        } else if (type == "PLTE") {
            palette = data;
        } else if (type == "tRNS") {
            trns = data;
        } else if (type == "IDAT") {
            idat.append(data);
        } else if (type == "IEND") {
            break;
        }
        at += 12 + len;
    }
    const unsigned channels_in = colour == 0 ? 1 : colour == 2 ? 3 : colour == 3 ? 1 : colour == 4 ? 2 : 4;
    const std::size_t bpp = std::max<std::size_t>(1, channels_in * depth / 8);
    auto stride_of = [&](std::uint64_t w) { return static_cast<std::size_t>((w * channels_in * depth + 7) / 8); };

    // Passes: the whole image, or Adam7's seven (x0, y0, dx, dy).
    struct Pass {
        unsigned x0, y0, dx, dy;
    };
    std::vector<Pass> passes;
    if (interlace == 0) passes.push_back({0, 0, 1, 1});
    else passes = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
    std::size_t total = 0;
    for (const auto& p : passes) {
        std::size_t w = width > p.x0 ? (width - p.x0 + p.dx - 1) / p.dx : 0;
        std::size_t h = height > p.y0 ? (height - p.y0 + p.dy - 1) / p.dy : 0;
        if (w && h) total += (stride_of(w) + 1) * h;
    }
    std::string raw(total, '\0');
    z_stream z{};
    if (inflateInit(&z) != Z_OK) return std::nullopt;
    z.next_in = reinterpret_cast<Bytef*>(idat.data());
    z.avail_in = static_cast<uInt>(idat.size());
    z.next_out = reinterpret_cast<Bytef*>(raw.data());
    z.avail_out = static_cast<uInt>(raw.size());
    int rc = inflate(&z, Z_FINISH);
    std::size_t produced = raw.size() - z.avail_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END || produced != total) return std::nullopt;

    DecodedPng out;
    out.width = width;
    out.height = height;
    out.channels = (colour == 0 || colour == 4) ? 1 : 3;
    const std::size_t pixels = static_cast<std::size_t>(width) * height;
    out.pixels.assign(pixels * static_cast<std::size_t>(out.channels), '\0');
    std::string alpha(pixels, '\xFF');
    bool translucent = false;
    auto to8 = [&](unsigned v) -> unsigned char {
        if (depth == 16) return static_cast<unsigned char>(v >> 8);
        if (depth == 8) return static_cast<unsigned char>(v);
        return static_cast<unsigned char>(v * 255 / ((1u << depth) - 1));
    };
    // tRNS of grey and RGB images: one colour (at the image's depth) is clear.
    auto trns_value = [&](std::size_t i) -> unsigned {
        return (static_cast<unsigned>(static_cast<unsigned char>(trns[2 * i])) << 8) | static_cast<unsigned char>(trns[2 * i + 1]);
    };
    std::size_t offset = 0;
    for (const auto& p : passes) {
        std::size_t w = width > p.x0 ? (width - p.x0 + p.dx - 1) / p.dx : 0;
        std::size_t h = height > p.y0 ? (height - p.y0 + p.dy - 1) / p.dy : 0;
        if (!w || !h) continue;
        std::size_t stride = stride_of(w);
        auto* data = reinterpret_cast<unsigned char*>(raw.data() + offset);
        if (!unfilter(data, h, stride, bpp)) return std::nullopt;
        for (std::size_t r = 0; r < h; ++r) {
            const unsigned char* row = data + r * (stride + 1) + 1;
            std::size_t y = p.y0 + r * p.dy;
            for (std::size_t c = 0; c < w; ++c) {
                std::size_t x = p.x0 + c * p.dx;
                std::size_t at = y * width + x;
                unsigned char* px = reinterpret_cast<unsigned char*>(out.pixels.data()) + at * static_cast<std::size_t>(out.channels);
                unsigned char a = 0xFF;
                switch (colour) {
                    case 0: {
                        unsigned v = sample(row, c, depth);
                        px[0] = to8(v);
                        if (trns.size() >= 2 && v == trns_value(0)) a = 0;
                        break;
                    }
                    case 2: {
                        unsigned v[3] = {sample(row, 3 * c, depth), sample(row, 3 * c + 1, depth), sample(row, 3 * c + 2, depth)};
                        for (int k = 0; k < 3; ++k) px[k] = to8(v[k]);
                        if (trns.size() >= 6 && v[0] == trns_value(0) && v[1] == trns_value(1) && v[2] == trns_value(2)) a = 0;
                        break;
                    }
                    case 3: {
                        unsigned i = sample(row, c, depth);
                        if (3 * i + 2 < palette.size()) {
                            for (int k = 0; k < 3; ++k) px[k] = static_cast<unsigned char>(palette[3 * i + static_cast<unsigned>(k)]);
                        }  // an index past the palette is black, as most viewers draw it
                        if (i < trns.size()) a = static_cast<unsigned char>(trns[i]);
                        break;
                    }
                    case 4:
                        px[0] = to8(sample(row, 2 * c, depth));
                        a = to8(sample(row, 2 * c + 1, depth));
                        break;
                    default:
                        for (int k = 0; k < 3; ++k) px[k] = to8(sample(row, 4 * c + static_cast<std::size_t>(k), depth));
                        a = to8(sample(row, 4 * c + 3, depth));
                        break;
                }
                alpha[at] = static_cast<char>(a);
                translucent = translucent || a != 0xFF;
            }
        }
        offset += (stride + 1) * h;
    }
    if (translucent) out.alpha = std::move(alpha);
    return out;
}

}  // namespace allies::layout

#include "layout/picture_check.hpp"

#include <zlib.h>

#include <cstdint>
#include <cstring>

namespace allies::layout {

namespace {

std::uint32_t be32(std::string_view b, std::size_t at) {
    auto u = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i])); };
    return (u(0) << 24) | (u(1) << 16) | (u(2) << 8) | u(3);
}

unsigned byte_at(std::string_view b, std::size_t at) { return static_cast<unsigned char>(b[at]); }

PictureCheck fail(PictureKind kind, std::string problem) { return {kind, false, std::move(problem)}; }

// Bytes of one filtered row (filter byte included) of `width` pixels.
std::uint64_t row_bytes(std::uint64_t width, unsigned channels, unsigned depth) {
    return 1 + (width * channels * depth + 7) / 8;
}

// PNG (ISO/IEC 15948): chunks, CRCs, IHDR, PLTE, IDAT inflating to the size
// the header implies (interlaced images: the seven Adam7 passes).
PictureCheck check_png(std::string_view b, bool inflate_data) {
    const PictureKind k = PictureKind::png;
    std::size_t at = 8;
    bool header = false, end = false, palette = false;
    std::uint32_t width = 0, height = 0;
    unsigned depth = 0, colour = 0, interlace = 0;
    std::string idat;
    while (at + 12 <= b.size()) {
        std::uint32_t len = be32(b, at);
        if (len > 0x7fffffffu || at + 12 + static_cast<std::size_t>(len) > b.size()) return fail(k, "a PNG chunk runs past the end");
        std::string_view type = b.substr(at + 4, 4);
        std::string_view data = b.substr(at + 8, len);
        uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(b.data() + at + 4), static_cast<uInt>(len + 4));
        if (crc != be32(b, at + 8 + len)) return fail(k, "a PNG chunk's CRC does not match");
        if (!header && type != "IHDR") return fail(k, "the PNG header chunk is not first");
        if (type == "IHDR") {
            if (header || len != 13) return fail(k, "bad PNG header chunk");
            header = true;
            width = be32(data, 0);
            height = be32(data, 4);
            depth = byte_at(data, 8);
            colour = byte_at(data, 9);
            interlace = byte_at(data, 12);
            if (byte_at(data, 10) != 0 || byte_at(data, 11) != 0 || interlace > 1)
                return fail(k, "unknown PNG compression, filter or interlace method");
        } else if (type == "PLTE") {
            palette = len > 0 && len % 3 == 0 && len <= 768;
        } else if (type == "IDAT") {
            if (idat.size() + len > (256u << 20)) return fail(k, "PNG image data too large");
            idat.append(data);
        } else if (type == "IEND") {
            end = true;
            break;
        }
        at += 12 + len;
    }
    if (!header || !end) return fail(k, "the PNG has no header or no end chunk");
    if (width == 0 || height == 0 || width > 0x7fffffffu || height > 0x7fffffffu) return fail(k, "PNG size is zero or too large");
    if (static_cast<unsigned long long>(width) * height > kMaxPicturePixels) return fail(k, "PNG has too many pixels to draw");
    unsigned channels = 0;
    auto depth_ok = [&](std::initializer_list<unsigned> ok) {
        for (unsigned d : ok)
            if (d == depth) return true;
        return false;
    };
    switch (colour) {
        case 0: channels = 1; if (!depth_ok({1, 2, 4, 8, 16})) return fail(k, "bad PNG bit depth"); break;
        case 2: channels = 3; if (!depth_ok({8, 16})) return fail(k, "bad PNG bit depth"); break;
        case 3: channels = 1; if (!depth_ok({1, 2, 4, 8})) return fail(k, "bad PNG bit depth"); break;
        case 4: channels = 2; if (!depth_ok({8, 16})) return fail(k, "bad PNG bit depth"); break;
        case 6: channels = 4; if (!depth_ok({8, 16})) return fail(k, "bad PNG bit depth"); break;
        default: return fail(k, "unknown PNG colour type");
    }
    if (colour == 3 && !palette) return fail(k, "a palette PNG without a valid palette");
    if (!inflate_data) return {k, true, ""};  // the decoder inflates (and checks) the data itself
    std::uint64_t expected = 0;
    if (interlace == 0) {
        expected = row_bytes(width, channels, depth) * height;
    } else {
        // Adam7: pass origins and steps (x0, y0, dx, dy).
        static const unsigned pass[7][4] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                                            {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
        for (const auto& p : pass) {
            std::uint64_t w = width > p[0] ? (width - p[0] + p[2] - 1) / p[2] : 0;
            std::uint64_t h = height > p[1] ? (height - p[1] + p[3] - 1) / p[3] : 0;
            if (w && h) expected += row_bytes(w, channels, depth) * h;
        }
    }
    // Inflate, counting bytes (and checking filter types of non-interlaced rows).
    z_stream z{};
    if (inflateInit(&z) != Z_OK) return fail(k, "cannot inflate the PNG data");
    z.next_in = reinterpret_cast<Bytef*>(idat.data());
    z.avail_in = static_cast<uInt>(idat.size());
    std::uint64_t produced = 0, row = row_bytes(width, channels, depth);
    bool bad_filter = false;
    unsigned char buf[65536];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = buf;
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        std::size_t n = sizeof buf - z.avail_out;
        if (interlace == 0)
            for (std::size_t i = 0; i < n; ++i)
                if ((produced + i) % row == 0 && (produced + i) / row < height && buf[i] > 4) bad_filter = true;
        produced += n;
        if (produced > expected) break;
        if (n == 0 && z.avail_in == 0 && rc == Z_OK) {
            rc = Z_BUF_ERROR;
            break;
        }
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END || produced != expected) return fail(k, "the PNG image data is damaged or truncated");
    if (bad_filter) return fail(k, "the PNG image data has an unknown row filter");
    return {k, true, ""};
}

// JPEG (ITU T.81 Annex B): segments up to the first scan; a frame the
// decoder reads (baseline, extended, progressive; Huffman or arithmetic).
PictureCheck check_jpeg(std::string_view b) {
    const PictureKind k = PictureKind::jpeg;
    std::size_t at = 2;
    bool frame = false;
    while (at + 4 <= b.size()) {
        if (byte_at(b, at) != 0xFF) return fail(k, "a JPEG marker is missing");
        unsigned m = byte_at(b, at + 1);
        if (m == 0xFF) {  // fill byte
            ++at;
            continue;
        }
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {  // standalone markers
            at += 2;
            continue;
        }
        if (m == 0xD8 || m == 0xD9) return fail(k, "the JPEG ends before its image data");
        std::size_t len = (byte_at(b, at + 2) << 8) | byte_at(b, at + 3);
        if (len < 2 || at + 2 + len > b.size()) return fail(k, "a JPEG segment runs past the end");
        std::string_view seg = b.substr(at + 4, len - 2);
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (m != 0xC0 && m != 0xC1 && m != 0xC2 && m != 0xC9 && m != 0xCA)
                return fail(k, "a lossless or hierarchical JPEG, which cannot be drawn");
            if (seg.size() < 6) return fail(k, "bad JPEG frame header");
            unsigned precision = byte_at(seg, 0);
            unsigned height = (byte_at(seg, 1) << 8) | byte_at(seg, 2);
            unsigned width = (byte_at(seg, 3) << 8) | byte_at(seg, 4);
            unsigned comps = byte_at(seg, 5);
            if (precision != 8 || width == 0 || height == 0 || (comps != 1 && comps != 3 && comps != 4) ||
                seg.size() < 6 + 3 * comps)
                return fail(k, "a JPEG frame that cannot be drawn");
            if (static_cast<unsigned long long>(width) * height > kMaxPicturePixels)
                return fail(k, "JPEG has too many pixels to draw");
            frame = true;
        } else if (m == 0xDA) {
            if (!frame) return fail(k, "JPEG image data before its frame header");
            return {k, true, ""};
        }
        at += 2 + len;
    }
    return fail(k, "the JPEG ends before its image data");
}

}  // namespace

PictureCheck check_png_structure(std::string_view b) {
    if (b.size() > 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return check_png(b, false);
    return {PictureKind::other, false, "not a PNG picture"};
}

PictureCheck check_picture(std::string_view b) {
    if (b.size() > 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return check_png(b, true);
    if (b.size() > 3 && byte_at(b, 0) == 0xFF && byte_at(b, 1) == 0xD8) return check_jpeg(b);
    return {PictureKind::other, false, "not a PNG or JPEG picture"};
}

}  // namespace allies::layout

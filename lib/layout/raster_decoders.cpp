#include "layout/raster_decoders.hpp"

#include <gif_lib.h>
#include <tiffio.h>

#include <algorithm>
#include <array>
#include <cstdarg>
#include <cstdint>
#include <cstring>
#include <vector>

#include "layout/picture_check.hpp"

namespace allies::layout {

namespace {

bool within_limits(unsigned long long width, unsigned long long height) {
    return width > 0 && height > 0 && width <= 0xFFFFFF && height <= 0xFFFFFF && width * height <= kMaxPicturePixels;
}

// Drops the alpha plane when every pixel is opaque.
void settle_alpha(Raster& r) {
    if (std::all_of(r.alpha.begin(), r.alpha.end(), [](char a) { return static_cast<unsigned char>(a) == 255; }))
        r.alpha.clear();
}

// ---- GIF (GIF89a specification) -------------------------------------------

struct GifInput {
    std::string_view data;
    std::size_t at = 0;
};

int gif_read(GifFileType* gif, GifByteType* buffer, int length) {
    auto* in = static_cast<GifInput*>(gif->UserData);
    if (length <= 0) return 0;
    std::size_t n = std::min(static_cast<std::size_t>(length), in->data.size() - in->at);
    std::memcpy(buffer, in->data.data() + in->at, n);
    in->at += n;
    return static_cast<int>(n);
}

struct GifCloser {
    void operator()(GifFileType* gif) const {
        int error = 0;
        DGifCloseFile(gif, &error);
    }
};

// The first frame, placed on the logical screen; pixels it does not cover
// and its transparent colour are transparent.
std::optional<Raster> decode_gif(std::string_view bytes) {
    GifInput input{bytes};
    int error = 0;
    std::unique_ptr<GifFileType, GifCloser> gif(DGifOpen(&input, gif_read, &error));
    if (!gif) return std::nullopt;
    const unsigned sw = static_cast<unsigned>(std::max(0, gif->SWidth));
    const unsigned sh = static_cast<unsigned>(std::max(0, gif->SHeight));
    if (!within_limits(sw, sh)) return std::nullopt;
    Raster out;
    out.width = sw;
    out.height = sh;
    out.channels = 3;
    out.pixels.assign(static_cast<std::size_t>(sw) * sh * 3, '\xFF');
    out.alpha.assign(static_cast<std::size_t>(sw) * sh, '\0');
    int transparent = -1;
    for (int records = 0; records < 100000; ++records) {
        GifRecordType type = UNDEFINED_RECORD_TYPE;
        if (DGifGetRecordType(gif.get(), &type) == GIF_ERROR) return std::nullopt;
        if (type == TERMINATE_RECORD_TYPE) return std::nullopt;  // no image at all
        if (type == EXTENSION_RECORD_TYPE) {
            int code = 0;
            GifByteType* ext = nullptr;
            if (DGifGetExtension(gif.get(), &code, &ext) == GIF_ERROR) return std::nullopt;
            if (code == GRAPHICS_EXT_FUNC_CODE && ext && ext[0] >= 4) {
                GraphicsControlBlock gcb;
                if (DGifExtensionToGCB(ext[0], ext + 1, &gcb) == GIF_OK) transparent = gcb.TransparentColor;
            }
            for (int blocks = 0; ext; ++blocks) {
                if (blocks > 100000 || DGifGetExtensionNext(gif.get(), &ext) == GIF_ERROR) return std::nullopt;
            }
            continue;
        }
        if (type != IMAGE_DESC_RECORD_TYPE) continue;
        if (DGifGetImageDesc(gif.get()) == GIF_ERROR) return std::nullopt;
        const GifImageDesc& d = gif->Image;
        const ColorMapObject* map = d.ColorMap ? d.ColorMap : gif->SColorMap;
        if (!map || !map->Colors || map->ColorCount <= 0) return std::nullopt;
        if (d.Left < 0 || d.Top < 0 || !within_limits(static_cast<unsigned>(std::max(0, d.Width)),
                                                      static_cast<unsigned>(std::max(0, d.Height))))
            return std::nullopt;
        const unsigned w = static_cast<unsigned>(d.Width), h = static_cast<unsigned>(d.Height);
        std::vector<GifPixelType> line(w);
        // Interlaced rows come in four passes (rows 0, 4, 2, 1 onwards, every 8, 8, 4, 2).
        std::vector<unsigned> rows;
        rows.reserve(h);
        if (d.Interlace) {
            const unsigned start[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
            for (int pass = 0; pass < 4; ++pass)
                for (unsigned y = start[pass]; y < h; y += step[pass]) rows.push_back(y);
        } else {
            for (unsigned y = 0; y < h; ++y) rows.push_back(y);
        }
        for (unsigned y : rows) {
            if (DGifGetLine(gif.get(), line.data(), static_cast<int>(w)) == GIF_ERROR) return std::nullopt;
            unsigned sy = static_cast<unsigned>(d.Top) + y;
            if (sy >= sh) continue;
            for (unsigned x = 0; x < w; ++x) {
                unsigned sx = static_cast<unsigned>(d.Left) + x;
                int index = line[x];
                if (sx >= sw || index == transparent || index >= map->ColorCount) continue;
                std::size_t at = static_cast<std::size_t>(sy) * sw + sx;
                const GifColorType& c = map->Colors[index];
                out.pixels[at * 3] = static_cast<char>(c.Red);
                out.pixels[at * 3 + 1] = static_cast<char>(c.Green);
                out.pixels[at * 3 + 2] = static_cast<char>(c.Blue);
                out.alpha[at] = '\xFF';
            }
        }
        settle_alpha(out);
        return out;
    }
    return std::nullopt;
}

// ---- TIFF (libtiff's RGBA interface) ----------------------------------------

struct TiffInput {
    std::string_view data;
    std::uint64_t at = 0;
};

tmsize_t tiff_read(thandle_t h, void* buffer, tmsize_t size) {
    auto* in = static_cast<TiffInput*>(h);
    if (size <= 0 || in->at >= in->data.size()) return 0;
    std::uint64_t n = std::min<std::uint64_t>(static_cast<std::uint64_t>(size), in->data.size() - in->at);
    std::memcpy(buffer, in->data.data() + in->at, static_cast<std::size_t>(n));
    in->at += n;
    return static_cast<tmsize_t>(n);
}

tmsize_t tiff_write(thandle_t, void*, tmsize_t) { return 0; }

toff_t tiff_seek(thandle_t h, toff_t offset, int whence) {
    auto* in = static_cast<TiffInput*>(h);
    std::uint64_t base = whence == SEEK_CUR ? in->at : whence == SEEK_END ? in->data.size() : 0;
    if (offset > (1ull << 40) || base + offset > (1ull << 40)) return static_cast<toff_t>(-1);
    in->at = base + offset;
    return in->at;
}

int tiff_close(thandle_t) { return 0; }
toff_t tiff_size(thandle_t h) { return static_cast<TiffInput*>(h)->data.size(); }
int tiff_map(thandle_t, void**, toff_t*) { return 0; }
void tiff_unmap(thandle_t, void*, toff_t) {}

// libtiff's messages stay out of stderr (1: handled, not passed on).
int tiff_quiet(TIFF*, void*, const char*, const char*, va_list) { return 1; }

std::optional<Raster> decode_tiff(std::string_view bytes) {
    TiffInput input{bytes};
    TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
    if (!options) return std::nullopt;
    TIFFOpenOptionsSetErrorHandlerExtR(options, tiff_quiet, nullptr);
    TIFFOpenOptionsSetWarningHandlerExtR(options, tiff_quiet, nullptr);
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, static_cast<tmsize_t>(kMaxPicturePixels * 4 + 4096));
    // "m": no memory mapping (the bytes are ours already); "r": read only.
    TIFF* tif = TIFFClientOpenExt("picture", "rm", &input, tiff_read, tiff_write, tiff_seek, tiff_close, tiff_size,
                                  tiff_map, tiff_unmap, options);
    TIFFOpenOptionsFree(options);
    if (!tif) return std::nullopt;
    std::optional<Raster> result;
    std::uint32_t w = 0, h = 0;
    char message[1024] = {};
    if (TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &w) && TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &h) && within_limits(w, h) &&
        TIFFRGBAImageOK(tif, message)) {
        std::vector<std::uint32_t> rgba(static_cast<std::size_t>(w) * h);
        if (TIFFReadRGBAImageOriented(tif, w, h, rgba.data(), ORIENTATION_TOPLEFT, 0)) {
            Raster out;
            out.width = w;
            out.height = h;
            out.channels = 3;
            out.pixels.resize(rgba.size() * 3);
            out.alpha.resize(rgba.size());
            for (std::size_t i = 0; i < rgba.size(); ++i) {
                out.pixels[i * 3] = static_cast<char>(TIFFGetR(rgba[i]));
                out.pixels[i * 3 + 1] = static_cast<char>(TIFFGetG(rgba[i]));
                out.pixels[i * 3 + 2] = static_cast<char>(TIFFGetB(rgba[i]));
                out.alpha[i] = static_cast<char>(TIFFGetA(rgba[i]));
            }
            settle_alpha(out);
            result = std::move(out);
        }
    }
    TIFFClose(tif);
    return result;
}

// ---- BMP (Windows bitmap: BITMAPFILEHEADER + BITMAPINFOHEADER and later) ----

std::uint32_t le32(std::string_view b, std::size_t at) {
    auto u = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i])); };
    return u(0) | (u(1) << 8) | (u(2) << 16) | (u(3) << 24);
}

unsigned le16(std::string_view b, std::size_t at) {
    return static_cast<unsigned char>(b[at]) | (static_cast<unsigned>(static_cast<unsigned char>(b[at + 1])) << 8);
}

// A channel under a bit mask (BI_BITFIELDS), scaled to 8 bits.
unsigned masked(std::uint32_t value, std::uint32_t mask) {
    if (mask == 0) return 0;
    int shift = 0;
    while (!(mask & 1u)) {
        mask >>= 1;
        ++shift;
    }
    std::uint64_t v = (value >> shift) & mask;
    return static_cast<unsigned>((v * 255 + mask / 2) / mask);
}

std::optional<Raster> decode_bmp(std::string_view b) {
    if (b.size() < 26 || b.substr(0, 2) != "BM") return std::nullopt;
    const std::uint32_t data_at = le32(b, 10);
    const std::uint32_t header = le32(b, 14);
    if (header < 12 || 14ull + header > b.size()) return std::nullopt;
    long long width = 0, height = 0;
    unsigned bits = 0, compression = 0, colours_used = 0;
    std::size_t palette_entry = 4;
    if (header == 12) {  // BITMAPCOREHEADER: 16-bit sizes, RGB triples
        width = le16(b, 18);
        height = le16(b, 20);
        bits = le16(b, 24);
        palette_entry = 3;
    } else {
        if (header < 40) return std::nullopt;
        width = static_cast<std::int32_t>(le32(b, 18));
        height = static_cast<std::int32_t>(le32(b, 22));
        bits = le16(b, 28);
        compression = le32(b, 30);
        colours_used = le32(b, 46);
    }
    const bool top_down = height < 0;
    if (top_down) height = -height;
    if (width <= 0 || !within_limits(static_cast<unsigned long long>(width), static_cast<unsigned long long>(height)))
        return std::nullopt;
    // Only uncompressed and bit-field layouts (RLE and embedded JPEG/PNG are rare in documents).
    if (compression != 0 && compression != 3) return std::nullopt;
    std::uint32_t rmask = 0, gmask = 0, bmask = 0, amask = 0;
    if (compression == 3) {
        if (bits != 16 && bits != 32) return std::nullopt;
        std::size_t at = 14 + 40;  // masks follow a 40-byte header, or sit inside a V4/V5 header
        if (at + 12 > b.size()) return std::nullopt;
        rmask = le32(b, at);
        gmask = le32(b, at + 4);
        bmask = le32(b, at + 8);
        if (header >= 56 && at + 16 <= b.size()) amask = le32(b, at + 12);
    } else if (bits == 16) {
        rmask = 0x7C00;
        gmask = 0x03E0;
        bmask = 0x001F;
    }
    if (bits != 1 && bits != 4 && bits != 8 && bits != 16 && bits != 24 && bits != 32) return std::nullopt;
    // The palette (1, 4, 8 bits) follows the header (and the masks of a 40-byte header).
    std::vector<std::array<unsigned char, 3>> palette;
    if (bits <= 8) {
        std::size_t count = colours_used ? std::min<std::size_t>(colours_used, 1u << bits) : (1u << bits);
        std::size_t at = 14 + header;
        if (at + count * palette_entry > b.size()) return std::nullopt;
        for (std::size_t i = 0; i < count; ++i) {
            std::size_t e = at + i * palette_entry;
            palette.push_back({static_cast<unsigned char>(b[e + 2]), static_cast<unsigned char>(b[e + 1]),
                               static_cast<unsigned char>(b[e])});
        }
    }
    const std::uint64_t stride = ((static_cast<std::uint64_t>(width) * bits + 31) / 32) * 4;
    const std::uint64_t need = stride * static_cast<std::uint64_t>(height);
    if (data_at > b.size() || need > b.size() - data_at) return std::nullopt;
    Raster out;
    out.width = static_cast<unsigned>(width);
    out.height = static_cast<unsigned>(height);
    out.channels = 3;
    out.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    const bool with_alpha = amask != 0;
    if (with_alpha) out.alpha.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    for (long long y = 0; y < height; ++y) {
        std::size_t row = data_at + static_cast<std::size_t>(stride) * static_cast<std::size_t>(top_down ? y : height - 1 - y);
        for (long long x = 0; x < width; ++x) {
            unsigned r = 0, g = 0, bl = 0, a = 255;
            if (bits <= 8) {
                std::size_t bit = static_cast<std::size_t>(x) * bits;
                unsigned byte = static_cast<unsigned char>(b[row + bit / 8]);
                unsigned index = (byte >> (8 - bits - bit % 8)) & ((1u << bits) - 1);
                if (index < palette.size()) {
                    r = palette[index][0];
                    g = palette[index][1];
                    bl = palette[index][2];
                }
            } else if (bits == 24) {
                std::size_t at = row + static_cast<std::size_t>(x) * 3;
                bl = static_cast<unsigned char>(b[at]);
                g = static_cast<unsigned char>(b[at + 1]);
                r = static_cast<unsigned char>(b[at + 2]);
            } else if (bits == 32 && compression == 0) {  // BGRx: the fourth byte is not alpha
                std::size_t at = row + static_cast<std::size_t>(x) * 4;
                bl = static_cast<unsigned char>(b[at]);
                g = static_cast<unsigned char>(b[at + 1]);
                r = static_cast<unsigned char>(b[at + 2]);
            } else {
                std::uint32_t v = bits == 16 ? le16(b, row + static_cast<std::size_t>(x) * 2)
                                             : le32(b, row + static_cast<std::size_t>(x) * 4);
                r = masked(v, rmask);
                g = masked(v, gmask);
                bl = masked(v, bmask);
                if (with_alpha) a = masked(v, amask);
            }
            std::size_t at = static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x);
            out.pixels[at * 3] = static_cast<char>(r);
            out.pixels[at * 3 + 1] = static_cast<char>(g);
            out.pixels[at * 3 + 2] = static_cast<char>(bl);
            if (with_alpha) out.alpha[at] = static_cast<char>(a);
        }
    }
    if (with_alpha) settle_alpha(out);
    return out;
}

}  // namespace

RasterFormat raster_format(std::string_view b) {
    if (b.size() >= 6 && (b.substr(0, 6) == "GIF87a" || b.substr(0, 6) == "GIF89a")) return RasterFormat::gif;
    if (b.size() >= 4 && (b.substr(0, 4) == std::string_view("II*\0", 4) || b.substr(0, 4) == std::string_view("MM\0*", 4)))
        return RasterFormat::tiff;
    if (b.size() >= 2 && b.substr(0, 2) == "BM") return RasterFormat::bmp;
    return RasterFormat::none;
}

std::optional<Raster> decode_raster(std::string_view bytes) {
    switch (raster_format(bytes)) {
        case RasterFormat::gif: return decode_gif(bytes);
        case RasterFormat::tiff: return decode_tiff(bytes);
        case RasterFormat::bmp: return decode_bmp(bytes);
        case RasterFormat::none: break;
    }
    return std::nullopt;
}

}  // namespace allies::layout

// Metadata stripping for JPEG, PNG and GIF. Each format is walked structurally
// (segments, chunks, blocks) rather than searched for signatures, so that a
// segment is either copied whole or dropped whole and nothing is guessed. Any
// structure that cannot be walked to its end throws: a redaction tool must not
// hand back an image it could not fully account for.
//
// References:
//   JPEG: ITU-T T.81 (ISO/IEC 10918-1) Annex B; JFIF 1.02; Exif 2.32 §4.5.4;
//         XMP Specification Part 3 §1.1.3; Adobe TN #5116 (APP14).
//   PNG:  PNG Specification (Third Edition) §5 and §11.
//   GIF:  GIF89a Specification §17-§27; XMP Specification Part 3 §1.1.2.
#include "redact/image_metadata.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace allies::redact {

namespace {

using namespace std::string_view_literals;

constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1A\n"sv;

[[noreturn]] void fail(const char* message) {
    throw std::invalid_argument(message);
}

unsigned byte_at(std::string_view bytes, std::size_t pos) {
    return static_cast<unsigned char>(bytes[pos]);
}

// Callers check bounds first; these only assemble big-endian integers.
std::uint32_t read_be16(std::string_view bytes, std::size_t pos) {
    return (byte_at(bytes, pos) << 8) | byte_at(bytes, pos + 1);
}

std::uint32_t read_be32(std::string_view bytes, std::size_t pos) {
    return (std::uint32_t{byte_at(bytes, pos)} << 24) | (std::uint32_t{byte_at(bytes, pos + 1)} << 16) |
           (std::uint32_t{byte_at(bytes, pos + 2)} << 8) | std::uint32_t{byte_at(bytes, pos + 3)};
}

// True when `count` bytes starting at `pos` lie inside `bytes`; written so
// that a hostile length cannot overflow the addition.
bool fits(std::string_view bytes, std::size_t pos, std::size_t count) {
    return pos <= bytes.size() && count <= bytes.size() - pos;
}

// One entry per kind keeps the list readable when, say, extended XMP spans
// a dozen APP1 segments.
void note_removed(std::vector<std::string>& removed, std::string_view what) {
    if (std::find(removed.begin(), removed.end(), what) == removed.end())
        removed.emplace_back(what);
}

// ---------------------------------------------------------------- JPEG

constexpr unsigned kTem = 0x01;
constexpr unsigned kSoi = 0xD8;
constexpr unsigned kEoi = 0xD9;
constexpr unsigned kSos = 0xDA;
constexpr unsigned kApp0 = 0xE0;
constexpr unsigned kApp1 = 0xE1;
constexpr unsigned kApp2 = 0xE2;
constexpr unsigned kApp13 = 0xED;
constexpr unsigned kApp14 = 0xEE;
constexpr unsigned kApp15 = 0xEF;
constexpr unsigned kCom = 0xFE;

bool is_rst(unsigned marker) {
    return marker >= 0xD0 && marker <= 0xD7;
}

bool is_app(unsigned marker) {
    return marker >= kApp0 && marker <= kApp15;
}

// T.81 §B.1.1.3 / Table B.1: TEM, RSTn, SOI and EOI carry no length field.
bool is_standalone(unsigned marker) {
    return marker == kTem || is_rst(marker) || marker == kSoi || marker == kEoi;
}

std::string app_name(unsigned marker) {
    return "JPEG APP" + std::to_string(marker - kApp0);
}

// Returns what a segment is when it is metadata to drop, or "" to keep it.
// `payload` is the segment after its two-byte length. APPn segments are kept
// only when their identifier says a decoder needs them; everything else in
// the APPn space is metadata or vendor data by definition (T.81 §B.2.4.6
// reserves APPn "for application use").
std::string jpeg_metadata_label(unsigned marker, std::string_view payload) {
    if (marker == kCom)
        return "JPEG comment";
    if (!is_app(marker))
        return "";
    switch (marker) {
    case kApp0:  // JFIF 1.02 §"JPEG File Interchange Format": JFIF and JFXX.
        if (payload.starts_with("JFIF\0"sv) || payload.starts_with("JFXX\0"sv))
            return "";
        break;
    case kApp1:
        if (payload.starts_with("Exif\0"sv))  // Exif 2.32 §4.5.4
            return "EXIF";
        if (payload.starts_with("http://ns.adobe.com/xap/1.0/\0"sv) ||
            payload.starts_with("http://ns.adobe.com/xmp/extension/\0"sv))  // XMP Part 3 §1.1.3
            return "XMP";
        break;
    case kApp2:
        // ICC.1 Annex B.4 (colour profile) and CIPA DC-007 (multi-picture
        // index) are needed to show the image; FlashPix (FPXR) is not.
        if (payload.starts_with("ICC_PROFILE\0"sv) || payload.starts_with("MPF\0"sv))
            return "";
        break;
    case kApp13:
        if (payload.starts_with("Photoshop 3.0\0"sv))  // Photoshop IRB holding IPTC-IIM
            return "IPTC";
        break;
    case kApp14:  // Adobe TN #5116: the transform flag decides YCCK vs CMYK.
        if (payload.starts_with("Adobe"sv))
            return "";
        break;
    default:
        break;
    }
    return app_name(marker);
}

// Reads a marker at `pos`, skipping fill bytes (T.81 §B.1.1.2: "Any marker
// may optionally be preceded by any number of fill bytes"), and leaves `pos`
// after the marker code.
unsigned read_marker(std::string_view in, std::size_t& pos) {
    if (pos >= in.size())
        fail("JPEG: truncated before EOI");
    if (byte_at(in, pos) != 0xFF)
        fail("JPEG: expected a marker");
    while (pos < in.size() && byte_at(in, pos) == 0xFF)
        ++pos;
    if (pos >= in.size())
        fail("JPEG: truncated marker");
    const unsigned marker = byte_at(in, pos++);
    if (marker == 0x00)
        fail("JPEG: stuffed 0xFF00 outside entropy-coded data");
    return marker;
}

// Returns the segment at `pos` (length field included, T.81 §B.1.1.4) and
// advances `pos` past it.
std::string_view read_segment(std::string_view in, std::size_t& pos) {
    if (!fits(in, pos, 2))
        fail("JPEG: truncated segment length");
    const std::size_t length = read_be16(in, pos);
    if (length < 2)
        fail("JPEG: segment length below 2");
    if (!fits(in, pos, length))
        fail("JPEG: segment runs past the end");
    const std::string_view segment = in.substr(pos, length);
    pos += length;
    return segment;
}

// Returns the end of the entropy-coded data starting at `pos`: the first 0xFF
// that is neither a stuffed 0xFF00 (T.81 §B.1.1.5) nor a restart marker
// RSTn, which sit inside the scan (§B.2.1). A scan cut off by the end of the
// file ends there: the bytes are all seen and hold only pixel data.
std::size_t entropy_coded_end(std::string_view in, std::size_t pos) {
    while (true) {
        const std::size_t ff = in.find('\xFF', pos);
        if (ff == std::string_view::npos || ff + 1 >= in.size())
            return in.size();
        const unsigned next = byte_at(in, ff + 1);
        if (next != 0x00 && !is_rst(next))
            return ff;
        pos = ff + 2;
    }
}

// Walks SOI, the marker segments, each scan and the segments between scans
// (progressive and multi-scan files, T.81 §B.2.1) up to EOI. Kept markers are
// copied with their fill bytes so that an image without metadata comes back
// byte-identical.
StrippedImage strip_jpeg(std::string_view in) {
    StrippedImage result;
    result.bytes.reserve(in.size());
    result.bytes.append(in.substr(0, 2));  // SOI
    std::size_t pos = 2;
    bool seen_scan = false;
    while (true) {
        if (seen_scan && pos >= in.size())
            return result;  // scan truncated without EOI; nothing unseen remains
        const std::size_t start = pos;
        const unsigned marker = read_marker(in, pos);
        if (marker == kEoi) {
            if (!seen_scan)
                fail("JPEG: no SOS before EOI");
            result.bytes.append(in.substr(start, pos - start));
            break;
        }
        if (marker == kSoi)
            fail("JPEG: unexpected SOI");
        if (!is_standalone(marker)) {
            const std::string_view segment = read_segment(in, pos);
            const std::string label = jpeg_metadata_label(marker, segment.substr(2));
            if (!label.empty()) {
                note_removed(result.removed, label);
                continue;
            }
        }
        result.bytes.append(in.substr(start, pos - start));
        if (marker == kSos) {
            seen_scan = true;
            const std::size_t end = entropy_coded_end(in, pos);
            result.bytes.append(in.substr(pos, end - pos));
            pos = end;
        }
    }
    if (pos < in.size())
        note_removed(result.removed, "JPEG data after EOI");
    return result;
}

// ---------------------------------------------------------------- PNG

// PNG §5.3: chunk type bytes are restricted to ASCII letters.
bool is_valid_chunk_type(std::string_view type) {
    return std::all_of(type.begin(), type.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    });
}

// PNG §11.3.3 (tEXt, zTXt, iTXt), §11.3.3.6 (eXIf), §11.3.6.1 (tIME).
std::string png_metadata_label(std::string_view type) {
    for (std::string_view dropped : {"tEXt"sv, "zTXt"sv, "iTXt"sv, "eXIf"sv, "tIME"sv}) {
        if (type == dropped)
            return "PNG " + std::string(type);
    }
    return "";
}

// Walks length / type / data / CRC chunks (PNG §5.3) from the signature to
// IEND. CRCs are not checked: a bad CRC does not hide metadata.
StrippedImage strip_png(std::string_view in) {
    StrippedImage result;
    result.bytes.reserve(in.size());
    result.bytes.append(kPngSignature);
    std::size_t pos = kPngSignature.size();
    while (true) {
        if (!fits(in, pos, 12))
            fail("PNG: truncated chunk before IEND");
        const std::uint32_t length = read_be32(in, pos);
        if (length > 0x7FFFFFFFu)  // PNG §5.3: "shall not exceed 2^31-1"
            fail("PNG: chunk length exceeds 2^31-1");
        if (!fits(in, pos + 12, length))
            fail("PNG: chunk runs past the end");
        const std::string_view type = in.substr(pos + 4, 4);
        if (!is_valid_chunk_type(type))
            fail("PNG: invalid chunk type");
        const std::string_view chunk = in.substr(pos, 12 + std::size_t{length});
        pos += chunk.size();
        const std::string label = png_metadata_label(type);
        if (label.empty())
            result.bytes.append(chunk);
        else
            note_removed(result.removed, label);
        if (type == "IEND")
            break;
    }
    if (pos < in.size())
        note_removed(result.removed, "PNG data after IEND");
    return result;
}

// ---------------------------------------------------------------- GIF

constexpr unsigned kGifExtension = 0x21;
constexpr unsigned kGifImage = 0x2C;
constexpr unsigned kGifTrailer = 0x3B;
constexpr unsigned kGifComment = 0xFE;
constexpr unsigned kGifApplication = 0xFF;
constexpr std::size_t kGifHeaderAndScreen = 13;  // §17 header (6) + §18 descriptor (7)
constexpr std::size_t kGifImageDescriptor = 10;  // §20

// §18 / §20: a colour table holds 2^(N+1) RGB triplets, N = low three bits.
std::size_t colour_table_size(unsigned packed) {
    if ((packed & 0x80) == 0)
        return 0;
    return 3 * (std::size_t{1} << ((packed & 0x07) + 1));
}

// §15: data sub-blocks are a size byte and that many bytes, ended by a
// zero-size block terminator. Returns the position after the terminator.
std::size_t skip_sub_blocks(std::string_view in, std::size_t pos) {
    while (true) {
        if (pos >= in.size())
            fail("GIF: truncated data sub-blocks");
        const std::size_t size = byte_at(in, pos++);
        if (size == 0)
            return pos;
        if (!fits(in, pos, size))
            fail("GIF: sub-block runs past the end");
        pos += size;
    }
}

// §20-§22: image descriptor, optional local colour table, LZW minimum code
// size, then the image data sub-blocks.
std::size_t image_end(std::string_view in, std::size_t pos) {
    if (!fits(in, pos, kGifImageDescriptor))
        fail("GIF: truncated image descriptor");
    const std::size_t table = colour_table_size(byte_at(in, pos + 9));
    pos += kGifImageDescriptor;
    if (!fits(in, pos, table + 1))
        fail("GIF: truncated local colour table");
    return skip_sub_blocks(in, pos + table + 1);
}

// §23-§26: introducer, label, then sub-blocks.
std::size_t extension_end(std::string_view in, std::size_t pos) {
    if (!fits(in, pos, 2))
        fail("GIF: truncated extension");
    return skip_sub_blocks(in, pos + 2);
}

// Returns what an extension block is when it is metadata to drop, or "".
// Comment extensions (§24) are free text; application extensions (§26) are
// kept only for the two looping identifiers that animations depend on.
std::string gif_metadata_label(std::string_view block) {
    const unsigned label = byte_at(block, 1);
    if (label == kGifComment)
        return "GIF comment";
    if (label != kGifApplication)
        return "";
    // §26: the first sub-block is 11 bytes: identifier (8) + auth code (3).
    const std::string_view id = block.size() >= 14 && byte_at(block, 2) == 11 ? block.substr(3, 11) : ""sv;
    if (id == "NETSCAPE2.0" || id == "ANIMEXTS1.0")
        return "";
    if (id == "XMP DataXMP")  // XMP Part 3 §1.1.2
        return "XMP";
    return "GIF application extension";
}

// Walks header, logical screen descriptor, global colour table and then the
// block sequence (§27 grammar) up to the trailer.
StrippedImage strip_gif(std::string_view in) {
    if (!fits(in, 0, kGifHeaderAndScreen))
        fail("GIF: truncated header");
    const std::size_t start = kGifHeaderAndScreen + colour_table_size(byte_at(in, 10));
    if (!fits(in, 0, start))
        fail("GIF: truncated global colour table");
    StrippedImage result;
    result.bytes.reserve(in.size());
    result.bytes.append(in.substr(0, start));
    std::size_t pos = start;
    while (true) {
        if (pos >= in.size())
            fail("GIF: truncated before trailer");
        const unsigned introducer = byte_at(in, pos);
        if (introducer == kGifTrailer) {
            result.bytes.push_back(static_cast<char>(kGifTrailer));
            ++pos;
            break;
        }
        std::size_t end = 0;
        if (introducer == kGifImage)
            end = image_end(in, pos);
        else if (introducer == kGifExtension)
            end = extension_end(in, pos);
        else
            fail("GIF: unknown block");
        const std::string_view block = in.substr(pos, end - pos);
        pos = end;
        const std::string label = introducer == kGifExtension ? gif_metadata_label(block) : "";
        if (label.empty())
            result.bytes.append(block);
        else
            note_removed(result.removed, label);
    }
    if (pos < in.size())
        note_removed(result.removed, "GIF data after trailer");
    return result;
}

}  // namespace

ImageFormat sniff_image(std::string_view bytes) {
    if (bytes.starts_with("\xFF\xD8\xFF"sv))  // SOI and the first marker's 0xFF
        return ImageFormat::jpeg;
    if (bytes.starts_with(kPngSignature))
        return ImageFormat::png;
    if (bytes.starts_with("GIF87a"sv) || bytes.starts_with("GIF89a"sv))
        return ImageFormat::gif;
    return ImageFormat::other;
}

StrippedImage strip_image_metadata(std::string_view bytes) {
    switch (sniff_image(bytes)) {
    case ImageFormat::jpeg:
        return strip_jpeg(bytes);
    case ImageFormat::png:
        return strip_png(bytes);
    case ImageFormat::gif:
        return strip_gif(bytes);
    case ImageFormat::other:
        break;
    }
    return StrippedImage{std::string(bytes), {}};
}

}  // namespace allies::redact

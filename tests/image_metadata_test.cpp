// Image metadata stripping: hand-built JPEG, PNG and GIF files with Exif,
// XMP, IPTC, comments and text chunks; kept structures must come back
// byte-identical and in order, and hostile (truncated, mutated) input must
// either throw std::invalid_argument or return, never crash.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "redact/image_metadata.hpp"

using allies::redact::ImageFormat;
using allies::redact::sniff_image;
using allies::redact::strip_image_metadata;
using allies::redact::StrippedImage;

namespace {

using namespace std::string_literals;
using Strings = std::vector<std::string>;

std::string be16(std::size_t value) {
    return {static_cast<char>((value >> 8) & 0xFF), static_cast<char>(value & 0xFF)};
}

std::string be32(std::uint32_t value) {
    return be16(value >> 16) + be16(value & 0xFFFF);
}

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

// Calls strip_image_metadata on hostile input: it may throw
// std::invalid_argument or return, nothing else. Returns true when it returned.
bool strips_or_rejects(const std::string& bytes, StrippedImage* out = nullptr) {
    try {
        StrippedImage result = strip_image_metadata(bytes);
        if (out != nullptr)
            *out = std::move(result);
        return true;
    } catch (const std::invalid_argument& e) {
        EXPECT_FALSE(std::string(e.what()).empty());
        return false;
    }
}

// Every prefix either throws or returns output free of the secret name.
void expect_truncations_are_safe(const std::string& image) {
    for (std::size_t length = 0; length < image.size(); ++length) {
        StrippedImage result;
        if (strips_or_rejects(image.substr(0, length), &result)) {
            EXPECT_FALSE(contains(result.bytes, "Laura")) << "prefix of " << length << " bytes";
        }
    }
}

// Overwrites every byte with a few nasty values; only "no crash" is checked
// (a mutated marker may legitimately turn metadata into a kept segment).
void expect_mutations_are_safe(const std::string& image) {
    for (std::size_t i = 0; i < image.size(); ++i) {
        for (unsigned char value : {0x00, 0x01, 0x0B, 0x7F, 0x80, 0xFE, 0xFF}) {
            std::string mutated = image;
            mutated[i] = static_cast<char>(value);
            strips_or_rejects(mutated);
        }
    }
}

// ---------------------------------------------------------------- JPEG

std::string jpeg_segment(unsigned char marker, const std::string& payload) {
    return "\xFF"s + static_cast<char>(marker) + be16(payload.size() + 2) + payload;
}

const std::string kSoi = "\xFF\xD8"s;
const std::string kEoi = "\xFF\xD9"s;
const std::string kApp0 = jpeg_segment(0xE0, "JFIF\0\x01\x02\x00\x00\x01\x00\x01\x00\x00"s);
const std::string kExif = jpeg_segment(0xE1, "Exif\0\0MM\0\x2A Artist: Laura Bennett"s);
const std::string kXmp =
    jpeg_segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Laura</x:xmpmeta>"s);
const std::string kExtendedXmp = jpeg_segment(
    0xE1, "http://ns.adobe.com/xmp/extension/\0"s + std::string(32, 'A') + "\0\0\0\x10\0\0\0\0Laura more"s);
const std::string kIptc = jpeg_segment(0xED, "Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x0D\x1C\x02\x50\0\x05Laura"s);
const std::string kComment = jpeg_segment(0xFE, "secret comment by Laura");
const std::string kIcc = jpeg_segment(0xE2, "ICC_PROFILE\0\x01\x01profile-bytes"s);
const std::string kMpf = jpeg_segment(0xE2, "MPF\0MM\0\x2A"s);
const std::string kAdobe = jpeg_segment(0xEE, "Adobe\0\x64\0\0\0\0\x01"s);
const std::string kDucky = jpeg_segment(0xEC, "Ducky\0\x01\0\0\0\x32Laura"s);
const std::string kApp15 = jpeg_segment(0xEF, "vendor Laura");
const std::string kDqt = jpeg_segment(0xDB, "\x00"s + std::string(64, '\x01'));
const std::string kSof0 = jpeg_segment(0xC0, "\x08\x00\x10\x00\x10\x01\x01\x11\x00"s);
const std::string kSof2 = jpeg_segment(0xC2, "\x08\x00\x10\x00\x10\x01\x01\x11\x00"s);
const std::string kDht = jpeg_segment(0xC4, "\x00\x01"s + std::string(15, '\0') + "\x00"s);
const std::string kSos = jpeg_segment(0xDA, "\x01\x01\x00\x00\x3F\x00"s);
// Entropy-coded data with a stuffed 0xFF00 and a restart marker (T.81 B.1.1.5).
const std::string kScan = "\x12\x34\xFF\x00\x56\xFF\xD0\x78\x9A"s;

std::string jpeg_with_metadata() {
    return kSoi + kApp0 + kExif + kXmp + kIptc + kComment + kIcc + kDqt + kSof0 + kDht + kSos + kScan + kEoi;
}

TEST(ImageMetadataJpeg, RemovesExifXmpIptcAndComments) {
    const StrippedImage result = strip_image_metadata(jpeg_with_metadata());
    EXPECT_EQ(result.bytes, kSoi + kApp0 + kIcc + kDqt + kSof0 + kDht + kSos + kScan + kEoi);
    EXPECT_EQ(result.removed, (Strings{"EXIF", "XMP", "IPTC", "JPEG comment"}));
    for (std::string_view secret : {"Laura", "Bennett", "secret", "Exif", "xmpmeta", "Photoshop"})
        EXPECT_FALSE(contains(result.bytes, secret)) << secret;
}

TEST(ImageMetadataJpeg, ImageWithoutMetadataComesBackIdentical) {
    const std::string clean = kSoi + kApp0 + kIcc + kMpf + kAdobe + kDqt + kSof0 + kDht + kSos + kScan + kEoi;
    const StrippedImage result = strip_image_metadata(clean);
    EXPECT_EQ(result.bytes, clean);
    EXPECT_TRUE(result.removed.empty());
}

TEST(ImageMetadataJpeg, RemovesExtendedXmpVendorSegmentsAndUnknownApp) {
    const std::string unknown_app0 = jpeg_segment(0xE0, "AVI1\0Laura"s);
    const std::string fpxr = jpeg_segment(0xE2, "FPXR\0\0Laura"s);
    const std::string app5 = jpeg_segment(0xE5, "Laura");
    const std::string image = kSoi + kApp0 + unknown_app0 + kXmp + kExtendedXmp + kExtendedXmp + kDucky + fpxr +
                              app5 + kApp15 + kAdobe + kDqt + kSof0 + kSos + kScan + kEoi;
    const StrippedImage result = strip_image_metadata(image);
    EXPECT_EQ(result.bytes, kSoi + kApp0 + kAdobe + kDqt + kSof0 + kSos + kScan + kEoi);
    EXPECT_EQ(result.removed,
              (Strings{"JPEG APP0", "XMP", "JPEG APP12", "JPEG APP2", "JPEG APP5", "JPEG APP15"}));
}

TEST(ImageMetadataJpeg, KeepsFillBytesAndStandaloneMarkers) {
    // T.81 B.1.1.2: fill bytes before a marker; TEM (0x01) has no length.
    const std::string image = kSoi + "\xFF\xFF"s + kApp0 + "\xFF\x01"s + "\xFF\xFF\xFF"s + kExif + kDqt + kSof0 +
                              kSos + kScan + "\xFF\xFF"s + kEoi;
    const StrippedImage result = strip_image_metadata(image);
    EXPECT_EQ(result.bytes,
              kSoi + "\xFF\xFF"s + kApp0 + "\xFF\x01"s + kDqt + kSof0 + kSos + kScan + "\xFF\xFF"s + kEoi);
    EXPECT_EQ(result.removed, Strings{"EXIF"});
}

TEST(ImageMetadataJpeg, StripsSegmentsBetweenProgressiveScans) {
    const std::string second_scan = "\xAB\xFF\x00\xCD\xFF\xD7\xEF"s;
    const std::string image = kSoi + kApp0 + kDqt + kSof2 + kDht + kSos + kScan + kComment + kDht + kExif + kSos +
                              second_scan + kEoi;
    const StrippedImage result = strip_image_metadata(image);
    EXPECT_EQ(result.bytes, kSoi + kApp0 + kDqt + kSof2 + kDht + kSos + kScan + kDht + kSos + second_scan + kEoi);
    EXPECT_EQ(result.removed, (Strings{"JPEG comment", "EXIF"}));
}

TEST(ImageMetadataJpeg, DropsDataAfterEoi) {
    // Multi-picture files and "motion photos" append whole images, each
    // with its own Exif, after the first EOI.
    const std::string main_image = kSoi + kApp0 + kDqt + kSof0 + kSos + kScan + kEoi;
    const StrippedImage result = strip_image_metadata(main_image + kSoi + kExif + kSof0 + kSos + kScan + kEoi);
    EXPECT_EQ(result.bytes, main_image);
    EXPECT_EQ(result.removed, Strings{"JPEG data after EOI"});
}

TEST(ImageMetadataJpeg, AcceptsAScanCutOffBeforeEoi) {
    const std::string image = kSoi + kExif + kDqt + kSof0 + kSos + kScan;
    const StrippedImage result = strip_image_metadata(image);
    EXPECT_EQ(result.bytes, kSoi + kDqt + kSof0 + kSos + kScan);
    EXPECT_EQ(result.removed, Strings{"EXIF"});
}

TEST(ImageMetadataJpeg, RejectsMalformedStructure) {
    const std::string head = kSoi + kApp0 + kDqt + kSof0;
    // A segment whose length runs past the end of the file.
    EXPECT_THROW(strip_image_metadata(head + "\xFF\xE1\x40\x00Exif\0\0"s), std::invalid_argument);
    // No SOS at all, with or without EOI.
    EXPECT_THROW(strip_image_metadata(head + kEoi), std::invalid_argument);
    EXPECT_THROW(strip_image_metadata(head), std::invalid_argument);
    // Length field below its own size.
    EXPECT_THROW(strip_image_metadata(head + "\xFF\xE1\x00\x01"s + kSos + kScan + kEoi), std::invalid_argument);
    // Garbage where a marker should be, and 0xFF00 outside a scan.
    EXPECT_THROW(strip_image_metadata(head + "junk" + kSos + kScan + kEoi), std::invalid_argument);
    EXPECT_THROW(strip_image_metadata(head + "\xFF\x00"s + kSos + kScan + kEoi), std::invalid_argument);
    // A second SOI before the scan.
    EXPECT_THROW(strip_image_metadata(head + kSoi + kSos + kScan + kEoi), std::invalid_argument);
    // A file that ends right after the SOI's marker byte.
    EXPECT_THROW(strip_image_metadata("\xFF\xD8\xFF"s), std::invalid_argument);
}

TEST(ImageMetadataJpeg, TruncationAtEveryOffsetThrowsOrReturnsClean) {
    expect_truncations_are_safe(jpeg_with_metadata());
}

TEST(ImageMetadataJpeg, MutatedBytesNeverCrash) {
    expect_mutations_are_safe(jpeg_with_metadata());
    expect_mutations_are_safe(kSoi + kApp0 + kDqt + kSof2 + kSos + kScan + kComment + kSos + kScan + kEoi);
}

// ---------------------------------------------------------------- PNG

std::uint32_t crc32(std::string_view bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (char c : bytes) {
        crc ^= static_cast<unsigned char>(c);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xFFFFFFFFu;
}

std::string png_chunk(const std::string& type, const std::string& data) {
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

const std::string kPngSignature = "\x89PNG\r\n\x1A\n"s;
const std::string kIhdr = png_chunk("IHDR", be32(1) + be32(1) + "\x08\x00\x00\x00\x00"s);
const std::string kText = png_chunk("tEXt", "Author\0Laura Bennett"s);
const std::string kItxt = png_chunk("iTXt", "XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>Laura</x:xmpmeta>"s);
const std::string kZtxt = png_chunk("zTXt", "Comment\0\0x\x9C(not really deflate) Laura"s);
const std::string kTime = png_chunk("tIME", "\x07\xE8\x05\x11\x0C\x22\x38"s);
const std::string kPngExif = png_chunk("eXIf", "MM\0\x2A Laura Bennett"s);
const std::string kIccp = png_chunk("iCCP", "sRGB\0\0x\x9C profile"s);
const std::string kPrivate = png_chunk("prVt", "opaque");
const std::string kIdat = png_chunk("IDAT", "x\x9C\x63\x60\x00\x00\x00\x02\x00\x01"s);
const std::string kIend = png_chunk("IEND", "");

std::string png_with_metadata() {
    return kPngSignature + kIhdr + kText + kItxt + kZtxt + kTime + kIdat + kIend;
}

TEST(ImageMetadataPng, RemovesTextTimeAndExifChunks) {
    const StrippedImage result = strip_image_metadata(png_with_metadata());
    EXPECT_EQ(result.bytes, kPngSignature + kIhdr + kIdat + kIend);
    EXPECT_EQ(result.removed, (Strings{"PNG tEXt", "PNG iTXt", "PNG zTXt", "PNG tIME"}));
    for (std::string_view secret : {"Laura", "Bennett", "Author", "xmpmeta"})
        EXPECT_FALSE(contains(result.bytes, secret)) << secret;
}

TEST(ImageMetadataPng, RemovesMetadataChunksAnywhereAndKeepsOthers) {
    const std::string image =
        kPngSignature + kIhdr + kIccp + kPngExif + kPrivate + kIdat + kText + kIdat + kTime + kIend;
    const StrippedImage result = strip_image_metadata(image);
    EXPECT_EQ(result.bytes, kPngSignature + kIhdr + kIccp + kPrivate + kIdat + kIdat + kIend);
    EXPECT_EQ(result.removed, (Strings{"PNG eXIf", "PNG tEXt", "PNG tIME"}));
}

TEST(ImageMetadataPng, ImageWithoutMetadataComesBackIdentical) {
    const std::string clean = kPngSignature + kIhdr + kIccp + kPrivate + kIdat + kIend;
    const StrippedImage result = strip_image_metadata(clean);
    EXPECT_EQ(result.bytes, clean);
    EXPECT_TRUE(result.removed.empty());
}

TEST(ImageMetadataPng, DropsDataAfterIend) {
    const std::string clean = kPngSignature + kIhdr + kIdat + kIend;
    const StrippedImage result = strip_image_metadata(clean + "Laura Bennett");
    EXPECT_EQ(result.bytes, clean);
    EXPECT_EQ(result.removed, Strings{"PNG data after IEND"});
}

TEST(ImageMetadataPng, RejectsMalformedStructure) {
    const std::string head = kPngSignature + kIhdr;
    EXPECT_THROW(strip_image_metadata(head + kIdat), std::invalid_argument);  // no IEND
    EXPECT_THROW(strip_image_metadata(head + be32(1000) + "tEXt" + "Author"), std::invalid_argument);
    EXPECT_THROW(strip_image_metadata(head + be32(0x80000000u) + "tEXt" + "xxxx" + kIend), std::invalid_argument);
    EXPECT_THROW(strip_image_metadata(head + be32(0xFFFFFFFFu) + "tEXt" + "xxxx" + kIend), std::invalid_argument);
    EXPECT_THROW(strip_image_metadata(head + png_chunk("t3Xt", "x") + kIdat + kIend), std::invalid_argument);
}

TEST(ImageMetadataPng, TruncationAtEveryOffsetThrowsOrReturnsClean) {
    expect_truncations_are_safe(png_with_metadata());
}

TEST(ImageMetadataPng, MutatedBytesNeverCrash) {
    expect_mutations_are_safe(png_with_metadata());
}

// ---------------------------------------------------------------- GIF

// Splits `data` into GIF data sub-blocks of at most 255 bytes plus the
// block terminator (GIF89a §15).
std::string sub_blocks(const std::string& data) {
    std::string out;
    for (std::size_t pos = 0; pos < data.size(); pos += 255) {
        const std::string chunk = data.substr(pos, 255);
        out += static_cast<char>(chunk.size());
        out += chunk;
    }
    return out + '\0';
}

// XMP Part 3 §1.1.2: the packet is stored raw, followed by a 258-byte "magic
// trailer" that makes any GIF reader's sub-block walk land on a terminator.
std::string xmp_magic_trailer() {
    std::string trailer = "\x01"s;
    for (int value = 0xFF; value >= 0; --value)
        trailer += static_cast<char>(value);
    return trailer + '\0';
}

const std::string kGifHead = "GIF89a\x01\x00\x01\x00\x80\x00\x00"s;  // global table of 2 colours
const std::string kGlobalTable = "\x00\x00\x00\xFF\xFF\xFF"s;
const std::string kNetscape = "\x21\xFF\x0BNETSCAPE2.0\x03\x01\x00\x00\x00"s;
const std::string kAnimexts = "\x21\xFF\x0B" "ANIMEXTS1.0\x03\x01\x05\x00\x00"s;
const std::string kGifComment = "\x21\xFE"s + sub_blocks("Made by Laura Bennett");
const std::string kGifXmp =
    "\x21\xFF\x0BXMP DataXMP"s + "<?xpacket?><x:xmpmeta>Laura</x:xmpmeta><?xpacket end='w'?>" + xmp_magic_trailer();
const std::string kGifOtherApp = "\x21\xFF\x0BMGK8BIM0000"s + sub_blocks("Laura IPTC");
const std::string kGraphicControl = "\x21\xF9\x04\x00\x0A\x00\x00\x00"s;
const std::string kImage = "\x2C\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00"s;
const std::string kImageWithLocalTable = "\x2C\x00\x00\x00\x00\x01\x00\x01\x00\x81"s + std::string(12, '\x07') +
                                         "\x02" + sub_blocks(std::string(300, '\x21'));
const std::string kGifTrailer = "\x3B"s;

std::string gif_with_metadata() {
    return kGifHead + kGlobalTable + kNetscape + kGifComment + kGifXmp + kGraphicControl + kImage + kGifTrailer;
}

TEST(ImageMetadataGif, RemovesCommentsAndXmpButKeepsLooping) {
    const StrippedImage result = strip_image_metadata(gif_with_metadata());
    EXPECT_EQ(result.bytes, kGifHead + kGlobalTable + kNetscape + kGraphicControl + kImage + kGifTrailer);
    EXPECT_EQ(result.removed, (Strings{"GIF comment", "XMP"}));
    for (std::string_view secret : {"Laura", "Bennett", "xmpmeta", "XMP DataXMP"})
        EXPECT_FALSE(contains(result.bytes, secret)) << secret;
}

TEST(ImageMetadataGif, RemovesOtherApplicationExtensionsAndDataAfterTrailer) {
    const std::string kept = kGifHead + kGlobalTable + kAnimexts + kGraphicControl + kImageWithLocalTable +
                             kGraphicControl + kImage;
    const StrippedImage result =
        strip_image_metadata(kGifHead + kGlobalTable + kAnimexts + kGifOtherApp + kGraphicControl +
                             kImageWithLocalTable + kGifComment + kGraphicControl + kImage + kGifTrailer + "Laura");
    EXPECT_EQ(result.bytes, kept + kGifTrailer);
    EXPECT_EQ(result.removed, (Strings{"GIF application extension", "GIF comment", "GIF data after trailer"}));
}

TEST(ImageMetadataGif, ImageWithoutMetadataComesBackIdentical) {
    const std::string no_global_table = "GIF87a\x01\x00\x01\x00\x00\x00\x00"s + kImage + kGifTrailer;
    const std::string animated = kGifHead + kGlobalTable + kNetscape + kGraphicControl + kImageWithLocalTable +
                                 kGraphicControl + kImage + kGifTrailer;
    for (const std::string& clean : {no_global_table, animated}) {
        const StrippedImage result = strip_image_metadata(clean);
        EXPECT_EQ(result.bytes, clean);
        EXPECT_TRUE(result.removed.empty());
    }
}

TEST(ImageMetadataGif, RejectsMalformedStructure) {
    const std::string head = kGifHead + kGlobalTable;
    EXPECT_THROW(strip_image_metadata(head + kImage), std::invalid_argument);           // no trailer
    EXPECT_THROW(strip_image_metadata(head + "\x00"s + kGifTrailer), std::invalid_argument);  // unknown block
    EXPECT_THROW(strip_image_metadata(head + "\x21\xFE\x10Laura"s + kGifTrailer), std::invalid_argument);
    EXPECT_THROW(strip_image_metadata("GIF89a\x01\x00\x01\x00\x87\x00\x00"s + kImage + kGifTrailer),
                 std::invalid_argument);  // global table of 256 colours missing
    EXPECT_THROW(strip_image_metadata("GIF89a\x01\x00"s), std::invalid_argument);
}

TEST(ImageMetadataGif, TruncationAtEveryOffsetThrowsOrReturnsClean) {
    expect_truncations_are_safe(gif_with_metadata());
}

TEST(ImageMetadataGif, MutatedBytesNeverCrash) {
    expect_mutations_are_safe(gif_with_metadata());
}

// ---------------------------------------------------------------- other

TEST(ImageMetadata, SniffsByMagicBytes) {
    EXPECT_EQ(sniff_image(jpeg_with_metadata()), ImageFormat::jpeg);
    EXPECT_EQ(sniff_image(png_with_metadata()), ImageFormat::png);
    EXPECT_EQ(sniff_image(gif_with_metadata()), ImageFormat::gif);
    EXPECT_EQ(sniff_image("GIF87a"), ImageFormat::gif);
    EXPECT_EQ(sniff_image("GIF88a"), ImageFormat::other);
    EXPECT_EQ(sniff_image("BM\x3A\x00"s), ImageFormat::other);
    EXPECT_EQ(sniff_image("\xFF\xD8"s), ImageFormat::other);
    EXPECT_EQ(sniff_image(""), ImageFormat::other);
}

TEST(ImageMetadata, OtherFormatsComeBackUnchanged) {
    for (const std::string& bytes : {""s, "BM\x3A\x00Laura"s, "II*\0Laura"s, "\x89PNG"s}) {
        const StrippedImage result = strip_image_metadata(bytes);
        EXPECT_EQ(result.bytes, bytes);
        EXPECT_TRUE(result.removed.empty());
    }
}

}  // namespace

#pragma once
// Stripping metadata (Exif, XMP, IPTC, comments, text chunks) from the
// images embedded in a document, so that a redacted DOCX does not leak the
// author's name, camera serial number or GPS position through word/media/*.
#include <string>
#include <string_view>
#include <vector>

namespace allies::redact {

// Result of stripping metadata from one image part.
struct StrippedImage {
    // The image without metadata (== input when nothing was removed).
    std::string bytes;
    // What was removed, each kind listed once in order of first occurrence,
    // e.g. "EXIF", "XMP", "IPTC", "JPEG comment", "PNG tEXt", "GIF comment".
    std::vector<std::string> removed;
};

enum class ImageFormat { jpeg, png, gif, other };

// Identifies the format by its magic bytes, not by the part name or the
// declared content type (which an attacker or a sloppy producer controls).
ImageFormat sniff_image(std::string_view bytes);

// Removes metadata from a JPEG, PNG or GIF image; any other format comes back
// unchanged with an empty `removed`. Pixel data is copied verbatim, never
// re-encoded. Throws std::invalid_argument with a short message when the
// image is truncated or malformed in a way that makes it impossible to be
// sure the metadata is gone (fail closed).
//
// Kept on purpose, because decoders need them to show the right picture:
// JPEG APP0 JFIF/JFXX, APP2 ICC_PROFILE/MPF and APP14 Adobe; every PNG chunk
// other than tEXt, zTXt, iTXt, eXIf and tIME; GIF NETSCAPE2.0/ANIMEXTS1.0
// looping extensions. Bytes after the end of the image (after JPEG EOI, PNG
// IEND, GIF trailer) are dropped: they are invisible and often hold another
// full image with its own metadata.
StrippedImage strip_image_metadata(std::string_view bytes);

}  // namespace allies::redact

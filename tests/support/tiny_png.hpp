// A tiny PNG built in code (1x1 red RGBA, one stored zlib block), for tests
// that need a real picture without shipping one.
#pragma once

#include <cstdint>
#include <string>

namespace allies::testing {

inline std::uint32_t crc32(const std::string& data) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char byte : data) {
        c ^= byte;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xFFFFFFFFu;
}

inline std::string be32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

inline std::string png_chunk(const std::string& type, const std::string& data) {
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

inline std::string tiny_png() {
    std::string ihdr = be32(1) + be32(1) + std::string("\x08\x06\x00\x00\x00", 5);  // 8-bit RGBA
    std::string raw("\x00\xFF\x00\x00\xFF", 5);                                      // filter 0, red pixel
    std::uint32_t a = 1, b = 0;
    for (unsigned char c : raw) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    std::string zlib = std::string("\x78\x01\x01\x05\x00\xFA\xFF", 7) + raw + be32((b << 16) | a);
    return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) + png_chunk("IDAT", zlib) +
           png_chunk("IEND", "");
}

}  // namespace allies::testing

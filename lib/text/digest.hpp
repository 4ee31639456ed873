// SHA-256 and HMAC-SHA-256 (OpenSSL's libcrypto: a vetted implementation
// beats writing cryptography ourselves).
#pragma once

#include <string>
#include <string_view>

namespace allies::text {

std::string sha256_hex(std::string_view data);
std::string sha256_raw(std::string_view data);  // 32 bytes
std::string hmac_sha256_raw(std::string_view key, std::string_view data);  // 32 bytes
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
std::string to_hex(std::string_view bytes);

}  // namespace allies::text

#include "verify/needles.hpp"

#include <algorithm>

#include "text/digest.hpp"

namespace allies::verify {
namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser: a bijection with full avalanche
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return x;
}

}  // namespace

std::string_view to_string(NeedleKind kind) {
    switch (kind) {
        case NeedleKind::name: return "name";
        case NeedleKind::keep: return "keep";
        case NeedleKind::pattern: return "pattern";
        case NeedleKind::region: return "region";
    }
    return "region";
}

bool parse_needle_kind(std::string_view s, NeedleKind& out) {
    for (NeedleKind k : {NeedleKind::name, NeedleKind::keep, NeedleKind::pattern, NeedleKind::region})
        if (to_string(k) == s) {
            out = k;
            return true;
        }
    return false;
}

std::uint64_t KeyedHasher::word(const std::string& folded) {
    auto it = cache_.find(folded);
    if (it != cache_.end()) return it->second;
    std::string mac = text::hmac_sha256_raw(key_, folded);
    std::uint64_t h = 0;
    for (int i = 0; i < 8; ++i) h = (h << 8) | static_cast<unsigned char>(mac[i]);
    cache_.emplace(folded, h);
    return h;
}

std::uint64_t KeyedHasher::sequence(const std::vector<std::uint64_t>& w, std::size_t begin, std::size_t n) const {
    std::uint64_t h = mix(0x9E3779B97F4A7C15ULL * (n + 1));
    for (std::size_t i = 0; i < n; ++i) h = mix(h ^ w[begin + i]);
    return h;
}

std::uint64_t KeyedHasher::sequence(const std::vector<Token>& tokens) {
    std::vector<std::uint64_t> w;
    w.reserve(tokens.size());
    for (const auto& t : tokens) w.push_back(word(t.text));
    return sequence(w, 0, w.size());
}

std::string KeyedHasher::key_id() const { return text::hmac_sha256_hex(key_, "allies key id").substr(0, 16); }

void NeedleSet::add(Needle n) {
    if (!index_.emplace(static_cast<int>(n.kind), n.hash).second) return;
    needles.push_back(std::move(n));
}

std::string hash_hex(std::uint64_t h) {
    static const char* d = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) s[i] = d[h & 15];
    return s;
}

bool parse_hash_hex(std::string_view s, std::uint64_t& out) {
    if (s.size() != 16) return false;
    std::uint64_t h = 0;
    for (char c : s) {
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0) return false;
        h = (h << 4) | static_cast<std::uint64_t>(v);
    }
    out = h;
    return true;
}

}  // namespace allies::verify

// What the leak check searches for, as keyed hashes: every name variant of
// every person redacted, every pattern hit (email, phone, ...), phrases the
// policy keeps public (so "Smith Hall" is not read as Mr Smith), and the text
// of every redacted region as overlapping word shingles. Only hashes are
// kept, so the set can be written into the report beside the public files:
// without the key nobody can test a guess against it.
//
// A word's hash is HMAC-SHA-256(key, word), truncated to 64 bits and cached
// per distinct word; a sequence of words hashes by mixing its words' keyed
// hashes, so scanning costs one HMAC per distinct word, not per window.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "verify/tokens.hpp"

namespace allies::verify {

enum class NeedleKind { name, keep, pattern, region };
std::string_view to_string(NeedleKind kind);
bool parse_needle_kind(std::string_view s, NeedleKind& out);

struct Needle {
    NeedleKind kind = NeedleKind::region;
    std::uint64_t hash = 0;
    int words = 0;
    bool needs_capital = false;  // one-word names: only when written with a capital
    std::string label;           // "person 2", "email", "M4 financial": never the text
    bool all_caps = false;       // initials: only when written in capitals ("LB", not "lb")
};

class KeyedHasher {
public:
    explicit KeyedHasher(std::string key) : key_(std::move(key)) {}
    std::uint64_t word(const std::string& folded);
    // Hash of tokens [begin, begin + n).
    std::uint64_t sequence(const std::vector<std::uint64_t>& word_hashes, std::size_t begin, std::size_t n) const;
    std::uint64_t sequence(const std::vector<Token>& tokens);
    // Identifies the key without revealing it (stored in reports so a check
    // with the wrong key is an error, not a silent "clean").
    std::string key_id() const;

private:
    std::string key_;
    std::unordered_map<std::string, std::uint64_t> cache_;
};

struct NeedleSet {
    static constexpr int kShingleWords = 5;
    std::string key_id;
    std::string marker;  // the policy's text marker ("redact"): "[[redact" left over is a leak
    int shingle_words = kShingleWords;
    std::vector<Needle> needles;  // no two with the same kind and hash

    void add(Needle n);

private:
    std::set<std::pair<int, std::uint64_t>> index_;
};

std::string hash_hex(std::uint64_t h);
bool parse_hash_hex(std::string_view s, std::uint64_t& out);

}  // namespace allies::verify

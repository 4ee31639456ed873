// Finds people's names in text: whole words, case- and diacritic-insensitive
// (text/fold.hpp), full names, aliases, first name or surname alone,
// possessives; single-word forms only when capitalised in the text, so
// "will" the verb survives a roster with Will Hughes on it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "allies/redact.hpp"
#include "text/fold.hpp"

namespace allies::detect {

struct TextMatch {
    std::size_t begin = 0, end = 0;  // original UTF-8 byte range
    int person = -1;                 // names: index into the people; patterns: -1
    std::string kind;                // patterns: "email", "phone", ...
    bool initials = false;           // matched a person's initials ("LB"): evidence only in running text
};

class NameMatcher {
public:
    NameMatcher() = default;
    NameMatcher(const std::vector<Person>& people, const Policy& policy);

    std::vector<TextMatch> find(std::string_view original, const text::Folded& folded) const;
    std::vector<TextMatch> find(std::string_view original) const { return find(original, text::fold(original)); }
    bool empty() const { return variants_.empty(); }
    // Folded variants searched for one person (for verification hashes),
    // whether each matches only when capitalised in the text, and whether
    // only when written all in capitals (initials).
    struct Form {
        std::string folded;
        bool needs_capital = false;
        bool all_caps = false;
    };
    std::vector<std::string> variants_of(int person) const;
    std::vector<Form> variant_forms_of(int person) const;
    // Folded public names and phrases never redacted (policy keep).
    const std::vector<std::string>& kept() const { return keep_; }

private:
    struct Variant {
        std::string folded;
        int person = -1;
        bool needs_capital = false;
        bool all_caps = false;
    };
    void add(const std::string& written, int person, bool single_word_part, bool all_caps = false);
    std::vector<std::pair<std::size_t, std::size_t>> keep_ranges(const text::Folded& folded) const;

    // A bit per hash of every variant's first word: most words of a text
    // are rejected here without building a string or probing the map.
    static std::uint32_t word_hash(const char* s, std::size_t n);
    bool maybe_first_word(const char* s, std::size_t n) const {
        std::uint32_t h = word_hash(s, n) & 0xFFFF;
        return (first_word_bits_[h >> 6] >> (h & 63)) & 1;
    }
    std::vector<std::uint64_t> first_word_bits_ = std::vector<std::uint64_t>(1024, 0);

    std::vector<Variant> variants_;
    std::unordered_map<std::string, std::vector<std::size_t>> by_first_word_;  // longest first
    std::vector<std::string> keep_;
    std::unordered_map<std::string, std::vector<std::size_t>> keep_by_first_word_;
};

// Words of a name as a person reads it, as written: parentheticals dropped
// ("(Policy Team)"), "Surname, Given" turned round, titles before it ("Dr",
// "Cllr", "The Rt Hon") and post-nominal letters after it ("MBE", "PhD")
// left out.
std::vector<std::string> name_words(std::string_view name);
// The surname with its particles ("Van der Berg", "Ó Briain"): the last word
// and the particles before it (never the first word).
std::string surname_of(const std::vector<std::string>& words);
// A particle of a surname, folded ("van", "der", "de", "o", "mac", "bin"...).
bool is_surname_particle(const std::string& folded);
// A month or a day of the week, folded ("april", "may", "sunday"): a
// first name or surname such as April Summers or Ian March is never
// searched for alone, or every date would lose its month.
bool is_calendar_word(const std::string& folded);
// "L.B." for "Laura Bennett".
std::string initials_of(std::string_view name);
// "LB" for "Laura Bennett", "Ó Briain, Dara" -> "DO": the first letters of
// the first name and the surname, folded to ASCII upper case; "" when either
// is not a Latin letter or the pair is a common abbreviation (IT, HR, UK,
// PM, ...), which initials must never take from the text.
std::string name_initials(const std::vector<std::string>& words);

// Email addresses, phone numbers and the other patterns the policy enables.
std::vector<TextMatch> find_patterns(std::string_view original, const text::Folded& folded, const Policy& policy);

}  // namespace allies::detect

#include "detect/name_matcher.hpp"

#include <algorithm>
#include <set>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace allies::detect {
namespace {

// Initials stand in prose: one of the three words before or after has a
// lower-case letter ("Owner: PR/DM", "(TO) confirmed"), or the initials
// stand alone. "REPORT TO THE BOARD" is a heading in capitals, not Tom
// Okafor. Three words, so that the answer is the same once a neighbour
// that is itself initials has become "[name]".
bool mixed_case_context(std::string_view s, std::size_t begin, std::size_t end) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const int32_t n = static_cast<int32_t>(s.size());
    auto scan = [&](int32_t i, int dir) -> int {  // 1: a word with lower case; 0: words, none; -1: no word
        int seen = 0;
        bool in_word = false, lower = false;
        while (dir > 0 ? i < n : i > 0) {
            UChar32 c;
            if (dir > 0) U8_NEXT(p, i, n, c);
            else U8_PREV(p, 0, i, c);
            bool letter = c >= 0 && u_isalpha(c);
            if (letter) {
                in_word = true;
                lower = lower || u_islower(c);
                continue;
            }
            if (in_word) {
                if (lower) return 1;
                ++seen;
                in_word = false;
                if (seen >= 3) break;
            }
        }
        if (in_word) {
            if (lower) return 1;
            ++seen;
        }
        return seen ? 0 : -1;
    };
    int before = scan(static_cast<int32_t>(begin), -1), after = scan(static_cast<int32_t>(end), 1);
    if (before == 1 || after == 1) return true;
    return before == -1 && after == -1;
}

// A word joined to another by an identifier's separator, with no space:
// "t.okafor", "p_raman", "okafor_headshot", "RCT\\okafor". There a name
// is a name in any case (log-ins, file and folder names, URLs).
bool in_identifier(const std::string& t, std::size_t i, std::size_t e) {
    auto sep = [](char c) { return c == '.' || c == '_' || c == '\\' || c == '/' || c == '@' || c == '%'; };
    auto word = [](char c) { return text::is_word_byte(static_cast<unsigned char>(c)); };
    bool before = i >= 2 && sep(t[i - 1]) && word(t[i - 2]);
    bool after = e + 1 < t.size() && sep(t[e]) && word(t[e + 1]);
    // "end.Okafor" across a sentence needs a capital anyway; "okafor." at a
    // sentence end is no identifier: a dot counts only between word characters.
    return before || after;
}

// No lower-case letter in the text: "LB", not "Lb" or "lb" (a pound).
bool all_upper(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t i = 0, n = static_cast<int32_t>(s.size());
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c >= 0 && u_islower(c)) return false;
    }
    return true;
}

bool is_title(const std::string& folded_word) {
    // Honorifics and offices written before a name (folded, with or without
    // the full stop): never part of the name.
    // Words that are also given names (Don, Earl, Major) are not listed.
    static const std::set<std::string> titles{
        "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sir", "dame", "lord", "lady", "cllr",
        "councillor", "councilor", "rev", "revd", "reverend", "fr", "father", "sister", "brother", "hon",
        "honourable", "honorable", "rt", "right", "the", "canon", "bishop", "archbishop", "rabbi", "imam", "pastor",
        "baroness", "viscount", "countess", "capt", "captain", "col", "colonel", "lt", "lieutenant", "sgt",
        "sergeant", "cpl", "insp", "inspector", "supt", "ald", "alderman", "mayor", "senator", "herr", "frau", "mme",
        "mlle"};
    std::string w = folded_word;
    while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.pop_back();
    return titles.count(w) > 0;
}

// Post-nominal letters written after a name (honours, degrees, offices),
// compared as written: "MA" is a degree, "Ma" a surname.
bool is_post_nominal(std::string word) {
    static const std::set<std::string> post{
        "MBE", "OBE", "CBE", "KBE", "DBE", "GBE", "BEM", "CMG", "KCMG", "CB", "CVO", "LVO", "MVO", "CH", "OM", "KG",
        "KC", "QC", "JP", "DL", "MP", "MSP", "MS", "AM", "MLA", "MEP", "MSYP", "FRS", "FREng", "FRSA", "FRSE", "FBA",
        "FMedSci", "FRCP", "FRCS", "FRCGP", "FRICS", "FCA", "ACA", "FCCA", "ACCA", "CPA", "CIMA", "FCIPD", "MCIPD",
        "PhD", "DPhil", "MD", "MA", "MSc", "BSc", "BA", "BEd", "MEd", "LLB", "LLM", "MBA", "MPhil", "MEng", "BEng",
        "RN", "RGN", "Esq", "Jr", "Jnr", "Sr", "Snr", "II", "III", "IV", "CEng", "MRICS", "FIET", "FCIOB"};
    while (!word.empty() && (word.back() == '.' || word.back() == ',')) word.pop_back();
    return post.count(word) > 0;
}

std::string first_word(std::string_view folded) {
    std::size_t j = 0;
    while (j < folded.size() && text::is_word_byte(static_cast<unsigned char>(folded[j]))) ++j;
    return std::string(folded.substr(0, j));
}

bool word_start(const std::string& t, std::size_t i) {
    if (!text::is_word_byte(static_cast<unsigned char>(t[i]))) return false;
    if (i == 0) return true;
    unsigned char prev = static_cast<unsigned char>(t[i - 1]);
    if (text::is_word_byte(prev)) return false;
    // Inside a word with an apostrophe (O'Neill): not a start.
    if (prev == '\'' && i >= 2 && text::is_word_byte(static_cast<unsigned char>(t[i - 2]))) return false;
    return true;
}

bool word_end(const std::string& t, std::size_t e) {
    if (e >= t.size()) return true;
    unsigned char c = static_cast<unsigned char>(t[e]);
    if (text::is_word_byte(c)) return false;
    if (c == '\'' && e + 1 < t.size() && text::is_word_byte(static_cast<unsigned char>(t[e + 1]))) {
        // Possessive 's is fine ("Laura's"); any other letter continues a word.
        return t[e + 1] == 's' && (e + 2 >= t.size() || !text::is_word_byte(static_cast<unsigned char>(t[e + 2])));
    }
    return true;
}

}  // namespace

std::vector<std::string> name_words(std::string_view written) {
    // As a person reads a name: "(Policy Team)" and other parentheticals are
    // not part of it; "Dunne, Rachel" is Rachel Dunne; titles before it
    // ("Cllr", "The Rt Hon Dr") and letters after it ("MBE", "PhD") go.
    std::string name;
    int depth = 0;
    for (char c : written) {
        if (c == '(' || c == '[') ++depth;
        else if ((c == ')' || c == ']') && depth > 0) --depth;
        else if (depth == 0) name += c;
    }
    auto split = [](std::string_view text) {
        std::vector<std::string> words;
        std::size_t i = 0;
        while (i < text.size()) {
            while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
            std::size_t j = i;
            while (j < text.size() && text[j] != ' ' && text[j] != '\t') ++j;
            if (j > i) words.emplace_back(text.substr(i, j - i));
            i = j;
        }
        return words;
    };
    std::vector<std::string> words;
    std::size_t comma = name.find(',');
    if (comma != std::string::npos && name.find(',', comma + 1) == std::string::npos) {
        // "Surname, Given" (and "Surname, Given MBE"); "Given Surname, MBE" stays.
        auto surname = split(std::string_view(name).substr(0, comma));
        auto given = split(std::string_view(name).substr(comma + 1));
        while (!given.empty() && is_post_nominal(given.back())) given.pop_back();
        while (!given.empty() && is_title(text::fold_string(given.front()))) given.erase(given.begin());
        if (!given.empty() && !surname.empty()) {
            words = given;
            words.insert(words.end(), surname.begin(), surname.end());
        } else {
            words = surname;
        }
    } else {
        words = split(name);
    }
    for (auto& w : words)
        while (!w.empty() && w.back() == ',') w.pop_back();
    words.erase(std::remove_if(words.begin(), words.end(), [](const std::string& w) { return w.empty(); }), words.end());
    // Letters after a name, unless the whole name is in capitals ("JACK MA").
    bool all_caps = std::all_of(words.begin(), words.end(), [](const std::string& w) {
        return std::none_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    });
    while (!all_caps && words.size() > 1 && is_post_nominal(words.back())) words.pop_back();
    while (words.size() > 1 && is_title(text::fold_string(words.front()))) words.erase(words.begin());
    return words;
}

bool is_surname_particle(const std::string& folded) {
    static const std::set<std::string> particles{"van", "von", "der", "den", "de", "del", "della", "di", "da", "du",
                                                 "des", "la", "le", "ter", "ten", "dos", "das", "do", "st", "st.",
                                                 "o", "mac", "mc", "bin", "ibn", "bint", "al", "el", "ap", "ni", "nic",
                                                 "ua", "y"};
    return particles.count(folded) > 0;
}

std::string surname_of(const std::vector<std::string>& words) {
    if (words.empty()) return {};
    std::size_t first = words.size() - 1;
    while (first > 1 && is_surname_particle(text::fold_string(words[first - 1]))) --first;
    std::string out;
    for (std::size_t i = first; i < words.size(); ++i) out += (out.empty() ? "" : " ") + words[i];
    return out;
}

std::string initials_of(std::string_view name) {
    std::string out;
    for (const auto& w : name_words(name)) {
        const auto* s = reinterpret_cast<const uint8_t*>(w.data());
        int32_t i = 0;
        UChar32 c;
        U8_NEXT(s, i, static_cast<int32_t>(w.size()), c);
        if (c < 0 || !u_isalpha(c)) continue;
        c = u_toupper(c);
        char buf[4];
        int32_t len = 0;
        UBool err = false;
        U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, err);
        if (err) continue;
        out.append(buf, static_cast<std::size_t>(len));
        out += '.';
    }
    return out;
}

bool is_calendar_word(const std::string& folded) {
    static const std::set<std::string> words{"january", "february", "march", "april", "may", "june", "july", "august",
                                             "september", "october", "november", "december", "monday", "tuesday",
                                             "wednesday", "thursday", "friday", "saturday", "sunday"};
    return words.count(folded) > 0;
}

std::string name_initials(const std::vector<std::string>& words) {
    if (words.size() < 2) return {};
    // Abbreviations that stand in capitals in ordinary prose. Everything
    // else may be someone's initials: "DM", "SA", "TO" in "Action: TO"
    // (an all-capitals heading is told apart by its context, in find()).
    static const std::set<std::string> common{"AI", "AM", "CV", "EU", "GP", "HQ", "HR", "ID", "IP", "IQ", "IT", "MP",
                                              "NB", "OK", "PC", "PM", "PS", "QA", "TV", "UK", "UN", "US", "VP"};
    auto letter = [](const std::string& w) -> char {
        std::string f = text::fold_string(w);
        char c = f.empty() ? 0 : f[0];
        return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : 0;
    };
    char a = letter(words.front()), b = letter(words.back());
    if (!a || !b) return {};
    std::string out{a, b};
    return common.count(out) ? std::string() : out;
}

std::uint32_t NameMatcher::word_hash(const char* s, std::size_t n) {
    std::uint32_t h = 2166136261u;  // FNV-1a
    for (std::size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 16777619u;
    return h;
}

void NameMatcher::add(const std::string& written, int person, bool single_word_part, bool all_caps) {
    std::string f = text::fold_string(written);
    while (!f.empty() && (f.back() == ' ' || f.back() == '.' || f.back() == ',')) f.pop_back();
    while (!f.empty() && f.front() == ' ') f.erase(0, 1);
    if (f.empty() || !text::is_word_byte(static_cast<unsigned char>(f[0]))) return;
    for (const auto& k : keep_)
        if (k == f) return;  // a public name: never redacted
    for (const auto& v : variants_)
        if (v.folded == f) return;  // first person wins a shared form
    Variant v;
    v.folded = f;
    v.person = person;
    bool one_word = f.find(' ') == std::string::npos;
    // Single words match only when capitalised in the text unless the
    // roster itself writes them in lower case (user names such as "jsmith").
    v.needs_capital = one_word && (single_word_part || text::starts_upper(written, 0));
    v.all_caps = all_caps;
    std::size_t idx = variants_.size();
    variants_.push_back(std::move(v));
    std::string fw = first_word(variants_[idx].folded);
    std::uint32_t h = word_hash(fw.data(), fw.size()) & 0xFFFF;
    first_word_bits_[h >> 6] |= std::uint64_t{1} << (h & 63);
    auto& list = by_first_word_[fw];
    list.push_back(idx);
    std::stable_sort(list.begin(), list.end(),
                     [&](std::size_t a, std::size_t b) { return variants_[a].folded.size() > variants_[b].folded.size(); });
}

NameMatcher::NameMatcher(const std::vector<Person>& people, const Policy& policy) {
    for (const auto& k : policy.keep) {
        std::string f = text::fold_string(k);
        if (f.empty()) continue;
        keep_.push_back(f);
        keep_by_first_word_[first_word(f)].push_back(keep_.size() - 1);
    }
    // Full names and aliases first (so a shared first name never hides them).
    for (std::size_t p = 0; p < people.size(); ++p) {
        add(people[p].name, static_cast<int>(p), false);
        for (const auto& a : people[p].aliases) add(a, static_cast<int>(p), false);
        auto words = name_words(people[p].name);
        std::string plain;
        for (const auto& w : words) plain += (plain.empty() ? "" : " ") + w;
        if (words.size() >= 2) add(plain, static_cast<int>(p), false);  // "Jim Hartley" of "Cllr Jim Hartley MBE"
        if (words.size() >= 3) add(words.front() + " " + words.back(), static_cast<int>(p), false);
        std::string surname = surname_of(words);
        if (surname.find(' ') != std::string::npos) {
            add(surname, static_cast<int>(p), false);  // "Van der Berg", "Ó Briain": the particles go with it
            add(words.front() + " " + surname, static_cast<int>(p), false);
        }
        // Written as one word: LauraBennett, @laurabennett, Laura<ZWSP>Bennett;
        // and as a log-in, the first initial and the surname: "lbennett"
        // (RCT\lbennett, lbennett@...), in any case.
        if (words.size() >= 2) {
            std::string squashed;
            for (const auto& w : words) squashed += w;
            if (text::fold_string(squashed).size() >= 6) add(squashed, static_cast<int>(p), false);
            std::string first = text::fold_string(words.front()), last = text::fold_string(words.back());
            if (!first.empty() && first[0] >= 'a' && first[0] <= 'z' && last.size() >= 4) {
                std::string login = std::string(1, first[0]) + last;
                if (login.find(' ') == std::string::npos) add(login, static_cast<int>(p), false);
            }
        }
    }
    for (std::size_t p = 0; p < people.size(); ++p) {
        auto words = name_words(people[p].name);
        if (words.size() < 2) continue;
        auto usable = [](const std::string& w) {
            std::string f = text::fold_string(w);
            return f.size() >= 2 && f.back() != '.' && !is_calendar_word(f);  // not an initial, not "April"
        };
        if (policy.first_name_alone && usable(words.front())) add(words.front(), static_cast<int>(p), true);
        if (policy.surname_alone && usable(words.back())) add(words.back(), static_cast<int>(p), true);
    }
    // Initials last: a name or word that is also someone's initials stays theirs.
    if (policy.initials)
        for (std::size_t p = 0; p < people.size(); ++p) {
            std::string ini = name_initials(name_words(people[p].name));
            if (!ini.empty()) add(ini, static_cast<int>(p), true, true);
        }
}

std::vector<std::string> NameMatcher::variants_of(int person) const {
    std::vector<std::string> out;
    for (const auto& v : variants_)
        if (v.person == person) out.push_back(v.folded);
    return out;
}

std::vector<NameMatcher::Form> NameMatcher::variant_forms_of(int person) const {
    std::vector<Form> out;
    for (const auto& v : variants_)
        if (v.person == person) out.push_back(Form{v.folded, v.needs_capital, v.all_caps});
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> NameMatcher::keep_ranges(const text::Folded& folded) const {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    if (keep_.empty()) return out;
    const std::string& t = folded.text;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!word_start(t, i)) continue;
        std::size_t j = i;
        while (j < t.size() && text::is_word_byte(static_cast<unsigned char>(t[j]))) ++j;
        auto it = keep_by_first_word_.find(t.substr(i, j - i));
        if (it == keep_by_first_word_.end()) continue;
        for (std::size_t k : it->second) {
            const std::string& v = keep_[k];
            if (t.compare(i, v.size(), v) == 0 && word_end(t, i + v.size())) out.emplace_back(i, i + v.size());
        }
    }
    return out;
}

std::vector<TextMatch> NameMatcher::find(std::string_view original, const text::Folded& folded) const {
    std::vector<TextMatch> out;
    if (variants_.empty()) return out;
    const std::string& t = folded.text;
    auto keeps = keep_ranges(folded);
    std::string word;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!word_start(t, i)) continue;
        std::size_t j = i;
        while (j < t.size() && text::is_word_byte(static_cast<unsigned char>(t[j]))) ++j;
        if (!maybe_first_word(t.data() + i, j - i)) {
            i = j - 1;
            continue;
        }
        word.assign(t, i, j - i);
        auto it = by_first_word_.find(word);
        if (it == by_first_word_.end()) {
            i = j - 1;
            continue;
        }
        for (std::size_t k : it->second) {
            const Variant& v = variants_[k];
            std::size_t e = i + v.folded.size();
            if (e > t.size() || t.compare(i, v.folded.size(), v.folded) != 0 || !word_end(t, e)) continue;
            if (v.needs_capital && !text::starts_upper(original, folded.original_begin(i)) && !in_identifier(t, i, e)) continue;
            if (v.all_caps && (!all_upper(original.substr(folded.original_begin(i), folded.original_end(e) - folded.original_begin(i))) ||
                               !mixed_case_context(original, folded.original_begin(i), folded.original_end(e))))
                continue;
            bool kept = false;
            for (const auto& [a, b] : keeps)
                if (a < e && i < b) kept = true;
            if (kept) continue;
            out.push_back({folded.original_begin(i), folded.original_end(e), v.person, "", v.all_caps});
            j = e;
            break;
        }
        i = j - 1;
    }
    return out;
}

}  // namespace allies::detect

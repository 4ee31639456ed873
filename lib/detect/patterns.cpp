// Hand-written scanners over folded text (ASCII for these patterns): faster
// than regular expressions and explicit about what they accept.
#include <cctype>

#include "detect/name_matcher.hpp"

namespace allies::detect {
namespace {

bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool alpha(char c) { return c >= 'a' && c <= 'z'; }
bool word(char c) { return text::is_word_byte(static_cast<unsigned char>(c)); }

bool local_char(char c) { return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\''; }
bool domain_char(char c) { return alnum(c) || c == '-' || c == '.'; }

// RFC 5322 dot-atom local part @ a domain with at least one dot and an
// alphabetic top-level label of two or more letters.
void emails(const std::string& t, std::vector<std::pair<std::size_t, std::size_t>>& out) {
    for (std::size_t at = t.find('@'); at != std::string::npos; at = t.find('@', at + 1)) {
        std::size_t a = at;
        while (a > 0 && local_char(t[a - 1])) --a;
        while (a < at && (t[a] == '.' || t[a] == '\'')) ++a;
        if (a == at) continue;
        std::size_t b = at + 1;
        while (b < t.size() && domain_char(t[b])) ++b;
        while (b > at + 1 && (t[b - 1] == '.' || t[b - 1] == '-')) --b;
        std::string_view domain(t.data() + at + 1, b - at - 1);
        std::size_t dot = domain.rfind('.');
        if (dot == std::string_view::npos || dot == 0) continue;
        std::string_view tld = domain.substr(dot + 1);
        if (tld.size() < 2) continue;
        bool ok = true;
        for (char c : tld) ok = ok && alpha(c);
        if (!ok) continue;
        out.emplace_back(a, b);
    }
}

// Addresses written to dodge harvesters: "rhys.llewellyn [at] example [dot]
// org", "r_l (at) example.org", "rhys.llewellyn at example dot org". The
// "at" is bracketed, or plain between spaces when the local part has a dot
// or underscore ("we met at example.org" is no address); each dot of the
// domain is ".", a bracketed "dot" or " dot ".
std::size_t bracketed_word(const std::string& t, std::size_t i, std::string_view w) {
    // "[at]", "(at)", "{at}", "<at>", with spaces inside allowed: returns the end or 0.
    static const std::string_view open = "[({<", close = "])}>";
    if (i >= t.size()) return 0;
    std::size_t k = open.find(t[i]);
    if (k == std::string_view::npos) return 0;
    std::size_t j = i + 1;
    while (j < t.size() && t[j] == ' ') ++j;
    if (t.compare(j, w.size(), w) != 0) return 0;
    j += w.size();
    while (j < t.size() && t[j] == ' ') ++j;
    return j < t.size() && t[j] == close[k] ? j + 1 : 0;
}

void obfuscated_emails(const std::string& t, std::vector<std::pair<std::size_t, std::size_t>>& out) {
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!alnum(t[i]) || (i > 0 && (local_char(t[i - 1]) || word(t[i - 1])))) continue;
        std::size_t a = i;
        std::size_t j = i;
        bool dotted_local = false;
        while (j < t.size() && local_char(t[j])) {
            dotted_local = dotted_local || t[j] == '.' || t[j] == '_';
            ++j;
        }
        std::size_t local_end = j;
        while (local_end > a && (t[local_end - 1] == '.' || t[local_end - 1] == '-')) --local_end;
        if (local_end == a) continue;
        // A local part spelled out too: "rhys dot llewellyn at ...".
        for (std::size_t sp = local_end; sp + 5 < t.size() && t.compare(sp, 5, " dot ") == 0;) {
            std::size_t w = sp + 5, we = w;
            while (we < t.size() && local_char(t[we])) ++we;
            if (we == w) break;
            local_end = we;
            dotted_local = true;
            sp = we;
        }
        j = local_end;
        std::size_t k = j;
        while (k < t.size() && t[k] == ' ') ++k;
        bool bracketed = false;
        if (std::size_t e = bracketed_word(t, k, "at")) {
            bracketed = true;
            k = e;
        } else if (k > j && t.compare(k, 3, "at ") == 0 && dotted_local) {
            k += 3;
        } else {
            i = local_end;
            continue;
        }
        while (k < t.size() && t[k] == ' ') ++k;
        // Labels separated by dots in any of their disguises.
        std::size_t labels = 0, end = 0;
        bool last_alpha = false;
        std::size_t last_len = 0;
        while (k < t.size()) {
            std::size_t b = k;
            bool all_alpha = true;
            while (k < t.size() && (alnum(t[k]) || t[k] == '-')) {
                all_alpha = all_alpha && alpha(t[k]);
                ++k;
            }
            if (k == b) break;
            ++labels;
            end = k;
            last_alpha = all_alpha;
            last_len = k - b;
            std::size_t m = k;
            if (m < t.size() && t[m] == '.' && m + 1 < t.size() && alnum(t[m + 1])) {
                k = m + 1;
                continue;
            }
            while (m < t.size() && t[m] == ' ') ++m;
            if (std::size_t e = bracketed_word(t, m, "dot")) {
                bracketed = true;
                k = e;
                while (k < t.size() && t[k] == ' ') ++k;
                continue;
            }
            if (m > k && t.compare(m, 4, "dot ") == 0) {
                k = m + 4;
                continue;
            }
            break;
        }
        if (labels < 2 || !last_alpha || last_len < 2 || (!bracketed && !dotted_local)) continue;
        if (end < t.size() && word(t[end])) continue;
        out.emplace_back(a, end);
        i = end;
    }
}

// Phone numbers: "+44 20 7946 0958", "020 7946 0958", "07700 900123",
// "(020) 7946-0958", "555-123-4567": 10 to 15 digits in groups separated by
// single spaces, hyphens, dots or parentheses; not amounts (£, $, €
// before), not dates (no '/'), not inside a longer token.
void phones(const std::string& t, std::vector<std::pair<std::size_t, std::size_t>>& out) {
    for (std::size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (!(digit(c) || c == '+' || c == '(')) continue;
        if (i > 0 && (word(t[i - 1]) || t[i - 1] == '+' || t[i - 1] == '.' || t[i - 1] == ',' || t[i - 1] == '-'))
            continue;
        if (i > 0 && (t[i - 1] == '$' || static_cast<unsigned char>(t[i - 1]) >= 0x80)) continue;  // £ € in UTF-8
        std::size_t j = i, digits = 0, groups = 0, group_len = 0, last_digit_end = i;
        std::vector<std::size_t> lens;
        bool plus = c == '+';
        if (plus) ++j;
        bool open_paren = false;
        while (j < t.size()) {
            char d = t[j];
            if (digit(d)) {
                ++digits;
                ++group_len;
                ++j;
                last_digit_end = j;
                continue;
            }
            if (group_len) { lens.push_back(group_len); ++groups; group_len = 0; }
            if (d == '(' && !open_paren) { open_paren = true; ++j; continue; }
            if (d == ')' && open_paren) {
                open_paren = false;
                ++j;
                if (j < t.size() && t[j] == ' ') ++j;
                continue;
            }
            if ((d == ' ' || d == '-' || d == '.') && j + 1 < t.size() && (digit(t[j + 1]) || t[j + 1] == '(')) { ++j; continue; }
            break;
        }
        if (group_len) lens.push_back(group_len);
        if (digits < 10 || digits > 15) continue;
        if (last_digit_end < t.size() && (word(t[last_digit_end]) || t[last_digit_end] == '/')) continue;
        bool leading_zero = plus || t[i] == '0' || (t[i] == '(' && i + 1 < t.size() && (t[i + 1] == '0' || t[i + 1] == '+'));
        bool us_shape = lens.size() == 3 && lens[0] == 3 && lens[1] == 3 && lens[2] == 4;
        if (!leading_zero && !us_shape) continue;
        std::size_t begin = i;
        out.emplace_back(begin, last_digit_end);
        i = last_digit_end;
    }
}

// UK postcodes (BS7 8AA, SW1A 1AA, M1 1AE, W1 1AA), case-insensitive:
// outward code A9, A99, AA9, AA99, A9A or AA9A, optional space, inward 9AA.
bool outward(std::string_view o) {
    if (o.size() < 2 || o.size() > 4 || !alpha(o[0])) return false;
    std::size_t k = alpha(o[1]) ? 2 : 1;
    if (k >= o.size() || !digit(o[k])) return false;
    ++k;
    if (k < o.size()) {
        if (!alnum(o[k])) return false;
        ++k;
    }
    return k == o.size();
}

void postcodes(const std::string& t, std::vector<std::pair<std::size_t, std::size_t>>& out) {
    for (std::size_t i = 0; i + 5 <= t.size(); ++i) {
        if ((i > 0 && word(t[i - 1])) || !alpha(t[i])) continue;
        for (std::size_t len = 4; len >= 2; --len) {
            if (i + len > t.size() || !outward(std::string_view(t).substr(i, len))) continue;
            std::size_t j = i + len;
            if (j < t.size() && t[j] == ' ') ++j;
            if (j + 3 > t.size() || !digit(t[j]) || !alpha(t[j + 1]) || !alpha(t[j + 2])) continue;
            if (j + 3 < t.size() && word(t[j + 3])) continue;
            out.emplace_back(i, j + 3);
            i = j + 2;
            break;
        }
    }
}

// Sort codes 12-34-56 (also with spaces); account numbers: exactly 8 digits
// standing alone.
void sort_codes(const std::string& t, std::vector<std::pair<std::size_t, std::size_t>>& out) {
    for (std::size_t i = 0; i + 8 <= t.size(); ++i) {
        if (i > 0 && (word(t[i - 1]) || t[i - 1] == '-')) continue;
        char sep = t[i + 2];
        if (sep != '-' && sep != ' ') continue;
        bool ok = digit(t[i]) && digit(t[i + 1]) && t[i + 5] == sep && digit(t[i + 3]) && digit(t[i + 4]) &&
                  digit(t[i + 6]) && digit(t[i + 7]);
        if (!ok || (i + 8 < t.size() && (word(t[i + 8]) || t[i + 8] == '-'))) continue;
        out.emplace_back(i, i + 8);
        i += 7;
    }
}

void account_numbers(const std::string& t, std::vector<std::pair<std::size_t, std::size_t>>& out) {
    for (std::size_t i = 0; i + 8 <= t.size(); ++i) {
        if (i > 0 && (word(t[i - 1]) || t[i - 1] == '-' || t[i - 1] == '.' || t[i - 1] == ',')) continue;
        std::size_t j = i;
        while (j < t.size() && digit(t[j])) ++j;
        if (j - i == 8 && (j == t.size() || !(word(t[j]) || t[j] == '-' || (t[j] == '.' && j + 1 < t.size() && digit(t[j + 1])))))
            out.emplace_back(i, j);
        i = j > i ? j : i;
    }
}

// IBAN: country letters, two check digits, 11 to 30 alphanumerics, optionally
// in groups of four; accepted only when the ISO 13616 mod-97 check passes.
void ibans(const std::string& t, std::vector<std::pair<std::size_t, std::size_t>>& out) {
    for (std::size_t i = 0; i + 15 <= t.size(); ++i) {
        if (i > 0 && word(t[i - 1])) continue;
        if (!(alpha(t[i]) && alpha(t[i + 1]) && digit(t[i + 2]) && digit(t[i + 3]))) continue;
        // Alphanumerics, optionally in space-separated groups; every group end
        // is a candidate end (the IBAN may be followed by more words).
        std::string compact;
        std::vector<std::pair<std::size_t, std::size_t>> ends;  // (compact length, text end)
        std::size_t j = i;
        while (j < t.size() && compact.size() < 34) {
            if (alnum(t[j])) {
                compact += t[j];
                ++j;
                if (j >= t.size() || !alnum(t[j])) ends.emplace_back(compact.size(), j);
                continue;
            }
            if (t[j] == ' ' && j + 1 < t.size() && alnum(t[j + 1])) { ++j; continue; }
            break;
        }
        for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
            auto [len, end] = *it;
            if (len < 15 || (end < t.size() && word(t[end]))) continue;
            std::string iban = compact.substr(0, len);
            std::string rearranged = iban.substr(4) + iban.substr(0, 4);
            unsigned rem = 0;
            for (char c : rearranged) {
                if (digit(c)) rem = (rem * 10 + unsigned(c - '0')) % 97;
                else rem = (rem * 100 + unsigned(c - 'a' + 10)) % 97;
            }
            if (rem != 1) continue;
            out.emplace_back(i, end);
            i = end;
            break;
        }
    }
}

}  // namespace

std::vector<TextMatch> find_patterns(std::string_view, const text::Folded& folded, const Policy& policy) {
    std::vector<TextMatch> out;
    const std::string& t = folded.text;
    auto add = [&](const char* kind, void (*scan)(const std::string&, std::vector<std::pair<std::size_t, std::size_t>>&)) {
        std::vector<std::pair<std::size_t, std::size_t>> r;
        scan(t, r);
        for (auto [a, b] : r) out.push_back({folded.original_begin(a), folded.original_end(b), -1, kind});
    };
    if (t.empty()) return out;
    if (policy.email) add("email", emails);
    if (policy.email) add("email", obfuscated_emails);
    if (policy.iban) add("iban", ibans);
    if (policy.phone) add("phone", phones);
    if (policy.postcode) add("postcode", postcodes);
    if (policy.sort_code) add("sort code", sort_codes);
    if (policy.account_number) add("account number", account_numbers);
    return out;
}

}  // namespace allies::detect

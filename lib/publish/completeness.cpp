// allies::check_complete: the output's words against the DOCX's visible
// words (allies/completeness.hpp). Read back with the leak check's readers,
// so what counts as "in the PDF" is what a reader's tools get out of it.
#include "allies/completeness.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>
#include <unordered_map>
#include <set>

#include "allies/error.hpp"
#include "convert/visible_words.hpp"
#include "text/encode.hpp"
#include "verify/html_text.hpp"
#include "verify/pdf_text.hpp"
#include "verify/tokens.hpp"

namespace allies {
namespace {

// Scripts written without spaces between words (Chinese, Japanese, Korean
// syllables, Thai): a line may end after any character, so each character
// is compared on its own.
bool unspaced_script(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x0E00 && c <= 0x0E7F) ||
           (c >= 0x20000 && c <= 0x2FFFF);
}

std::vector<verify::Token> words_of(std::string_view utf8) {
    bool ascii = true;
    for (unsigned char c : utf8) ascii = ascii && c < 0x80;
    if (ascii) return verify::tokenize(utf8);
    std::string spaced;
    spaced.reserve(utf8.size() + 16);
    for (char32_t c : text::utf32_from_utf8(utf8)) {
        if (unspaced_script(c)) {
            spaced += ' ';
            text::append_utf8(spaced, c);
            spaced += ' ';
        } else {
            text::append_utf8(spaced, c);
        }
    }
    return verify::tokenize(spaced);
}

// A note mark drawn against a word ("endnotes iattached", "footnotes1",
// the HTML's "2005<sup>12</sup>" read as "200512") is read as part of it:
// the words it may stand for, shortest mark first. A mark of one to three
// digits after the word (and a closing quote before it: "gap’42"), or of
// one to three digits or roman numerals before a word of two letters or more.
std::vector<std::string> without_note_mark(const std::string& w) {
    std::vector<std::string> out;
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    for (std::size_t trail = 1; trail <= 3 && trail < w.size() && digit(w[w.size() - trail]); ++trail) {
        std::string rest = w.substr(0, w.size() - trail);
        if (rest.back() == '\'') rest.pop_back();
        if (!rest.empty()) out.push_back(std::move(rest));
    }
    auto is_mark = [&](char c) { return digit(c) || c == 'i' || c == 'v' || c == 'x'; };
    for (std::size_t lead = 1; lead <= 3 && lead + 2 <= w.size() && is_mark(w[lead - 1]); ++lead) out.push_back(w.substr(lead));
    return out;
}

// Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo,
// and their presentation forms).
bool right_to_left(char32_t c) {
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

// A word of two directions ("ONEالمدينة"): a reader may give its parts
// in any order, and (cells sharing a line) not side by side.
bool two_directions(const std::string& w) {
    bool rtl = false, other = false;
    for (char32_t c : text::utf32_from_utf8(w)) {
        if (right_to_left(c)) rtl = true;
        else if (c < 0x80 ? std::isalnum(static_cast<int>(c)) != 0 : true) other = true;
    }
    return rtl && other;
}

// Words of two directions are cut into their parts up to this many bytes
// (a real one is a few words run together; a hostile one of a megabyte
// would cost a terabyte).
constexpr std::size_t kMixedWord = 256;

// The output's words, each with the line it stands on (lines of all pages
// numbered on): a reader puts each line in reading order on its own.
struct OutputWords {
    std::vector<verify::Token> tokens;
    std::vector<std::size_t> line;
    std::size_t lines = 0;

    void add(std::string_view text) {
        std::size_t start = 0;
        while (start <= text.size()) {
            std::size_t end = text.find('\n', start);
            if (end == std::string_view::npos) end = text.size();
            for (auto& t : words_of(text.substr(start, end - start))) {
                tokens.push_back(std::move(t));
                line.push_back(lines);
            }
            ++lines;
            start = end + 1;
        }
    }

    // Takes out one token for each word of `text` (text drawn off the page:
    // in the file, seen by no reader).
    void remove(std::string_view text) {
        std::unordered_map<std::string, int> gone;
        for (const auto& t : words_of(text)) ++gone[std::string(t.text)];
        if (gone.empty()) return;
        std::vector<verify::Token> kept_tokens;
        std::vector<std::size_t> kept_lines;
        for (std::size_t i = tokens.size(); i-- > 0;) {  // from the end: overflow runs off the page's foot
            auto it = gone.find(std::string(tokens[i].text));
            if (it != gone.end() && it->second > 0) {
                --it->second;
                continue;
            }
            kept_tokens.push_back(std::move(tokens[i]));
            kept_lines.push_back(line[i]);
        }
        std::reverse(kept_tokens.begin(), kept_tokens.end());
        std::reverse(kept_lines.begin(), kept_lines.end());
        tokens = std::move(kept_tokens);
        line = std::move(kept_lines);
    }
};

}  // namespace

// The output's words against the document's visible words;
// `page_furniture`: the first page's header and footer are expected too.
static CompletenessReport compare(const Document& doc, const OutputWords& output, bool page_furniture) {
    const std::vector<verify::Token>& tokens = output.tokens;
    std::unordered_map<std::string_view, int> have;
    have.reserve(tokens.size());
    for (const auto& t : tokens) ++have[t.text];

    // How many of each word the output lacks: what the DOCX shows, less
    // what the output has. (Which paragraph holds which word is worked out
    // only for an output that lacks some: a complete one pays for counting.)
    const auto paragraphs = writers::visible_paragraphs(doc, page_furniture);
    std::unordered_map<std::string, int> need;
    need.reserve(tokens.size());
    for (const auto& p : paragraphs)
        for (auto& t : words_of(p.text)) ++need[std::move(t.text)];
    std::map<std::string, int> lacking;  // sorted: the report does not depend on hashing
    CompletenessReport r;
    for (const auto& [w, n] : need) {
        r.expected += static_cast<std::size_t>(n);
        auto it = have.find(w);
        const int available = it == have.end() ? 0 : it->second;
        if (available < n) lacking[w] = n - available;
    }
    // What is still lacking may be there in another shape: a word too long
    // for its line broken without a hyphen, or drawn in pieces after a
    // change of font (the pieces joined; an apostrophe drawn on its own
    // between them is dropped by a reader); a word of two directions
    // whose parts a reader gets in another order, on the same line; a word
    // with a note mark drawn against it ("iattached", "footnotes1"). Found
    // through an index of where each output word stands, so a complete
    // output pays nothing and an output with many pieces pays per lacking
    // word, not per output word. A start is an output word, so only the
    // lengths of output words are tried; and the work is budgeted, so a
    // hostile output (a word of a megabyte, pieces that almost fit) costs
    // seconds at most, its words left lacking: fail closed.
    if (!lacking.empty()) {
        // Marked words: only output words beyond what the document itself
        // needs of them ("A4" the paper is not also a lost "a"), in sorted
        // order, so that the outcome does not depend on hashing.
        std::vector<std::pair<std::string_view, int>> spares;
        for (const auto& [t, n] : have) {
            if (t.empty()) continue;
            const char first = t.front(), last = t.back();
            const bool maybe_marked = (first >= '0' && first <= '9') || (last >= '0' && last <= '9') || first == 'i' ||
                                      first == 'v' || first == 'x';
            if (!maybe_marked) continue;
            auto needed = need.find(std::string(t));
            const int spare = n - (needed == need.end() ? 0 : needed->second);
            if (spare > 0) spares.emplace_back(t, spare);
        }
        std::sort(spares.begin(), spares.end());
        for (auto [t, spare] : spares) {
            for (const auto& w : without_note_mark(std::string(t))) {
                if (spare <= 0) break;
                auto it = lacking.find(w);
                if (it == lacking.end() || it->second <= 0) continue;
                const int used = std::min(spare, it->second);
                it->second -= used;
                spare -= used;
            }
        }
        std::unordered_map<std::string_view, std::vector<std::size_t>> at;
        for (std::size_t i = 0; i < tokens.size(); ++i) at[tokens[i].text].push_back(i);
        std::vector<std::size_t> lengths;  // of the output's words, each once, shortest first: the starts tried
        for (const auto& [t, where] : at) lengths.push_back(t.size());
        std::sort(lengths.begin(), lengths.end());
        lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
        auto rest_from = [](const std::string& w, std::size_t k) {
            return std::string_view(w).substr(k < w.size() && w[k] == '\'' ? k + 1 : k);
        };
        std::unordered_map<std::string, std::vector<std::size_t>> parts;  // lines each word or part stands on
        std::size_t searched = 0, budget = std::size_t{1} << 24;  // pieces compared
        for (auto& [w, n] : lacking) {
            if (n <= 0) continue;
            if (++searched > 4096) break;  // an output that lost this much is incomplete anyway
            if (w.size() <= kMixedWord && two_directions(w)) {
                // Two directions: its parts anywhere on one line, as words or
                // as parts of another word of two directions ("البريدONE
                // TWOالمدينة", two cells read as one line).
                if (parts.empty())
                    for (std::size_t i = 0; i < tokens.size(); ++i) {
                        const std::string& t = tokens[i].text;
                        parts[t].push_back(output.line[i]);
                        if (t.size() > kMixedWord || !two_directions(t)) continue;
                        for (std::size_t k = 1; k < t.size(); ++k)
                            if ((static_cast<unsigned char>(t[k]) & 0xC0) != 0x80) {
                                parts[t.substr(0, k)].push_back(output.line[i]);
                                parts[t.substr(k)].push_back(output.line[i]);
                            }
                    }
                for (std::size_t k = 1; k < w.size() && n > 0; ++k) {
                    if ((static_cast<unsigned char>(w[k]) & 0xC0) == 0x80) continue;
                    auto a = parts.find(w.substr(0, k)), b = parts.find(w.substr(k));
                    if (a == parts.end() || b == parts.end()) continue;
                    for (std::size_t l : a->second)
                        if (n > 0 && std::find(b->second.begin(), b->second.end(), l) != b->second.end()) --n;
                }
                if (n <= 0) continue;
            }
            // Starts: output words that are a proper prefix of w.
            for (std::size_t k : lengths) {
                if (k >= w.size() || n <= 0 || budget == 0) break;
                if (k == 0) continue;
                budget -= std::min(budget, 1 + k / 64);  // hashing the start
                auto starts = at.find(std::string_view(w).substr(0, k));
                if (starts == at.end()) continue;
                const std::string_view rest = rest_from(w, k);
                for (std::size_t i : starts->second) {
                    if (n <= 0 || budget == 0) break;
                    // The rest in reading order, or (two directions) before it.
                    if (i > 0 && tokens[i - 1].text == rest) {
                        --n;
                        continue;
                    }
                    std::size_t built = k;
                    for (std::size_t j = i + 1; j < tokens.size() && built < w.size() && budget > 0; ++j, --budget) {
                        if (w[built] == '\'') ++built;  // tokens never start with one
                        const std::string& piece = tokens[j].text;
                        if (piece.empty() || w.compare(built, piece.size(), piece) != 0) break;
                        built += piece.size();
                        if (built == w.size()) {
                            --n;
                            break;
                        }
                    }
                }
            }
        }
    }
    for (auto it = lacking.begin(); it != lacking.end();) it = it->second > 0 ? std::next(it) : lacking.erase(it);
    r.found = r.expected;
    if (lacking.empty()) return r;
    // Which paragraphs lack them: first those with a word the output has
    // none of (a lost paragraph takes its common words with it), then, for
    // what is left, the last paragraphs that have the word.
    std::vector<std::vector<std::string>> words(paragraphs.size());
    for (std::size_t i = 0; i < paragraphs.size(); ++i)
        for (auto& t : words_of(paragraphs[i].text)) words[i].push_back(std::move(t.text));
    std::vector<int> lost(paragraphs.size(), 0);
    std::vector<bool> lossy(paragraphs.size(), false);
    for (std::size_t i = 0; i < paragraphs.size(); ++i)
        for (const auto& w : words[i])
            if (auto it = lacking.find(w); it != lacking.end() && it->second == need[w]) lossy[i] = true;
    auto take = [&](std::size_t i) {
        for (const auto& w : words[i])
            if (auto it = lacking.find(w); it != lacking.end() && it->second > 0) {
                --it->second;
                ++lost[i];
            }
    };
    std::set<std::string> missing;
    for (const auto& [w, n] : lacking) missing.insert(w);
    for (std::size_t i = 0; i < paragraphs.size(); ++i)
        if (lossy[i]) take(i);
    for (std::size_t i = paragraphs.size(); i-- > 0;) take(i);
    std::size_t lost_total = 0;
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        lost_total += static_cast<std::size_t>(lost[i]);
        if (lost[i] > 0) r.places.push_back(MissingPlace{paragraphs[i].where, lost[i]});
    }
    r.found = r.expected - lost_total;
    r.missing_words.assign(missing.begin(), missing.end());
    return r;
}

CompletenessReport check_complete(const Document& doc, OutputFormat format, const std::string& output) {
    OutputWords words;
    if (format == OutputFormat::pdf) {
        const verify::PdfTextContent content = verify::read_pdf_text(output, "PDF");
        for (const auto& page : content.pages) words.add(page);
        for (const auto& off : content.off_page) words.remove(off);  // not on any page a reader sees
        return compare(doc, words, true);
    }
    if (format == OutputFormat::html) {
        // The HTML writer does not show headers and footers: an HTML is
        // checked for its body, notes and text boxes.
        words.add(verify::read_html(output, "HTML").text);
        return compare(doc, words, false);
    }
    throw Error(ErrorKind::usage, "", "", "the completeness check reads PDF and HTML only");
}

CompletenessReport check_complete(const Document& doc, const std::vector<std::string>& page_text) {
    OutputWords words;
    for (const auto& page : page_text) words.add(verify::reading_order(page));
    return compare(doc, words, true);
}

}  // namespace allies

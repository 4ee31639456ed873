// allies::check_complete: the output's words against the DOCX's visible
// words (allies/completeness.hpp). Read back with the leak check's readers,
// so what counts as "in the PDF" is what a reader's tools get out of it.
#include "allies/completeness.hpp"

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

// A note mark drawn against a word ("endnotes iattached", "footnotes1")
// is read as part of it: the word without a leading or trailing mark of
// one to three digits or roman numerals also counts.
std::string without_note_mark(const std::string& w) {
    auto is_mark = [](unsigned char c) { return (c >= '0' && c <= '9') || c == 'i' || c == 'v' || c == 'x'; };
    std::size_t lead = 0;
    while (lead < w.size() && lead < 3 && is_mark(static_cast<unsigned char>(w[lead]))) ++lead;
    std::size_t trail = 0;
    while (trail < w.size() && trail < 3 && w[w.size() - 1 - trail] >= '0' && w[w.size() - 1 - trail] <= '9') ++trail;
    if (trail > 0 && w.size() - trail >= 3) return w.substr(0, w.size() - trail);
    if (lead > 0 && w.size() - lead >= 2) return w.substr(lead);
    return {};
}

}  // namespace

// The output's words (`tokens`) against the document's visible words;
// `page_furniture`: the first page's header and footer are expected too.
static CompletenessReport compare(const Document& doc, const std::vector<verify::Token>& tokens, bool page_furniture) {
    std::unordered_map<std::string, int> have;
    have.reserve(tokens.size());
    for (const auto& t : tokens) ++have[t.text];

    // How many of each word the output lacks: what the DOCX shows, less
    // what the output has.
    const auto paragraphs = writers::visible_paragraphs(doc, page_furniture);
    std::vector<std::vector<std::string>> words(paragraphs.size());
    std::map<std::string, int> need;
    for (std::size_t i = 0; i < paragraphs.size(); ++i)
        for (auto& t : words_of(paragraphs[i].text)) {
            ++need[t.text];
            words[i].push_back(std::move(t.text));
        }
    std::map<std::string, int> lacking;
    CompletenessReport r;
    for (const auto& [w, n] : need) {
        r.expected += static_cast<std::size_t>(n);
        auto it = have.find(w);
        const int available = it == have.end() ? 0 : it->second;
        if (available < n) lacking[w] = n - available;
    }
    // What is still lacking may be there in another shape: a word too long
    // for its line broken without a hyphen, or drawn in pieces after a
    // change of font (up to 512 pieces, joined); a word of two directions
    // whose parts a reader gets in visual order ("one" + Arabic, read as
    // Arabic + "one"); a word with a note mark drawn against it
    // ("iattached", "footnotes1"). Found through an index of where each
    // output word stands, so a complete output pays nothing and an output
    // with many pieces pays per lacking word, not per output word.
    if (!lacking.empty()) {
        std::unordered_map<std::string_view, std::vector<std::size_t>> at;
        for (std::size_t i = 0; i < tokens.size(); ++i) at[tokens[i].text].push_back(i);
        std::unordered_map<std::string, int> unmarked;
        for (const auto& t : tokens) {
            if (t.text.empty()) continue;
            const char first = t.text.front(), last = t.text.back();
            const bool maybe_marked = (first >= '0' && first <= '9') || (last >= '0' && last <= '9') || first == 'i' ||
                                      first == 'v' || first == 'x';
            if (maybe_marked)
                if (std::string w = without_note_mark(t.text); !w.empty() && lacking.count(w)) ++unmarked[w];
        }
        std::size_t searched = 0;
        for (auto& [w, n] : lacking) {
            if (++searched > 4096) break;  // an output that lost this much is incomplete anyway
            if (auto u = unmarked.find(w); u != unmarked.end()) {
                const int used = std::min(n, u->second);
                n -= used;
                u->second -= used;
            }
            // Starts: output words that are a proper prefix of w.
            for (std::size_t k = 1; k < w.size() && n > 0; ++k) {
                auto starts = at.find(std::string_view(w).substr(0, k));
                if (starts == at.end()) continue;
                for (std::size_t i : starts->second) {
                    if (n <= 0) break;
                    // The rest in reading order, or (two directions) before it.
                    if (i > 0 && tokens[i - 1].text == std::string_view(w).substr(k)) {
                        --n;
                        continue;
                    }
                    std::size_t built = k;
                    for (std::size_t j = i + 1; j < tokens.size() && j < i + 512 && built < w.size(); ++j) {
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
    // Which paragraphs lack them: first those with a word the output has
    // none of (a lost paragraph takes its common words with it), then, for
    // what is left, the last paragraphs that have the word.
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
    std::vector<verify::Token> tokens;
    if (format == OutputFormat::pdf) {
        for (const auto& page : verify::read_pdf_text(output, "PDF").pages) {
            auto words = words_of(page);
            tokens.insert(tokens.end(), words.begin(), words.end());
        }
        return compare(doc, tokens, true);
    }
    if (format == OutputFormat::html) {
        // The HTML writer does not show headers and footers: an HTML is
        // checked for its body, notes and text boxes.
        return compare(doc, words_of(verify::read_html(output, "HTML").text), false);
    }
    throw Error(ErrorKind::usage, "", "", "the completeness check reads PDF and HTML only");
}

CompletenessReport check_complete(const Document& doc, const std::vector<std::string>& page_text) {
    std::vector<verify::Token> tokens;
    for (const auto& page : page_text) {
        auto words = words_of(verify::reading_order(page));
        tokens.insert(tokens.end(), words.begin(), words.end());
    }
    return compare(doc, tokens, true);
}

}  // namespace allies

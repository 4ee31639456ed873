// allies::check_complete: the output's words against the DOCX's visible
// words (allies/completeness.hpp). Read back with the leak check's readers,
// so what counts as "in the PDF" is what a reader's tools get out of it.
#include "allies/completeness.hpp"

#include <map>
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

CompletenessReport check_complete(const Document& doc, OutputFormat format, const std::string& output) {
    std::vector<verify::Token> tokens;
    if (format == OutputFormat::pdf) {
        for (const auto& page : verify::read_pdf_text(output, "PDF").pages) {
            auto words = words_of(page);
            tokens.insert(tokens.end(), words.begin(), words.end());
        }
    } else if (format == OutputFormat::html) {
        tokens = words_of(verify::read_html(output, "HTML").text);
    } else {
        throw Error(ErrorKind::usage, "", "", "the completeness check reads PDF and HTML only");
    }
    std::map<std::string, int> have;
    for (const auto& t : tokens) ++have[t.text];
    // A word too long for its line is broken without a hyphen, and a
    // superscript or a change of font may be read as a separate word: two
    // or three neighbouring words of the output, joined, also count.
    std::map<std::string, int> joined, unmarked;
    for (const auto& t : tokens)
        if (std::string w = without_note_mark(t.text); !w.empty()) ++unmarked[w];
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        ++joined[tokens[i].text + tokens[i + 1].text];
        if (i + 2 < tokens.size()) ++joined[tokens[i].text + tokens[i + 1].text + tokens[i + 2].text];
    }

    // How many of each word the output lacks: what the DOCX shows, less
    // what the output has (as itself, joined from pieces, or with a mark).
    // The HTML writer does not show headers and footers (yet): an HTML is
    // checked for its body, notes and text boxes.
    const auto paragraphs = writers::visible_paragraphs(doc, format == OutputFormat::pdf);
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
        int available = 0;
        for (const auto* bag : {&have, &joined, &unmarked})
            if (auto it = bag->find(w); it != bag->end()) available += it->second;
        if (available < n) lacking[w] = n - available;
    }
    // What is still lacking may be a long word broken over several lines
    // (up to 512 pieces), or a word of two directions whose parts a reader
    // gets in visual order ("one" + Arabic, read as Arabic + "one"). Each
    // search scans the output, so only the first 256 lacking words are
    // searched: an output that lost more is incomplete anyway.
    std::size_t searched = 0;
    for (auto& [w, n] : lacking) {
        if (++searched > 256) break;
        for (std::size_t i = 0; i < tokens.size() && n > 0; ++i) {
            const std::string& first = tokens[i].text;
            if (i + 1 < tokens.size() && tokens[i + 1].text + first == w) {
                --n;
                continue;
            }
            if (first.empty() || first.size() >= w.size() || w.compare(0, first.size(), first) != 0) continue;
            std::string built = first;
            for (std::size_t j = i + 1; j < tokens.size() && j < i + 512 && built.size() < w.size(); ++j) {
                built += tokens[j].text;
                if (built.size() > w.size() || w.compare(0, built.size(), built) != 0) break;
                if (built == w) {
                    --n;
                    i = j;
                    break;
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

}  // namespace allies

// HTML5: one self-contained, accessible document. It shows what the text and
// Markdown writers show (tracked changes accepted; comments and hidden text
// left out), plus the first section's header and footer with the structure a screen reader needs:
// headings from outline levels, real lists, tables with header cells and
// spans, alt text, and footnotes as DPUB-ARIA note references. No scripts and
// no external resources; the same input always gives the same bytes.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "allies/convert.hpp"
#include "allies/html.hpp"
#include "convert/metafile_svg.hpp"
#include "ooxml/visible.hpp"

namespace allies {

namespace {

using writers::NoteNumbers;
using writers::shows;

// ---------------------------------------------------------------------------
// Small helpers

// Length of the UTF-8 sequence at s[i] and its code point; 0 if malformed.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    cp = n == 1 ? c : c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    return n;
}

// Characters HTML does not allow in a document (controls other than tab,
// newline and carriage return; noncharacters). Word files do contain them
// (U+0085, U+007F ...); they are not shown.
bool allowed_in_html(char32_t cp) {
    if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
    if (cp >= 0x7F && cp <= 0x9F) return false;
    if (cp >= 0xFDD0 && cp <= 0xFDEF) return false;
    return (cp & 0xFFFE) != 0xFFFE && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

// Escapes text and attribute values alike, so one function serves both.
std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        char c = s[i];
        switch (c) {
            case '&': out += "&amp;"; ++i; continue;
            case '<': out += "&lt;"; ++i; continue;
            case '>': out += "&gt;"; ++i; continue;
            case '"': out += "&quot;"; ++i; continue;
            case '\'': out += "&#39;"; ++i; continue;
            default: break;
        }
        char32_t cp = 0;
        std::size_t n = decode_utf8(s, i, cp);
        if (n == 0) {
            out += "\uFFFD";  // malformed UTF-8 (the reader validates; be safe anyway)
            ++i;
            continue;
        }
        if (allowed_in_html(cp)) out.append(s.substr(i, n));
        i += n;
    }
    return out;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string trim(std::string_view s) {
    auto a = s.find_first_not_of(" \t\r\n");
    if (a == std::string_view::npos) return {};
    auto b = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(a, b - a + 1));
}

// A BCP 47 tag as Word writes it ("en-GB", "x-none" excluded): letters,
// digits and hyphens, starting with a letter.
bool valid_lang(std::string_view lang) {
    if (lang.empty() || lang.size() > 35 || !std::isalpha(static_cast<unsigned char>(lang[0]))) return false;
    if (lower_ascii(lang) == "x-none") return false;
    return std::all_of(lang.begin(), lang.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
}

// Only these schemes become links. Anything else (javascript:, vbscript:,
// data:, file: ...) is shown as plain text: a document must not be able to
// put script into the page.
bool safe_url(std::string_view url) {
    // Browsers drop leading controls and spaces and every tab or newline
    // before they read the scheme; judge the URL the way they will.
    std::string cleaned;
    for (char c : url) {
        auto u = static_cast<unsigned char>(c);
        if (u == '\t' || u == '\n' || u == '\r') continue;
        if (cleaned.empty() && u <= 0x20) continue;
        cleaned += c;
    }
    auto colon = cleaned.find(':');
    auto path = cleaned.find_first_of("/?#");
    if (colon == std::string::npos || (path != std::string::npos && path < colon)) return true;  // relative
    static const std::set<std::string, std::less<>> allowed{"http", "https", "mailto", "tel", "ftp", "ftps", "news"};
    return allowed.count(lower_ascii(std::string_view(cleaned).substr(0, colon))) > 0;
}

std::string base64(std::string_view bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k])); };
        std::uint32_t n = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
        out += kAlphabet[n & 63];
    }
    if (std::size_t rest = bytes.size() - i; rest > 0) {
        std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
        if (rest == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

// Endnotes are numbered i, ii, iii as Word numbers them by default, so that
// they cannot be mistaken for footnotes.
std::string lower_roman(int n) {
    static const std::pair<int, const char*> kDigits[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                         {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                                         {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},
                                                         {1, "i"}};
    std::string out;
    for (const auto& [value, digits] : kDigits)
        while (n >= value) {
            out += digits;
            n -= value;
        }
    return out;
}

struct ImageType {
    const char* mime;
    const char* ext;
};

// The formats every browser shows, recognised by their bytes (content types
// in packages are often wrong). EMF, WMF and TIFF are not among them.
std::optional<ImageType> web_image_type(std::string_view b) {
    if (b.starts_with("\x89PNG\r\n\x1a\n")) return ImageType{"image/png", "png"};
    if (b.starts_with("\xFF\xD8\xFF")) return ImageType{"image/jpeg", "jpg"};
    if (b.starts_with("GIF87a") || b.starts_with("GIF89a")) return ImageType{"image/gif", "gif"};
    if (b.starts_with("BM") && b.size() > 14) return ImageType{"image/bmp", "bmp"};
    if (b.size() > 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") return ImageType{"image/webp", "webp"};
    std::string_view head = b.substr(0, 4096);
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    auto start = head.find_first_not_of(" \t\r\n");
    if (start != std::string_view::npos && head[start] == '<' && head.find("<svg") != std::string_view::npos)
        return ImageType{"image/svg+xml", "svg"};
    return std::nullopt;
}

// 1 px = 9525 EMU at 96 dpi; 0 (no attribute) for nonsense sizes.
int px(Emu emu) {
    if (emu <= 0 || emu > Emu{100'000} * 9525) return 0;
    return static_cast<int>((emu + 9525 / 2) / 9525);
}

// The first argument of REF/PAGEREF/NOTEREF when the field has the \h
// switch, i.e. when Word makes it a link to the bookmark.
std::string field_bookmark_link(const Inline& field) {
    if (field.field_type != "REF" && field.field_type != "PAGEREF" && field.field_type != "NOTEREF") return {};
    std::vector<std::string> args;
    std::string_view s = field.text;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        if (i >= s.size()) break;
        std::string tok;
        if (s[i] == '"') {
            ++i;
            while (i < s.size() && s[i] != '"') tok += s[i++];
            ++i;
        } else {
            while (i < s.size() && s[i] != ' ' && s[i] != '\t') tok += s[i++];
        }
        args.push_back(std::move(tok));
    }
    bool link = std::any_of(args.begin(), args.end(), [](const std::string& a) { return lower_ascii(a) == "\\h"; });
    return link && args.size() > 1 && !args[1].starts_with("\\") ? args[1] : std::string{};
}

// Where a hyperlink or link-like field points, "" if it is not a link
// (or points somewhere unsafe).
std::string link_href(const Inline& in) {
    bool hyperlink = in.kind == InlineKind::hyperlink ||
                     (in.kind == InlineKind::field && in.field_type == "HYPERLINK");
    if (hyperlink) {
        if (!in.target.empty()) {
            std::string url = in.target;
            if (!in.anchor.empty() && url.find('#') == std::string::npos) url += "#" + in.anchor;
            return safe_url(url) ? url : std::string{};
        }
        return in.anchor.empty() ? std::string{} : "#" + in.anchor;
    }
    if (in.kind == InlineKind::field) {
        std::string bookmark = field_bookmark_link(in);
        return bookmark.empty() ? std::string{} : "#" + bookmark;
    }
    return {};
}

// Content controls and tracked insertions are transparent; deletions are gone.
void flatten(const std::vector<Block>& bs, std::vector<const Block*>& out) {
    for (const auto& b : bs) {
        switch (b.kind) {
            case BlockKind::paragraph:
                if (!writers::deleted_whole(b.paragraph)) out.push_back(&b);
                break;
            case BlockKind::table: out.push_back(&b); break;
            case BlockKind::content_control:
            case BlockKind::inserted: flatten(b.children, out); break;
            case BlockKind::deleted: break;
        }
    }
}

// Heading rank 1..6, or 0. Outline levels decide, as in the Markdown writer;
// a paragraph in Word's Title style (which has no outline level) is an h1 too,
// so the document's title is reachable by heading navigation. Notes have no
// headings.
int heading_rank(const Paragraph& p, bool in_note) {
    if (in_note) return 0;
    if (p.props.outline_level >= 0) return std::min(p.props.outline_level + 1, 6);
    return p.props.style_id == "Title" ? 1 : 0;
}

bool is_list_item(const Paragraph& p, bool has_content) {
    return !p.list_label.empty() || (p.list_level >= 0 && has_content);
}

// The visible characters of some inlines, for the <title>.
void plain_text(const std::vector<Inline>& ins, std::string& out) {
    for (const auto& in : ins) {
        if (!shows(in)) continue;
        if (in.kind == InlineKind::text) out += in.text;
        else if (in.kind == InlineKind::tab || in.kind == InlineKind::line_break) out += ' ';
        else if (in.kind == InlineKind::hyperlink || in.kind == InlineKind::field ||
                 in.kind == InlineKind::content_control || in.kind == InlineKind::inserted)
            plain_text(in.children, out);
    }
}

// A paragraph showing nothing but pictures (the first half of a figure).
bool image_only(const Paragraph& p) {
    if (!p.list_label.empty() || p.props.outline_level >= 0) return false;
    bool image = false;
    for (const auto& in : p.inlines) {
        if (!shows(in)) continue;
        switch (in.kind) {
            case InlineKind::drawing:
                if (in.image_part.empty() || !in.blocks.empty()) return false;
                image = true;
                break;
            case InlineKind::text:
                if (!blank(in.text)) return false;
                break;
            case InlineKind::bookmark_start:
            case InlineKind::bookmark_end:
            case InlineKind::comment_start:
            case InlineKind::comment_end:
            case InlineKind::comment_ref: break;
            default: return false;
        }
    }
    return image;
}

bool is_caption(const Paragraph& p) { return p.props.style_id == "Caption" && p.list_label.empty(); }

const char* kStylesheet = R"(body{margin:0;background:#fff;color:#1a1a1a}
main{max-width:45em;margin:0 auto;padding:1em 1.25em 3em;font:1.0625rem/1.55 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif}
h1,h2,h3,h4,h5,h6{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.25;margin:1.6em 0 .5em}
a{color:#0645ad;text-decoration:underline}
a:focus{outline:2px solid #0645ad;outline-offset:2px}
img{max-width:100%;height:auto}
figure{margin:1.5em 0;text-align:center}
figcaption{font-size:.9em;font-style:italic;margin-top:.4em}
table{border-collapse:collapse;margin:1em 0;max-width:100%}
th,td{border:1px solid #767676;padding:.3em .6em;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}
.word-list{list-style:none;margin:.5em 0;padding-left:0}
.word-list .word-list{margin:0;padding-left:1.75em}
.word-list>li{margin:.25em 0;padding-left:2em;text-indent:-2em}
.word-list>li>*{text-indent:0}
.list-label{display:inline-block;min-width:1.75em;text-indent:0}
h1 .list-label,h2 .list-label,h3 .list-label,h4 .list-label,h5 .list-label,h6 .list-label{min-width:0}
.center{text-align:center}
.right{text-align:right}
.text-box{border:1px solid #767676;margin:1em 0;padding:0 1em}
.image-unavailable{border:1px dashed #767676;padding:0 .3em;font-style:italic}
.notes{border-top:1px solid #767676;margin-top:2.5em;font-size:.9em}
.notes li{margin:.4em 0}
.note-back{margin-left:.3em}
header,footer{max-width:45em;margin:0 auto;padding:.5em 1.25em;font:.875rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#4a4a4a}
header{border-bottom:1px solid #d0d0d0}
footer{border-top:1px solid #d0d0d0}
)";

// ---------------------------------------------------------------------------
// Inline formatting: each text run wants a stack of elements (outermost
// first); moving from one run to the next closes only what changes, so
// "<strong>bold <em>both</em></strong>" rather than one element per run.

class Layers {
public:
    void move_to(const std::vector<std::string>& want, std::string& out) {
        std::size_t keep = 0;
        while (keep < open_.size() && keep < want.size() && open_[keep] == want[keep]) ++keep;
        while (open_.size() > keep) {
            out += close_tag(open_.back());
            open_.pop_back();
        }
        for (std::size_t i = keep; i < want.size(); ++i) {
            out += want[i];
            open_.push_back(want[i]);
        }
    }
    void close_all(std::string& out) { move_to({}, out); }
    // A note reference brings its own <sup>; do not raise it twice.
    void close_vertical(std::string& out) {
        if (!open_.empty() && (open_.back() == "<sup>" || open_.back() == "<sub>")) {
            std::vector<std::string> want(open_.begin(), open_.end() - 1);
            move_to(want, out);
        }
    }

private:
    static std::string close_tag(const std::string& open) {
        auto end = open.find_first_of(" >", 1);
        return "</" + open.substr(1, end - 1) + ">";
    }
    std::vector<std::string> open_;
};

struct InlineCtx {
    bool in_link = false;     // no nested <a>, no <u> (links are underlined already)
    bool plain_bold = false;  // headings and header cells are bold already: no <strong>
};

struct BlockCtx {
    bool in_note = false;
    bool plain_bold = false;
};

// One paragraph's phrasing content and what was found while rendering it.
struct ParagraphHtml {
    std::string html;
    bool content = false;                             // anything a reader sees or hears
    std::vector<const std::vector<Block>*> boxes;     // text boxes, shown after the paragraph
    std::vector<std::string> floats;                  // anchored pictures, shown after it as figures
    std::vector<std::string> ids;                     // referenced bookmarks starting here
};

// ---------------------------------------------------------------------------
// Lists. Word's label is kept exactly ("3.1.", "a)", "•") as text in the item,
// and the browser's own marker is switched off (list-style:none), so the label
// a sighted reader sees is the one Word shows and a screen reader reads each
// item once. <ol> for numbered items and <ul> for bullets keep the list
// semantics (item counts, nesting); role="list" restores them in Safari, which
// drops them from lists without markers. Numbered labels are read aloud (they
// are content: "see item 3.1"); bullet glyphs are aria-hidden, as they carry
// no meaning and would be read out before every item.

class ListNester {
public:
    // Prepares the structure for a new <li> at `level`, which the caller writes.
    void item(std::string& out, int level, bool ordered) {
        while (!open_.empty() && open_.back().level > level) close_one(out);
        if (!open_.empty() && open_.back().level == level) {
            out += "</li>\n";
            if (open_.back().ordered != ordered) {
                out += open_.back().ordered ? "</ol>\n" : "</ul>\n";
                open_.pop_back();
            }
        }
        if (open_.empty() || open_.back().level < level) {
            if (!out.empty() && out.back() != '\n') out += "\n";  // a nested list inside the open item
            out += ordered ? "<ol class=\"word-list\" role=\"list\">\n" : "<ul class=\"word-list\" role=\"list\">\n";
            open_.push_back({level, ordered});
        }
    }
    void close(std::string& out) {
        while (!open_.empty()) close_one(out);
    }

private:
    struct Open {
        int level;
        bool ordered;
    };
    void close_one(std::string& out) {
        out += open_.back().ordered ? "</li>\n</ol>\n" : "</li>\n</ul>\n";
        open_.pop_back();
    }
    std::vector<Open> open_;
};

// ---------------------------------------------------------------------------

class HtmlWriter {
public:
    HtmlWriter(const Document& doc, const Package& package, const HtmlOptions& options)
        : doc_(doc), package_(package), options_(options), notes_(doc) {}

    HtmlResult run() {
        collect_anchors(doc_.body);
        for (const auto& n : doc_.footnotes) collect_anchors(n.blocks);
        for (const auto& n : doc_.endnotes) collect_anchors(n.blocks);
        lang_ = document_lang();

        // The first section's header and footer (its default ones, else the
        // first page's): what every printed page shows, such as a footer's
        // charity, company and VAT numbers, as the page's banner and
        // contentinfo landmarks.
        const HeaderFooter* header = furniture(true);
        const HeaderFooter* footer = furniture(false);
        if (header) collect_anchors(header->blocks);
        if (footer) collect_anchors(footer->blocks);

        std::string body;
        blocks(doc_.body, body, BlockCtx{});
        body += notes_html();
        std::string top, bottom;
        if (header) blocks(without_page_numbers(header->blocks), top, BlockCtx{});
        if (footer) blocks(without_page_numbers(footer->blocks), bottom, BlockCtx{});

        HtmlResult result;
        result.html = head() + "<body>\n" + (top.empty() ? std::string() : "<header>\n" + top + "</header>\n") +
                      "<main>\n" + body + "</main>\n" +
                      (bottom.empty() ? std::string() : "<footer>\n" + bottom + "</footer>\n") + "</body>\n</html>\n";
        result.assets = std::move(assets_);
        return result;
    }

private:
    // --- document level ----------------------------------------------------

    std::string head() const {
        return "<!DOCTYPE html>\n<html lang=\"" + escape(lang_) +
               "\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
               escape(title()) + "</title>\n<meta name=\"generator\" content=\"allies " + escape(version()) +
               "\">\n<style>\n" + kStylesheet + "</style>\n</head>\n";
    }

    // The language most of the text is in (by characters of visible runs),
    // so that <span lang> marks only the exceptions; else the paragraphs'
    // default run language (document defaults and styles); else the core
    // property; else "en".
    std::string document_lang() const {
        std::map<std::string, std::size_t> by_text, by_paragraph;
        std::vector<std::string> order;  // first seen first: ties are deterministic
        count_langs(doc_.body, by_text, by_paragraph, order);
        for (const auto* counts : {&by_text, &by_paragraph}) {
            std::string best;
            for (const auto& lang : order) {
                auto it = counts->find(lang);
                if (it != counts->end() && (best.empty() || it->second > counts->at(best))) best = lang;
            }
            if (!best.empty()) return best;
        }
        if (valid_lang(doc_.core.language)) return doc_.core.language;
        return "en";
    }

    static void count_langs(const std::vector<Block>& bs, std::map<std::string, std::size_t>& by_text,
                            std::map<std::string, std::size_t>& by_paragraph, std::vector<std::string>& order) {
        std::vector<const Block*> flat;
        flatten(bs, flat);
        for (const Block* b : flat) {
            for (const auto& row : b->table.rows)
                for (const auto& cell : row.cells) count_langs(cell.blocks, by_text, by_paragraph, order);
            if (b->kind != BlockKind::paragraph) continue;
            const std::string& lang = b->paragraph.props.run.lang;
            if (valid_lang(lang)) {
                if (!by_text.count(lang) && !by_paragraph.count(lang)) order.push_back(lang);
                ++by_paragraph[lang];
            }
            count_langs(b->paragraph.inlines, by_text, by_paragraph, order);
        }
    }

    static void count_langs(const std::vector<Inline>& ins, std::map<std::string, std::size_t>& by_text,
                            std::map<std::string, std::size_t>& by_paragraph, std::vector<std::string>& order) {
        for (const auto& in : ins) {
            if (!shows(in)) continue;
            if (in.kind == InlineKind::text && valid_lang(in.props.lang) && !blank(in.text)) {
                if (!by_text.count(in.props.lang) && !by_paragraph.count(in.props.lang)) order.push_back(in.props.lang);
                by_text[in.props.lang] += in.text.size();
            }
            count_langs(in.children, by_text, by_paragraph, order);
        }
    }

    std::string title() const {
        if (!blank(options_.title)) return trim(options_.title);
        if (!blank(doc_.core.title)) return trim(doc_.core.title);
        std::vector<const Block*> flat;
        flatten(doc_.body, flat);
        for (const Block* b : flat) {
            if (b->kind != BlockKind::paragraph || heading_rank(b->paragraph, false) == 0) continue;
            std::string text;
            plain_text(b->paragraph.inlines, text);
            if (!blank(text)) return trim(text);
        }
        return "Document";
    }

    // --- bookmarks ---------------------------------------------------------

    // Bookmarks become ids only where a link points at them, so the page is
    // not littered with Word's hidden _GoBack and _Toc anchors.
    void collect_anchors(const std::vector<Block>& bs) {
        for (const auto& b : bs) {
            if (b.kind == BlockKind::deleted) continue;
            collect_anchors(b.children);
            for (const auto& row : b.table.rows)
                for (const auto& cell : row.cells) collect_anchors(cell.blocks);
            collect_anchors(b.paragraph.inlines);
        }
    }
    void collect_anchors(const std::vector<Inline>& ins) {
        for (const auto& in : ins) {
            if (!shows(in)) continue;
            std::string href = link_href(in);
            if (href.starts_with("#") && href.size() > 1) anchors_.insert(href.substr(1));
            if (in.kind == InlineKind::bookmark_start && bookmark_shape_ok(in.text)) bookmarks_.insert(in.text);
            collect_anchors(in.children);
            collect_anchors(in.blocks);
        }
    }

    // Note anchors are generated (fn1, fnref1, en1, enref1); a bookmark of
    // that shape would clash.
    static bool bookmark_shape_ok(const std::string& name) {
        if (name.empty() || name.find_first_of(" \t\r\n") != std::string::npos) return false;
        if (name.starts_with("fn") || name.starts_with("en")) {
            std::string_view rest = std::string_view(name).substr(2);
            if (rest.starts_with("ref")) rest.remove_prefix(3);
            if (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest[0]))) return false;
        }
        return true;
    }

    // Ids are unique: a bookmark name seen twice keeps its first place.
    bool usable_bookmark_id(const std::string& name) {
        return anchors_.count(name) && bookmark_shape_ok(name) && used_ids_.insert(name).second;
    }

    // The first id goes on the element itself (so a link moves focus to the
    // heading or paragraph); any others become empty spans at its start.
    static std::string id_attr(const std::vector<std::string>& ids) {
        return ids.empty() ? std::string{} : " id=\"" + escape(ids[0]) + "\"";
    }
    static std::string extra_id_spans(const std::vector<std::string>& ids) {
        std::string out;
        for (std::size_t i = 1; i < ids.size(); ++i) out += "<span id=\"" + escape(ids[i]) + "\"></span>";
        return out;
    }
    static std::string id_spans(const std::vector<std::string>& ids) {
        std::string out;
        for (const auto& id : ids) out += "<span id=\"" + escape(id) + "\"></span>";
        return out;
    }

    // --- blocks ------------------------------------------------------------

    void blocks(const std::vector<Block>& bs, std::string& out, const BlockCtx& ctx) {
        std::vector<const Block*> flat;
        flatten(bs, flat);
        ListNester lists;
        std::vector<std::string> pending;  // ids of skipped empty paragraphs
        for (std::size_t i = 0; i < flat.size(); ++i) {
            const Block& b = *flat[i];
            if (b.kind == BlockKind::table) {
                lists.close(out);
                out += id_spans(pending);
                pending.clear();
                table(b.table, out, ctx);
                continue;
            }
            const Paragraph& p = b.paragraph;
            ParagraphHtml ph = render(p, ctx);
            bool figure_pair = i + 1 < flat.size() && flat[i + 1]->kind == BlockKind::paragraph &&
                               image_only(p) && is_caption(flat[i + 1]->paragraph) && !ctx.in_note;
            if (figure_pair) {
                ParagraphHtml caption = render(flat[i + 1]->paragraph, ctx);
                ++i;
                if (ph.content && caption.content) {
                    figure(ph, caption, out, lists, pending, ctx);
                    continue;
                }
                paragraph(p, ph, out, lists, pending, ctx);
                paragraph(flat[i]->paragraph, caption, out, lists, pending, ctx);
                continue;
            }
            paragraph(p, ph, out, lists, pending, ctx);
        }
        lists.close(out);
        out += id_spans(pending);
    }

    ParagraphHtml render(const Paragraph& p, const BlockCtx& ctx) {
        ParagraphHtml ph;
        Layers layers;
        InlineCtx ictx;
        ictx.plain_bold = ctx.plain_bold || heading_rank(p, ctx.in_note) > 0;
        inlines(p.inlines, ph.html, ph, layers, ictx);
        layers.close_all(ph.html);
        return ph;
    }

    static std::string paragraph_attrs(const Paragraph& p) {
        std::string attrs;
        if (p.props.alignment == Alignment::center) attrs += " class=\"center\"";
        else if (p.props.alignment == Alignment::right) attrs += " class=\"right\"";
        if (p.props.bidi) attrs += " dir=\"rtl\"";
        return attrs;
    }

    void paragraph(const Paragraph& p, ParagraphHtml& ph, std::string& out, ListNester& lists,
                   std::vector<std::string>& pending, const BlockCtx& ctx) {
        std::vector<std::string> ids = std::move(pending);
        pending.clear();
        ids.insert(ids.end(), ph.ids.begin(), ph.ids.end());
        int rank = ph.content ? heading_rank(p, ctx.in_note) : 0;
        if (rank > 0) {
            lists.close(out);
            std::string tag = "h" + std::to_string(rank);
            std::string label = p.list_label.empty()
                                    ? std::string{}
                                    : "<span class=\"list-label\">" + escape(p.list_label) + "</span> ";
            out += "<" + tag + id_attr(ids) + paragraph_attrs(p) + ">" + extra_id_spans(ids) + label + ph.html +
                   "</" + tag + ">\n";
        } else if (is_list_item(p, ph.content)) {
            lists.item(out, std::max(0, p.list_level), !p.bullet);
            out += "<li" + id_attr(ids) + paragraph_attrs(p) + ">" + extra_id_spans(ids);
            if (!p.list_label.empty())
                out += std::string("<span class=\"list-label\"") + (p.bullet ? " aria-hidden=\"true\"" : "") + ">" +
                       escape(p.list_label) + "</span> ";
            out += ph.html;
            // The item stays open: a deeper list or a text box may follow inside it.
        } else if (!ph.content) {
            // Empty paragraphs are Word's spacing, not content; skipping them
            // (rather than closing lists at them) keeps lists whole.
            pending = std::move(ids);
        } else {
            lists.close(out);
            out += "<p" + id_attr(ids) + paragraph_attrs(p) + ">" + extra_id_spans(ids) + ph.html + "</p>\n";
        }
        for (const auto& f : ph.floats) out += "<figure class=\"float\">" + f + "</figure>\n";
        for (const auto* box : ph.boxes) text_box(*box, out, ctx);
    }

    void figure(ParagraphHtml& image, ParagraphHtml& caption, std::string& out, ListNester& lists,
                std::vector<std::string>& pending, const BlockCtx& ctx) {
        lists.close(out);
        std::vector<std::string> ids = std::move(pending);
        pending.clear();
        ids.insert(ids.end(), image.ids.begin(), image.ids.end());
        ids.insert(ids.end(), caption.ids.begin(), caption.ids.end());
        std::string floats;
        for (const auto& f : image.floats) floats += f;
        out += "<figure" + id_attr(ids) + ">" + extra_id_spans(ids) + trim(image.html) + floats + "\n<figcaption>" +
               trim(caption.html) + "</figcaption>\n</figure>\n";
        for (const auto* box : caption.boxes) text_box(*box, out, ctx);
    }

    // A text box's content is shown where it is anchored, as an aside (its
    // position on the page is not kept).
    void text_box(const std::vector<Block>& box, std::string& out, const BlockCtx& ctx) {
        std::string inner;
        blocks(box, inner, ctx);
        if (inner.empty()) return;
        out += "<aside class=\"text-box\">\n" + inner + "</aside>\n";
    }

    // --- tables ------------------------------------------------------------

    struct PlacedCell {
        const TableCell* cell;
        int col;   // first grid column
        int span;
    };

    static std::vector<std::vector<PlacedCell>> place_cells(const Table& t) {
        std::vector<std::vector<PlacedCell>> rows;
        for (const auto& row : t.rows) {
            std::vector<PlacedCell> placed;
            int col = std::max(0, row.grid_before);
            for (const auto& cell : row.cells) {
                int span = std::max(1, cell.grid_span);
                placed.push_back({&cell, col, span});
                col += span;
            }
            rows.push_back(std::move(placed));
        }
        return rows;
    }

    static const PlacedCell* cell_at(const std::vector<PlacedCell>& row, int col) {
        for (const auto& c : row)
            if (c.col == col) return &c;
        return nullptr;
    }

    // A vMerge continuation is covered by the rowspan of the cell above, but
    // a rowspan cannot leave its row group (thead/tbody): a continuation at
    // the top of a group, or with no merged cell above, is shown as a cell.
    static bool covered(const std::vector<std::vector<PlacedCell>>& rows, std::size_t r, std::size_t group_start,
                        const PlacedCell& c) {
        if (c.cell->vmerge != TableCell::VMerge::continue_ || r == group_start) return false;
        const PlacedCell* above = cell_at(rows[r - 1], c.col);
        return above && above->cell->vmerge != TableCell::VMerge::none;
    }

    static int rowspan(const std::vector<std::vector<PlacedCell>>& rows, std::size_t r, std::size_t group_end,
                       const PlacedCell& c) {
        if (c.cell->vmerge == TableCell::VMerge::none) return 1;
        int span = 1;
        for (std::size_t k = r + 1; k < group_end; ++k) {
            const PlacedCell* below = cell_at(rows[k], c.col);
            if (!below || below->cell->vmerge != TableCell::VMerge::continue_) break;
            ++span;
        }
        return span;
    }

    void table(const Table& t, std::string& out, const BlockCtx& ctx) {
        if (t.rows.empty()) return;
        auto rows = place_cells(t);
        // Repeated header rows (w:tblHeader) can only be the first rows.
        std::size_t header_rows = 0;
        while (header_rows < t.rows.size() && t.rows[header_rows].header) ++header_rows;
        out += t.bidi_visual ? "<table dir=\"rtl\">\n" : "<table>\n";  // first column on the right
        if (header_rows > 0) {
            out += "<thead>\n";
            row_group(t, rows, 0, header_rows, true, out, ctx);
            out += "</thead>\n";
        }
        if (header_rows < t.rows.size()) {
            out += "<tbody>\n";
            row_group(t, rows, header_rows, t.rows.size(), false, out, ctx);
            out += "</tbody>\n";
        }
        out += "</table>\n";
    }

    void row_group(const Table& t, const std::vector<std::vector<PlacedCell>>& rows, std::size_t begin,
                   std::size_t end, bool header, std::string& out, const BlockCtx& ctx) {
        for (std::size_t r = begin; r < end; ++r) {
            out += "<tr>";
            // Columns skipped before the first cell keep the rest aligned.
            if (int before = t.rows[r].grid_before; before > 0)
                out += before > 1 ? "<td colspan=\"" + std::to_string(before) + "\"></td>" : "<td></td>";
            for (const auto& c : rows[r]) {
                if (covered(rows, r, begin, c)) continue;
                std::string attrs = header ? " scope=\"col\"" : "";
                if (c.span > 1) attrs += " colspan=\"" + std::to_string(c.span) + "\"";
                if (int rs = rowspan(rows, r, end, c); rs > 1) attrs += " rowspan=\"" + std::to_string(rs) + "\"";
                const char* tag = header ? "th" : "td";
                BlockCtx cell_ctx = ctx;
                cell_ctx.plain_bold = header;
                out += std::string("<") + tag + attrs + ">" + cell_html(*c.cell, cell_ctx) + "</" + tag + ">";
            }
            out += "</tr>\n";
        }
    }

    // A cell holding one plain paragraph shows its text directly
    // (<td>text</td>); anything more keeps its paragraphs.
    std::string cell_html(const TableCell& cell, const BlockCtx& ctx) {
        std::string inner;
        blocks(cell.blocks, inner, ctx);
        if (inner.starts_with("<p>") && inner.ends_with("</p>\n") && inner.find("</p>") == inner.size() - 5)
            return inner.substr(3, inner.size() - 8);
        return inner.empty() ? inner : "\n" + inner;
    }

    // --- inlines -----------------------------------------------------------

    std::vector<std::string> layers_for(const RunProps& r, const InlineCtx& ctx) const {
        std::vector<std::string> want;
        if (valid_lang(r.lang) && lower_ascii(r.lang) != lower_ascii(lang_))
            want.push_back("<span lang=\"" + escape(r.lang) + "\">");
        if (r.bold && !ctx.plain_bold) want.emplace_back("<strong>");
        if (r.italic) want.emplace_back("<em>");
        if (!r.underline.empty() && r.underline != "none" && !ctx.in_link) want.emplace_back("<u>");
        if (r.strike || r.double_strike) want.emplace_back("<s>");
        if (!r.highlight.empty() && r.highlight != "none") want.emplace_back("<mark>");
        if (r.caps) want.emplace_back("<span style=\"text-transform:uppercase\">");
        else if (r.small_caps) want.emplace_back("<span style=\"font-variant:small-caps\">");
        if (r.vertical_align == VerticalAlign::superscript) want.emplace_back("<sup>");
        else if (r.vertical_align == VerticalAlign::subscript) want.emplace_back("<sub>");
        return want;
    }

    void inlines(const std::vector<Inline>& ins, std::string& out, ParagraphHtml& ph, Layers& layers,
                 const InlineCtx& ctx) {
        for (const auto& in : ins) {
            if (!shows(in)) continue;
            switch (in.kind) {
                case InlineKind::text:
                    if (in.text.empty()) break;
                    layers.move_to(layers_for(in.props, ctx), out);
                    out += escape(in.text);
                    if (!blank(in.text)) ph.content = true;
                    break;
                case InlineKind::tab:
                case InlineKind::positional_tab: out += "&emsp;"; break;
                case InlineKind::line_break: out += "<br>"; break;
                case InlineKind::footnote_ref:
                case InlineKind::endnote_ref:
                    // The note's own number mark inside a note has no id: the
                    // notes list numbers itself.
                    if (in.id.empty()) break;
                    layers.close_vertical(out);
                    out += note_ref(in, ctx);
                    ph.content = true;
                    break;
                case InlineKind::drawing:
                    if (!in.blocks.empty()) ph.boxes.push_back(&in.blocks);
                    if (std::string img = image(in); !img.empty()) {
                        if (in.anchored && in.blocks.empty()) {  // a float: a figure of its own at its anchor
                            ph.floats.push_back(std::move(img));
                            break;
                        }
                        out += img;
                        ph.content = true;
                    }
                    break;
                case InlineKind::hyperlink:
                case InlineKind::field: link(in, out, ph, layers, ctx); break;
                case InlineKind::content_control:
                case InlineKind::inserted: inlines(in.children, out, ph, layers, ctx); break;
                case InlineKind::bookmark_start:
                    if (usable_bookmark_id(in.text)) ph.ids.push_back(in.text);
                    break;
                default: break;
            }
        }
    }

    void link(const Inline& in, std::string& out, ParagraphHtml& ph, Layers& layers, const InlineCtx& ctx) {
        std::string href = link_href(in);
        // A link to a bookmark that is not in the document goes nowhere: text.
        if (href.starts_with("#") && !bookmarks_.count(href.substr(1))) href.clear();
        if (href.empty() || ctx.in_link) {
            inlines(in.children, out, ph, layers, ctx);
            return;
        }
        std::string text;
        Layers inner_layers;
        InlineCtx inner_ctx = ctx;
        inner_ctx.in_link = true;
        bool had_content = ph.content;
        ph.content = false;
        inlines(in.children, text, ph, inner_layers, inner_ctx);
        inner_layers.close_all(text);
        bool visible = ph.content;
        ph.content = had_content || visible;
        // A link with nothing to click is left out (as in Markdown).
        if (!visible) {
            out += text;
            return;
        }
        layers.close_all(out);
        out += "<a href=\"" + escape(href) + "\"";
        if (!in.tooltip.empty()) out += " title=\"" + escape(in.tooltip) + "\"";
        out += ">" + text + "</a>";
    }

    // --- notes -------------------------------------------------------------

    // <a href="#fn1" id="fnref1" role="doc-noteref"><sup>1</sup></a>; a note
    // referenced again gets fnref1-2, ... (ids are unique), and the note links
    // back to its first reference.
    std::string note_ref(const Inline& in, const InlineCtx& ctx) {
        bool foot = in.kind == InlineKind::footnote_ref;
        int n = foot ? notes_.footnote(in.id) : notes_.endnote(in.id);
        std::string label = foot ? std::to_string(n) : lower_roman(n);
        if (ctx.in_link) return "<sup>" + label + "</sup>";  // an <a> cannot hold another
        std::string prefix = foot ? "fn" : "en";
        std::string ref_id = prefix + "ref" + std::to_string(n);
        int seen = ref_counts_[ref_id]++;
        if (seen > 0) ref_id += "-" + std::to_string(seen + 1);
        else first_refs_.insert(prefix + std::to_string(n));
        return "<a href=\"#" + prefix + std::to_string(n) + "\" id=\"" + ref_id +
               "\" class=\"note-ref\" role=\"doc-noteref\"><sup>" + label + "</sup></a>";
    }

    std::string note_item(const std::pair<int, const Note*>& n, bool foot) {
        std::string body;
        BlockCtx ctx;
        ctx.in_note = true;
        blocks(n.second->blocks, body, ctx);
        // Word puts a space after the note's number mark; it is not content.
        if (body.starts_with("<p>")) {
            std::size_t text = body.find_first_not_of(' ', 3);
            if (text != std::string::npos) body.erase(3, text - 3);
        }
        std::string prefix = foot ? "fn" : "en";
        std::string label = foot ? std::to_string(n.first) : lower_roman(n.first);
        std::string id = prefix + std::to_string(n.first);
        if (first_refs_.count(id)) {
            std::string back = "<a href=\"#" + prefix + "ref" + std::to_string(n.first) +
                               "\" class=\"note-back\" role=\"doc-backlink\" aria-label=\"Back to reference " + label +
                               "\">\u21A9\uFE0E</a>";
            // Inside the last paragraph, as pandoc does, so it does not stand alone.
            if (body.ends_with("</p>\n")) body.insert(body.size() - 5, back);
            else body += "<p>" + back + "</p>\n";
        }
        return "<li id=\"" + id + "\" value=\"" + std::to_string(n.first) + "\">\n" + body + "</li>\n";
    }

    // Footnotes, then endnotes, each as a DPUB-ARIA endnotes section with an
    // ordered list (the browser's numbers match the references).
    std::string notes_html() {
        std::vector<std::string> foot, end;
        std::size_t done_f = 0, done_e = 0;
        // Notes may reference further notes; render until no new ones appear.
        for (;;) {
            auto f = notes_.footnotes();
            auto e = notes_.endnotes();
            if (done_f >= f.size() && done_e >= e.size()) break;
            for (; done_f < f.size(); ++done_f) foot.push_back(note_item(f[done_f], true));
            for (; done_e < e.size(); ++done_e) end.push_back(note_item(e[done_e], false));
        }
        std::string out;
        auto section = [&](const std::vector<std::string>& items, const char* cls, const char* label, const char* type) {
            if (items.empty()) return;
            out += std::string("<section class=\"notes ") + cls + "\" role=\"doc-endnotes\" aria-label=\"" + label +
                   "\">\n<ol" + type + ">\n";
            for (const auto& item : items) out += item;
            out += "</ol>\n</section>\n";
        };
        section(foot, "footnotes", "Footnotes", "");
        section(end, "endnotes", "Endnotes", " type=\"i\"");
        return out;
    }

    // The first section's default header or footer, else its first-page
    // one; null when there is none or it holds no visible text.
    const HeaderFooter* furniture(bool header) const {
        if (doc_.sections.empty()) return nullptr;
        const auto& refs = header ? doc_.sections.front().headers : doc_.sections.front().footers;
        for (const char* type : {"default", "first"})
            for (const auto& r : refs)
                if (r.type == type) {
                    auto it = doc_.headers_footers.find(r.part);
                    if (it != doc_.headers_footers.end() && !it->second.blocks.empty()) return &it->second;
                }
        return nullptr;
    }

    // A web page has no pages: paragraphs that number them ("Page 3 of 7")
    // are left out of the header and footer.
    static bool numbers_pages(const std::vector<Inline>& inlines) {
        for (const auto& in : inlines) {
            if (in.kind == InlineKind::field &&
                (in.field_type == "PAGE" || in.field_type == "NUMPAGES" || in.field_type == "SECTIONPAGES"))
                return true;
            if (numbers_pages(in.children)) return true;
        }
        return false;
    }
    static std::vector<Block> without_page_numbers(const std::vector<Block>& in) {
        std::vector<Block> out;
        for (const auto& b : in)
            if (b.kind != BlockKind::paragraph || !numbers_pages(b.paragraph.inlines)) out.push_back(b);
        return out;
    }

    // --- images ------------------------------------------------------------

    std::string image(const Inline& in) {
        std::string alt = !in.alt_text.empty() ? in.alt_text : in.title;
        if (in.image_part.empty()) {
            // A chart or shape: say it is there when it has a description.
            return in.blocks.empty() && !blank(alt) ? unavailable(alt) : std::string{};
        }
        std::string src = image_src(in.image_part);
        if (src.empty()) {
            // WMF/EMF: no browser shows them; drawn as an inline SVG instead.
            if (package_.has_part(in.image_part))
                if (auto svg = svg::metafile_svg(package_.part_bytes(in.image_part), static_cast<double>(in.width) / 12700,
                                                 static_cast<double>(in.height) / 12700, alt,
                                                 "mf" + std::to_string(++metafiles_) + "-"))
                    return *svg;
            return unavailable(alt);
        }
        // alt="" when there is no description: a screen reader then skips the
        // image instead of reading out its (data:) address.
        std::string out = "<img src=\"" + escape(src) + "\" alt=\"" + escape(alt) + "\"";
        if (int w = px(in.width); w > 0) out += " width=\"" + std::to_string(w) + "\"";
        if (int h = px(in.height); h > 0) out += " height=\"" + std::to_string(h) + "\"";
        return out + ">";
    }

    static std::string unavailable(const std::string& alt) {
        if (blank(alt)) return "<span class=\"image-unavailable\">[image]</span>";
        return "<span class=\"image-unavailable\" role=\"img\" aria-label=\"" + escape(alt) + "\">[image: " +
               escape(alt) + "]</span>";
    }

    // data: URI, or the asset's address when assets_dir is set; "" when the
    // part is missing (or external: nothing is fetched) or not a web format.
    std::string image_src(const std::string& part) {
        if (!package_.has_part(part)) return {};
        const std::string& bytes = package_.part_bytes(part);
        auto type = web_image_type(bytes);
        if (!type) return {};
        // SVG stays embedded even in assets mode: as a file on the same site
        // it could run script when opened directly, inside <img> it cannot.
        if (options_.assets_dir.empty() || std::string_view(type->ext) == "svg")
            return std::string("data:") + type->mime + ";base64," + base64(bytes);
        auto it = asset_names_.find(part);
        if (it == asset_names_.end()) {
            std::string name = "image" + std::to_string(assets_.size() + 1) + "." + type->ext;
            assets_.push_back({name, bytes});
            it = asset_names_.emplace(part, name).first;
        }
        return options_.assets_href + it->second;
    }

    const Document& doc_;
    const Package& package_;
    const HtmlOptions& options_;
    NoteNumbers notes_;
    std::string lang_;
    int metafiles_ = 0;                           // inline SVGs written (their clip path ids)
    std::set<std::string> anchors_;               // bookmark names some link points at
    std::set<std::string> bookmarks_;             // bookmark names shown in the document
    std::set<std::string> used_ids_;
    std::map<std::string, int> ref_counts_;       // fnref1 -> references so far
    std::set<std::string> first_refs_;            // notes with a reference anchor to link back to
    std::map<std::string, std::string> asset_names_;  // part name -> asset name
    std::vector<HtmlAsset> assets_;
};

}  // namespace

HtmlResult to_html(const Document& doc, const Package& package, const HtmlOptions& options) {
    return HtmlWriter(doc, package, options).run();
}

}  // namespace allies

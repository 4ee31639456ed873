#include "verify/leak_scan.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>
#include <pugixml.hpp>

#include "allies/error.hpp"
#include "allies/package.hpp"
#include "package/package_impl.hpp"
#include "text/encode.hpp"
#include "text/fold.hpp"
#include "verify/html_text.hpp"
#include "verify/pdf_text.hpp"

namespace allies::verify {
namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string_view local_name(const char* qname) {
    std::string_view n(qname);
    std::size_t colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// Printable runs of a binary part read as ASCII and as UTF-16LE (EMF and WMF
// draw text with such records; XMP and EXIF hide in image files).
std::vector<std::string> printable_strings(const std::string& bytes) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        if (cur.size() >= 4) out.push_back(cur);
        cur.clear();
    };
    // Long runs are cut (with an overlap, so no word is lost at the cut):
    // random data must not become one huge string to fold.
    auto add = [&](std::string piece) {
        cur += piece;
        if (cur.size() > 4096) {
            std::string tail = cur.substr(cur.size() - 64);
            flush();
            cur = tail;
        }
    };
    for (unsigned char c : bytes) {
        if (c >= 0x20 && c < 0x7F) add(std::string(1, static_cast<char>(c)));
        else flush();
    }
    flush();
    for (int phase = 0; phase < 2; ++phase) {  // UTF-16LE at even and odd offsets
        for (std::size_t i = phase; i + 1 < bytes.size(); i += 2) {
            unsigned lo = static_cast<unsigned char>(bytes[i]), hi = static_cast<unsigned char>(bytes[i + 1]);
            unsigned cp = lo | (hi << 8);
            // Latin, Greek, Cyrillic and other alphabetic ranges; not CJK
            // or private use, which random bytes hit constantly.
            if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp < 0x0590)) {
                std::string u;
                text::append_utf8(u, cp);
                add(u);
            } else {
                flush();
            }
        }
        flush();
    }
    return out;
}

// Element text for a paragraph: text nodes joined, with a space where Word
// shows a tab, a break or a new paragraph.
void paragraph_text(pugi::xml_node node, std::string& out) {
    for (pugi::xml_node c : node.children()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
            out += c.value();
            continue;
        }
        if (c.type() != pugi::node_element) continue;
        std::string_view ln = local_name(c.name());
        if (ln == "tab" || ln == "br" || ln == "cr" || ln == "p" || ln == "ptab") out += ' ';
        paragraph_text(c, out);
        if (ln == "p") out += ' ';
    }
}

std::string base64_decode(std::string_view in) {
    std::string out;
    unsigned value = 0;
    int bits = 0;
    for (char c : in) {
        int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
                : c == '+' ? 62 : c == '/' ? 63 : -1;
        if (v < 0) continue;
        value = (value << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((value >> bits) & 0xFF);
        }
    }
    return out;
}

std::string decode_entities(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') {
            out += s[i];
            continue;
        }
        std::size_t semi = s.find(';', i);
        if (semi == std::string_view::npos || semi - i > 12) {
            out += '&';
            continue;
        }
        std::string_view ent = s.substr(i + 1, semi - i - 1);
        long cp = -1;
        if (ent.size() > 1 && ent[0] == '#') {
            try {
                cp = (ent[1] == 'x' || ent[1] == 'X') ? std::stol(std::string(ent.substr(2)), nullptr, 16)
                                                      : std::stol(std::string(ent.substr(1)));
            } catch (...) {
                cp = -1;
            }
        } else if (ent == "amp") cp = '&';
        else if (ent == "lt") cp = '<';
        else if (ent == "gt") cp = '>';
        else if (ent == "quot") cp = '"';
        else if (ent == "apos") cp = '\'';
        else if (ent == "nbsp") cp = 0xA0;
        if (cp <= 0 || cp > 0x10FFFF) {
            out += '&';
            continue;
        }
        text::append_utf8(out, static_cast<char32_t>(cp));
        i = semi;
    }
    return out;
}

// A URL, a path or an identifier: one token, no spaces, its words joined
// by separators ("https://example.org/team/okafor", "t_okafor_example_org",
// "word/media/okafor_headshot.png"). A one-word name standing in one is a
// name, in any case; in a font or style name ("Georgia", "Strong") it is not.
bool identifier_like(std::string_view s) {
    if (s.size() < 3 || s.size() > 4096) return false;
    bool separator = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80) continue;
        // Only the characters of URLs, paths and identifiers: a style sheet
        // ("font-family:Cambria,Georgia") or a list is not one.
        if (!std::strchr("/_.-%\\@=+~#?&:", static_cast<char>(c))) return false;
        if (i > 0) separator = true;
    }
    return separator;
}

}  // namespace

LeakScanner::LeakScanner(const NeedleSet& needles, std::string key, Limits limits)
    : set_(needles), limits_(limits), hasher_(std::move(key)) {
    if (!set_.marker.empty()) {
        marker_open_ = "[[" + text::fold_string(set_.marker);
        marker_close_ = "[[/" + text::fold_string(set_.marker);
    }
    for (std::size_t i = 0; i < set_.needles.size(); ++i) {
        const Needle& n = set_.needles[i];
        by_hash_.emplace(n.hash, i);
        auto& lengths = n.kind == NeedleKind::keep ? keep_lengths_ : lengths_;
        if (std::find(lengths.begin(), lengths.end(), n.words) == lengths.end()) lengths.push_back(n.words);
    }
    std::sort(lengths_.begin(), lengths_.end());
    std::sort(keep_lengths_.begin(), keep_lengths_.end());
}

void LeakScanner::report(const std::string& name, const std::string& where, const std::string& rule) {
    for (const auto& f : findings_)
        if (f.output == name && f.where == where && f.rule == rule) return;
    findings_.push_back(Finding{name, where, rule});
}

void LeakScanner::scan_file_name(std::string_view path, const std::string& name) {
    scan(path, name, "file name", false, true);
}

void LeakScanner::scan_text(std::string_view utf8, const std::string& name, const std::string& where, bool strong) {
    scan(utf8, name, where, strong, false);
}

void LeakScanner::scan(std::string_view utf8, const std::string& name, const std::string& where, bool strong,
                       bool file_name) {
    if (utf8.empty()) return;
    if (!marker_open_.empty() && utf8.find("[[") != std::string_view::npos) {
        std::string folded = text::fold_string(utf8);
        if (folded.find(marker_open_) != std::string::npos || folded.find(marker_close_) != std::string::npos)
            report(name, where, "marker");
    }
    tokens_.clear();
    tokenize(utf8, tokens_);
    if (tokens_.empty()) return;
    const bool identifier = !strong && !file_name && tokens_.size() >= 2 && identifier_like(utf8);
    hashes_.clear();
    for (const auto& t : tokens_) hashes_.push_back(hasher_.word(t.text));
    const std::size_t n = tokens_.size();
    // Words inside a phrase the policy keeps public are not names.
    std::vector<char> kept;
    for (int len : keep_lengths_) {
        for (std::size_t i = 0; i + len <= n; ++i) {
            auto range = by_hash_.equal_range(hasher_.sequence(hashes_, i, len));
            for (auto it = range.first; it != range.second; ++it) {
                if (set_.needles[it->second].kind != NeedleKind::keep) continue;
                if (kept.empty()) kept.assign(n, 0);
                std::fill(kept.begin() + i, kept.begin() + i + len, 1);
            }
        }
    }
    for (int len : lengths_) {
        for (std::size_t i = 0; i + len <= n; ++i) {
            auto range = by_hash_.equal_range(hasher_.sequence(hashes_, i, len));
            for (auto it = range.first; it != range.second; ++it) {
                const Needle& nd = set_.needles[it->second];
                if (nd.kind == NeedleKind::keep || nd.words != len) continue;
                // Weak places: font, style and theme names ("Latha", "Georgia",
                // "Strong") and strings of binary data are full of single
                // capitalised words; there only names of two words or more count.
                if (!strong && nd.kind == NeedleKind::region && len < set_.shingle_words) continue;
                if (!strong && !file_name && !identifier && nd.kind == NeedleKind::name && len < 2) continue;
                if (nd.kind == NeedleKind::name) {
                    if (nd.needs_capital && !tokens_[i].capital && !file_name && !identifier) continue;
                    // Initials are evidence in running text and file names
                    // only: two capitals in an attribute or a binary string are chance.
                    if (nd.all_caps && !strong && !file_name) continue;
                    if (nd.all_caps && !std::all_of(tokens_.begin() + i, tokens_.begin() + i + len,
                                                    [](const Token& t) { return t.all_caps; }))
                        continue;
                    // In prose, as detection reads initials: a neighbour in
                    // lower case, or none ("REPORT TO THE BOARD" is a heading).
                    if (nd.all_caps) {
                        bool lower_near = false;
                        for (std::size_t k = i >= 3 ? i - 3 : 0; k < i; ++k) lower_near = lower_near || tokens_[k].has_lower;
                        for (std::size_t k = i + len; k < std::min(n, i + len + 3); ++k) lower_near = lower_near || tokens_[k].has_lower;
                        if (!lower_near && n != static_cast<std::size_t>(len)) continue;
                    }
                    if (!kept.empty() && std::all_of(kept.begin() + i, kept.begin() + i + len, [](char k) { return k; }))
                        continue;
                }
                report(name, where, std::string(to_string(nd.kind)) + " (" + nd.label + ")");
            }
        }
    }
}

void LeakScanner::scan_docx(const std::string& bytes, const std::string& name) {
    Package pkg = [&] {
        try {
            return Package::open_memory(bytes, name, limits_);
        } catch (const Error& e) {
            report(name, "package", "unreadable (" + e.message() + ")");
            throw;
        }
    }();
    std::size_t part_number = 0;
    for (const auto& part_name : pkg.part_names()) {
        ++part_number;
        // A part whose name is itself a finding ("word/media/okafor_headshot.png")
        // is named by its number in every place reported, so no finding,
        // message or manifest repeats the name.
        std::size_t before = findings_.size();
        scan_text(part_name, name, "part name", false);
        const std::string part = findings_.size() > before ? "part " + std::to_string(part_number) : part_name;
        const std::string& data = pkg.part_bytes(part_name);
        std::string key = lower_ascii(part_name);
        bool xml = ends_with(key, ".xml") || ends_with(key, ".rels") || ends_with(pkg.content_type(part_name), "xml");
        if (!xml) {
            scan_binary(data, name, part);
            continue;
        }
        pugi::xml_document doc;
        auto flags = pugi::parse_default | pugi::parse_comments | pugi::parse_pi | pugi::parse_declaration;
        if (!doc.load_buffer(data.data(), data.size(), flags)) {
            report(name, part, "unreadable (not well-formed XML)");
            continue;
        }
        int paragraph = 0;
        std::string buf;
        struct Walker : pugi::xml_tree_walker {
            LeakScanner* self;
            const std::string* name;
            const std::string* part;
            int* paragraph;
            std::string* buf;
            bool for_each(pugi::xml_node& node) override {
                switch (node.type()) {
                    case pugi::node_element: {
                        for (pugi::xml_attribute a : node.attributes()) {
                            // Alternative text and titles are read aloud and shown: text, not markup.
                            std::string_view an = local_name(a.name());
                            bool shown = an == "descr" || an == "title" || an == "tooltip" || an == "alt";
                            self->scan_text(a.value(), *name, *part + " attribute " + a.name(), shown);
                        }
                        if (local_name(node.name()) == "p") {
                            ++*paragraph;
                            buf->clear();
                            paragraph_text(node, *buf);
                            self->scan_text(*buf, *name, *part + " paragraph " + std::to_string(*paragraph));
                        }
                        break;
                    }
                    case pugi::node_pcdata:
                    case pugi::node_cdata:
                    case pugi::node_comment:
                    case pugi::node_pi:
                        self->scan_text(node.value(), *name, *part + " text");
                        break;
                    default: break;
                }
                return true;
            }
        } walker;
        walker.self = this;
        walker.name = &name;
        walker.part = &part;
        walker.paragraph = &paragraph;
        walker.buf = &buf;
        doc.traverse(walker);
    }
}

// Images: only where text can hide (PNG text and EXIF chunks, JPEG APP and
// comment segments). Their compressed pixels are random bytes, in which
// short capitalised words turn up by chance. Other binary parts (EMF, WMF,
// fonts, unknown) are read as strings throughout.
void LeakScanner::scan_binary(const std::string& data, const std::string& name, const std::string& part) {
    auto strings = [&](const std::string& bytes, const std::string& where) {
        for (const auto& s : printable_strings(bytes)) scan_text(s, name, where, false);
    };
    auto u32 = [&](std::size_t at) {
        return (static_cast<std::uint32_t>(static_cast<unsigned char>(data[at])) << 24) |
               (static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 1])) << 16) |
               (static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 2])) << 8) |
               static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 3]));
    };
    if (data.size() >= 8 && data.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
        std::size_t at = 8;
        while (at + 12 <= data.size()) {
            std::size_t len = u32(at);
            std::string type = data.substr(at + 4, 4);
            if (len > data.size() - at - 12) {
                report(name, part, "unreadable (truncated PNG chunk)");
                return;
            }
            std::string body = data.substr(at + 8, len);
            if (type == "tEXt" || type == "eXIf" || type == "iTXt") {
                // iTXt may be compressed: its flag follows the keyword.
                std::size_t nul = body.find('\0');
                if (type == "iTXt" && nul != std::string::npos && nul + 1 < body.size() && body[nul + 1] != 0)
                    report(name, part, "unverifiable (compressed PNG text)");
                strings(body, part + " (" + type + ")");
            } else if (type == "zTXt") {
                report(name, part, "unverifiable (compressed PNG text)");
            }
            if (type == "IEND") break;
            at += 12 + len;
        }
        return;
    }
    if (data.size() >= 4 && static_cast<unsigned char>(data[0]) == 0xFF && static_cast<unsigned char>(data[1]) == 0xD8) {
        std::size_t at = 2;
        while (at + 4 <= data.size()) {
            if (static_cast<unsigned char>(data[at]) != 0xFF) break;
            unsigned marker = static_cast<unsigned char>(data[at + 1]);
            if (marker == 0xFF) {  // fill byte
                ++at;
                continue;
            }
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                at += 2;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) break;  // entropy-coded data follows: no text there
            std::size_t len = (static_cast<std::size_t>(static_cast<unsigned char>(data[at + 2])) << 8) |
                              static_cast<unsigned char>(data[at + 3]);
            if (len < 2 || at + 2 + len > data.size()) {
                report(name, part, "unreadable (truncated JPEG segment)");
                return;
            }
            if ((marker >= 0xE1 && marker <= 0xEF) || marker == 0xFE) strings(data.substr(at + 4, len - 2), part + " (metadata)");
            at += 2 + len;
        }
        return;
    }
    strings(data, part + " (strings)");
}

void LeakScanner::scan_pdf(const std::string& bytes, const std::string& name) {
    PdfTextContent content;
    try {
        content = read_pdf_text(bytes, name);
    } catch (const Error& e) {
        report(name, "file", "unreadable (" + e.message() + ")");
        throw;
    }
    // What the reader could not decode cannot be shown clean.
    for (const auto& problem : content.problems) report(name, "file", "unverifiable (" + problem + ")");
    for (std::size_t p = 0; p < content.pages.size(); ++p) scan_text(content.pages[p], name, "page " + std::to_string(p + 1));
    for (const auto& s : content.metadata) scan_text(s, name, "metadata");
    for (const auto& s : content.outline) scan_text(s, name, "outline");
    for (const auto& s : content.links) scan_text(s, name, "link");
    for (const auto& s : content.annotations) scan_text(s, name, "annotation");
    for (const auto& s : content.structure) scan_text(s, name, "structure");
    for (std::size_t i = 0; i < content.jpeg_images.size(); ++i)
        scan_binary(content.jpeg_images[i], name, "image " + std::to_string(i + 1));
}

void LeakScanner::scan_html(const std::string& bytes, const std::string& name) {
    // As a browser reads it (verify/html_text: libxml2's HTML parser): the
    // text shown, alternative text and titles, strongly; the other
    // attribute values (href, id, class) weakly, each on its own so a URL
    // is read as one identifier; comments and script or style text too.
    HtmlContent content;
    try {
        content = read_html(bytes, name);
    } catch (const Error& e) {
        report(name, "file", "unreadable (" + e.message() + ")");
        throw;
    }
    scan_text(content.text, name, "text");
    for (const auto& [attr, value] : content.attributes) {
        bool shown = attr == "alt" || attr == "title" || attr == "aria-label" || attr == "placeholder" || attr == "value" ||
                     attr == "content";
        if (value.rfind("data:", 0) == 0) continue;  // embedded files: read below
        scan_text(value, name, "attribute " + attr, shown);
    }
    for (const auto& h : content.hidden) scan_text(h, name, "markup", false);
    // Images embedded as data: URIs are files of their own (metadata).
    for (std::size_t at = bytes.find("data:image/"); at != std::string::npos; at = bytes.find("data:image/", at + 1)) {
        std::size_t comma = bytes.find(',', at);
        std::size_t end = bytes.find_first_of("\"') >", comma == std::string::npos ? at : comma);
        if (comma == std::string::npos || end == std::string::npos) break;
        if (bytes.compare(comma - 7, 7, ";base64") != 0) continue;
        scan_binary(base64_decode(std::string_view(bytes).substr(comma + 1, end - comma - 1)), name, "embedded image");
    }
    // And the raw markup once more, weakly, entities decoded by hand: a
    // second reading in case a parser and a browser disagree on a fragment.
    std::string markup = decode_entities(bytes);
    for (char& c : markup)
        if (c == '<' || c == '>' || c == '"' || c == '=') c = ' ';
    scan_text(markup, name, "markup", false);
}

void LeakScanner::scan_file_bytes(const std::string& bytes, const std::string& name) {
    // By content first: a renamed DOCX or PDF is still read as one.
    std::string key = lower_ascii(name);
    if (bytes.compare(0, 4, "PK\x03\x04") == 0) scan_docx(bytes, name);
    else if (bytes.compare(0, 5, "%PDF-") == 0) scan_pdf(bytes, name);
    else if (ends_with(key, ".docx") || ends_with(key, ".docm")) scan_docx(bytes, name);
    else if (ends_with(key, ".pdf")) scan_pdf(bytes, name);
    else if (ends_with(key, ".html") || ends_with(key, ".htm")) scan_html(bytes, name);
    else scan_text(bytes, name, "text");
}

}  // namespace allies::verify

// Block-level and range rules: M4 text markers and M6 comment ranges (which
// may span paragraphs), M5 heading scopes, M1 block content controls and M3
// paragraph styles. Each adds removals (whole nodes) and cuts (parts of a
// paragraph's text) to the plan.
#include <algorithm>
#include <cstring>
#include <set>

#include "allies/error.hpp"
#include "ooxml/xml_util.hpp"
#include "redact/state.hpp"
#include "redact/xml_edit.hpp"
#include "text/fold.hpp"

namespace allies::redact {
namespace {

std::string trim(std::string s) {
    auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && sp(s.back())) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && sp(s[i])) ++i;
    return s.substr(i);
}

bool blank(std::string_view s) {
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    return true;
}

[[noreturn]] void refuse(const Redactor::State&, const Package& pkg, const std::string& part, const std::string& msg) {
    throw Error(ErrorKind::refused, pkg.display_name(), part, msg);
}

pugi::xml_node story_container(pugi::xml_node p) {
    for (pugi::xml_node a = p.parent(); a; a = a.parent())
        if (is(a, "w:body") || is(a, "w:hdr") || is(a, "w:ftr") || is(a, "w:footnote") || is(a, "w:endnote") ||
            is(a, "w:txbxContent") || is(a, "w:comment"))
            return a;
    return {};
}

}  // namespace

// A request as people write it in a comment: "@Sam redact this", "Please
// redact", "Sam, can you redact": addressees and politeness before the word.
std::string strip_request(std::string f, const std::string& prefix) {
    static const char* const politeness[] = {"please ", "pls ", "plz ", "kindly ", "can you ", "could you ", "would you ",
                                             "can we ", "could we ", "we should ", "we need to ", "need to ", "must ", "to "};
    auto starts_request = [&](const std::string& s) {
        if (!prefix.empty() && s.compare(0, prefix.size(), prefix) == 0) return true;
        for (const char* polite : politeness)
            if (s.compare(0, std::strlen(polite), polite) == 0) return true;
        return false;
    };
    for (bool again = true; again;) {
        again = false;
        while (!f.empty() && (f[0] == ' ' || f[0] == ',' || f[0] == ':' || f[0] == '-')) f.erase(0, 1);
        if (!f.empty() && f[0] == '@') {
            // A mention: "@Sam", or Word's "@Sam Lee" (up to three words
            // before the request itself).
            std::size_t end = f.find_first_of(" ,:", 1);
            f.erase(0, end == std::string::npos ? f.size() : end);
            for (int words = 0; words < 2; ++words) {
                std::size_t i = 0;
                while (i < f.size() && f[i] == ' ') ++i;
                if (i >= f.size() || starts_request(f.substr(i)) || f[i] == ',' || f[i] == ':') break;
                std::size_t e = f.find_first_of(" ,:", i);
                f.erase(0, e == std::string::npos ? f.size() : e);
            }
            again = true;
            continue;
        }
        for (const char* polite : {"please ", "pls ", "plz ", "kindly ", "can you ", "could you ", "would you ", "can we ",
                                   "could we ", "we should ", "we need to ", "need to ", "must ", "to "}) {
            std::size_t n = std::strlen(polite);
            if (f.compare(0, n, polite) == 0) {
                f.erase(0, n);
                again = true;
            }
        }
    }
    return f;
}

std::string marker_category(std::string_view value, const Policy& policy, bool& matched) {
    matched = false;
    std::string f = trim(text::fold_string(value));
    for (const auto& tag : policy.content_control_tags) {
        std::string t = text::fold_string(tag);
        if (f == t) {
            matched = true;
            return policy.default_category;
        }
        if (f.size() > t.size() && f.compare(0, t.size(), t) == 0 && f[t.size()] == ':') {
            matched = true;
            std::string cat = trim(std::string(value.substr(std::min(value.size(), value.find(':') + 1))));
            return cat.empty() ? policy.default_category : cat;
        }
        // Separators and extra words as people write them: "Confidential -
        // HR", "Confidential (HR)", "redact-financial", "Sensitive data".
        if (f.size() > t.size() && f.compare(0, t.size(), t) == 0 &&
            std::string_view(" -_/(|[").find(f[t.size()]) != std::string_view::npos) {
            matched = true;
            std::string cat;
            for (char c : f.substr(t.size()))
                if (std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || static_cast<unsigned char>(c) >= 0x80) cat += c;
            cat = trim(cat);
            static const std::set<std::string> generic{"", "data", "information", "info", "content", "text", "material",
                                                       "section", "only", "item", "details"};
            return generic.count(cat) ? policy.default_category : cat;
        }
        // The dashes Word types (en and em dash) after the tag.
        for (std::string_view dash : {" \xE2\x80\x93 ", " \xE2\x80\x94 "})
            if (f.size() > t.size() + dash.size() && f.compare(0, t.size(), t) == 0 && f.compare(t.size(), dash.size(), dash) == 0) {
                matched = true;
                std::string cat = trim(f.substr(t.size() + dash.size()));
                return cat.empty() ? policy.default_category : cat;
            }
    }
    return "";
}

int heading_level_of(pugi::xml_node p, const ooxml::StyleSheet& styles, std::map<std::string, int>& cache) {
    pugi::xml_node ppr = p.child("w:pPr");
    if (pugi::xml_node o = ppr.child("w:outlineLvl")) {
        long long v = ooxml::integer(o.attribute("w:val").value(), 9);
        return v >= 0 && v <= 8 ? static_cast<int>(v) : -1;
    }
    std::string style(ooxml::val(ppr.child("w:pStyle")));
    auto it = cache.find(style);
    if (it != cache.end()) return it->second;
    int level = styles.paragraph(ppr, "").outline_level;
    if (level < 0 || level > 8) {
        level = -1;
        std::string name = text::fold_string(styles.name_of(style));
        if (name.size() == 9 && name.compare(0, 8, "heading ") == 0 && name[8] >= '1' && name[8] <= '9')
            level = name[8] - '1';
    }
    cache[style] = level;
    return level;
}

std::string heading_text_suffix_category(const std::string& text, const Policy& policy) {
    std::string f = trim(text::fold_string(text));
    // Trailing punctuation is not part of the marking: "Budget (confidential)."
    while (!f.empty() && (f.back() == '.' || f.back() == ':' || f.back() == ';' || f.back() == '!' || f.back() == ' '))
        f.pop_back();
    static const char* const separators[] = {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", ": ", " | ", " / ", " -- "};
    for (const auto& suffix : policy.heading_suffixes) {
        std::string s = text::fold_string(suffix);
        if (s.empty()) continue;
        // The marking's word(s): "(confidential)" -> "confidential".
        std::string word;
        for (char c : s)
            if (std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || static_cast<unsigned char>(c) >= 0x80) word += c;
        word = trim(word);
        const std::string category = word.empty() ? policy.default_category : word;
        auto ends_with = [&](const std::string& tail) {
            return f.size() > tail.size() && f.compare(f.size() - tail.size(), tail.size(), tail) == 0;
        };
        auto starts_with = [&](const std::string& head) { return f.size() > head.size() && f.compare(0, head.size(), head) == 0; };
        // As written after the heading ("Staffing (confidential)"), or
        // before it ("(Confidential) Staffing").
        if (f == s || ends_with(s) || starts_with(s + " ")) return category;
        if (word.empty()) continue;
        // The word set apart by a separator, after or before the heading:
        // "Staffing - CONFIDENTIAL", "Confidential: staffing".
        for (const char* sep : separators) {
            std::string sp = sep;
            if (ends_with(sp + word)) return category;
            std::string lead = trim(sp);
            if (starts_with(word + sp) || (!lead.empty() && lead != sp && starts_with(word + lead + " "))) return category;
        }
    }
    return "";
}

namespace {

// "[[" directly, or brackets with non-ASCII between them (a zero-width
// space or soft hyphen that folding drops): only then fold and look.
bool may_hold_marker(const std::string& s) {
    if (s.find("[[") != std::string::npos) return true;
    if (s.find('[') == std::string::npos) return false;
    for (unsigned char c : s)
        if (c >= 0x80) return true;
    return false;
}

class Blocks {
public:
    Blocks(Package& package, Redactor::State& state) : pkg_(package), st_(state) {}

    void run() {
        for (auto& story : st_.stories) {
            if (story.kind == "comments") continue;
            text_markers(story);
        }
        comment_ranges();
        for (auto& story : st_.stories) {
            if (story.kind == "comments") continue;
            headings(story);
            content_controls(story);
            paragraph_styles(story);
        }
    }

private:
    // ---- shared --------------------------------------------------------
    void remove(pugi::xml_node n, const std::string& category, std::size_t hit) {
        if (st_.inside_removed(n)) return;
        if (st_.removed.insert(n.internal_object()).second) st_.removals.push_back({n, category, hit, true});
    }

    void cut(pugi::xml_node p, const std::string& part, Cut c, std::size_t hit) {
        ParagraphCuts& pc = st_.cuts_for(p, part);
        for (auto& existing : pc.cuts) {
            if (c.begin < existing.end && existing.begin < c.end) {
                existing.begin = std::min(existing.begin, c.begin);
                existing.end = std::max(existing.end, c.end);
                return;
            }
        }
        pc.cuts.push_back(std::move(c));
        pc.hits.push_back(hit);
    }

    // Plans the removal of everything from (p1, a) to (p2, b) in one story.
    void plan_range(const StoryPart& story, pugi::xml_node p1, std::uint32_t a, pugi::xml_node p2, std::uint32_t b,
                    Hit hit, const std::string& what) {
        const FlatParagraph& f1 = st_.flat(p1);
        if (p1 == p2) {
            if (st_.options.show_text) hit.text = f1.text.substr(a, b - a);
            hit.replacement = st_.options.policy.inline_text;
            std::size_t id = st_.add_hit(std::move(hit), p1);
            cut(p1, story.name, Cut{a, b, st_.options.policy.inline_text, true, {}}, id);
            return;
        }
        if (p1.parent() != p2.parent())
            refuse(st_, pkg_, story.name,
                   what + " starts and ends in different table cells, text boxes or content controls; put both ends in "
                          "the same one, or around the whole table");
        const FlatParagraph& f2 = st_.flat(p2);
        bool whole1 = blank(f1.text.substr(0, a)) && !st_.removed.count(p1.internal_object());
        bool whole2 = blank(f2.text.substr(b));
        std::vector<pugi::xml_node> between;
        for (pugi::xml_node n = p1.next_sibling(); n && n != p2; n = n.next_sibling())
            if (n.type() == pugi::node_element && !is(n, "w:sectPr") && !is(n, "w:bookmarkStart") &&
                !is(n, "w:bookmarkEnd") && !is(n, "w:commentRangeStart") && !is(n, "w:commentRangeEnd"))
                between.push_back(n);
        int paragraphs = 2, tables = 0;
        for (auto n : between) (is(n, "w:tbl") ? tables : paragraphs) += 1;
        hit.detail = std::to_string(paragraphs) + " paragraphs" + (tables ? ", " + std::to_string(tables) + " table(s)" : "");
        bool block = whole1 || whole2 || !between.empty();
        hit.replacement = block ? st_.section_text(hit.category) : st_.options.policy.inline_text;
        if (st_.options.show_text) {
            hit.text = f1.text.substr(a);
            for (auto n : between)
                for (auto p : descendants_named(n, "w:p")) hit.text += "\n" + st_.flat(p).text;
            hit.text += "\n" + f2.text.substr(0, b);
        }
        std::string category = hit.category;
        std::size_t id = st_.add_hit(std::move(hit), p1);
        if (whole1) remove(p1, category, id);
        else cut(p1, story.name, Cut{a, static_cast<std::uint32_t>(f1.text.size()), block ? "" : st_.options.policy.inline_text, true, {}}, id);
        for (auto n : between) remove(n, category, id);
        if (whole2) remove(p2, category, id);
        else cut(p2, story.name, Cut{0, b, "", true, {}}, id);
    }

    // ---- M4 ------------------------------------------------------------
    struct Marker {
        std::uint32_t begin, end;  // original offsets of the whole marker
        bool close;
        std::string category;
    };

    std::vector<Marker> markers_in(const std::string& original) {
        std::vector<Marker> out;
        if (!may_hold_marker(original)) return out;
        text::Folded f = text::fold(original);
        const std::string& t = f.text;
        std::string word = text::fold_string(st_.options.policy.text_marker);
        for (std::size_t i = t.find("[["); i != std::string::npos; i = t.find("[[", i + 1)) {
            std::size_t j = i + 2;
            while (j < t.size() && t[j] == ' ') ++j;
            bool close = j < t.size() && t[j] == '/';
            if (close) ++j;
            while (j < t.size() && t[j] == ' ') ++j;
            if (t.compare(j, word.size(), word) != 0) continue;
            j += word.size();
            while (j < t.size() && t[j] == ' ') ++j;
            std::string category;
            if (!close && j < t.size() && t[j] == ':') {
                std::size_t k = t.find("]]", j);
                if (k == std::string::npos) continue;
                std::uint32_t ca = f.original_begin(j + 1), cb = f.original_end(k);
                category = trim(original.substr(ca, cb - ca));
                j = k;
            }
            if (t.compare(j, 2, "]]") != 0) continue;
            out.push_back({f.original_begin(i), f.original_end(j + 2), close, category});
            i = j + 1;
        }
        return out;
    }

    void text_markers(StoryPart& story) {
        struct Open {
            pugi::xml_node p;
            std::uint32_t at;
            std::string category;
            int depth;
        };
        std::map<const void*, Open> open;  // per container
        std::map<const void*, pugi::xml_node> containers;
        for (pugi::xml_node p : story.paragraphs) {
            const FlatParagraph& flat = st_.flat(p);
            if (!may_hold_marker(flat.text)) continue;
            auto markers = markers_in(flat.text);
            if (markers.empty()) continue;
            pugi::xml_node container = story_container(p);
            const void* key = container.internal_object();
            containers[key] = container;
            for (const auto& m : markers) {
                auto it = open.find(key);
                if (!m.close) {
                    if (it != open.end()) {
                        ++it->second.depth;  // nested: part of the outer range
                        continue;
                    }
                    open[key] = Open{p, m.begin, m.category.empty() ? st_.options.policy.default_category : m.category, 1};
                    continue;
                }
                if (it == open.end())
                    refuse(st_, pkg_, story.name,
                           "[[/" + st_.options.policy.text_marker + "]] without an opening marker in paragraph " +
                               std::to_string(st_.paragraph_number(story.name, p)));
                if (--it->second.depth > 0) continue;
                Hit h;
                h.rule = Rule::text_marker;
                h.category = it->second.category;
                h.part = story.name;
                h.where = story.kind;
                plan_range(story, it->second.p, it->second.at, p, m.end, std::move(h), "a [[" + st_.options.policy.text_marker + "]] marker");
                open.erase(it);
            }
        }
        if (!open.empty()) {
            const Open& o = open.begin()->second;
            refuse(st_, pkg_, story.name,
                   "unclosed [[" + st_.options.policy.text_marker + "]] marker in paragraph " +
                       std::to_string(st_.paragraph_number(story.name, o.p)));
        }
    }

    // ---- M6 ------------------------------------------------------------
    // Where a comment range mark sits: (paragraph, offset). Marks between
    // paragraphs attach to the next (start) or previous (end) paragraph.
    bool locate(pugi::xml_node mark, bool start, pugi::xml_node& p, std::uint32_t& offset) {
        for (pugi::xml_node a = mark.parent(); a; a = a.parent()) {
            if (is(a, "w:p")) {
                const FlatParagraph& f = st_.flat(a);
                for (const auto& an : f.anchors)
                    if (an.node == mark) {
                        p = a;
                        offset = an.offset;
                        return true;
                    }
                return false;
            }
        }
        for (pugi::xml_node s = start ? mark.next_sibling() : mark.previous_sibling(); s;
             s = start ? s.next_sibling() : s.previous_sibling()) {
            if (is(s, "w:p")) {
                p = s;
                offset = start ? 0 : static_cast<std::uint32_t>(st_.flat(s).text.size());
                return true;
            }
            if (is(s, "w:tbl") || is(s, "w:sdt")) return false;
        }
        return false;
    }

    void comment_ranges() {
        if (st_.comments_part.empty()) return;
        const StoryPart* comments = st_.story_of(st_.comments_part);
        if (!comments) return;
        std::string prefix = text::fold_string(st_.options.policy.comment_prefix);
        for (pugi::xml_node c : comments->root.children("w:comment")) {
            std::string body;
            for (auto p : descendants_named(c, "w:p")) body += st_.flat(p).text + " ";
            std::string f = strip_request(trim(text::fold_string(body)), prefix);
            if (prefix.empty() || f.compare(0, prefix.size(), prefix) != 0) continue;
            if (f.size() > prefix.size() && text::is_word_byte(static_cast<unsigned char>(f[prefix.size()]))) continue;
            std::string category = st_.options.policy.default_category;
            std::string rest = trim(f.substr(prefix.size()));
            if (!rest.empty() && rest[0] == ':') {
                // Category as written (not folded) after the colon, first line only.
                std::string written = trim(body);
                std::size_t colon = written.find(':');
                std::string cat = trim(written.substr(colon + 1));
                std::size_t stop = cat.find_first_of("\n.;,");
                if (stop != std::string::npos) cat = trim(cat.substr(0, stop));
                if (!cat.empty()) category = cat;
            }
            std::string id = c.attribute("w:id").value();
            bool found = false;
            for (auto& story : st_.stories) {
                if (story.kind == "comments") continue;
                pugi::xml_node start, end;
                for_each_element(story.root, [&](pugi::xml_node n) {
                    if (is(n, "w:commentRangeStart") && id == n.attribute("w:id").value()) start = n;
                    if (is(n, "w:commentRangeEnd") && id == n.attribute("w:id").value()) end = n;
                });
                if (!start && !end) continue;
                found = true;
                pugi::xml_node p1, p2;
                std::uint32_t a = 0, b = 0;
                if (!start || !end || !locate(start, true, p1, a) || !locate(end, false, p2, b))
                    refuse(st_, pkg_, story.name, "cannot find the text marked by redact comment " + id);
                // Same paragraph, end before start: malformed.
                if (p1 == p2 && b < a) std::swap(a, b);
                if (p1 == p2 && blank(st_.flat(p1).text.substr(a, b - a)))
                    refuse(st_, pkg_, story.name, "redact comment " + id + " marks no text; attach it to the text to remove");
                Hit h;
                h.rule = Rule::comment;
                h.category = category;
                h.part = story.name;
                h.where = story.kind;
                plan_range(story, p1, a, p2, b, std::move(h), "a redact comment's range");
            }
            if (!found)
                refuse(st_, pkg_, st_.comments_part, "redact comment " + id + " has no commented range in the document");
        }
    }

    // ---- M5 ------------------------------------------------------------
    int heading_level(pugi::xml_node p) { return heading_level_of(p, st_.styles, level_cache_); }

    int first_heading_in(pugi::xml_node n, int max_level, bool& first_is_heading) {
        first_is_heading = false;
        bool seen_text = false;
        for (auto p : descendants_named(n, "w:p")) {
            int l = heading_level(p);
            if (l >= 0 && l <= max_level) {
                first_is_heading = !seen_text;
                return l;
            }
            if (!blank(st_.flat(p).text)) seen_text = true;
        }
        return -1;
    }

    void headings(StoryPart& story) {
        // Every block container's children, so headings in text boxes and
        // table cells scope within their own container.
        // The containers that hold paragraphs directly (a container without
        // paragraphs has no heading to scope from).
        std::vector<pugi::xml_node> containers;
        std::set<const void*> seen;
        for (auto p : story.paragraphs) {
            pugi::xml_node c = p.parent();
            if (is_block_container(c) && !is(c, "w:sdtContent") && !is(c, "w:customXml") && seen.insert(c.internal_object()).second)
                containers.push_back(c);
        }
        for (auto container : containers) {
            for (pugi::xml_node n = container.first_child(); n;) {
                if (!is(n, "w:p") || st_.inside_removed(n)) {
                    n = n.next_sibling();
                    continue;
                }
                int level = heading_level(n);
                if (level < 0) {
                    n = n.next_sibling();
                    continue;
                }
                const FlatParagraph& flat = st_.flat(n);
                std::string category = heading_text_suffix_category(flat.text, st_.options.policy);
                if (category.empty()) {
                    n = n.next_sibling();
                    continue;
                }
                std::vector<pugi::xml_node> scope{n};
                pugi::xml_node m = n.next_sibling();
                for (; m; m = m.next_sibling()) {
                    if (m.type() != pugi::node_element || is(m, "w:sectPr")) continue;
                    if (is(m, "w:p")) {
                        int l = heading_level(m);
                        if (l >= 0 && l <= level) break;
                    } else if (is(m, "w:sdt") || is(m, "w:customXml")) {
                        bool first = false;
                        if (first_heading_in(m, level, first) >= 0) {
                            if (first) break;
                            refuse(st_, pkg_, story.name,
                                   "the section under a confidential heading ends inside a content control; "
                                   "move the content control or the heading");
                        }
                    }
                    scope.push_back(m);
                }
                int paragraphs = 0, tables = 0, others = 0;
                std::string text;
                for (auto s : scope) {
                    if (is(s, "w:p")) ++paragraphs;
                    else if (is(s, "w:tbl")) ++tables;
                    else ++others;
                    if (st_.options.show_text)
                        for (auto p : descendants_named(s, "w:p")) text += st_.flat(p).text + "\n";
                }
                Hit h;
                h.rule = Rule::heading;
                h.category = category;
                h.part = story.name;
                h.where = story.kind;
                h.detail = std::to_string(paragraphs) + " paragraphs" + (tables ? ", " + std::to_string(tables) + " table(s)" : "") +
                           (others ? ", " + std::to_string(others) + " other block(s)" : "");
                h.replacement = st_.section_text(category);
                h.text = text;
                std::size_t id = st_.add_hit(std::move(h), n);
                for (auto s : scope) remove(s, category, id);
                n = m;
            }
        }
    }

    // ---- M1 ------------------------------------------------------------
    void content_controls(StoryPart& story) {
        for (auto sdt : story.content_controls) {
            if (st_.inside_removed(sdt)) continue;
            pugi::xml_node pr = sdt.child("w:sdtPr");
            bool matched = false;
            std::string category = marker_category(pr.child("w:tag").attribute("w:val").value(), st_.options.policy, matched);
            if (!matched) category = marker_category(pr.child("w:alias").attribute("w:val").value(), st_.options.policy, matched);
            if (!matched) continue;
            pugi::xml_node content = sdt.child("w:sdtContent");
            bool block = false;
            for (pugi::xml_node c : content.children())
                if (is(c, "w:p") || is(c, "w:tbl") || is(c, "w:tr") || is(c, "w:tc") || is(c, "w:sdt") || is(c, "w:customXml"))
                    block = block || !is(c, "w:sdt") || !is(sdt.parent(), "w:p");
            if (!block && (is(sdt.parent(), "w:body") || is_block_container(sdt.parent()) || is(sdt.parent(), "w:tbl") ||
                           is(sdt.parent(), "w:tr")))
                block = true;  // an empty block-level control
            if (!block) continue;  // inline: M2
            Hit h;
            h.rule = Rule::block_content_control;
            h.category = category;
            h.part = story.name;
            h.where = is(sdt.parent(), "w:tbl") ? "table rows" : is(sdt.parent(), "w:tr") ? "table cells" : story.kind;
            int paragraphs = 0, tables = 0;
            for (auto p : descendants_named(content, "w:p")) {
                ++paragraphs;
                if (st_.options.show_text) h.text += st_.flat(p).text + "\n";
            }
            tables = static_cast<int>(descendants_named(content, "w:tbl").size());
            h.detail = std::to_string(paragraphs) + " paragraphs" + (tables ? ", " + std::to_string(tables) + " table(s)" : "");
            h.replacement = st_.section_text(category);
            auto inner = descendants_named(content, "w:p");
            pugi::xml_node first_p = inner.empty() ? pugi::xml_node{} : inner.front();
            std::size_t id = st_.add_hit(std::move(h), first_p);
            remove(sdt, category, id);
        }
    }

    // ---- M3 (paragraph styles) ----------------------------------------
    void paragraph_styles(StoryPart& story) {
        if (st_.sensitive_paragraph_styles.empty()) return;
        pugi::xml_node last_removed;
        std::size_t last_hit = 0;
        for (pugi::xml_node p : story.paragraphs) {
            if (st_.inside_removed(p) || st_.removed.count(p.internal_object())) continue;
            std::string style(ooxml::val(p.child("w:pPr").child("w:pStyle")));
            if (!st_.sensitive_paragraph_styles.count(style)) continue;
            // Consecutive paragraphs in the style are one hit.
            pugi::xml_node prev = p.previous_sibling();
            while (prev && (is(prev, "w:bookmarkStart") || is(prev, "w:bookmarkEnd"))) prev = prev.previous_sibling();
            std::string category = st_.options.policy.default_category;
            std::size_t id;
            if (last_removed && prev == last_removed) {
                id = last_hit;
                Hit& h = st_.plan.hits[id];
                h.detail = std::to_string(std::stoi(h.detail) + 1) + " paragraphs";
                if (st_.options.show_text) h.text += "\n" + st_.flat(p).text;
            } else {
                Hit h;
                h.rule = Rule::style;
                h.category = category;
                h.part = story.name;
                h.where = story.kind;
                h.detail = "1 paragraphs";
                h.replacement = st_.section_text(category);
                if (st_.options.show_text) h.text = st_.flat(p).text;
                id = st_.add_hit(std::move(h), p);
            }
            remove(p, category, id);
            last_removed = p;
            last_hit = id;
        }
        for (auto& h : st_.plan.hits)
            if (h.detail == "1 paragraphs") h.detail = "1 paragraph";
    }

    Package& pkg_;
    Redactor::State& st_;
    std::map<std::string, int> level_cache_;
};

}  // namespace

void detect_blocks(Package& package, Redactor::State& state) { Blocks(package, state).run(); }

}  // namespace allies::redact

// Copies of redacted text elsewhere in the document: a table of contents
// lists the confidential heading, a REF field repeats a marked sentence, a
// caption quotes a removed table. Whatever was redacted goes wherever Word
// shows it again: TOC lines pointing into removed content are removed, and
// any other paragraph repeating the text of a redacted region has that text
// cut.
#include <map>
#include <algorithm>
#include <set>
#include <unordered_map>

#include "ooxml/xml_util.hpp"
#include "redact/state.hpp"
#include "redact/xml_edit.hpp"
#include "text/fold.hpp"

namespace allies::redact {
namespace {

constexpr std::size_t kWindow = 12;  // shorter texts are too common to chase

// Where each bookmark of a paragraph starts in its flat text: the end of
// the text segment before it in document order.
std::vector<std::pair<std::string, std::uint32_t>> bookmark_offsets(const FlatParagraph& flat) {
    std::vector<std::pair<std::string, std::uint32_t>> out;
    std::map<const void*, std::uint32_t> segment_end;
    for (const auto& s : flat.segments) segment_end[s.node.internal_object()] = s.end;
    std::uint32_t offset = 0;
    for_each_element(flat.paragraph, [&](pugi::xml_node n) {
        auto it = segment_end.find(n.internal_object());
        if (it != segment_end.end()) offset = it->second;
        else if (is(n, "w:bookmarkStart")) out.emplace_back(n.attribute("w:name").value(), offset);
    });
    return out;
}

std::string strip_markers(const std::string& s, const std::string& word) {
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t open = s.find("[[", i);
        if (open == std::string::npos) break;
        std::size_t close = s.find("]]", open);
        std::string inside = close == std::string::npos ? "" : text::fold_string(s.substr(open + 2, close - open - 2));
        bool marker = !inside.empty() && (inside.rfind(word, 0) == 0 || inside.rfind("/" + word, 0) == 0);
        out += s.substr(i, open - i);
        if (marker) {
            i = close + 2;
        } else {
            out += "[[";
            i = open + 2;
        }
    }
    if (i < s.size()) out += s.substr(i);
    return out;
}

std::string trim(const std::string& s) {
    std::size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '.' || s[a] == ',' || s[a] == ':' || s[a] == ';')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '.' || s[b - 1] == ',' || s[b - 1] == ':' || s[b - 1] == ';')) --b;
    return s.substr(a, b - a);
}

// Polynomial hash of a kWindow-byte window, rolled one byte at a time.
constexpr std::uint64_t kBase = 1099511628211ull;

std::uint64_t window_hash(const char* s) {
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < kWindow; ++i) h = h * kBase + static_cast<unsigned char>(s[i]);
    return h;
}

std::uint64_t base_power() {
    std::uint64_t p = 1;
    for (std::size_t i = 1; i < kWindow; ++i) p *= kBase;
    return p;  // kBase^(kWindow-1): weight of the byte leaving the window
}

// A figure's key: "n:" and its digits (a decimal part of zeros dropped) for
// amounts and numbers, "e:" and the address for emails; "" for other words.
// `distinctive`: telling enough to chase alone (a currency sign, thousands
// separators, six digits or more, an email), not a year or a count.
struct Figure {
    std::string key;
    bool distinctive = false;
    std::size_t digits = 0;
};

Figure figure_of(std::string_view tok) {
    auto edge = [](char c) {
        return c == '(' || c == ')' || c == '[' || c == ']' || c == '"' || c == '\'' || c == ',' || c == '.' ||
               c == ';' || c == ':' || c == '!' || c == '?' || c == '<' || c == '>';
    };
    while (!tok.empty() && edge(tok.front())) tok.remove_prefix(1);
    while (!tok.empty() && edge(tok.back())) tok.remove_suffix(1);
    Figure f;
    if (tok.size() < 3) return f;
    std::size_t at = tok.find('@');
    if (at != std::string_view::npos) {
        if (at > 0 && tok.find('.', at) != std::string_view::npos && tok.find('@', at + 1) == std::string_view::npos) {
            f.key = "e:" + std::string(tok);
            f.distinctive = true;
        }
        return f;
    }
    // A reference in groups: "4471-0938-2215", "12/3456/7890". Nine digits
    // or more, so no date ("2024-06-11", "12/03/2026") is ever one.
    if (tok.find_first_not_of("0123456789-/") == std::string_view::npos && tok.find_first_of("-/") != std::string_view::npos) {
        std::string digits;
        for (char c : tok)
            if (c >= '0' && c <= '9') digits += c;
        if (digits.size() >= 9) {
            f.key = "r:" + digits;
            f.digits = digits.size();
            f.distinctive = true;
        }
        return f;
    }
    bool currency = false, group = false;
    std::string_view body = tok;
    for (std::string_view sign : {"\xC2\xA3", "\xE2\x82\xAC", "$", "\xC2\xA5"}) {  // £ € $ ¥
        if (body.substr(0, sign.size()) == sign) body.remove_prefix(sign.size()), currency = true;
        if (body.size() >= sign.size() && body.substr(body.size() - sign.size()) == sign) body.remove_suffix(sign.size()), currency = true;
    }
    std::string integer, decimals;
    bool in_decimals = false;
    std::size_t run = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c >= '0' && c <= '9') {
            (in_decimals ? decimals : integer) += c;
            ++run;
        } else if (c == ',' && !in_decimals && run >= 1 && run <= 3 && i + 3 < body.size() + 1 &&
                   std::all_of(body.begin() + static_cast<std::ptrdiff_t>(i) + 1, body.begin() + static_cast<std::ptrdiff_t>(i) + 4,
                               [](char d) { return d >= '0' && d <= '9'; })) {
            group = true;  // a thousands separator: one to three digits, a comma, three digits
            run = 0;
        } else if (c == '.' && !in_decimals && i + 1 < body.size()) {
            in_decimals = true;
        } else {
            return f;  // not a figure
        }
    }
    if (integer.size() < 3) return f;
    while (!decimals.empty() && decimals.back() == '0') decimals.pop_back();
    f.key = "n:" + integer + (decimals.empty() ? "" : "." + decimals);
    f.digits = integer.size();
    f.distinctive = (currency && integer.size() >= 3) || (group && integer.size() >= 4) || integer.size() >= 6;
    return f;
}

}  // namespace

EchoFinder::EchoFinder(Redactor::State& st) : st_(st), marker_(text::fold_string(st.options.policy.text_marker)) {}

void EchoFinder::add(const std::string& with_markers, const std::string& category, Rule rule) {
    // "£18,750.[[/redact]]": the marker is not part of the figure.
    const std::string original = strip_markers(with_markers, marker_);
    if (st_.options.policy.repeated_figures) {
        std::size_t i = 0;
        while (i < original.size()) {
            while (i < original.size() && (original[i] == ' ' || original[i] == '\t' || original[i] == '\n')) ++i;
            std::size_t j = i;
            while (j < original.size() && original[j] != ' ' && original[j] != '\t' && original[j] != '\n') ++j;
            Figure fig = figure_of(std::string_view(original).substr(i, j - i));
            if (fig.distinctive) figures_.emplace(text::fold_string(fig.key), std::make_pair(category, rule));
            i = j;
        }
    }
    std::string f = trim(text::fold_string(original));
    if (f.size() < kWindow || !seen_.insert(f).second) return;
    echoes_.push_back({f, category, rule});
    by_window_[window_hash(echoes_.back().folded.data())].push_back(echoes_.size() - 1);
}

std::size_t EchoFinder::collect() {
    std::size_t before = echoes_.size();
    for (; removals_seen_ < st_.removals.size(); ++removals_seen_) {
        const Removal& r = st_.removals[removals_seen_];
        if (!r.placeholder) continue;  // TOC lines removed as echoes themselves
        Rule rule = st_.plan.hits[r.hit].rule;
        std::vector<pugi::xml_node> ps = is(r.node, "w:p") ? std::vector<pugi::xml_node>{r.node} : descendants_named(r.node, "w:p");
        for (auto p : ps) add(st_.flat(p).text, r.category, rule);
        for_each_element(r.node, [&](pugi::xml_node n) {
            if (is(n, "w:bookmarkStart")) removed_bookmarks_.insert(n.attribute("w:name").value());
        });
    }
    for (const auto& pc : st_.cuts) {
        const FlatParagraph& flat = st_.flat(pc.paragraph);
        std::vector<std::pair<std::string, std::uint32_t>> bookmarks;  // name, offset in the flat text
        bool bookmarks_read = false;
        for (std::size_t i = 0; i < pc.cuts.size() && i < pc.hits.size(); ++i) {
            const Hit& h = st_.plan.hits[pc.hits[i]];
            if (h.rule == Rule::name || h.rule == Rule::pattern || h.detail == "copy of redacted text") continue;
            add(flat.text.substr(pc.cuts[i].begin, pc.cuts[i].end - pc.cuts[i].begin), h.category, h.rule);
            // A bookmark that starts inside the cut text ("[[redact]]<bookmark/>Flat 3
            // Quayside Mews[[/redact]]"): a REF to it would repeat the text.
            if (!bookmarks_read) {
                bookmarks = bookmark_offsets(flat);
                bookmarks_read = true;
            }
            for (const auto& [name, at] : bookmarks)
                if (at >= pc.cuts[i].begin && at < pc.cuts[i].end) removed_bookmarks_.insert(name);
        }
    }
    return echoes_.size() - before;
}

// A table-of-contents entry: a TOC paragraph style ("TOC 1", "toc 2") or a
// paragraph inside a table-of-contents content control. Any other paragraph
// that links to removed content keeps its own words (cut_references).
bool toc_entry(pugi::xml_node p, const ooxml::StyleSheet& styles) {
    std::string id(ooxml::val(p.child("w:pPr").child("w:pStyle")));
    std::string name = text::fold_string(styles.name_of(id));
    if (text::fold_string(id).rfind("toc", 0) == 0 || name.rfind("toc ", 0) == 0 || name == "toc") return true;
    for (pugi::xml_node a = p.parent(); a; a = a.parent())
        if (is(a, "w:sdt")) {
            std::string gallery = a.child("w:sdtPr").child("w:docPartObj").child("w:docPartGallery").attribute("w:val").value();
            if (text::fold_string(gallery) == "table of contents") return true;
        }
    return false;
}

bool EchoFinder::remove_if_toc_line(const StoryPart& story, pugi::xml_node p) {
    if (removed_bookmarks_.empty()) return false;
    bool toc_line = false;
    for_each_element(p, [&](pugi::xml_node n) {
        if (is(n, "w:hyperlink") && removed_bookmarks_.count(n.attribute("w:anchor").value())) toc_line = true;
    });
    if (!toc_line || !toc_entry(p, st_.styles)) return false;
    Hit h;
    h.rule = Rule::heading;
    h.category = "table of contents";
    h.part = story.name;
    h.where = story.kind;
    h.detail = "entry for removed content";
    std::size_t id = st_.add_hit(std::move(h), p);
    st_.removed.insert(p.internal_object());
    st_.removals.push_back({p, "", id, false});
    ++removals_seen_;  // not a source of echoes
    return true;
}

void EchoFinder::scan(const StoryPart& story, pugi::xml_node p, const FlatParagraph& flat, const text::Folded& folded,
                      std::size_t first_echo) {
    const std::string& t = folded.text;
    if (echoes_.size() <= first_echo || t.size() < kWindow) return;
    static const std::uint64_t top = base_power();
    std::uint64_t h = window_hash(t.data());
    std::size_t i = 0;
    while (i + kWindow <= t.size()) {
        std::size_t matched = 0;
        auto it = by_window_.find(h);
        if (it != by_window_.end()) {
            for (std::size_t e : it->second) {
                if (e < first_echo) continue;
                const Echo& echo = echoes_[e];
                if (t.compare(i, echo.folded.size(), echo.folded) != 0) continue;
                std::uint32_t a = folded.original_begin(i), b = folded.original_end(i + echo.folded.size());
                ParagraphCuts& pc = st_.cuts_for(p, story.name);
                bool merged = false;
                for (auto& c : pc.cuts)
                    if (a < c.end && c.begin < b) {  // overlaps an earlier cut: the copy goes whole
                        c.begin = std::min(c.begin, a);
                        c.end = std::max(c.end, b);
                        merged = true;
                    }
                if (!merged) add_cut(story, p, flat, pc, a, b, echo.rule, echo.category, "copy of redacted text");
                matched = echo.folded.size();
                break;
            }
        }
        if (matched) {  // continue after the copy: hash the next window afresh
            i += matched;
            if (i + kWindow <= t.size()) h = window_hash(t.data() + i);
            continue;
        }
        if (i + kWindow < t.size())
            h = (h - top * static_cast<unsigned char>(t[i])) * kBase + static_cast<unsigned char>(t[i + kWindow]);
        ++i;
    }
}

namespace {

// The bookmark a field instruction takes its result from: REF, NOTEREF and
// PAGEREF name it first; HYPERLINK after its \l switch.
std::string referenced_bookmark(const std::string& instruction) {
    std::vector<std::string> words;
    std::string cur;
    bool quoted = false;
    for (char c : instruction) {
        if (c == '"') quoted = !quoted;
        else if ((c == ' ' || c == '\t') && !quoted) {
            if (!cur.empty()) words.push_back(cur), cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) words.push_back(cur);
    if (words.empty()) return {};
    std::string type = text::fold_string(words[0]);
    if ((type == "ref" || type == "noteref" || type == "pageref") && words.size() >= 2) return words[1];
    if (type == "hyperlink")
        for (std::size_t i = 1; i + 1 < words.size(); ++i)
            if (words[i] == "\\l") return words[i + 1];
    if (type != "ref" && type != "noteref" && type != "pageref" && type != "hyperlink" && words[0].rfind('_', 0) == 0 &&
        words.size() == 1)
        return words[0];  // a bare bookmark name is a REF
    return {};
}

}  // namespace

void EchoFinder::cut_references(const StoryPart& story, pugi::xml_node p, const FlatParagraph& flat) {
    if (removed_bookmarks_.empty()) return;
    const std::string placeholder = st_.options.policy.inline_text;
    const std::string quote = " QUOTE \"" + placeholder + "\" ";
    auto cut_runs = [&](const std::set<const void*>& runs) {
        std::uint32_t a = UINT32_MAX, b = 0;
        for (const auto& s : flat.segments)
            if (s.run && runs.count(s.run.internal_object())) a = std::min(a, s.begin), b = std::max(b, s.end);
        if (a >= b) return;
        ParagraphCuts& pc = st_.cuts_for(p, story.name);
        for (const auto& c : pc.cuts)
            if (a < c.end && c.begin < b) return;  // already cut
        add_cut(story, p, flat, pc, a, b, Rule::heading, "cross-reference", "reference to removed content");
    };
    struct Open {
        std::string instruction;
        std::vector<pugi::xml_node> instr_nodes;
        std::set<const void*> result_runs;
        bool in_result = false;
    };
    std::vector<Open> fields;
    for_each_element(p, [&](pugi::xml_node n) {
        if (is(n, "w:fldChar")) {
            std::string_view type = n.attribute("w:fldCharType").value();
            if (type == "begin") fields.push_back({});
            else if (type == "separate" && !fields.empty()) fields.back().in_result = true;
            else if (type == "end" && !fields.empty()) {
                Open f = std::move(fields.back());
                fields.pop_back();
                if (removed_bookmarks_.count(referenced_bookmark(f.instruction))) {
                    cut_runs(f.result_runs);
                    for (std::size_t i = 0; i < f.instr_nodes.size(); ++i)
                        st_.attribute_edits.push_back({f.instr_nodes[i], "", i == 0 ? quote : std::string()});
                }
                if (!fields.empty())  // a nested field's result is part of the outer one's
                    fields.back().result_runs.insert(f.result_runs.begin(), f.result_runs.end());
            }
        } else if (is(n, "w:instrText") && !fields.empty() && !fields.back().in_result) {
            fields.back().instruction += n.text().get();
            if (n.first_child()) fields.back().instr_nodes.push_back(n);
        } else if (is(n, "w:r") && !fields.empty() && fields.back().in_result) {
            fields.back().result_runs.insert(n.internal_object());
        } else if (is(n, "w:fldSimple") && removed_bookmarks_.count(referenced_bookmark(n.attribute("w:instr").value()))) {
            std::set<const void*> runs;
            for (auto r : descendants_named(n, "w:r")) runs.insert(r.internal_object());
            cut_runs(runs);
            st_.attribute_edits.push_back({n, "w:instr", quote});
        } else if (is(n, "w:hyperlink") && removed_bookmarks_.count(n.attribute("w:anchor").value())) {
            std::set<const void*> runs;
            for (auto r : descendants_named(n, "w:r")) runs.insert(r.internal_object());
            cut_runs(runs);
            st_.attribute_edits.push_back({n, "w:anchor", "_top"});
        }
    });
}

void EchoFinder::scan_figures(const StoryPart& story, pugi::xml_node p, const FlatParagraph& flat,
                              const text::Folded& folded) {
    if (figures_.empty()) return;
    const std::string& t = folded.text;
    std::size_t i = 0;
    while (i < t.size()) {
        while (i < t.size() && t[i] == ' ') ++i;
        std::size_t j = i;
        while (j < t.size() && t[j] != ' ') ++j;
        if (j == i) break;
        std::string_view tok = std::string_view(t).substr(i, j - i);
        Figure fig = figure_of(tok);
        // A plain year or count ("2024") never matches: four digits alone prove nothing.
        auto it = fig.key.empty() || !(fig.distinctive || fig.digits >= 5) ? figures_.end() : figures_.find(fig.key);
        if (it != figures_.end()) {
            // The figure without the punctuation around it.
            std::size_t a = i, b = j;
            while (a < b && std::string_view("([\"'").find(t[a]) != std::string_view::npos) ++a;
            while (b > a && std::string_view(")].,;:!?\"'").find(t[b - 1]) != std::string_view::npos) --b;
            std::uint32_t oa = folded.original_begin(a), ob = folded.original_end(b);
            ParagraphCuts& pc = st_.cuts_for(p, story.name);
            bool covered = false;
            for (const auto& c : pc.cuts) covered = covered || (oa < c.end && c.begin < ob);
            if (!covered)
                add_cut(story, p, flat, pc, oa, ob, it->second.second, it->second.first, "repeat of a redacted figure");
        }
        i = j;
    }
}

void EchoFinder::add_cut(const StoryPart& story, pugi::xml_node p, const FlatParagraph& flat, ParagraphCuts& pc,
                         std::uint32_t a, std::uint32_t b, Rule rule, const std::string& category, const char* detail) {
    Hit h;
    h.rule = rule;
    h.category = category;
    h.part = story.name;
    h.where = story.kind;
    h.detail = detail;
    h.replacement = st_.options.policy.inline_text;
    if (st_.options.show_text) h.text = flat.text.substr(a, b - a);
    std::size_t id = st_.add_hit(std::move(h), p);
    pc.cuts.push_back(Cut{a, b, st_.options.policy.inline_text, true, {}});
    pc.hits.push_back(id);
}

bool EchoFinder::repeats_redacted(const std::string& text) const {
    std::string f = trim(text::fold_string(text));
    if (f.size() < 4) return false;
    for (const auto& e : echoes_)
        if (e.folded.find(f) != std::string::npos || f.find(e.folded) != std::string::npos) return true;
    return false;
}

void detect_property_echoes(Package& package, Redactor::State& st, const EchoFinder& finder) {
    for (const auto& rel : package.relationships("")) {
        if (rel.external || rel.target_part.empty() || !package.has_part(rel.target_part)) continue;
        if (classify_relationship(rel.type) != RelType::core_properties) continue;
        pugi::xml_node root = xml(package, rel.target_part).document_element();
        for (pugi::xml_node c : root.children()) {
            std::string_view n = c.name();
            if (n != "dc:title" && n != "dc:subject" && n != "cp:keywords" && n != "dc:description" && n != "cp:category")
                continue;
            if (!finder.repeats_redacted(c.text().get())) continue;
            Hit h;
            h.rule = Rule::sanitise;
            h.category = "document properties";
            h.part = rel.target_part;
            h.where = "metadata";
            h.detail = std::string(n) + " repeats redacted text";
            std::size_t id = st.add_hit(std::move(h));
            st.removals.push_back(Removal{c, "document properties", id, false});
            st.removed.insert(c.internal_object());
        }
    }
}

void detect_late_echoes(Redactor::State& st, EchoFinder& finder) {
    // Echo sources found during inline detection (inline controls, styles,
    // highlight): rare, so only then is the text folded a second time.
    std::size_t first = finder.size();
    std::size_t figures = finder.figure_count();
    if (finder.collect() == 0 && finder.figure_count() == figures) return;
    for (auto& story : st.stories) {
        if (story.kind == "comments") continue;
        for (pugi::xml_node p : story.paragraphs) {
            if (st.inside_removed(p) || st.removed.count(p.internal_object())) continue;
            const FlatParagraph& flat = st.flat(p);
            if (flat.text.empty()) continue;
            text::Folded folded = text::fold(flat.text);
            if (flat.text.size() >= kWindow) finder.scan(story, p, flat, folded, first);
            finder.scan_figures(story, p, flat, folded);
        }
    }
}

}  // namespace allies::redact

// What a reader sees: shared rules of the text writers (ECMA-376 display
// semantics with tracked changes accepted and hidden text suppressed).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "allies/model.hpp"

namespace allies::writers {

// Deleted/moved-from content, vanished runs and comment marks are not shown.
inline bool shows(const Inline& in) {
    if (in.kind == InlineKind::deleted) return false;
    if (in.props.hidden && (in.kind == InlineKind::text || in.kind == InlineKind::tab ||
                            in.kind == InlineKind::line_break || in.kind == InlineKind::field))
        return false;
    return true;
}

// Whether anything of these inlines is seen: text, tabs, breaks, drawings,
// note marks (in hyperlinks, field results, content controls and
// insertions too). Bookmarks and comment marks are not.
inline bool has_visible_content(const std::vector<Inline>& inlines) {
    for (const auto& in : inlines) {
        if (!shows(in)) continue;
        switch (in.kind) {
            case InlineKind::text:
                if (!in.text.empty()) return true;
                break;
            case InlineKind::hyperlink:
            case InlineKind::field:
            case InlineKind::content_control:
            case InlineKind::inserted:
                if (has_visible_content(in.children)) return true;
                break;
            case InlineKind::deleted:
            case InlineKind::bookmark_start:
            case InlineKind::bookmark_end:
            case InlineKind::comment_start:
            case InlineKind::comment_end:
            case InlineKind::comment_ref:
                break;
            default: return true;  // tabs, breaks, drawings, note marks
        }
    }
    return false;
}

// A paragraph deleted whole as a tracked change (its text and its mark):
// accepted, it is not there at all.
inline bool deleted_whole(const Paragraph& p) { return p.mark_deleted && !has_visible_content(p.inlines); }

// Notes are numbered in order of first reference, as Word numbers them.
class NoteNumbers {
public:
    explicit NoteNumbers(const Document& doc) : doc_(doc) {}
    int footnote(const std::string& id) { return number(id, foot_, foot_order_); }
    int endnote(const std::string& id) { return number(id, end_, end_order_); }
    // Referenced notes in numbering order: (number, note).
    std::vector<std::pair<int, const Note*>> footnotes() const { return collect(foot_order_, doc_.footnotes); }
    std::vector<std::pair<int, const Note*>> endnotes() const { return collect(end_order_, doc_.endnotes); }

private:
    static int number(const std::string& id, std::map<std::string, int>& m, std::vector<std::string>& order) {
        auto [it, inserted] = m.emplace(id, static_cast<int>(m.size()) + 1);
        if (inserted) order.push_back(id);
        return it->second;
    }
    static std::vector<std::pair<int, const Note*>> collect(const std::vector<std::string>& order,
                                                            const std::vector<Note>& notes) {
        std::vector<std::pair<int, const Note*>> out;
        int n = 0;
        for (const auto& id : order) {
            ++n;
            for (const auto& note : notes)
                if (note.id == id) out.emplace_back(n, &note);
        }
        return out;
    }
    const Document& doc_;
    std::map<std::string, int> foot_, end_;
    std::vector<std::string> foot_order_, end_order_;
};

// Removes soft hyphens (U+00AD), which Word shows only at a line end.
inline std::string without_soft_hyphens(std::string s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (static_cast<unsigned char>(s[i]) == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xAD) {
            ++i;
            continue;
        }
        out += s[i];
    }
    return out;
}

}  // namespace allies::writers

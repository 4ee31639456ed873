#include "publish/review.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "allies/pdf.hpp"
#include "allies/reader.hpp"

namespace allies::publish {
namespace {

struct Span {
    std::string text;   // exact text of one paragraph's piece of a hit
    std::string label;  // "M4 financial"
    std::string colour;
};

struct Mark {
    std::size_t begin, end;
    const Span* span;
};

bool shows_text(InlineKind k) { return k == InlineKind::text; }

bool has_children_shown(InlineKind k) {
    return k == InlineKind::hyperlink || k == InlineKind::field || k == InlineKind::content_control ||
           k == InlineKind::inserted;
}

void flatten(const std::vector<Inline>& v, std::string& out) {
    for (const auto& in : v) {
        if (shows_text(in.kind)) out += in.text;
        else if (has_children_shown(in.kind)) flatten(in.children, out);
    }
}

Inline label_inline(const Span& s, const RunProps& near) {
    Inline l;
    l.kind = InlineKind::text;
    l.text = " [" + s.label + "] ";
    l.props = near;
    l.props.bold = true;
    l.props.italic = false;
    l.props.hidden = false;
    l.props.highlight.clear();
    l.props.color = "000000";
    l.props.size = std::max(12, near.size * 3 / 4);
    l.props.shading = Shading{"clear", "auto", s.colour};
    l.props.vertical_align = VerticalAlign::baseline;
    return l;
}

// Splits the text inlines of `v` at the marks (offsets into the paragraph's
// flat text), shades the marked pieces and puts a label after each mark.
void apply_marks(std::vector<Inline>& v, const std::vector<Mark>& marks, std::size_t& offset) {
    std::vector<Inline> out;
    for (auto& in : v) {
        if (has_children_shown(in.kind)) {
            apply_marks(in.children, marks, offset);
            out.push_back(std::move(in));
            continue;
        }
        if (!shows_text(in.kind) || in.text.empty()) {
            out.push_back(std::move(in));
            continue;
        }
        std::size_t a = offset, b = offset + in.text.size();
        offset = b;
        std::vector<std::size_t> cuts{a, b};
        for (const auto& m : marks) {
            if (m.begin > a && m.begin < b) cuts.push_back(m.begin);
            if (m.end > a && m.end < b) cuts.push_back(m.end);
        }
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
            Inline piece = in;
            piece.text = in.text.substr(cuts[k] - a, cuts[k + 1] - cuts[k]);
            const Mark* inside = nullptr;
            for (const auto& m : marks)
                if (m.begin <= cuts[k] && cuts[k + 1] <= m.end) inside = &m;
            if (inside) {
                piece.props.highlight.clear();
                piece.props.color = "000000";
                piece.props.hidden = false;
                piece.props.shading = Shading{"clear", "auto", inside->span->colour};
            }
            RunProps near = piece.props;
            out.push_back(std::move(piece));
            for (const auto& m : marks)
                if (m.end == cuts[k + 1]) out.push_back(label_inline(*m.span, near));
        }
    }
    v = std::move(out);
}

void mark_paragraph(Paragraph& p, const std::vector<Span>& spans) {
    std::string flat;
    flatten(p.inlines, flat);
    if (flat.empty()) return;
    std::vector<Mark> marks;
    for (const auto& s : spans) {
        for (std::size_t at = flat.find(s.text); at != std::string::npos; at = flat.find(s.text, at + s.text.size())) {
            bool overlaps = false;
            for (const auto& m : marks) overlaps = overlaps || (at < m.end && m.begin < at + s.text.size());
            if (!overlaps) marks.push_back(Mark{at, at + s.text.size(), &s});
        }
    }
    if (marks.empty()) return;
    std::size_t offset = 0;
    apply_marks(p.inlines, marks, offset);
}

void mark_blocks(std::vector<Block>& blocks, const std::vector<Span>& spans);

void mark_inline_blocks(std::vector<Inline>& v, const std::vector<Span>& spans) {
    for (auto& in : v) {
        if (!in.blocks.empty()) mark_blocks(in.blocks, spans);
        if (!in.children.empty()) mark_inline_blocks(in.children, spans);
    }
}

void mark_blocks(std::vector<Block>& blocks, const std::vector<Span>& spans) {
    for (auto& b : blocks) {
        switch (b.kind) {
            case BlockKind::paragraph:
                mark_paragraph(b.paragraph, spans);
                mark_inline_blocks(b.paragraph.inlines, spans);
                break;
            case BlockKind::table:
                for (auto& row : b.table.rows)
                    for (auto& cell : row.cells) mark_blocks(cell.blocks, spans);
                break;
            default: mark_blocks(b.children, spans); break;
        }
    }
}

Block text_paragraph(const std::string& text, HalfPoints size, bool bold, const std::string& fill = {}) {
    Block b;
    b.kind = BlockKind::paragraph;
    b.paragraph.props.space_after = 120;
    Inline in;
    in.kind = InlineKind::text;
    in.text = text;
    in.props.size = size;
    in.props.bold = bold;
    in.props.font_ascii = in.props.font_hansi = "Carlito";
    if (!fill.empty()) in.props.shading = Shading{"clear", "auto", fill};
    b.paragraph.props.run = in.props;
    b.paragraph.inlines.push_back(in);
    return b;
}

std::string rule_name(const std::string& code) {
    static const std::map<std::string, std::string> names = {
        {"M1", "block content control"}, {"M2", "inline content control"}, {"M3", "style"},
        {"M4", "[[redact]] text marker"}, {"M5", "heading scope"},         {"M6", "redact comment"},
        {"M7", "black highlight"},        {"name", "name of a person"}, {"unlisted", "possible person on no roster (not redacted)"},    {"pattern", "email, phone or other pattern"},
        {"sanitise", "sanitised (tracked changes, comments, hidden text, metadata, parts)"}};
    auto it = names.find(code);
    return it == names.end() ? code : it->second;
}

}  // namespace

std::string review_colour(const std::string& rule_code) {
    static const std::map<std::string, std::string> colours = {
        {"M1", "FFD966"}, {"M2", "F4B183"}, {"M3", "C5E0B3"}, {"M4", "9DC3E6"}, {"M5", "D9B3FF"},
        {"M6", "FFB3C6"}, {"M7", "BFBFBF"}, {"name", "FFFF66"}, {"pattern", "8FE3E3"}, {"unlisted", "FF9E3D"}};
    auto it = colours.find(rule_code);
    return it == colours.end() ? "E0E0E0" : it->second;
}

void mark_review(Document& doc, const RedactionPlan& plan, const std::string& input_name) {
    std::vector<Span> spans;
    for (const auto& hit : plan.hits) {
        if (hit.rule == Rule::sanitise || hit.text.empty()) continue;
        std::string code(rule_code(hit.rule));
        std::string label = hit.rule == Rule::name ? "name" : code + " " + hit.category;
        std::size_t start = 0;
        while (start <= hit.text.size()) {
            std::size_t nl = hit.text.find('\n', start);
            std::string piece = hit.text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
            // Pieces of a paragraph or more are unique enough to find; two
            // letters would light up every word that contains them.
            if (piece.size() >= 3 || (hit.rule == Rule::name && !piece.empty())) {
                bool dup = false;
                for (const auto& s : spans) dup = dup || (s.text == piece && s.label == label);
                if (!dup) spans.push_back(Span{piece, label, review_colour(code)});
            }
            if (nl == std::string::npos) break;
            start = nl + 1;
        }
    }
    // Possible people on no roster: in their own colour, so the reviewer
    // sees what may need adding to the roster.
    for (const auto& u : plan.unlisted) {
        if (u.text.empty()) continue;
        bool dup = false;
        for (const auto& s : spans) dup = dup || s.text == u.text;
        if (!dup) spans.push_back(Span{u.text, "unlisted?", review_colour("unlisted")});
    }
    // Longest first, so a whole paragraph wins over a name inside it.
    std::stable_sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.text.size() > b.text.size(); });
    mark_blocks(doc.body, spans);
    for (auto& [part, hf] : doc.headers_footers) mark_blocks(hf.blocks, spans);
    for (auto& n : doc.footnotes) mark_blocks(n.blocks, spans);
    for (auto& n : doc.endnotes) mark_blocks(n.blocks, spans);

    // The summary page.
    std::vector<Block> summary;
    summary.push_back(text_paragraph("Redaction review (internal: not for publication)", 32, true));
    summary.push_back(text_paragraph(input_name, 22, false));
    int total = 0;
    for (const auto& [rule, n] : plan.count_by_rule())
        if (rule != "sanitise") total += n;
    summary.push_back(text_paragraph(std::to_string(total) + " redactions, " + std::to_string(plan.removed_parts.size()) +
                                         " parts removed, " + std::to_string(plan.people.size()) + " people searched for.",
                                     22, false));
    summary.push_back(text_paragraph("By rule (highlight colour in the pages that follow):", 24, true));
    for (const auto& [rule, n] : plan.count_by_rule())
        summary.push_back(text_paragraph(rule + "  " + rule_name(rule) + ": " + std::to_string(n), 22, false,
                                         rule == "sanitise" ? "" : review_colour(rule)));
    if (!plan.unlisted.empty())
        summary.push_back(text_paragraph("unlisted  " + rule_name("unlisted") + ": " + std::to_string(plan.unlisted.size()), 22,
                                         false, review_colour("unlisted")));
    summary.push_back(text_paragraph("By category:", 24, true));
    for (const auto& [cat, n] : plan.count_by_category()) summary.push_back(text_paragraph(cat + ": " + std::to_string(n), 22, false));
    if (!plan.removed_parts.empty()) {
        summary.push_back(text_paragraph("Parts removed:", 24, true));
        for (const auto& r : plan.removed_parts) summary.push_back(text_paragraph(r.part + " (" + r.reason + ")", 20, false));
    }
    for (const auto& w : plan.warnings) summary.push_back(text_paragraph("Warning: " + w, 20, false));
    // The document starts on a new page.
    Block brk;
    brk.kind = BlockKind::paragraph;
    Inline pb;
    pb.kind = InlineKind::page_break;
    brk.paragraph.inlines.push_back(pb);
    summary.push_back(brk);
    std::size_t added = summary.size();
    doc.body.insert(doc.body.begin(), summary.begin(), summary.end());
    for (std::size_t i = 0; i < doc.sections.size(); ++i)
        if (i > 0 || doc.sections[i].first_block > 0) doc.sections[i].first_block += added;
}

std::string write_review_pdf(const std::string& input, const RedactionPlan& plan, const PublishOptions& options,
                             const std::string& stem) {
    Package package = Package::open_file(input, options.limits);
    Document doc = read_document(package);
    mark_review(doc, plan, std::filesystem::path(input).filename().string());
    std::string pdf = to_pdf(doc, package, options.pdf);
    std::filesystem::path out = std::filesystem::path(options.review_dir) / (stem + ".review.pdf");
    std::error_code ec;
    // The review shows everything that is redacted: a private folder.
    bool fresh = !std::filesystem::exists(options.review_dir, ec);
    std::filesystem::create_directories(out.parent_path(), ec);
    if (fresh) std::filesystem::permissions(options.review_dir, std::filesystem::perms::owner_all, ec);
    write_file_atomically(out.string(), pdf);
    return out.string();
}

}  // namespace allies::publish

#include "visible_words.hpp"

#include <map>
#include <set>

#include "ooxml/visible.hpp"

namespace allies::writers {
namespace {

// Fields whose result the layout computes afresh (a page number, a date):
// the DOCX's cached result may rightly differ from the output's.
bool computed_field(const std::string& type) {
    static const std::set<std::string> kComputed = {"PAGE",     "NUMPAGES",   "SECTIONPAGES", "PAGEREF",  "DATE",
                                                    "TIME",     "PRINTDATE",  "SAVEDATE",     "CREATEDATE", "EDITTIME",
                                                    "SECTION",  "SEQ",        "NOTEREF",      "FILENAME", "FILESIZE"};
    return kComputed.count(type) > 0;
}

class Walker {
public:
    Walker(const Document& doc, bool headers_footers) : doc_(doc), headers_footers_(headers_footers) {}

    std::vector<VisibleParagraph> run() {
        blocks(doc_.body, doc_.main_part, true);
        // Notes in the order they are referenced; each once.
        for (std::size_t i = 0; i < referenced_.size(); ++i) {
            const auto& [endnote, id] = referenced_[i];
            const auto& notes = endnote ? doc_.endnotes : doc_.footnotes;
            for (const auto& n : notes)
                if (n.id == id && n.type.empty()) blocks(n.blocks, n.ref.part.empty() ? std::string(endnote ? "word/endnotes.xml" : "word/footnotes.xml") : n.ref.part, true);
        }
        // The first page shows the first section's first-page header and
        // footer (w:titlePg) or its default ones. Other pages' may never
        // show (a one-page section), so they are not required.
        if (headers_footers_ && !doc_.sections.empty()) {
            const Section& s = doc_.sections.front();
            const std::string want = s.title_page ? "first" : "default";
            for (const auto* refs : {&s.headers, &s.footers})
                for (const auto& r : *refs)
                    if (r.type == want) {
                        auto it = doc_.headers_footers.find(r.part);
                        if (it != doc_.headers_footers.end()) blocks(it->second.blocks, r.part, true);
                    }
        }
        return std::move(out_);
    }

private:
    void blocks(const std::vector<Block>& bs, const std::string& part, bool shown) {
        for (const auto& b : bs) block(b, part, shown);
    }

    void block(const Block& b, const std::string& part, bool shown) {
        switch (b.kind) {
            case BlockKind::paragraph: paragraph(b.paragraph, part, shown); break;
            case BlockKind::table:
                // A cell that continues a vertical merge shows nothing of
                // its own (as the text writer shows it).
                for (const auto& row : b.table.rows)
                    for (const auto& cell : row.cells)
                        blocks(cell.blocks, part, shown && cell.vmerge != TableCell::VMerge::continue_);
                break;
            case BlockKind::content_control:
            case BlockKind::inserted: blocks(b.children, part, shown); break;
            case BlockKind::deleted: blocks(b.children, part, false); break;  // numbered, not shown
        }
    }

    void paragraph(const Paragraph& p, const std::string& part, bool shown) {
        const int number = ++numbers_[part];
        std::string text;
        std::vector<const std::vector<Block>*> boxes;
        inlines(p.inlines, text, boxes, shown);
        if (shown && !text.empty())
            out_.push_back(VisibleParagraph{part + " paragraph " + std::to_string(number), without_soft_hyphens(std::move(text))});
        for (const auto* box : boxes) blocks(*box, part, shown);
    }

    void inlines(const std::vector<Inline>& ins, std::string& text, std::vector<const std::vector<Block>*>& boxes, bool shown) {
        for (const auto& in : ins) {
            if (!shows(in)) continue;
            switch (in.kind) {
                case InlineKind::text: text += in.text; break;
                case InlineKind::tab:
                case InlineKind::positional_tab:
                case InlineKind::line_break: text += ' '; break;
                case InlineKind::footnote_ref:
                case InlineKind::endnote_ref:
                    if (shown && !in.id.empty() && seen_notes_.insert({in.kind == InlineKind::endnote_ref, in.id}).second)
                        referenced_.emplace_back(in.kind == InlineKind::endnote_ref, in.id);
                    text += ' ';
                    break;
                case InlineKind::drawing:
                    if (!in.blocks.empty()) boxes.push_back(&in.blocks);
                    break;
                case InlineKind::field:
                    if (computed_field(in.field_type)) {
                        text += ' ';
                        break;
                    }
                    inlines(in.children, text, boxes, shown);
                    break;
                case InlineKind::hyperlink:
                case InlineKind::content_control:
                case InlineKind::inserted: inlines(in.children, text, boxes, shown); break;
                default: break;
            }
        }
    }

    const Document& doc_;
    bool headers_footers_;
    std::map<std::string, int> numbers_;  // w:p elements seen per part
    std::vector<std::pair<bool, std::string>> referenced_;  // (endnote, id) in reference order
    std::set<std::pair<bool, std::string>> seen_notes_;
    std::vector<VisibleParagraph> out_;
};

}  // namespace

std::vector<VisibleParagraph> visible_paragraphs(const Document& doc, bool headers_footers) {
    return Walker(doc, headers_footers).run();
}

}  // namespace allies::writers

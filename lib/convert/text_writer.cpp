// Plain text: one line per paragraph, list labels, table rows as
// tab-separated cells, note references as [n] and the notes at the end.
#include <string>

#include "allies/convert.hpp"
#include "ooxml/visible.hpp"

namespace allies {

namespace {

using writers::NoteNumbers;
using writers::shows;

class TextWriter {
public:
    explicit TextWriter(const Document& doc) : doc_(doc), notes_(doc) {}

    std::string run() {
        blocks(doc_.body, out_);
        auto foot = notes_.footnotes();
        auto end = notes_.endnotes();
        if (!foot.empty() || !end.empty()) out_ += "\n";
        // Notes may reference further notes; render until no new ones appear.
        std::size_t done_f = 0, done_e = 0;
        while (done_f < foot.size() || done_e < end.size()) {
            for (; done_f < foot.size(); ++done_f) note(foot[done_f], "");
            for (; done_e < end.size(); ++done_e) note(end[done_e], "e");
            foot = notes_.footnotes();
            end = notes_.endnotes();
        }
        return out_;
    }

private:
    void note(const std::pair<int, const Note*>& n, const char* prefix) {
        std::string body;
        blocks(n.second->blocks, body, true);
        while (!body.empty() && body.back() == '\n') body.pop_back();
        body.erase(0, body.find_first_not_of(" \t"));
        out_ += "[" + std::string(prefix) + std::to_string(n.first) + "] " + body + "\n";
    }

    void blocks(const std::vector<Block>& bs, std::string& out, bool in_note = false) {
        for (const auto& b : bs) block(b, out, in_note);
    }

    void block(const Block& b, std::string& out, bool in_note) {
        switch (b.kind) {
            case BlockKind::paragraph:
                if (!writers::deleted_whole(b.paragraph)) paragraph(b.paragraph, out, in_note);
                break;
            case BlockKind::table: table(b.table, out); break;
            case BlockKind::content_control:
            case BlockKind::inserted: blocks(b.children, out, in_note); break;
            case BlockKind::deleted: break;
        }
    }

    void paragraph(const Paragraph& p, std::string& out, bool in_note) {
        std::vector<const std::vector<Block>*> boxes;
        std::string line;
        if (!p.list_label.empty()) line = p.list_label + (p.bullet ? " " : "\t");
        inlines(p.inlines, line, boxes, in_note);
        out += writers::without_soft_hyphens(std::move(line));
        out += '\n';
        for (const auto* box : boxes) blocks(*box, out, in_note);
    }

    void table(const Table& t, std::string& out) {
        for (const auto& row : t.rows) {
            std::string line;
            bool first = true;
            for (const auto& cell : row.cells) {
                if (!first) line += '\t';
                first = false;
                if (cell.vmerge == TableCell::VMerge::continue_) continue;
                std::string text;
                blocks(cell.blocks, text);
                while (!text.empty() && text.back() == '\n') text.pop_back();
                for (auto& c : text)
                    if (c == '\n' || c == '\t') c = ' ';
                line += text;
                // A cell spanning columns keeps the following cells aligned.
                for (int k = 1; k < cell.grid_span; ++k) line += '\t';
            }
            out += line + '\n';
        }
    }

    void inlines(const std::vector<Inline>& ins, std::string& line, std::vector<const std::vector<Block>*>& boxes,
                 bool in_note) {
        for (const auto& in : ins) {
            if (!shows(in)) continue;
            switch (in.kind) {
                case InlineKind::text: line += in.text; break;
                case InlineKind::tab:
                case InlineKind::positional_tab: line += '\t'; break;
                case InlineKind::line_break: line += '\n'; break;
                case InlineKind::page_break:
                case InlineKind::column_break: break;
                case InlineKind::footnote_ref:
                    if (!in_note || !in.id.empty()) line += "[" + std::to_string(notes_.footnote(in.id)) + "]";
                    break;
                case InlineKind::endnote_ref:
                    if (!in_note || !in.id.empty()) line += "[e" + std::to_string(notes_.endnote(in.id)) + "]";
                    break;
                case InlineKind::drawing:
                    if (!in.blocks.empty()) boxes.push_back(&in.blocks);
                    break;
                case InlineKind::hyperlink:
                case InlineKind::field:
                case InlineKind::content_control:
                case InlineKind::inserted: inlines(in.children, line, boxes, in_note); break;
                default: break;
            }
        }
    }

    const Document& doc_;
    NoteNumbers notes_;
    std::string out_;
};

}  // namespace

std::string to_text(const Document& doc) { return TextWriter(doc).run(); }

}  // namespace allies

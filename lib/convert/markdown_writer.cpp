// GitHub-flavoured Markdown: ATX headings from outline levels, lists with
// Word's labels, emphasis, links, images (alt text), GFM pipe tables with
// merged cells left empty, and footnotes as [^n].
#include <string>

#include "allies/convert.hpp"
#include "ooxml/visible.hpp"

namespace allies {

namespace {

using writers::NoteNumbers;
using writers::shows;

struct Span {
    std::string text;
    bool bold = false, italic = false, strike = false, code = false;
    bool raw = false;  // already Markdown (links, images, note refs)
};

std::string escape(std::string_view s, bool in_table) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
                out += '\\';
                out += c;
                break;
            case '|':
                out += in_table ? "\\|" : "|";
                break;
            default: out += c;
        }
    }
    return out;
}

// A line starting with these would be read as a block marker; escape it.
std::string escape_line_start(std::string s) {
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) return s;
    char c = s[i];
    if (c == '#' || c == '-' || c == '+' || c == '=' || c == '~') return s.insert(i, "\\");
    std::size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j > i && j < s.size() && (s[j] == '.' || s[j] == ')')) return s.insert(j, "\\");
    return s;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// Wraps runs of equal formatting in markers, keeping edge spaces outside
// (CommonMark does not accept "** bold**").
std::string render_spans(const std::vector<Span>& spans) {
    std::string out;
    std::size_t i = 0;
    while (i < spans.size()) {
        const Span& s = spans[i];
        if (s.raw || (!s.bold && !s.italic && !s.strike)) {
            out += s.text;
            ++i;
            continue;
        }
        std::string body;
        std::size_t j = i;
        while (j < spans.size() && !spans[j].raw && spans[j].bold == s.bold && spans[j].italic == s.italic &&
               spans[j].strike == s.strike) {
            body += spans[j].text;
            ++j;
        }
        std::size_t a = 0, b = body.size();
        while (a < b && is_space(body[a])) ++a;
        while (b > a && is_space(body[b - 1])) --b;
        std::string open = std::string(s.strike ? "~~" : "") + (s.bold ? "**" : "") + (s.italic ? "*" : "");
        std::string close(open.rbegin(), open.rend());
        out += body.substr(0, a);
        if (b > a) out += open + body.substr(a, b - a) + close;
        out += body.substr(b);
        i = j;
    }
    return out;
}

std::string link_destination(const std::string& url) {
    if (url.find_first_of(" ()<>") == std::string::npos) return url;
    std::string out = "<";
    for (char c : url) out += (c == '<' || c == '>') ? '_' : c;
    return out + ">";
}

class MarkdownWriter {
public:
    explicit MarkdownWriter(const Document& doc) : doc_(doc), notes_(doc) {}

    std::string run() {
        blocks(doc_.body, out_, false);
        std::size_t done_f = 0, done_e = 0;
        for (;;) {
            auto foot = notes_.footnotes();
            auto end = notes_.endnotes();
            if (done_f >= foot.size() && done_e >= end.size()) break;
            for (; done_f < foot.size(); ++done_f) note("^", foot[done_f]);
            for (; done_e < end.size(); ++done_e) note("^e", end[done_e]);
        }
        while (out_.size() > 1 && out_[out_.size() - 1] == '\n' && out_[out_.size() - 2] == '\n') out_.pop_back();
        return out_;
    }

private:
    void note(const char* prefix, const std::pair<int, const Note*>& n) {
        std::string body;
        blocks(n.second->blocks, body, true);
        while (!body.empty() && body.back() == '\n') body.pop_back();
        body.erase(0, body.find_first_not_of(" \t"));
        // Continuation paragraphs of a note are indented by four spaces.
        std::string indented;
        for (char c : body) {
            indented += c;
            if (c == '\n') indented += "    ";
        }
        out_ += "[" + std::string(prefix) + std::to_string(n.first) + "]: " + indented + "\n\n";
    }

    void blocks(const std::vector<Block>& bs, std::string& out, bool in_note) {
        for (const auto& b : bs) {
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
    }

    std::string paragraph_text(const Paragraph& p, std::vector<const std::vector<Block>*>& boxes, bool in_note,
                               bool in_table) {
        std::vector<Span> spans;
        inlines(p.inlines, spans, boxes, in_note, in_table, false);
        return writers::without_soft_hyphens(render_spans(spans));
    }

    void paragraph(const Paragraph& p, std::string& out, bool in_note) {
        std::vector<const std::vector<Block>*> boxes;
        std::string text = paragraph_text(p, boxes, in_note, false);
        // Hard line breaks inside a paragraph: backslash-newline (CommonMark).
        std::string with_breaks;
        for (char c : text) {
            if (c == '\n') with_breaks += "\\\n";
            else with_breaks += c;
        }
        text = with_breaks;
        bool blank = text.find_first_not_of(" \t\\\n") == std::string::npos;
        int level = p.props.outline_level;
        if (level >= 0 && !in_note && !blank) {
            std::string label = p.list_label.empty() ? "" : escape(p.list_label, false) + " ";
            for (auto& c : text)
                if (c == '\n') c = ' ';
            out += std::string(static_cast<std::size_t>(std::min(level + 1, 6)), '#') + " " + label + text + "\n\n";
        } else if (!p.list_label.empty() || (p.list_level >= 0 && !blank)) {
            std::string indent(static_cast<std::size_t>(std::max(0, p.list_level)) * 4, ' ');
            std::string marker;
            const std::string& l = p.list_label;
            bool ordered = !l.empty() && std::isdigit(static_cast<unsigned char>(l[0])) &&
                           l.find_first_not_of("0123456789") == l.size() - 1 && (l.back() == '.' || l.back() == ')');
            if (p.bullet || l.empty()) marker = "- ";
            else if (ordered) marker = l + " ";
            else marker = "- " + escape(l, false) + " ";
            std::string body;
            for (char c : text) {
                body += c;
                if (c == '\n') body += indent + "    ";
            }
            out += indent + marker + body + "\n\n";
        } else if (!blank) {
            out += escape_line_start(text) + "\n\n";
        }
        for (const auto* box : boxes) blocks(*box, out, in_note);
    }

    std::string cell_text(const TableCell& cell) {
        std::string out;
        std::vector<const std::vector<Block>*> boxes;
        cell_blocks(cell.blocks, out, boxes);
        for (const auto* box : boxes) cell_blocks(*box, out, boxes);
        return out;
    }

    void cell_blocks(const std::vector<Block>& bs, std::string& out, std::vector<const std::vector<Block>*>& boxes) {
        for (const auto& b : bs) {
            std::string piece;
            if (b.kind == BlockKind::paragraph) {
                piece = b.paragraph.list_label.empty() ? "" : escape(b.paragraph.list_label, true) + " ";
                piece += paragraph_text(b.paragraph, boxes, false, true);
            } else if (b.kind == BlockKind::table) {
                for (const auto& row : b.table.rows)
                    for (const auto& c : row.cells) {
                        std::string t = cell_text(c);
                        if (!t.empty()) piece += (piece.empty() ? "" : " ") + t;
                    }
            } else if (b.kind == BlockKind::content_control || b.kind == BlockKind::inserted) {
                cell_blocks(b.children, piece, boxes);
            }
            for (auto& c : piece)
                if (c == '\n') c = ' ';
            if (piece.find_first_not_of(" \t") == std::string::npos) continue;
            if (!out.empty()) out += "<br>";
            out += piece;
        }
    }

    void table(const Table& t, std::string& out) {
        if (t.rows.empty()) return;
        std::size_t cols = t.grid.size();
        std::vector<std::vector<std::string>> grid;
        for (const auto& row : t.rows) {
            std::vector<std::string> cells(static_cast<std::size_t>(std::max(0, row.grid_before)));
            for (const auto& cell : row.cells) {
                cells.push_back(cell.vmerge == TableCell::VMerge::continue_ ? std::string{} : cell_text(cell));
                for (int k = 1; k < cell.grid_span; ++k) cells.emplace_back();
            }
            cols = std::max(cols, cells.size());
            grid.push_back(std::move(cells));
        }
        if (cols == 0) return;
        auto emit = [&](const std::vector<std::string>& cells) {
            out += "|";
            for (std::size_t c = 0; c < cols; ++c) out += " " + (c < cells.size() ? cells[c] : std::string{}) + " |";
            out += "\n";
        };
        emit(grid[0]);
        out += "|";
        for (std::size_t c = 0; c < cols; ++c) out += " --- |";
        out += "\n";
        for (std::size_t r = 1; r < grid.size(); ++r) emit(grid[r]);
        out += "\n";
    }

    void inlines(const std::vector<Inline>& ins, std::vector<Span>& spans,
                 std::vector<const std::vector<Block>*>& boxes, bool in_note, bool in_table, bool in_link) {
        for (const auto& in : ins) {
            if (!shows(in)) continue;
            switch (in.kind) {
                case InlineKind::text: {
                    Span s;
                    s.text = escape(in.text, in_table);
                    s.bold = in.props.bold && !in_link;
                    s.italic = in.props.italic && !in_link;
                    s.strike = (in.props.strike || in.props.double_strike) && !in_link;
                    spans.push_back(std::move(s));
                    break;
                }
                case InlineKind::tab:
                case InlineKind::positional_tab: spans.push_back(Span{" ", false, false, false, false, true}); break;
                case InlineKind::line_break:
                    spans.push_back(Span{in_table ? "<br>" : "\n", false, false, false, false, true});
                    break;
                case InlineKind::footnote_ref:
                    if (!in.id.empty())
                        spans.push_back(Span{"[^" + std::to_string(notes_.footnote(in.id)) + "]", false, false, false,
                                             false, true});
                    break;
                case InlineKind::endnote_ref:
                    if (!in.id.empty())
                        spans.push_back(Span{"[^e" + std::to_string(notes_.endnote(in.id)) + "]", false, false, false,
                                             false, true});
                    break;
                case InlineKind::drawing:
                    if (!in.image_part.empty())
                        spans.push_back(Span{"![" + escape(in.alt_text.empty() ? in.title : in.alt_text, in_table) +
                                                 "](" + link_destination(in.image_part) + ")",
                                             false, false, false, false, true});
                    if (!in.blocks.empty()) boxes.push_back(&in.blocks);
                    break;
                case InlineKind::hyperlink:
                case InlineKind::field: {
                    std::string url = in.target;
                    if (url.empty() && !in.anchor.empty()) url = "#" + in.anchor;
                    bool link = !url.empty() && !in_link &&
                                (in.kind == InlineKind::hyperlink || in.field_type == "HYPERLINK");
                    if (!link) {
                        inlines(in.children, spans, boxes, in_note, in_table, in_link);
                        break;
                    }
                    std::vector<Span> inner;
                    inlines(in.children, inner, boxes, in_note, in_table, true);
                    std::string text = render_spans(inner);
                    if (text.find_first_not_of(" \t\n") == std::string::npos) {
                        spans.push_back(Span{text, false, false, false, false, true});
                        break;
                    }
                    spans.push_back(Span{"[" + text + "](" + link_destination(url) + ")", false, false, false, false,
                                         true});
                    break;
                }
                case InlineKind::content_control:
                case InlineKind::inserted: inlines(in.children, spans, boxes, in_note, in_table, in_link); break;
                default: break;
            }
        }
    }

    const Document& doc_;
    NoteNumbers notes_;
    std::string out_;
};

}  // namespace

std::string to_markdown(const Document& doc) { return MarkdownWriter(doc).run(); }

}  // namespace allies

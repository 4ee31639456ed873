// The document model as JSON (schemas/document.schema.json). Properties
// equal to their defaults are omitted to keep the output small; keys are
// written in a fixed order so output is deterministic.
#include <string>

#include "allies/convert.hpp"
#include "allies/error.hpp"
#include "text/encode.hpp"

namespace allies {

namespace {

class Json {
public:
    std::string out;

    void str(std::string_view s) { text::append_json_string(out, s); }
    void key(std::string_view k) {
        comma();
        str(k);
        out += ':';
        fresh_ = true;
    }
    void open(char c) {
        comma();
        out += c;
        fresh_ = true;
    }
    void close(char c) {
        out += c;
        fresh_ = false;
    }
    void value(std::string_view s) {
        comma();
        str(s);
    }
    void value(long long n) {
        comma();
        out += std::to_string(n);
    }
    void boolean(bool b) {
        comma();
        out += b ? "true" : "false";
    }
    // Members written only when they differ from the default.
    void opt(std::string_view k, std::string_view s) {
        if (!s.empty()) {
            key(k);
            value(s);
        }
    }
    // Without this overload a string literal would pick opt(..., bool).
    void opt(std::string_view k, const char* s) { opt(k, std::string_view(s)); }
    void opt(std::string_view k, bool b) {
        if (b) {
            key(k);
            boolean(true);
        }
    }
    void num(std::string_view k, long long n) {
        key(k);
        value(n);
    }

private:
    void comma() {
        if (!fresh_) out += ',';
        fresh_ = false;
    }
    bool fresh_ = true;
};

const char* alignment_name(Alignment a) {
    switch (a) {
        case Alignment::left: return "left";
        case Alignment::center: return "center";
        case Alignment::right: return "right";
        case Alignment::both: return "both";
        case Alignment::distribute: return "distribute";
    }
    return "left";
}

const char* inline_kind_name(InlineKind k) {
    switch (k) {
        case InlineKind::text: return "text";
        case InlineKind::tab: return "tab";
        case InlineKind::line_break: return "line_break";
        case InlineKind::page_break: return "page_break";
        case InlineKind::column_break: return "column_break";
        case InlineKind::positional_tab: return "positional_tab";
        case InlineKind::footnote_ref: return "footnote_ref";
        case InlineKind::endnote_ref: return "endnote_ref";
        case InlineKind::drawing: return "drawing";
        case InlineKind::hyperlink: return "hyperlink";
        case InlineKind::field: return "field";
        case InlineKind::content_control: return "content_control";
        case InlineKind::inserted: return "inserted";
        case InlineKind::deleted: return "deleted";
        case InlineKind::bookmark_start: return "bookmark_start";
        case InlineKind::bookmark_end: return "bookmark_end";
        case InlineKind::comment_start: return "comment_start";
        case InlineKind::comment_end: return "comment_end";
        case InlineKind::comment_ref: return "comment_ref";
    }
    return "text";
}

class ModelWriter {
public:
    Json j;

    void document(const Document& d) {
        j.open('{');
        j.key("format");
        j.value("allies-document");
        j.key("version");
        j.value(1);
        j.key("main_part");
        j.value(d.main_part);
        j.key("core");
        j.open('{');
        j.opt("title", d.core.title);
        j.opt("subject", d.core.subject);
        j.opt("creator", d.core.creator);
        j.opt("keywords", d.core.keywords);
        j.opt("description", d.core.description);
        j.opt("last_modified_by", d.core.last_modified_by);
        j.opt("created", d.core.created);
        j.opt("modified", d.core.modified);
        j.opt("language", d.core.language);
        j.close('}');
        j.key("sections");
        j.open('[');
        for (const auto& s : d.sections) section(s);
        j.close(']');
        j.key("body");
        blocks(d.body);
        j.key("headers_footers");
        j.open('[');
        for (const auto& [part, hf] : d.headers_footers) {
            j.open('{');
            j.key("part");
            j.value(part);
            j.key("blocks");
            blocks(hf.blocks);
            j.close('}');
        }
        j.close(']');
        j.key("footnotes");
        notes(d.footnotes);
        j.key("endnotes");
        notes(d.endnotes);
        j.key("comments");
        notes(d.comments);
        j.key("warnings");
        j.open('[');
        for (const auto& w : d.warnings) j.value(w);
        j.close(']');
        j.close('}');
    }

private:
    void section(const Section& s) {
        j.open('{');
        j.num("first_block", static_cast<long long>(s.first_block));
        j.num("page_width", s.page_width);
        j.num("page_height", s.page_height);
        j.opt("landscape", s.landscape);
        j.key("margins");
        j.open('{');
        j.num("top", s.margin_top);
        j.num("bottom", s.margin_bottom);
        j.num("left", s.margin_left);
        j.num("right", s.margin_right);
        j.num("header", s.margin_header);
        j.num("footer", s.margin_footer);
        j.num("gutter", s.gutter);
        j.close('}');
        j.num("columns", s.columns);
        j.num("column_space", s.column_space);
        j.key("type");
        j.value(s.type);
        j.opt("title_page", s.title_page);
        for (const auto* list : {&s.headers, &s.footers}) {
            j.key(list == &s.headers ? "headers" : "footers");
            j.open('[');
            for (const auto& hf : *list) {
                j.open('{');
                j.key("type");
                j.value(hf.type);
                j.key("part");
                j.value(hf.part);
                j.close('}');
            }
            j.close(']');
        }
        j.close('}');
    }

    void notes(const std::vector<Note>& ns) {
        j.open('[');
        for (const auto& n : ns) {
            j.open('{');
            j.key("id");
            j.value(n.id);
            j.opt("note_type", n.type);
            j.opt("author", n.author);
            j.opt("initials", n.initials);
            j.opt("date", n.date);
            j.key("blocks");
            blocks(n.blocks);
            j.close('}');
        }
        j.close(']');
    }

    void blocks(const std::vector<Block>& bs) {
        j.open('[');
        for (const auto& b : bs) block(b);
        j.close(']');
    }

    void border(const char* name, const Border& b) {
        if (!b.present()) return;
        j.key(name);
        j.open('{');
        j.key("style");
        j.value(b.style);
        j.num("size", b.size);
        j.opt("color", b.color);
        j.close('}');
    }

    void run_props(const RunProps& r) {
        j.opt("font", r.font_ascii);
        j.num("size", r.size);
        j.opt("bold", r.bold);
        j.opt("italic", r.italic);
        j.opt("underline", r.underline);
        j.opt("strike", r.strike || r.double_strike);
        j.opt("caps", r.caps);
        j.opt("small_caps", r.small_caps);
        j.opt("hidden", r.hidden);
        j.opt("color", r.color);
        j.opt("highlight", r.highlight);
        if (!r.shading.fill.empty() && r.shading.fill != "auto") j.opt("shading", r.shading.fill);
        if (r.vertical_align != VerticalAlign::baseline)
            j.opt("vertical_align", r.vertical_align == VerticalAlign::superscript ? "superscript" : "subscript");
        j.opt("style", r.style_id);
        j.opt("lang", r.lang);
    }

    void block(const Block& b) {
        j.open('{');
        switch (b.kind) {
            case BlockKind::paragraph: {
                const Paragraph& p = b.paragraph;
                const ParaProps& pp = p.props;
                j.key("type");
                j.value("paragraph");
                j.opt("style", pp.style_id);
                if (pp.outline_level >= 0) j.num("outline_level", pp.outline_level);
                if (!p.list_label.empty() || p.list_level >= 0) {
                    j.key("list");
                    j.open('{');
                    j.key("label");
                    j.value(p.list_label);
                    j.num("level", p.list_level);
                    j.num("num_id", pp.numbering.num_id);
                    j.opt("bullet", p.bullet);
                    j.close('}');
                }
                j.key("alignment");
                j.value(alignment_name(pp.alignment));
                j.key("indent");
                j.open('{');
                j.num("left", pp.indent_left);
                j.num("right", pp.indent_right);
                j.num("first_line", pp.indent_first_line);
                j.num("hanging", pp.indent_hanging);
                j.close('}');
                j.key("spacing");
                j.open('{');
                j.num("before", pp.space_before);
                j.num("after", pp.space_after);
                j.num("line", pp.line);
                j.key("line_rule");
                j.value(pp.line_rule == LineRule::auto_ ? "auto" : pp.line_rule == LineRule::exact ? "exact" : "atLeast");
                j.opt("contextual", pp.contextual_spacing);
                j.opt("before_auto", pp.space_before_auto);
                j.opt("after_auto", pp.space_after_auto);
                j.close('}');
                j.opt("keep_next", pp.keep_next);
                j.opt("keep_lines", pp.keep_lines);
                j.opt("page_break_before", pp.page_break_before);
                if (!pp.widow_control) {
                    j.key("widow_control");
                    j.boolean(false);
                }
                j.opt("bidi", pp.bidi);
                j.opt("section_end", p.section_end);
                border("border_top", pp.border_top);
                border("border_bottom", pp.border_bottom);
                border("border_left", pp.border_left);
                border("border_right", pp.border_right);
                if (!pp.shading.fill.empty() && pp.shading.fill != "auto") j.opt("shading", pp.shading.fill);
                if (!pp.tabs.empty()) {
                    j.key("tabs");
                    j.open('[');
                    for (const auto& t : pp.tabs) {
                        j.open('{');
                        j.key("alignment");
                        j.value(t.alignment);
                        j.num("position", t.position);
                        j.opt("leader", t.leader);
                        j.close('}');
                    }
                    j.close(']');
                }
                j.key("run");
                j.open('{');
                run_props(pp.run);
                j.close('}');
                j.key("inlines");
                inlines(p.inlines);
                break;
            }
            case BlockKind::table: {
                const Table& t = b.table;
                j.key("type");
                j.value("table");
                j.opt("style", t.style_id);
                j.key("grid");
                j.open('[');
                for (auto w : t.grid) j.value(w);
                j.close(']');
                if (t.width) j.num("width", t.width);
                j.opt("width_type", t.width_type);
                j.key("alignment");
                j.value(alignment_name(t.alignment));
                border("border_top", t.border_top);
                border("border_bottom", t.border_bottom);
                border("border_left", t.border_left);
                border("border_right", t.border_right);
                border("border_inside_h", t.border_inside_h);
                border("border_inside_v", t.border_inside_v);
                j.key("rows");
                j.open('[');
                for (const auto& r : t.rows) {
                    j.open('{');
                    j.opt("header", r.header);
                    if (r.height) j.num("height", r.height);
                    if (r.grid_before) j.num("grid_before", r.grid_before);
                    j.key("cells");
                    j.open('[');
                    for (const auto& c : r.cells) {
                        j.open('{');
                        if (c.grid_span > 1) j.num("grid_span", c.grid_span);
                        if (c.vmerge != TableCell::VMerge::none) {
                            j.key("vmerge");
                            j.value(c.vmerge == TableCell::VMerge::restart ? "restart" : "continue");
                        }
                        if (c.width) j.num("width", c.width);
                        if (!c.shading.fill.empty() && c.shading.fill != "auto") j.opt("shading", c.shading.fill);
                        j.opt("vertical_align", c.vertical_align);
                        j.key("blocks");
                        blocks(c.blocks);
                        j.close('}');
                    }
                    j.close(']');
                    j.close('}');
                }
                j.close(']');
                break;
            }
            case BlockKind::content_control:
            case BlockKind::inserted:
            case BlockKind::deleted:
                j.key("type");
                j.value(b.kind == BlockKind::content_control ? "content_control"
                        : b.kind == BlockKind::inserted      ? "inserted"
                                                             : "deleted");
                j.opt("tag", b.tag);
                j.opt("alias", b.alias);
                j.key("blocks");
                blocks(b.children);
                break;
        }
        j.close('}');
    }

    void inlines(const std::vector<Inline>& ins) {
        j.open('[');
        for (const auto& in : ins) {
            j.open('{');
            j.key("type");
            j.value(inline_kind_name(in.kind));
            switch (in.kind) {
                case InlineKind::text:
                    j.key("text");
                    j.value(in.text);
                    run_props(in.props);
                    break;
                case InlineKind::field:
                    j.key("instruction");
                    j.value(in.text);
                    j.opt("field_type", in.field_type);
                    j.opt("target", in.target);
                    j.opt("anchor", in.anchor);
                    break;
                case InlineKind::hyperlink:
                    j.opt("target", in.target);
                    j.opt("anchor", in.anchor);
                    j.opt("tooltip", in.tooltip);
                    break;
                case InlineKind::content_control:
                    j.opt("tag", in.tag);
                    j.opt("alias", in.alias);
                    break;
                case InlineKind::inserted:
                case InlineKind::deleted:
                    j.opt("author", in.author);
                    j.opt("date", in.date);
                    break;
                case InlineKind::drawing:
                    j.opt("image_part", in.image_part);
                    j.opt("alt_text", in.alt_text);
                    j.opt("title", in.title);
                    j.num("width_emu", in.width);
                    j.num("height_emu", in.height);
                    j.opt("anchored", in.anchored);
                    if (!in.blocks.empty()) {
                        j.key("blocks");
                        blocks(in.blocks);
                    }
                    break;
                case InlineKind::bookmark_start:
                    j.opt("id", in.id);
                    j.opt("name", in.text);
                    break;
                case InlineKind::bookmark_end:
                case InlineKind::comment_start:
                case InlineKind::comment_end:
                case InlineKind::comment_ref:
                case InlineKind::footnote_ref:
                case InlineKind::endnote_ref: j.opt("id", in.id); break;
                default: break;
            }
            if (!in.children.empty()) {
                j.key("children");
                inlines(in.children);
            }
            j.close('}');
        }
        j.close(']');
    }
};

}  // namespace

std::string to_json(const Document& doc) {
    ModelWriter w;
    w.document(doc);
    w.j.out += '\n';
    return std::move(w.j.out);
}

bool parse_output_format(std::string_view name, OutputFormat& out) {
    if (name == "text" || name == "txt" || name == "plain") out = OutputFormat::text;
    else if (name == "markdown" || name == "md" || name == "gfm") out = OutputFormat::markdown;
    else if (name == "json") out = OutputFormat::json;
    else if (name == "html" || name == "htm") out = OutputFormat::html;
    else if (name == "pdf") out = OutputFormat::pdf;
    else return false;
    return true;
}

bool as_text_format(OutputFormat format, TextFormat& out) {
    switch (format) {
        case OutputFormat::text: out = TextFormat::text; return true;
        case OutputFormat::markdown: out = TextFormat::markdown; return true;
        case OutputFormat::json: out = TextFormat::json; return true;
        case OutputFormat::html:
        case OutputFormat::pdf: return false;
    }
    return false;
}

std::string convert(const Document& doc, TextFormat format) {
    switch (format) {
        case TextFormat::text: return to_text(doc);
        case TextFormat::markdown: return to_markdown(doc);
        case TextFormat::json: return to_json(doc);
    }
    return {};
}

}  // namespace allies

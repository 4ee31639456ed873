#include "body_reader.hpp"

#include <algorithm>
#include <cmath>

#include "package/package_impl.hpp"
#include "text/encode.hpp"
#include "float_format.hpp"
#include "form_controls.hpp"
#include "symbol_fonts.hpp"
#include "visible.hpp"
#include "xml_util.hpp"

namespace allies::ooxml {

// An open complex field (§17.16.18): fldChar begin … instrText … separate
// … result … end. Fields nest and may span runs, containers and paragraphs.
struct StoryReader::FieldFrame {
    Inline node;
    bool in_result = false;
    std::vector<Inline>* parent = nullptr;
    pugi::xml_node ffdata;  // form field data of the begin fldChar (§17.16.17)
};

namespace {

// Markup-compatibility namespaces we understand in an mc:Choice (§M.2.2 of
// Part 3); anything else falls back to mc:Fallback.
bool understood(std::string_view requires_list) {
    static constexpr std::string_view known[] = {"wps", "wpg", "wpc", "wp14", "w14", "w15", "a14", "v", "w10", "o",
                                                 "m", "mc", "w", "r", "a", "pic", "wp"};
    std::size_t i = 0;
    while (i < requires_list.size()) {
        while (i < requires_list.size() && requires_list[i] == ' ') ++i;
        std::size_t j = i;
        while (j < requires_list.size() && requires_list[j] != ' ') ++j;
        if (j > i) {
            auto token = requires_list.substr(i, j - i);
            if (std::find(std::begin(known), std::end(known), token) == std::end(known)) return false;
        }
        i = j;
    }
    return true;
}

// Pushes n's children so that an iterative walk pops them in document order.
void push_children(std::vector<pugi::xml_node>& stack, pugi::xml_node n) {
    for (auto c = n.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
}

// The branch of mc:AlternateContent to read: the first understood Choice,
// else the Fallback; never both.
pugi::xml_node chosen_branch(pugi::xml_node ac) {
    for (auto c : ac.children("mc:Choice"))
        if (understood(attr(c, "Requires"))) return c;
    return ac.child("mc:Fallback");
}

// w:sym (§17.3.3.30): a symbol font's character, written as U+F0xx or as
// the font's own code, shown as the Unicode character it draws.
std::string symbol_text(pugi::xml_node sym) {
    std::string font(attr(sym, "w:font"));
    unsigned code = static_cast<unsigned>(std::strtoul(std::string(attr(sym, "w:char")).c_str(), nullptr, 16));
    if (std::string mapped = symbol_font_char(font, code); !mapped.empty()) return mapped;
    if (code >= 0xF000 && code <= 0xF0FF) code -= 0xF000;
    std::string out;
    if (is_symbol_font(font) && font != "Symbol") return "\u2022";  // an ornament we do not know: a bullet
    if (code >= 0x20) text::append_utf8(out, static_cast<char32_t>(code));
    return out;
}

// Picture bytes by their signature: a Windows metafile (placeable or plain
// WMF, EMF) or a raster the layout draws (PNG, JPEG, GIF, BMP, TIFF).
enum class PictureBytes { metafile, raster, other };

PictureBytes picture_bytes(const Package& pkg, const std::string& part) {
    if (part.empty() || !pkg.has_part(part)) return PictureBytes::other;
    std::string_view b = pkg.part_bytes(part);
    auto starts = [&](std::string_view s) { return b.substr(0, s.size()) == s; };
    auto u16 = [&](std::size_t at) { return at + 2 <= b.size() ? static_cast<unsigned>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8) : 0u; };
    if (starts("\xD7\xCD\xC6\x9A") || (b.size() >= 44 && starts(std::string_view("\x01\x00\x00\x00", 4)) && b.substr(40, 4) == " EMF") ||
        ((u16(0) == 1 || u16(0) == 2) && u16(2) == 9 && (u16(4) == 0x0100 || u16(4) == 0x0300)))
        return PictureBytes::metafile;
    if (starts("\x89PNG") || starts("\xFF\xD8\xFF") || starts("GIF8") || starts("BM") || starts(std::string_view("II*\0", 4)) ||
        starts(std::string_view("MM\0*", 4)))
        return PictureBytes::raster;
    return PictureBytes::other;
}

// The first raster picture referenced in the tree under n: a DrawingML blip
// (a:blip, a14:imgLayer: r:embed) or a VML image (v:imagedata: r:id, r:pict).
std::string raster_under(const Package& pkg, const std::string& source, pugi::xml_node n) {
    std::vector<pugi::xml_node> stack{n};
    for (std::size_t seen = 0; !stack.empty() && seen < 100000; ++seen) {
        auto c = stack.back();
        stack.pop_back();
        std::string_view cn = c.name();
        std::string_view id = cn == "a:blip" || cn == "a14:imgLayer" ? attr(c, "r:embed")
                              : cn == "v:imagedata"                 ? attr(c, "r:id")
                                                                    : std::string_view();
        if (cn == "v:imagedata" && id.empty()) id = attr(c, "r:pict");
        if (!id.empty())
            if (auto rel = pkg.relationship_by_id(source, id); rel && !rel->external)
                if (picture_bytes(pkg, rel->target_part) == PictureBytes::raster) return rel->target_part;
        push_children(stack, c);
    }
    return {};
}

}  // namespace

std::string field_type_of(std::string_view instr) {
    std::size_t i = 0;
    while (i < instr.size() && (instr[i] == ' ' || instr[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < instr.size() && instr[j] != ' ' && instr[j] != '\t' && instr[j] != '\\') ++j;
    std::string t(instr.substr(i, j - i));
    for (auto& c : t) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return t;
}

void hyperlink_field_target(std::string_view instr, std::string& target, std::string& anchor) {
    // HYPERLINK "url" [\l "anchor"] [\o "tooltip"] (§17.16.5.25)
    std::vector<std::string> args;
    std::size_t i = 0;
    while (i < instr.size()) {
        while (i < instr.size() && instr[i] == ' ') ++i;
        if (i >= instr.size()) break;
        std::string tok;
        if (instr[i] == '"') {
            ++i;
            while (i < instr.size() && instr[i] != '"') tok += instr[i++];
            ++i;
        } else {
            while (i < instr.size() && instr[i] != ' ') tok += instr[i++];
        }
        args.push_back(tok);
    }
    for (std::size_t k = 1; k < args.size(); ++k) {
        if (args[k] == "\\l" && k + 1 < args.size()) anchor = args[++k];
        else if ((args[k] == "\\o" || args[k] == "\\t") && k + 1 < args.size()) ++k;
        else if (!args[k].empty() && args[k][0] != '\\' && target.empty()) target = args[k];
    }
}

StoryReader::StoryReader(ReadContext& ctx, std::string part) : ctx_(ctx), part_(std::move(part)) {}
StoryReader::~StoryReader() = default;

std::vector<Inline>* StoryReader::sink(std::vector<Inline>& out) {
    // Fields opened inside the current container are above `base_`.
    if (fields_.size() > base_) {
        auto& top = *fields_.back();
        return top.in_result ? &top.node.children : nullptr;
    }
    return &out;
}

void StoryReader::append_text(std::vector<Inline>& out, std::string_view text, const RunProps& props,
                              pugi::xml_node node) {
    std::vector<Inline>* dst = sink(out);
    if (!dst || text.empty()) return;
    Inline in;
    in.kind = InlineKind::text;
    in.text = text;
    in.props = props;
    in.ref = ref_of(node, part_);
    dst->push_back(std::move(in));
}

void StoryReader::container_closing(std::vector<Inline>* closing, std::vector<Inline>* parent) {
    for (auto& f : fields_)
        if (f->parent == closing) f->parent = parent;
}

void StoryReader::flush_fields_at_paragraph_end(std::vector<Inline>& out) {
    if (fields_.empty()) return;
    for (std::size_t i = fields_.size(); i-- > 0;) {
        auto& f = *fields_[i];
        std::vector<Inline>* parent = i == 0 ? &out : f.parent;
        if (parent && !f.node.children.empty()) {
            parent->push_back(f.node);
            f.node.children.clear();
        }
    }
    for (std::size_t i = 0; i < fields_.size(); ++i)
        fields_[i]->parent = i == 0 ? nullptr : &fields_[i - 1]->node.children;
}

std::vector<Block> StoryReader::read_blocks(pugi::xml_node container, const std::string& table_style) {
    std::vector<Block> out;
    for (auto n : container.children()) read_block(n, out, table_style);
    flush_drop_cap(out);
    return out;
}

// A drop cap with no paragraph after it to start (a table follows, or the
// story ends): its letters stay a paragraph of their own, never lost.
void StoryReader::flush_drop_cap(std::vector<Block>& out) {
    if (drop_cap_.empty()) return;
    Block b;
    b.kind = BlockKind::paragraph;
    b.paragraph.inlines = std::move(drop_cap_);
    drop_cap_.clear();
    drop_format_ = DropCap{};
    out.push_back(std::move(b));
}

void StoryReader::read_block(pugi::xml_node n, std::vector<Block>& out, const std::string& table_style) {
    std::string_view name = n.name();
    if (name == "w:p") {
        Block b;
        b.kind = BlockKind::paragraph;
        b.paragraph = read_paragraph(n, table_style);
        b.ref = b.paragraph.ref;
        // A drop cap is a framed paragraph holding the first letter(s) of the
        // next one (§17.3.1.11); readers see one paragraph, "Drop", not "D rop".
        auto frame = n.child("w:pPr").child("w:framePr");
        std::string_view drop = attr(frame, "w:dropCap");
        if (drop == "drop" || drop == "margin") {
            for (auto& in : b.paragraph.inlines) drop_cap_.push_back(std::move(in));
            drop_format_.lines = static_cast<std::int32_t>(std::clamp<long long>(integer(attr(frame, "w:lines"), 3), 1, 10));
            drop_format_.in_margin = drop == "margin";
            drop_format_.space = std::clamp<Twips>(twips(frame, "w:hSpace"), 0, 1440);
            drop_format_.height = b.paragraph.props.line_rule == LineRule::exact
                                      ? std::clamp<Twips>(b.paragraph.props.line, 0, 14400)
                                      : 0;
            return;
        }
        if (!drop_cap_.empty()) {
            drop_format_.inlines = static_cast<std::int32_t>(std::min<std::size_t>(drop_cap_.size(), 1u << 20));
            b.paragraph.drop_cap = drop_format_;
            drop_format_ = DropCap{};
            b.paragraph.inlines.insert(b.paragraph.inlines.begin(), std::make_move_iterator(drop_cap_.begin()),
                                       std::make_move_iterator(drop_cap_.end()));
            drop_cap_.clear();
        }
        out.push_back(std::move(b));
    } else if (name == "w:tbl") {
        flush_drop_cap(out);
        Block b;
        b.kind = BlockKind::table;
        b.table = read_table(n);
        b.ref = b.table.ref;
        out.push_back(std::move(b));
    } else if (name == "w:sdt") {
        Block b;
        b.kind = BlockKind::content_control;
        auto pr = n.child("w:sdtPr");
        b.tag = val(pr.child("w:tag"));
        b.alias = val(pr.child("w:alias"));
        b.ref = ref_of(n, part_);
        for (auto c : n.child("w:sdtContent").children()) read_block(c, b.children, table_style);
        show_block_content_control(b.children, pr, ctx_.styles.run(ctx_.styles.paragraph({}, table_style), pr.child("w:rPr")));
        out.push_back(std::move(b));
    } else if (name == "w:customXml" || name == "w:smartTag") {
        for (auto c : n.child("w:customXmlContent") ? n.child("w:customXmlContent").children() : n.children())
            read_block(c, out, table_style);
    } else if (name == "w:ins" || name == "w:moveTo" || name == "w:del" || name == "w:moveFrom") {
        Block b;
        b.kind = (name == "w:ins" || name == "w:moveTo") ? BlockKind::inserted : BlockKind::deleted;
        b.ref = ref_of(n, part_);
        for (auto c : n.children()) read_block(c, b.children, table_style);
        out.push_back(std::move(b));
    } else if (name == "mc:AlternateContent") {
        for (auto c : chosen_branch(n).children()) read_block(c, out, table_style);
    } else if (name == "w:altChunk") {
        ctx_.warnings.push_back(part_ + ": w:altChunk content (an embedded foreign document) is not read");
    }
    // Ignored on purpose: w:sectPr (read by the document reader), bookmark and
    // range marks between blocks, w:proofErr, w:permStart/End.
}

Paragraph StoryReader::read_paragraph(pugi::xml_node p, const std::string& table_style) {
    Paragraph para;
    para.ref = ref_of(p, part_);
    auto ppr = p.child("w:pPr");
    para.props = ctx_.styles.paragraph(ppr, table_style, conditional_);
    para.section_end = static_cast<bool>(ppr.child("w:sectPr"));
    if (!fields_.empty()) fields_[0]->parent = &para.inlines;
    std::size_t saved_base = base_;
    base_ = 0;
    read_inlines(p, para.props, para.inlines);
    flush_fields_at_paragraph_end(para.inlines);
    base_ = saved_base;
    auto mark = ppr.child("w:rPr");
    para.mark_deleted = mark.child("w:del") || mark.child("w:moveFrom");
    if (mark) para.mark_props = std::make_shared<const RunProps>(ctx_.styles.run(para.props, mark));
    // A deleted paragraph that leaves nothing is not numbered either.
    const bool gone = para.mark_deleted && !writers::has_visible_content(para.inlines);

    const NumberingRef& nref = para.props.numbering;
    if (nref.num_id > 0 && !gone) {
        // Labels in words (ordinalText: "Первый") are in the paragraph's
        // language: its mark's w:lang, else its style's or the defaults'.
        std::string language = para.mark_props ? para.mark_props->lang : para.props.run.lang;
        if (language.empty()) language = para.props.run.lang;
        if (auto label = ctx_.numbering.next_label(nref, language)) {
            para.list_label = label->text;
            para.bullet = label->bullet;
            RunProps label_props = para.props.run;
            apply_rpr(label_props, label->level.rpr_node, ctx_.styles.theme());
            // A symbol-font bullet is already its Unicode character: it is
            // drawn in the paragraph's font (the symbol font's codes would not be).
            if (is_symbol_font(label_props.font_ascii) || is_symbol_font(label_props.font_hansi)) {
                label_props.font_ascii = para.props.run.font_ascii;
                label_props.font_hansi = para.props.run.font_hansi;
            }
            para.label_props = std::make_shared<const RunProps>(std::move(label_props));
            para.list_level = nref.level;
            // The level's indents apply under the paragraph's direct ones.
            ParaProps merged = para.props;
            apply_ppr(merged, label->level.ppr_node);
            // Attribute by attribute: a paragraph that sets only its right
            // indent keeps the level's left indent and hanging.
            auto ind = ppr.child("w:ind");
            if (!ind.attribute("w:left") && !ind.attribute("w:start")) para.props.indent_left = merged.indent_left;
            if (!ind.attribute("w:hanging") && !ind.attribute("w:firstLine")) {
                para.props.indent_hanging = merged.indent_hanging;
                para.props.indent_first_line = merged.indent_first_line;
            }
            if (para.props.tabs.empty()) para.props.tabs = merged.tabs;
        }
    }
    return para;
}

void StoryReader::read_inlines(pugi::xml_node parent, const ParaProps& para, std::vector<Inline>& out) {
    for (auto n : parent.children()) read_inline(n, para, out);
}

void StoryReader::read_inline(pugi::xml_node n, const ParaProps& para, std::vector<Inline>& out) {
    std::string_view name = n.name();
    if (name == "w:r") {
        read_run(n, para, out);
        return;
    }

    // Containers: hyperlink, simple field, sdt, tracked changes, wrappers.
    InlineKind kind;
    bool transparent = false;
    if (name == "w:hyperlink") kind = InlineKind::hyperlink;
    else if (name == "w:fldSimple") kind = InlineKind::field;
    else if (name == "w:sdt") kind = InlineKind::content_control;
    else if (name == "w:ins" || name == "w:moveTo") kind = InlineKind::inserted;
    else if (name == "w:del" || name == "w:moveFrom") kind = InlineKind::deleted;
    else if (name == "w:smartTag" || name == "w:customXml" || name == "w:dir" || name == "w:bdo") {
        kind = InlineKind::text;
        transparent = true;
    } else if (name == "mc:AlternateContent") {
        read_inlines(chosen_branch(n), para, out);
        return;
    } else if (name == "m:oMath" || name == "m:oMathPara") {
        read_math(n, para, out);
        return;
    } else if (name == "w:bookmarkStart" || name == "w:bookmarkEnd" || name == "w:commentRangeStart" ||
               name == "w:commentRangeEnd") {
        std::vector<Inline>* dst = sink(out);
        if (!dst) return;
        Inline mark;
        mark.kind = name == "w:bookmarkStart"     ? InlineKind::bookmark_start
                    : name == "w:bookmarkEnd"     ? InlineKind::bookmark_end
                    : name == "w:commentRangeStart" ? InlineKind::comment_start
                                                    : InlineKind::comment_end;
        mark.id = attr(n, "w:id");
        mark.text = attr(n, "w:name");
        mark.ref = ref_of(n, part_);
        dst->push_back(std::move(mark));
        return;
    } else {
        return;  // w:proofErr, w:permStart/End, range marks of moves, unknown extensions
    }

    if (transparent) {
        for (auto c : n.children()) {
            std::string_view cn = c.name();
            if (cn == "w:smartTagPr" || cn == "w:customXmlPr") continue;
            read_inline(c, para, out);
        }
        return;
    }

    std::vector<Inline>* parent = sink(out);
    Inline in;
    in.kind = kind;
    in.ref = ref_of(n, part_);
    pugi::xml_node content = n;
    if (kind == InlineKind::hyperlink) {
        in.anchor = attr(n, "w:anchor");
        in.tooltip = attr(n, "w:tooltip");
        if (auto id = attr(n, "r:id"); !id.empty())
            if (auto rel = ctx_.package.relationship_by_id(part_, id)) in.target = rel->target;
    } else if (kind == InlineKind::field) {
        in.text = attr(n, "w:instr");
        in.field_type = field_type_of(in.text);
        if (in.field_type == "HYPERLINK") hyperlink_field_target(in.text, in.target, in.anchor);
    } else if (kind == InlineKind::content_control) {
        auto pr = n.child("w:sdtPr");
        in.tag = val(pr.child("w:tag"));
        in.alias = val(pr.child("w:alias"));
        content = n.child("w:sdtContent");
    } else {
        in.author = attr(n, "w:author");
        in.date = attr(n, "w:date");
        in.id = attr(n, "w:id");
    }
    std::size_t saved_base = base_;
    base_ = fields_.size();
    read_inlines(content, para, in.children);
    base_ = saved_base;
    if (kind == InlineKind::field) show_form_field(in, {});
    else if (kind == InlineKind::content_control)
        show_content_control(in.children, n.child("w:sdtPr"), ctx_.styles.run(para, n.child("w:sdtPr").child("w:rPr")));
    container_closing(&in.children, parent);
    if (parent) parent->push_back(std::move(in));
}

void StoryReader::read_run(pugi::xml_node r, const ParaProps& para, std::vector<Inline>& out) {
    // The entries of a table of contents (the result of a TOC field, §17.16.5)
    // are links that look like their TOC paragraph style: Word does not draw
    // the Hyperlink character style that its \h switch puts on them.
    bool in_toc = std::any_of(fields_.begin(), fields_.end(),
                              [](const auto& f) { return f->in_result && f->node.field_type == "TOC"; });
    RunProps props = ctx_.styles.run(para, r.child("w:rPr"), !in_toc);
    std::string pending;  // adjacent text of this run is merged into one inline
    pugi::xml_node pending_node;
    auto flush = [&] {
        if (!pending.empty()) append_text(out, pending, props, pending_node);
        pending.clear();
        pending_node = {};
    };
    auto push = [&](InlineKind kind, pugi::xml_node node) {
        flush();
        if (auto* dst = sink(out)) {
            Inline in;
            in.kind = kind;
            in.props = props;
            in.ref = ref_of(node, part_);
            dst->push_back(std::move(in));
        }
    };
    for (auto c : r.children()) {
        std::string_view name = c.name();
        if (name == "w:t" || name == "w:delText") {
            if (!pending_node) pending_node = c;
            pending += c.text().get();
        } else if (name == "w:instrText" || name == "w:delInstrText") {
            if (!fields_.empty() && !fields_.back()->in_result) fields_.back()->node.text += c.text().get();
        } else if (name == "w:fldChar") {
            flush();
            std::string_view type = attr(c, "w:fldCharType");
            if (type == "begin") {
                auto f = std::make_unique<FieldFrame>();
                f->node.kind = InlineKind::field;
                f->node.ref = ref_of(c, part_);
                f->node.props = props;
                f->ffdata = c.child("w:ffData");
                f->parent = sink(out);
                fields_.push_back(std::move(f));
            } else if (type == "separate") {
                if (fields_.size() > 0) {
                    auto& f = *fields_.back();
                    f.in_result = true;
                    f.node.field_type = field_type_of(f.node.text);
                    if (f.node.field_type == "HYPERLINK") hyperlink_field_target(f.node.text, f.node.target, f.node.anchor);
                }
            } else if (type == "end") {
                if (!fields_.empty()) {
                    auto f = std::move(fields_.back());
                    fields_.pop_back();
                    if (base_ > fields_.size()) base_ = fields_.size();
                    if (!f->in_result) {  // no "separate": type and target not read yet
                        f->node.field_type = field_type_of(f->node.text);
                        if (f->node.field_type == "HYPERLINK")
                            hyperlink_field_target(f->node.text, f->node.target, f->node.anchor);
                    }
                    show_form_field(f->node, f->ffdata);
                    if (f->parent) f->parent->push_back(std::move(f->node));
                    // Keep the frame alive: containers may still point into it.
                    closed_fields_.push_back(std::move(f));
                }
            }
        } else if (name == "w:tab") {
            push(InlineKind::tab, c);
        } else if (name == "w:ptab") {
            push(InlineKind::positional_tab, c);
        } else if (name == "w:br") {
            std::string_view type = attr(c, "w:type");
            push(type == "page" ? InlineKind::page_break : type == "column" ? InlineKind::column_break
                                                                             : InlineKind::line_break,
                 c);
        } else if (name == "w:cr") {
            push(InlineKind::line_break, c);
        } else if (name == "w:sym") {
            if (!pending_node) pending_node = c;
            pending += symbol_text(c);
        } else if (name == "w:noBreakHyphen") {
            if (!pending_node) pending_node = c;
            pending += "\u2011";
        } else if (name == "w:softHyphen") {
            if (!pending_node) pending_node = c;
            pending += "\u00AD";
        } else if (name == "w:footnoteReference" || name == "w:endnoteReference") {
            flush();
            if (auto* dst = sink(out)) {
                Inline in;
                in.kind = name == "w:footnoteReference" ? InlineKind::footnote_ref : InlineKind::endnote_ref;
                in.id = attr(c, "w:id");
                in.props = props;
                in.ref = ref_of(c, part_);
                dst->push_back(std::move(in));
            }
        } else if (name == "w:commentReference") {
            flush();
            if (auto* dst = sink(out)) {
                Inline in;
                in.kind = InlineKind::comment_ref;
                in.id = attr(c, "w:id");
                in.ref = ref_of(c, part_);
                dst->push_back(std::move(in));
            }
        } else if (name == "w:drawing") {
            flush();
            read_drawing(c, props, out);
        } else if (name == "w:pict" || name == "w:object") {
            flush();
            read_vml(c, props, out);
        } else if (name == "mc:AlternateContent") {
            flush();
            auto branch = chosen_branch(c);
            std::vector<Inline>* dst = sink(out);
            std::size_t before = dst ? dst->size() : 0;
            for (auto b : branch.children()) {
                std::string_view bn = b.name();
                if (bn == "w:drawing") read_drawing(b, props, out);
                else if (bn == "w:pict" || bn == "w:object") read_vml(b, props, out);
                else if (bn == "w:t") append_text(out, b.text().get(), props, b);
                else if (bn == "w:sym") append_text(out, symbol_text(b), props, b);
            }
            // A metafile picture drawn from this branch: a raster in another
            // branch is its fallback (Word writes both for some pictures).
            for (std::size_t i = before; dst && i < dst->size(); ++i) {
                Inline& pic = (*dst)[i];
                if (pic.kind != InlineKind::drawing || picture_bytes(ctx_.package, pic.image_part) != PictureBytes::metafile)
                    continue;
                for (auto other : c.children()) {
                    if (other == branch) continue;
                    if (std::string fallback = raster_under(ctx_.package, part_, other); !fallback.empty()) {
                        set_fallback_picture(pic, std::move(fallback));
                        break;
                    }
                }
            }
        } else if (name == "w:ruby") {
            flush();
            for (auto rr : c.child("w:rubyBase").children("w:r")) read_run(rr, para, out);
        } else if (name == "w:footnoteRef" || name == "w:endnoteRef") {
            // The note's own number mark; the writers number notes themselves.
            push(name == "w:footnoteRef" ? InlineKind::footnote_ref : InlineKind::endnote_ref, c);
        }
        // Ignored on purpose: w:rPr, w:lastRenderedPageBreak, w:annotationRef,
        // w:separator / w:continuationSeparator (note separators), w:pgNum,
        // date/time parts (w:dayShort ...) which Word itself leaves blank here.
    }
    flush();
}

void StoryReader::read_drawing(pugi::xml_node drawing, const RunProps& props, std::vector<Inline>& out) {
    for (auto holder : drawing.children()) {
        std::string_view hn = holder.name();
        if (hn != "wp:inline" && hn != "wp:anchor") continue;
        Inline in;
        in.kind = InlineKind::drawing;
        in.props = props;
        in.ref = ref_of(holder, part_);
        in.anchored = hn == "wp:anchor";
        auto ext = holder.child("wp:extent");
        in.width = integer(attr(ext, "cx"));
        in.height = integer(attr(ext, "cy"));
        auto docpr = holder.child("wp:docPr");
        in.alt_text = attr(docpr, "descr");
        in.title = attr(docpr, "title");
        // The shape, when the graphic is one (not a group or a canvas).
        pugi::xml_node shape = holder.child("a:graphic").child("a:graphicData").child("wps:wsp");
        // Walk the graphic (iteratively) for the picture and any text boxes.
        PictureFormat format;
        bool formatted = false;
        std::vector<pugi::xml_node> unchosen, blips;  // where a metafile's raster fallback may be
        std::vector<pugi::xml_node> stack{holder.child("a:graphic")};
        while (!stack.empty()) {
            auto n = stack.back();
            stack.pop_back();
            std::string_view nn = n.name();
            if (nn == "a:blip" && in.image_part.empty()) {
                blips.push_back(n);
                std::string_view id = attr(n, "r:embed");
                if (id.empty()) id = attr(n, "r:link");
                if (!id.empty())
                    if (auto rel = ctx_.package.relationship_by_id(part_, id))
                        in.image_part = rel->external ? rel->target : rel->target_part;
                continue;
            }
            if (nn == "a:srcRect") {  // §20.1.8.55: cropping of the picture
                auto pct = [&](const char* a) {
                    return static_cast<std::int32_t>(std::clamp<long long>(integer(attr(n, a)), -1000000, 99000));
                };
                format.crop_left = pct("l");
                format.crop_top = pct("t");
                format.crop_right = pct("r");
                format.crop_bottom = pct("b");
                formatted = true;
                continue;
            }
            if (nn == "a:ln" && std::string_view(n.parent().name()) == "pic:spPr") {  // §20.1.2.2.24: picture outline
                if (!n.child("a:noFill")) {
                    auto fill = n.child("a:solidFill");
                    std::string colour(attr(fill.child("a:srgbClr"), "val"));
                    if (colour.empty()) colour = attr(fill.child("a:sysClr"), "lastClr");
                    if (auto scheme = attr(fill.child("a:schemeClr"), "val"); colour.empty() && !scheme.empty()) {
                        // DrawingML scheme names: tx1/bg1/tx2/bg2 or the theme's own.
                        static const std::pair<std::string_view, const char*> alias[] = {
                            {"tx1", "text1"}, {"bg1", "background1"}, {"tx2", "text2"}, {"bg2", "background2"}};
                        std::string name(scheme);
                        for (auto [a, full] : alias)
                            if (scheme == a) name = full;
                        auto it = ctx_.styles.theme().colors.find(name);
                        if (it != ctx_.styles.theme().colors.end()) colour = it->second;
                    }
                    if (fill && colour.size() == 6) {
                        format.outline_color = colour;
                        format.outline_width = std::clamp<Emu>(integer(attr(n, "w"), 9525), 0, 20 * 12700);
                        formatted = true;
                    }
                }
                continue;
            }
            if (nn == "dgm:relIds" && in.diagram_part.empty()) {
                if (auto rel = ctx_.package.relationship_by_id(part_, attr(n, "r:dm")); rel && !rel->external)
                    in.diagram_part = rel->target_part;
                continue;
            }
            if (nn == "c:chart" && in.chart_part.empty()) {
                if (auto rel = ctx_.package.relationship_by_id(part_, attr(n, "r:id")); rel && !rel->external)
                    in.chart_part = rel->target_part;
                continue;
            }
            if (nn == "w:txbxContent") {
                if (depth_ < 64) {
                    ++depth_;
                    StoryReader inner(ctx_, part_);
                    auto blocks = inner.read_blocks(n);
                    for (auto& b : blocks) in.blocks.push_back(std::move(b));
                    --depth_;
                }
                continue;
            }
            if (nn == "mc:AlternateContent") {
                auto chosen = chosen_branch(n);
                stack.push_back(chosen);
                for (auto other : n.children())
                    if (other != chosen) unchosen.push_back(other);
                continue;
            }
            push_children(stack, n);
        }
        if (picture_bytes(ctx_.package, in.image_part) == PictureBytes::metafile) {
            // The blip's own original (an a14:imgLayer under it), else a
            // picture in a markup-compatibility branch not taken.
            for (auto blip : blips)
                for (auto c : blip.children())
                    if (format.fallback_part.empty()) format.fallback_part = raster_under(ctx_.package, part_, c);
            for (auto other : unchosen)
                if (format.fallback_part.empty()) format.fallback_part = raster_under(ctx_.package, part_, other);
            formatted = formatted || !format.fallback_part.empty();
        }
        if (formatted && ctx_.picture_formats.size() < (1u << 24)) {
            in.picture_format = static_cast<std::int32_t>(ctx_.picture_formats.size());
            ctx_.picture_formats.push_back(std::move(format));
        }
        // A group or a drawing canvas: each of its shapes and pictures in
        // its place (the walk above gathered their text for the readers
        // of the text; the layout draws the children).
        auto data = holder.child("a:graphic").child("a:graphicData");
        if (auto group = data.child("wpg:wgp")) {
            auto xfrm = group.child("wpg:grpSpPr").child("a:xfrm");
            double ch_w = static_cast<double>(integer(attr(xfrm.child("a:chExt"), "cx")));
            double ch_h = static_cast<double>(integer(attr(xfrm.child("a:chExt"), "cy")));
            GroupFrame frame;
            frame.sx = ch_w > 0 && in.width > 0 ? static_cast<double>(in.width) / ch_w : 1;
            frame.sy = ch_h > 0 && in.height > 0 ? static_cast<double>(in.height) / ch_h : 1;
            frame.x0 = -static_cast<double>(integer(attr(xfrm.child("a:chOff"), "x"))) * frame.sx;
            frame.y0 = -static_cast<double>(integer(attr(xfrm.child("a:chOff"), "y"))) * frame.sy;
            read_group(group, frame, props, in.children, 0);
        } else if (auto canvas = data.child("wpc:wpc")) {
            read_group(canvas, GroupFrame{}, props, in.children, 0);  // children in EMU from the canvas's corner
        }
        // Position and wrap of an anchored object; fill, outline and insets
        // of a single shape.
        if ((in.anchored || shape) && ctx_.float_formats.size() < (1u << 24)) {
            in.float_format = static_cast<std::int32_t>(ctx_.float_formats.size());
            ctx_.float_formats.push_back(read_float_format(holder, shape, ctx_.styles.theme()));
        }
        if (auto* dst = sink(out)) dst->push_back(std::move(in));
    }
}

void StoryReader::read_group(pugi::xml_node group, const GroupFrame& frame, const RunProps& props,
                             std::vector<Inline>& out, int depth) {
    if (depth > 16) return;
    for (auto c : group.children()) {
        std::string_view cn = c.name();
        if (cn == "mc:AlternateContent") {
            read_group(chosen_branch(c), frame, props, out, depth + 1);
            continue;
        }
        pugi::xml_node xfrm;
        if (cn == "wps:wsp") xfrm = c.child("wps:spPr").child("a:xfrm");
        else if (cn == "pic:pic") xfrm = c.child("pic:spPr").child("a:xfrm");
        else if (cn == "wpg:grpSp") xfrm = c.child("wpg:grpSpPr").child("a:xfrm");
        else if (cn == "wpg:graphicFrame" || cn == "wpc:graphicFrame") xfrm = c.child(cn == "wpg:graphicFrame" ? "wpg:xfrm" : "wpc:xfrm");
        else continue;
        auto number = [&](pugi::xml_node n, const char* a) {
            return static_cast<double>(std::clamp<long long>(integer(attr(n, a)), -(1LL << 40), 1LL << 40));
        };
        const double x = frame.x0 + number(xfrm.child("a:off"), "x") * frame.sx;
        const double y = frame.y0 + number(xfrm.child("a:off"), "y") * frame.sy;
        const double w = number(xfrm.child("a:ext"), "cx") * frame.sx;
        const double h = number(xfrm.child("a:ext"), "cy") * frame.sy;
        if (cn == "wpg:grpSp") {  // a group in the group: its own child coordinates
            const double ch_w = number(xfrm.child("a:chExt"), "cx"), ch_h = number(xfrm.child("a:chExt"), "cy");
            GroupFrame inner;
            inner.sx = ch_w > 0 ? w / ch_w : frame.sx;
            inner.sy = ch_h > 0 ? h / ch_h : frame.sy;
            inner.x0 = x - number(xfrm.child("a:chOff"), "x") * inner.sx;
            inner.y0 = y - number(xfrm.child("a:chOff"), "y") * inner.sy;
            read_group(c, inner, props, out, depth + 1);
            continue;
        }
        if (w < 0 || h < 0 || w + h <= 0 || ctx_.float_formats.size() >= (1u << 24)) continue;  // a line may be flat
        Inline child;
        child.kind = InlineKind::drawing;
        child.props = props;
        child.ref = ref_of(c, part_);
        child.width = static_cast<Emu>(w);
        child.height = static_cast<Emu>(h);
        FloatFormat f = read_float_format(pugi::xml_node{}, cn == "wps:wsp" ? c : pugi::xml_node{}, ctx_.styles.theme());
        f.group_x = static_cast<Emu>(x);
        f.group_y = static_cast<Emu>(y);
        if (cn == "wps:wsp") {
            child.alt_text = attr(c.child("wps:cNvPr"), "descr");
            if (auto content = c.child("wps:txbx").child("w:txbxContent"); content && depth_ < 64) {
                ++depth_;
                StoryReader inner(ctx_, part_);
                child.blocks = inner.read_blocks(content);
                --depth_;
            }
        } else if (cn == "pic:pic") {
            child.alt_text = attr(c.child("pic:nvPicPr").child("pic:cNvPr"), "descr");
            auto blip = c.child("pic:blipFill").child("a:blip");
            std::string_view id = attr(blip, "r:embed");
            if (id.empty()) id = attr(blip, "r:link");
            if (!id.empty())
                if (auto rel = ctx_.package.relationship_by_id(part_, id))
                    child.image_part = rel->external ? rel->target : rel->target_part;
        } else {  // a chart in the group
            auto chart = c.child("a:graphic").child("a:graphicData").child("c:chart");
            if (auto rel = ctx_.package.relationship_by_id(part_, attr(chart, "r:id")); rel && !rel->external)
                child.chart_part = rel->target_part;
        }
        child.float_format = static_cast<std::int32_t>(ctx_.float_formats.size());
        ctx_.float_formats.push_back(std::move(f));
        out.push_back(std::move(child));
    }
}

void StoryReader::read_vml(pugi::xml_node pict, const RunProps& props, std::vector<Inline>& out) {
    Inline in;
    in.kind = InlineKind::drawing;
    in.props = props;
    in.ref = ref_of(pict, part_);
    // The outermost shape decides position, size, fill and stroke.
    pugi::xml_node outer;
    for (auto c : pict.children()) {
        std::string_view cn = c.name();
        if (cn == "v:shape" || cn == "v:rect" || cn == "v:roundrect" || cn == "v:oval" || cn == "v:line" ||
            cn == "v:group" || cn == "v:polyline") {
            outer = c;
            break;
        }
    }
    if (outer && ctx_.float_formats.size() < (1u << 24)) {
        Emu w = 0, h = 0;
        FloatFormat f = read_vml_format(outer, w, h);
        // A picture frame (v:imagedata) or an OLE preview is a picture, not
        // a shape: no fill or stroke of its own.
        bool picture = static_cast<bool>(outer.child("v:imagedata")) || std::string_view(outer.name()) == "v:group";
        if (picture) {
            f.fill.clear();
            f.line.clear();
            f.shape = false;  // a group draws its children (read_vml_group)
        }
        const bool group = std::string_view(outer.name()) == "v:group";
        if (f.anchored || !picture || group) {
            in.anchored = f.anchored;
            in.width = w;
            in.height = h;
            in.float_format = static_cast<std::int32_t>(ctx_.float_formats.size());
            ctx_.float_formats.push_back(std::move(f));
        }
        if (group && w > 0 && h > 0) read_vml_group(outer, vml_group_frame(outer, static_cast<double>(w), static_cast<double>(h), 0, 0), props, in.children, 0);
    }
    std::vector<pugi::xml_node> stack{pict};
    while (!stack.empty()) {
        auto n = stack.back();
        stack.pop_back();
        std::string_view nn = n.name();
        if (nn == "v:shape" || nn == "v:rect" || nn == "v:roundrect") {
            if (in.alt_text.empty()) in.alt_text = attr(n, "alt");
        }
        if (nn == "v:imagedata" && in.image_part.empty()) {
            // The picture's size is its shape's (an OLE object's preview, an
            // ActiveX control's picture); only for shapes in the line: an
            // absolutely positioned one would need its offsets too.
            auto shape = n.parent();
            std::string style(attr(shape, "style"));
            if (style.find("position:absolute") == std::string::npos || in.float_format >= 0) {
                if (Emu w = vml_length(style, "width"); w > 0 && in.width <= 0) in.width = w;
                if (Emu h = vml_length(style, "height"); h > 0 && in.height <= 0) in.height = h;
            }
            std::string_view id = attr(n, "r:id");
            if (id.empty()) id = attr(n, "r:pict");
            if (!id.empty())
                if (auto rel = ctx_.package.relationship_by_id(part_, id))
                    in.image_part = rel->external ? rel->target : rel->target_part;
            continue;
        }
        if (nn == "w:txbxContent") {
            StoryReader inner(ctx_, part_);
            for (auto& b : inner.read_blocks(n)) in.blocks.push_back(std::move(b));
            continue;
        }
        if (nn == "v:textpath") {  // WordArt: its text, as a paragraph of the shape
            if (std::string_view text = attr(n, "string"); !text.empty()) {
                Block b;
                b.kind = BlockKind::paragraph;
                b.paragraph.props.alignment = Alignment::center;
                b.paragraph.props.run = props;
                // The letters are the shape: drawn in its fill colour, as
                // tall as it (not a box with text in it).
                if (in.float_format >= 0) {
                    FloatFormat& f = ctx_.float_formats[static_cast<std::size_t>(in.float_format)];
                    b.paragraph.props.run.color = f.fill;
                    if (in.height > 0) {
                        // As tall as the shape, and narrow enough to stay on
                        // one line (capitals are about 0.75 em wide).
                        std::size_t letters = 0;
                        for (unsigned char c : text) letters += (c & 0xC0) != 0x80;
                        double points = static_cast<double>(in.height) / 12700.0 * 0.7;
                        if (in.width > 0 && letters > 0)
                            points = std::min(points, static_cast<double>(in.width) / 12700.0 / (0.75 * static_cast<double>(letters)));
                        b.paragraph.props.run.size = static_cast<HalfPoints>(std::clamp(points * 2, 8.0, 400.0));
                    }
                    b.paragraph.props.run.size_cs = b.paragraph.props.run.size;
                    b.paragraph.props.space_after = 0;
                    f.fill.clear();
                    f.line.clear();
                    f.inset_left = f.inset_right = f.inset_top = f.inset_bottom = 0;
                    f.text_anchor = "ctr";
                }
                b.paragraph.ref = ref_of(n, part_);
                b.ref = b.paragraph.ref;
                append_text(b.paragraph.inlines, text, b.paragraph.props.run, n);
                in.blocks.push_back(std::move(b));
            }
            continue;
        }
        push_children(stack, n);
    }
    if (auto* dst = sink(out)) dst->push_back(std::move(in));
}

StoryReader::GroupFrame StoryReader::vml_group_frame(pugi::xml_node group, double w, double h, double x, double y) {
    auto [cw, ch] = attr(group, "coordsize").empty() ? std::pair<double, double>{1000, 1000} : vml_pair(attr(group, "coordsize"));
    auto [ox, oy] = vml_pair(attr(group, "coordorigin"));
    GroupFrame f;
    f.sx = cw > 0 ? w / cw : 1;
    f.sy = ch > 0 ? h / ch : 1;
    f.x0 = x - ox * f.sx;
    f.y0 = y - oy * f.sy;
    return f;
}

void StoryReader::read_vml_group(pugi::xml_node group, const GroupFrame& frame, const RunProps& props,
                                 std::vector<Inline>& out, int depth) {
    if (depth > 16) return;
    for (auto c : group.children()) {
        std::string_view cn = c.name();
        const bool shape = cn == "v:shape" || cn == "v:rect" || cn == "v:roundrect" || cn == "v:oval" ||
                           cn == "v:line" || cn == "v:polyline" || cn == "v:image";
        if (!shape && cn != "v:group") continue;
        std::string style(attr(c, "style"));
        // Child boxes are in the group's coordinate units (bare numbers).
        double left = vml_number(style, "left"), top = vml_number(style, "top");
        double width = vml_number(style, "width"), height = vml_number(style, "height");
        if (cn == "v:line") {  // from="x1,y1" to="x2,y2", in the same units
            auto [x1, y1] = vml_pair(attr(c, "from"));
            auto [x2, y2] = vml_pair(attr(c, "to"));
            left = std::min(x1, x2);
            top = std::min(y1, y2);
            width = std::abs(x2 - x1);
            height = std::abs(y2 - y1);
        }
        const double x = frame.x0 + left * frame.sx, y = frame.y0 + top * frame.sy;
        const double w = width * frame.sx, h = height * frame.sy;
        if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(w) || !std::isfinite(h)) continue;
        if (cn == "v:group") {
            if (w > 0 && h > 0) read_vml_group(c, vml_group_frame(c, w, h, x, y), props, out, depth + 1);
            continue;
        }
        if (w < 0 || h < 0 || w + h <= 0 || ctx_.float_formats.size() >= (1u << 24)) continue;  // a line may be flat
        Inline child;
        child.kind = InlineKind::drawing;
        child.props = props;
        child.ref = ref_of(c, part_);
        child.width = static_cast<Emu>(std::min(w, 1e12));
        child.height = static_cast<Emu>(std::min(h, 1e12));
        child.alt_text = attr(c, "alt");
        Emu ignored_w = 0, ignored_h = 0;
        FloatFormat f = read_vml_format(c, ignored_w, ignored_h);
        f.anchored = false;  // placed in the group, not on the page
        f.h_offset = f.v_offset = 0;
        if (cn == "v:line" || (cn == "v:shape" && attr(c, "type") == "#_x0000_t32")) {
            f.geometry = "line";
            auto [x1, y1] = vml_pair(attr(c, "from"));
            auto [x2, y2] = vml_pair(attr(c, "to"));
            f.flip_v = (x2 - x1) * (y2 - y1) < 0;  // rising: from bottom left to top right
        }
        if (auto data = c.child("v:imagedata")) {  // a picture: no fill or stroke of its own
            f.fill.clear();
            f.line.clear();
            f.shape = false;
            std::string_view id = attr(data, "r:id");
            if (id.empty()) id = attr(data, "r:pict");
            if (!id.empty())
                if (auto rel = ctx_.package.relationship_by_id(part_, id))
                    child.image_part = rel->external ? rel->target : rel->target_part;
        }
        f.group_x = static_cast<Emu>(std::clamp(x, -1e12, 1e12));
        f.group_y = static_cast<Emu>(std::clamp(y, -1e12, 1e12));
        if (auto content = c.child("v:textbox").child("w:txbxContent"); content && depth_ < 64) {
            ++depth_;
            StoryReader inner(ctx_, part_);
            child.blocks = inner.read_blocks(content);
            --depth_;
        }
        child.float_format = static_cast<std::int32_t>(ctx_.float_formats.size());
        ctx_.float_formats.push_back(std::move(f));
        out.push_back(std::move(child));
    }
}

void StoryReader::set_fallback_picture(Inline& picture, std::string part) {
    if (picture.picture_format < 0) {
        if (ctx_.picture_formats.size() >= (1u << 24)) return;
        picture.picture_format = static_cast<std::int32_t>(ctx_.picture_formats.size());
        ctx_.picture_formats.emplace_back();
    }
    PictureFormat& f = ctx_.picture_formats[static_cast<std::size_t>(picture.picture_format)];
    if (f.fallback_part.empty()) f.fallback_part = std::move(part);
}

void StoryReader::read_math(pugi::xml_node math, const ParaProps& para, std::vector<Inline>& out) {
    // Office Math: keep the visible characters (m:t) in reading order.
    RunProps props = para.run;
    std::vector<pugi::xml_node> stack{math};
    std::string text;
    while (!stack.empty()) {
        auto n = stack.back();
        stack.pop_back();
        if (std::string_view(n.name()) == "m:t") {
            text += n.text().get();
            continue;
        }
        push_children(stack, n);
    }
    append_text(out, text, props, math);
}

Table StoryReader::read_table(pugi::xml_node tbl) {
    Table t;
    t.ref = ref_of(tbl, part_);
    auto pr = tbl.child("w:tblPr");
    t.style_id = val(pr.child("w:tblStyle"));
    if (t.style_id.empty())
        if (const Style* d = ctx_.styles.default_style("table")) t.style_id = d->id;
    for (auto col : tbl.child("w:tblGrid").children("w:gridCol")) t.grid.push_back(twips(col, "w:w"));
    auto apply_tblpr = [&](pugi::xml_node p) {
        if (!p) return;
        if (auto w = p.child("w:tblW")) {
            t.width = twips(w, "w:w");
            t.width_type = attr(w, "w:type");
        }
        if (auto jc = p.child("w:jc")) {
            std::string_view v = val(jc);
            t.alignment = v == "center" ? Alignment::center : (v == "right" || v == "end") ? Alignment::right
                                                                                          : Alignment::left;
        }
        if (auto ind = p.child("w:tblInd"); ind && attr(ind, "w:type") != "pct" && attr(ind, "w:type") != "auto")
            t.indent = std::clamp<Twips>(twips(ind, "w:w"), -31680, 31680);
        if (auto sp = p.child("w:tblCellSpacing"); sp && attr(sp, "w:type") != "pct" && attr(sp, "w:type") != "auto")
            t.cell_spacing = std::clamp<Twips>(twips(sp, "w:w"), 0, 1440);
        if (auto bv = p.child("w:bidiVisual")) t.bidi_visual = on_off(bv);
        if (auto b = p.child("w:tblBorders")) {
            if (auto x = b.child("w:top")) t.border_top = read_border(x, &ctx_.styles.theme());
            if (auto x = b.child("w:bottom")) t.border_bottom = read_border(x, &ctx_.styles.theme());
            if (auto x = b.child("w:left") ? b.child("w:left") : b.child("w:start")) t.border_left = read_border(x, &ctx_.styles.theme());
            if (auto x = b.child("w:right") ? b.child("w:right") : b.child("w:end")) t.border_right = read_border(x, &ctx_.styles.theme());
            if (auto x = b.child("w:insideH")) t.border_inside_h = read_border(x, &ctx_.styles.theme());
            if (auto x = b.child("w:insideV")) t.border_inside_v = read_border(x, &ctx_.styles.theme());
        }
        if (auto m = p.child("w:tblCellMar")) {
            if (auto x = m.child("w:top")) t.cell_margin_top = twips(x, "w:w");
            if (auto x = m.child("w:bottom")) t.cell_margin_bottom = twips(x, "w:w");
            if (auto x = m.child("w:left") ? m.child("w:left") : m.child("w:start")) t.cell_margin_left = twips(x, "w:w");
            if (auto x = m.child("w:right") ? m.child("w:right") : m.child("w:end")) t.cell_margin_right = twips(x, "w:w");
        }
    };
    // Table style chain first, then direct table properties.
    TableLook saved_look = look_;
    look_ = TableLook{};
    auto band_sizes = [&](pugi::xml_node p) {
        if (auto x = p.child("w:tblStyleRowBandSize")) look_.row_band = std::max(1, static_cast<int>(integer(val(x), 1)));
        if (auto x = p.child("w:tblStyleColBandSize")) look_.col_band = std::max(1, static_cast<int>(integer(val(x), 1)));
    };
    std::vector<const Style*> chain;
    for (const Style* s = ctx_.styles.find(t.style_id); s && chain.size() < 32;
         s = s->based_on.empty() ? nullptr : ctx_.styles.find(s->based_on))
        chain.push_back(s);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        apply_tblpr((*it)->tblpr);
        band_sizes((*it)->tblpr);
    }
    apply_tblpr(pr);
    band_sizes(pr);
    t.position = read_table_position(pr.child("w:tblpPr"));
    // w:tblLook: the hex mask (transitional) and the attributes (which win).
    // Absent, Word's default: first row, first column, banded rows (04A0).
    if (auto look = pr.child("w:tblLook")) {
        if (auto v = attr(look, "w:val"); !v.empty()) {
            unsigned long bits = std::strtoul(std::string(v).c_str(), nullptr, 16);
            look_.first_row = bits & 0x20;
            look_.last_row = bits & 0x40;
            look_.first_col = bits & 0x80;
            look_.last_col = bits & 0x100;
            look_.row_bands = !(bits & 0x200);
            look_.col_bands = !(bits & 0x400);
        }
        if (look.attribute("w:firstRow")) look_.first_row = on_off_attr(look, "w:firstRow");
        if (look.attribute("w:lastRow")) look_.last_row = on_off_attr(look, "w:lastRow");
        if (look.attribute("w:firstColumn")) look_.first_col = on_off_attr(look, "w:firstColumn");
        if (look.attribute("w:lastColumn")) look_.last_col = on_off_attr(look, "w:lastColumn");
        if (look.attribute("w:noHBand")) look_.row_bands = !on_off_attr(look, "w:noHBand");
        if (look.attribute("w:noVBand")) look_.col_bands = !on_off_attr(look, "w:noVBand");
    }
    // The rows the table shows, as read_row finds them (for "last row").
    std::vector<std::pair<pugi::xml_node, int>> stack;
    for (auto c = tbl.last_child(); c; c = c.previous_sibling()) stack.emplace_back(c, 0);
    while (!stack.empty()) {
        auto [n, depth] = stack.back();
        stack.pop_back();
        std::string_view name = n.name();
        if (name == "w:tr") {
            if (!n.child("w:trPr").child("w:del")) ++look_.rows;
        } else if ((name == "w:sdt" || name == "w:customXml" || name == "w:ins" || name == "w:moveTo") && depth < 16) {
            auto holder = name == "w:sdt" ? n.child("w:sdtContent") : n;
            for (auto c = holder.last_child(); c; c = c.previous_sibling()) stack.emplace_back(c, depth + 1);
        }
    }
    for (auto c : tbl.children()) read_row(c, t, t.style_id);
    look_ = saved_look;
    return t;
}

// The table style's formats for the cell at (row, col) of a table of
// look_.rows rows and a row of `cols` cells: shading and borders where the
// cell sets none itself; pPr/rPr kept in conditional_ for its paragraphs.
void StoryReader::apply_conditional(TableCell& cell, pugi::xml_node tcpr, const std::string& style, std::size_t row,
                                    std::size_t col, std::size_t cols) {
    if (style.empty()) return;
    const TableLook& L = look_;
    bool first_row = L.first_row && row == 0;
    bool last_row = L.last_row && L.rows > 1 && row + 1 == L.rows;
    bool first_col = L.first_col && col == 0;
    bool last_col = L.last_col && cols > 1 && col + 1 == cols;
    std::vector<std::string_view> types{"wholeTable"};
    if (L.col_bands && !first_col && !last_col) {
        std::size_t band = (col - (L.first_col ? 1 : 0)) / static_cast<std::size_t>(L.col_band);
        types.push_back(band % 2 == 0 ? "band1Vert" : "band2Vert");
    }
    if (L.row_bands && !first_row && !last_row) {
        std::size_t band = (row - (L.first_row ? 1 : 0)) / static_cast<std::size_t>(L.row_band);
        types.push_back(band % 2 == 0 ? "band1Horz" : "band2Horz");
    }
    if (first_col) types.push_back("firstCol");
    if (last_col) types.push_back("lastCol");
    if (first_row) types.push_back("firstRow");
    if (last_row) types.push_back("lastRow");
    if (first_row && last_col) types.push_back("neCell");
    if (first_row && first_col) types.push_back("nwCell");
    if (last_row && last_col) types.push_back("seCell");
    if (last_row && first_col) types.push_back("swCell");
    conditional_ = ctx_.styles.conditional_formats(style, types);
    // Cell properties: the style's own w:tcPr (base styles first), then the
    // conditional formats in order; later ones win.
    std::vector<pugi::xml_node> tcprs;
    std::vector<const Style*> chain;
    for (const Style* s = ctx_.styles.find(style); s && chain.size() < 32;
         s = s->based_on.empty() ? nullptr : ctx_.styles.find(s->based_on))
        chain.push_back(s);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) tcprs.push_back((*it)->tcpr);
    for (auto cond : conditional_) tcprs.push_back(cond.child("w:tcPr"));
    Shading shading;
    bool shaded = false;
    Border top, bottom, left, right;
    for (auto p : tcprs) {
        if (auto shd = p.child("w:shd")) {
            shading = read_shading(shd, &ctx_.styles.theme());
            shaded = true;
        }
        auto b = p.child("w:tcBorders");
        if (!b) continue;
        auto side = [&](Border& out, const char* own, const char* own_alt, const char* inside, bool inner) {
            pugi::xml_node n = b.child(own);
            if (!n && own_alt) n = b.child(own_alt);
            if (!n && inner) n = b.child(inside);
            if (n) out = read_border(n, &ctx_.styles.theme());
        };
        side(top, "w:top", nullptr, "w:insideH", row > 0);
        side(bottom, "w:bottom", nullptr, "w:insideH", row + 1 < L.rows);
        side(left, "w:left", "w:start", "w:insideV", col > 0);
        side(right, "w:right", "w:end", "w:insideV", col + 1 < cols);
    }
    if (shaded && !tcpr.child("w:shd")) cell.shading = shading;
    if (cell.border_top.style.empty()) cell.border_top = top;
    if (cell.border_bottom.style.empty()) cell.border_bottom = bottom;
    if (cell.border_left.style.empty()) cell.border_left = left;
    if (cell.border_right.style.empty()) cell.border_right = right;
}

void StoryReader::read_row(pugi::xml_node n, Table& t, const std::string& style) {
    std::string_view name = n.name();
    if (name == "w:sdt") {  // row-level content control: its rows are the table's
        for (auto c : n.child("w:sdtContent").children()) read_row(c, t, style);
        return;
    }
    if (name == "w:customXml" || name == "w:ins" || name == "w:moveTo") {
        for (auto c : n.children()) read_row(c, t, style);
        return;
    }
    if (name != "w:tr") return;
    TableRow row;
    row.ref = ref_of(n, part_);
    auto trpr = n.child("w:trPr");
    if (trpr.child("w:del")) return;  // a deleted row is gone once changes are accepted
    row.header = trpr.child("w:tblHeader") && on_off(trpr.child("w:tblHeader"));
    row.cant_split = trpr.child("w:cantSplit") && on_off(trpr.child("w:cantSplit"));
    if (auto h = trpr.child("w:trHeight")) {
        row.height = twips(h, "w:val");
        row.height_rule = attr(h, "w:hRule");
    }
    row.grid_before = static_cast<int>(integer(val(trpr.child("w:gridBefore"))));
    row.grid_after = static_cast<int>(integer(val(trpr.child("w:gridAfter"))));
    std::vector<pugi::xml_node> cells;
    for (auto c : n.children()) {
        std::string_view cn = c.name();
        if (cn == "w:tc") cells.push_back(c);
        else if (cn == "w:sdt")
            for (auto cc : c.child("w:sdtContent").children("w:tc")) cells.push_back(cc);
        else if (cn == "w:customXml")
            for (auto cc : c.children("w:tc")) cells.push_back(cc);
    }
    for (auto tc : cells) {
        TableCell cell;
        cell.ref = ref_of(tc, part_);
        auto tcpr = tc.child("w:tcPr");
        if (auto gs = tcpr.child("w:gridSpan")) cell.grid_span = std::max(1, static_cast<int>(integer(val(gs), 1)));
        if (auto vm = tcpr.child("w:vMerge"))
            cell.vmerge = val(vm) == "restart" ? TableCell::VMerge::restart : TableCell::VMerge::continue_;
        if (auto w = tcpr.child("w:tcW")) cell.width = twips(w, "w:w");
        cell.shading = read_shading(tcpr.child("w:shd"), &ctx_.styles.theme());
        if (auto b = tcpr.child("w:tcBorders")) {
            cell.border_top = read_border(b.child("w:top"), &ctx_.styles.theme());
            cell.border_bottom = read_border(b.child("w:bottom"), &ctx_.styles.theme());
            cell.border_left = read_border(b.child("w:left") ? b.child("w:left") : b.child("w:start"), &ctx_.styles.theme());
            cell.border_right = read_border(b.child("w:right") ? b.child("w:right") : b.child("w:end"), &ctx_.styles.theme());
        }
        if (auto m = tcpr.child("w:tcMar")) {
            if (auto x = m.child("w:top")) cell.margin_top = twips(x, "w:w");
            if (auto x = m.child("w:bottom")) cell.margin_bottom = twips(x, "w:w");
            if (auto x = m.child("w:left") ? m.child("w:left") : m.child("w:start")) cell.margin_left = twips(x, "w:w");
            if (auto x = m.child("w:right") ? m.child("w:right") : m.child("w:end")) cell.margin_right = twips(x, "w:w");
        }
        cell.vertical_align = val(tcpr.child("w:vAlign"));
        std::vector<pugi::xml_node> saved_conditional = std::move(conditional_);
        conditional_.clear();
        apply_conditional(cell, tcpr, style, t.rows.size(), row.cells.size(), cells.size());
        if (depth_ < 64) {
            ++depth_;
            cell.blocks = read_blocks(tc, style);
            --depth_;
        }
        conditional_ = std::move(saved_conditional);
        row.cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(row));
}

}  // namespace allies::ooxml

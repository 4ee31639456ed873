// Reads a story (document body, header, footer, note, comment) of
// WordprocessingML into model blocks (ECMA-376 Part 1 §17.3).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "allies/model.hpp"
#include "allies/package.hpp"
#include "numbering.hpp"
#include "styles.hpp"

namespace allies::ooxml {

struct ReadContext {
    const Package& package;
    const StyleSheet& styles;
    Numbering& numbering;
    std::vector<std::string>& warnings;
    std::vector<PictureFormat>& picture_formats;  // Document::picture_formats
    std::vector<FloatFormat>& float_formats;      // Document::float_formats
};

// One story: a sequence of block-level elements under `container` (w:body,
// w:hdr, w:ftr, w:footnote, w:comment, w:txbxContent, w:tc, w:sdtContent).
class StoryReader {
public:
    StoryReader(ReadContext& ctx, std::string part);
    ~StoryReader();
    std::vector<Block> read_blocks(pugi::xml_node container, const std::string& table_style = {});

private:
    struct FieldFrame;
    void read_block(pugi::xml_node n, std::vector<Block>& out, const std::string& table_style);
    void flush_drop_cap(std::vector<Block>& out);
    Paragraph read_paragraph(pugi::xml_node p, const std::string& table_style);
    Table read_table(pugi::xml_node tbl);
    void read_row(pugi::xml_node tr, Table& table, const std::string& style);
    void read_inlines(pugi::xml_node parent, const ParaProps& para, std::vector<Inline>& out);
    void read_inline(pugi::xml_node n, const ParaProps& para, std::vector<Inline>& out);
    void read_run(pugi::xml_node r, const ParaProps& para, std::vector<Inline>& out);
    void read_drawing(pugi::xml_node n, const RunProps& props, std::vector<Inline>& out);
    void read_vml(pugi::xml_node n, const RunProps& props, std::vector<Inline>& out);
    // How a group's child coordinates map to EMU from the drawn group's
    // top-left: x' = x0 + x * sx (a:xfrm's chOff/chExt against off/ext).
    struct GroupFrame {
        double x0 = 0, y0 = 0, sx = 1, sy = 1;
    };
    // The shapes and pictures of a group or canvas, each a drawing placed
    // in the group (FloatFormat::group_x/y), nested groups flattened.
    void read_group(pugi::xml_node group, const GroupFrame& frame, const RunProps& props, std::vector<Inline>& out,
                    int depth);
    // The same for a VML group (v:group): children placed by their style's
    // left/top/width/height in the group's coordsize/coordorigin units.
    void read_vml_group(pugi::xml_node group, const GroupFrame& frame, const RunProps& props, std::vector<Inline>& out,
                        int depth);
    // A v:group drawn w by h EMU at (x, y): its coordsize (default
    // 1000,1000) spans that box, its coordorigin at the corner.
    static GroupFrame vml_group_frame(pugi::xml_node group, double w, double h, double x, double y);
    void read_math(pugi::xml_node n, const ParaProps& para, std::vector<Inline>& out);
    // Where content goes now: the innermost open field's result, or `out`.
    std::vector<Inline>* sink(std::vector<Inline>& out);
    void flush_fields_at_paragraph_end(std::vector<Inline>& out);
    void container_closing(std::vector<Inline>* closing, std::vector<Inline>* parent);
    void append_text(std::vector<Inline>& out, std::string_view text, const RunProps& props, pugi::xml_node node);
    // Records a raster picture to draw where the picture's metafile cannot be.
    void set_fallback_picture(Inline& picture, std::string part);

    ReadContext& ctx_;
    std::string part_;
    std::vector<std::unique_ptr<FieldFrame>> fields_;
    std::vector<std::unique_ptr<FieldFrame>> closed_fields_;  // kept alive: see read_run
    std::size_t base_ = 0;  // fields_ entries opened outside the current container
    int depth_ = 0;
    std::vector<Inline> drop_cap_;  // inlines of a drop-cap frame awaiting their paragraph
    DropCap drop_format_;           // and how that frame sets them
    // Table style conditional formatting (§17.7.6, w:tblLook §17.4.56): which
    // parts of the table being read take their formats, and the formats of
    // the cell being read (its paragraphs apply their pPr/rPr).
    struct TableLook {
        bool first_row = true, last_row = false, first_col = true, last_col = false;
        bool row_bands = true, col_bands = false;
        int row_band = 1, col_band = 1;  // w:tblStyleRowBandSize, w:tblStyleColBandSize
        std::size_t rows = 0;            // rows the table shows
    };
    TableLook look_;
    std::vector<pugi::xml_node> conditional_;
    void apply_conditional(TableCell& cell, pugi::xml_node tcpr, const std::string& style, std::size_t row,
                           std::size_t col, std::size_t cols);
};

// Field instruction helpers (§17.16): type keyword and HYPERLINK targets.
std::string field_type_of(std::string_view instruction);
void hyperlink_field_target(std::string_view instruction, std::string& target, std::string& anchor);

}  // namespace allies::ooxml

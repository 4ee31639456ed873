// Top-level reader: follows the main document's relationships to its styles,
// numbering, theme, headers, footers, notes and comments (never fixed paths).
#include "allies/reader.hpp"

#include <algorithm>
#include <functional>

#include "body_reader.hpp"
#include "numbering.hpp"
#include "package/package_impl.hpp"
#include "styles.hpp"
#include "xml_util.hpp"

namespace allies {

namespace {

using namespace ooxml;

std::string first_target(const Package& pkg, const std::string& source, RelType type) {
    for (const auto& r : pkg.relationships_of_type(source, type))
        if (!r.external && pkg.has_part(r.target_part)) return r.target_part;
    return {};
}

Section read_section(pugi::xml_node sect, const Package& pkg, const std::string& main, std::size_t first_block) {
    Section s;
    s.ref = ref_of(sect, main);
    s.first_block = first_block;
    if (auto pg = sect.child("w:pgSz")) {
        s.page_width = twips(pg, "w:w", s.page_width);
        s.page_height = twips(pg, "w:h", s.page_height);
        s.landscape = attr(pg, "w:orient") == "landscape";
    }
    if (auto m = sect.child("w:pgMar")) {
        s.margin_top = twips(m, "w:top", s.margin_top);
        s.margin_bottom = twips(m, "w:bottom", s.margin_bottom);
        s.margin_left = twips(m, "w:left", s.margin_left);
        s.margin_right = twips(m, "w:right", s.margin_right);
        s.margin_header = twips(m, "w:header", s.margin_header);
        s.margin_footer = twips(m, "w:footer", s.margin_footer);
        s.gutter = twips(m, "w:gutter", 0);
    }
    if (auto g = sect.child("w:docGrid")) {  // §17.6.5: lines snap to a grid of linePitch
        s.grid_type = attr(g, "w:type");
        s.line_pitch = std::clamp<Twips>(twips(g, "w:linePitch"), 0, 1440);
    }
    if (auto c = sect.child("w:cols")) {
        s.columns = std::max(1, static_cast<int>(integer(attr(c, "w:num"), 1)));
        s.column_space = twips(c, "w:space", 720);
    }
    if (auto t = sect.child("w:type")) s.type = val(t);
    s.title_page = sect.child("w:titlePg") && on_off(sect.child("w:titlePg"));
    if (auto pg = sect.child("w:pgNumType")) {
        if (auto start = attr(pg, "w:start"); !start.empty()) s.page_start = static_cast<int>(std::clamp<long long>(integer(start, 1), 0, 1000000));
        s.page_format = attr(pg, "w:fmt");
    }
    for (auto ref : sect.children()) {
        std::string_view name = ref.name();
        if (name != "w:headerReference" && name != "w:footerReference") continue;
        auto rel = pkg.relationship_by_id(main, attr(ref, "r:id"));
        if (!rel || rel->external || !pkg.has_part(rel->target_part)) continue;
        HeaderFooterRef hf{std::string(attr(ref, "w:type")), rel->target_part};
        if (hf.type.empty()) hf.type = "default";
        (name == "w:headerReference" ? s.headers : s.footers).push_back(hf);
    }
    return s;
}

std::vector<Note> read_notes(ReadContext& ctx, const std::string& part, const char* element) {
    std::vector<Note> notes;
    if (part.empty()) return notes;
    auto root = xml(ctx.package, part).document_element();
    StoryReader reader(ctx, part);
    for (auto n : root.children(element)) {
        Note note;
        note.id = attr(n, "w:id");
        note.type = attr(n, "w:type");
        note.author = attr(n, "w:author");
        note.initials = attr(n, "w:initials");
        note.date = attr(n, "w:date");
        note.ref = ref_of(n, part);
        note.blocks = reader.read_blocks(n);
        notes.push_back(std::move(note));
    }
    return notes;
}

// fontTable.xml (§17.8.3): each declared font's family class, PANOSE,
// pitch, character set and alternate name, for choosing a look-alike of a
// font that is not installed. The first declaration of a name wins; at
// most kMaxFonts are kept (a real table has a few dozen).
std::map<std::string, FontDeclaration> read_font_table(const Package& pkg, const std::string& part) {
    constexpr std::size_t kMaxFonts = 4096;
    std::map<std::string, FontDeclaration> fonts;
    if (part.empty()) return fonts;
    for (auto f : xml(pkg, part).document_element().children("w:font")) {
        std::string name(attr(f, "w:name"));
        if (name.empty() || fonts.count(name)) continue;
        if (fonts.size() >= kMaxFonts) break;
        FontDeclaration d;
        d.family = val(f.child("w:family"));
        d.panose = val(f.child("w:panose1"));
        d.pitch = val(f.child("w:pitch"));
        d.charset = val(f.child("w:charset"));
        d.alt_name = val(f.child("w:altName"));
        fonts.emplace(std::move(name), std::move(d));
    }
    return fonts;
}

std::string child_text(pugi::xml_node root, const char* name) {
    return root.child(name).text().get();
}

}  // namespace

Document read_document(const Package& pkg) {
    Document doc;
    const std::string& main = pkg.main_document();
    doc.main_part = main;
    for (const auto& d : pkg.dropped_parts())
        doc.warnings.push_back(d.name + ": left out, it cannot be read (" + d.reason + ")");

    StyleSheet styles;
    styles.load(pkg, first_target(pkg, main, RelType::styles), first_target(pkg, main, RelType::theme));
    Numbering numbering;
    numbering.load(pkg, first_target(pkg, main, RelType::numbering), styles);
    ReadContext ctx{pkg, styles, numbering, doc.warnings, doc.picture_formats, doc.float_formats};

    auto root = xml(pkg, main).document_element();
    auto body = root.child("w:body");
    StoryReader reader(ctx, main);
    doc.body = reader.read_blocks(body);

    // Sections: each paragraph-level sectPr ends one; the body's last sectPr
    // describes the final section (§17.6.17).
    std::size_t first = 0;
    std::size_t index = 0;
    // Paragraph sectPrs inside block containers (content controls, custom
    // XML, tracked insertions) count too: Word puts whole sections in them.
    // A section ending inside a container starts its successor after it.
    std::function<void(pugi::xml_node, bool)> scan = [&](pugi::xml_node parent, bool top) {
        for (auto n : parent.children()) {
            std::string_view name = n.name();
            if (name == "w:p") {
                if (top) ++index;
                if (auto sect = n.child("w:pPr").child("w:sectPr")) {
                    doc.sections.push_back(read_section(sect, pkg, main, first));
                    first = index;  // nested: index already points past the container
                }
            } else if (name == "w:tbl") {
                if (top) ++index;
            } else if (name == "w:customXml" || name == "w:smartTag") {
                // Flattened into their parent's blocks, as the story reader does.
                auto content = n.child("w:customXmlContent");
                scan(content ? content : n, top);
            } else if (name == "w:sdt" || name == "w:ins" || name == "w:moveTo") {
                if (top) ++index;
                std::size_t before = doc.sections.size();
                scan(name == "w:sdt" ? n.child("w:sdtContent") : n, false);
                if (top && doc.sections.size() > before) first = index;
            } else if (name == "w:sectPr" && top) {
                doc.sections.push_back(read_section(n, pkg, main, first));
            }
        }
    };
    scan(body, true);
    // No final sectPr: the remaining blocks form a section with Word's defaults.
    if (!body.child("w:sectPr") && (doc.sections.empty() || first < index))
        doc.sections.push_back(read_section(pugi::xml_node(), pkg, main, first));

    for (const auto& s : doc.sections)
        for (const auto* list : {&s.headers, &s.footers})
            for (const auto& hf : *list) {
                if (doc.headers_footers.count(hf.part)) continue;
                StoryReader hr(ctx, hf.part);
                doc.headers_footers[hf.part] = HeaderFooter{hf.part, hr.read_blocks(xml(pkg, hf.part).document_element())};
            }

    doc.footnotes = read_notes(ctx, first_target(pkg, main, RelType::footnotes), "w:footnote");
    doc.endnotes = read_notes(ctx, first_target(pkg, main, RelType::endnotes), "w:endnote");
    doc.comments = read_notes(ctx, first_target(pkg, main, RelType::comments), "w:comment");

    auto note_formats = [&](pugi::xml_node holder) {
        if (auto f = attr(holder.child("w:footnotePr").child("w:numFmt"), "w:val"); !f.empty()) doc.footnote_format = f;
        if (auto f = attr(holder.child("w:endnotePr").child("w:numFmt"), "w:val"); !f.empty()) doc.endnote_format = f;
    };
    if (auto settings = first_target(pkg, main, RelType::settings); !settings.empty()) {
        auto root = xml(pkg, settings).document_element();
        doc.even_and_odd_headers = static_cast<bool>(root.child("w:evenAndOddHeaders"));
        if (auto shown = root.child("w:displayBackgroundShape"); shown && on_off(shown)) {
            std::string_view color = attr(body.parent().child("w:background"), "w:color");
            if (color.size() == 6 && color.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos)
                doc.background_color = color;
        }
        note_formats(root);
        doc.grid_in_tables = static_cast<bool>(root.child("w:compat").child("w:adjustLineHeightInTable"));
        doc.underline_trailing_spaces = static_cast<bool>(root.child("w:compat").child("w:ulTrailSpace"));
        for (auto set : root.child("w:compat").children("w:compatSetting"))
            if (attr(set, "w:name") == "compatibilityMode")
                doc.compatibility_mode = static_cast<int>(std::clamp<long long>(integer(attr(set, "w:val")), 0, 100));
    }
    note_formats(body.child("w:sectPr"));
    doc.fonts = read_font_table(pkg, first_target(pkg, main, RelType::font_table));

    if (auto core = first_target(pkg, "", RelType::core_properties); !core.empty()) {
        auto cp = xml(pkg, core).document_element();
        doc.core.title = child_text(cp, "dc:title");
        doc.core.subject = child_text(cp, "dc:subject");
        doc.core.creator = child_text(cp, "dc:creator");
        doc.core.keywords = child_text(cp, "cp:keywords");
        doc.core.description = child_text(cp, "dc:description");
        doc.core.last_modified_by = child_text(cp, "cp:lastModifiedBy");
        doc.core.created = child_text(cp, "dcterms:created");
        doc.core.modified = child_text(cp, "dcterms:modified");
        doc.core.language = child_text(cp, "dc:language");
    }
    return doc;
}

Document read_document_file(const std::string& path, const Limits& limits) {
    return read_document(Package::open_file(path, limits));
}

}  // namespace allies

// Sanitisation that happens whatever is marked: comments, revision ids,
// personal properties, settings data, custom XML, glossary, thumbnails,
// macros, embedded objects, image metadata, and every part that is
// unreferenced or of a type we do not understand.
#include <algorithm>
#include <sstream>
#include <cstring>
#include <deque>
#include <set>
#include <stdexcept>

#include "allies/error.hpp"
#include "package/package_impl.hpp"
#include "redact/image_metadata.hpp"
#include "redact/state.hpp"
#include "redact/xml_edit.hpp"

namespace allies::redact {
std::string placeholder_png();

namespace {
// An SVG picture (Word keeps one beside its PNG fallback): XML whose root is <svg>.
bool looks_like_svg(const std::string& bytes) {
    std::size_t k = bytes.find("<svg");
    return k != std::string::npos && k < 4096 && bytes.find("<w:") == std::string::npos;
}

// An SVG without what an editor hides in it: <metadata> (RDF authors),
// <title> and <desc>, comments and processing instructions, and every
// element and attribute outside the SVG and XLink namespaces (Inkscape's
// sodipodi:docname holds the file path). "" when it is not well-formed.
std::string strip_svg_metadata(const std::string& bytes) {
    pugi::xml_document doc;
    if (!doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_comments | pugi::parse_pi))
        return {};
    std::vector<pugi::xml_node> doomed;
    std::vector<std::pair<pugi::xml_node, pugi::xml_attribute>> doomed_attrs;
    auto foreign = [](std::string_view qname) {
        std::size_t colon = qname.find(':');
        if (colon == std::string_view::npos) return false;
        std::string_view prefix = qname.substr(0, colon);
        return prefix != "xlink" && prefix != "xml" && prefix != "xmlns" && prefix != "svg";
    };
    for_each_element(doc.document_element(), [&](pugi::xml_node n) {
        std::string_view name = n.name();
        std::string_view local = name.substr(name.find(':') == std::string_view::npos ? 0 : name.find(':') + 1);
        if (local == "metadata" || local == "title" || local == "desc" || foreign(name)) {
            doomed.push_back(n);
            return;
        }
        for (pugi::xml_attribute a : n.attributes())
            if (foreign(a.name())) doomed_attrs.emplace_back(n, a);
        for (pugi::xml_node c : n.children())
            if (c.type() == pugi::node_comment || c.type() == pugi::node_pi) doomed.push_back(c);
    });
    for (pugi::xml_node c : doc.children())
        if (c.type() == pugi::node_comment || c.type() == pugi::node_pi) doomed.push_back(c);
    for (auto& [n, a] : doomed_attrs) n.remove_attribute(a);
    // Outermost removals make inner ones moot: remove in reverse document order.
    for (auto it = doomed.rbegin(); it != doomed.rend(); ++it)
        if (it->parent()) it->parent().remove_child(*it);
    std::ostringstream out;
    doc.save(out, "", pugi::format_raw);
    return out.str();
}



std::string_view local(std::string_view name) {
    auto c = name.find(':');
    return c == std::string_view::npos ? name : name.substr(c + 1);
}

}  // namespace

// Relationship types we understand and keep when referenced.
bool understood(const Relationship& rel) {
    switch (classify_relationship(rel.type)) {
        case RelType::office_document: case RelType::styles: case RelType::numbering: case RelType::settings:
        case RelType::web_settings: case RelType::font_table: case RelType::theme: case RelType::header:
        case RelType::footer: case RelType::footnotes: case RelType::endnotes: case RelType::image:
        case RelType::hyperlink: case RelType::core_properties: case RelType::extended_properties:
        case RelType::chart: case RelType::diagram_data: case RelType::font:
            return true;
        default: break;
    }
    for (const char* s : {"/stylesWithEffects", "/themeOverride", "/chartStyle", "/chartColorStyle", "/diagramLayout",
                          "/diagramQuickStyle", "/diagramColors", "/diagramDrawing", "/chartUserShapes"})
        if (std::string_view(rel.type).ends_with(s)) return true;
    return false;
}

namespace {

// Types referenced by id from their source's XML (others are implicit).
bool referenced_by_id(const Relationship& rel) {
    switch (classify_relationship(rel.type)) {
        case RelType::image: case RelType::hyperlink: case RelType::header: case RelType::footer:
        case RelType::chart: case RelType::diagram_data: case RelType::font:
            return true;
        default: break;
    }
    for (const char* s : {"/diagramLayout", "/diagramQuickStyle", "/diagramColors", "/diagramDrawing", "/chartUserShapes"})
        if (std::string_view(rel.type).ends_with(s)) return true;
    return false;
}

}  // namespace

std::string removal_reason(RelType t) {
    switch (t) {
        case RelType::comments: case RelType::comments_extended: case RelType::comments_ids:
        case RelType::comments_extensible: return "comments";
        case RelType::people: return "comment authors (people)";
        case RelType::custom_properties: return "custom document properties";
        case RelType::thumbnail: return "thumbnail";
        case RelType::custom_xml: case RelType::custom_xml_props: return "custom XML data";
        case RelType::glossary_document: return "glossary document (building blocks)";
        case RelType::package: case RelType::ole_object: case RelType::embedding: return "embedded object";
        case RelType::alt_chunk: return "imported content (altChunk)";
        case RelType::vba_project: return "macros";
        case RelType::attached_template: return "attached template";
        default: return "";
    }
}

namespace {

struct Sanitiser {
    Package& pkg;
    Redactor::State& st;
    std::set<std::string> removed_parts;

    void add_count(const std::string& part, const std::string& category, int n, const std::string& what) {
        if (n > 0) st.add_sanitised(part, category, std::to_string(n) + " " + what);
    }

    // The report names the part; a part name may itself carry a name.
    std::string shown_part_name(std::string shown) const {
        auto ms = st.names.find(shown);
        for (auto it = ms.rbegin(); it != ms.rend(); ++it) shown.replace(it->begin, it->end - it->begin, "[name]");
        return shown;
    }

    void drop_part(const std::string& part, const std::string& reason) {
        if (!pkg.has_part(part) || removed_parts.count(lower_ascii(part))) return;
        st.handles.check(pkg, "drop_part");
        removed_parts.insert(lower_ascii(part));
        st.plan.removed_parts.push_back({shown_part_name(part), reason});
        std::string rels = rels_part_for(part);
        pkg.remove_part(part);
        if (pkg.has_part(rels)) pkg.remove_part(rels);
        // The part's XML tree is freed with it: a story read from it (the
        // comments) must not be walked again by the later passes.
        std::string key = lower_ascii(part);
        st.stories.erase(std::remove_if(st.stories.begin(), st.stories.end(),
                                        [&](const StoryPart& s) { return lower_ascii(s.name) == key; }),
                         st.stories.end());
        // Only the stories (each walked from its root) hold handles now, and
        // none into the freed tree.
        st.handles.take(pkg);
    }

    // Pictures and other binary parts named after a person
    // ("word/media/okafor_headshot.png"): renamed in their folder
    // ("word/media/part1.png"), every relationship that points there
    // updated; their bytes are unchanged.
    void rename_named_parts() {
        if (st.names.empty()) return;
        const std::vector<std::string> all = pkg.part_names();
        int n = 0;
        for (const auto& part : all) {
            std::string key = lower_ascii(part);
            if (key.ends_with(".rels") || key.ends_with(".xml") || part == "[Content_Types].xml") continue;
            if (pkg.content_type(part).ends_with("xml")) continue;  // stories and their kin are not renamed
            if (st.names.find(part).empty()) continue;
            st.handles.check(pkg, "rename_named_parts");
            std::size_t slash = part.rfind('/');
            std::string folder = slash == std::string::npos ? "" : part.substr(0, slash + 1);
            std::string file = part.substr(folder.size());
            std::string ext;
            if (std::size_t dot = file.rfind('.'); dot != std::string::npos && file.size() - dot <= 6) ext = file.substr(dot);
            for (char c : ext)
                if (!(c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) ext.clear();
            std::string fresh;
            do fresh = folder + "part" + std::to_string(++n) + ext;
            while (pkg.has_part(fresh));
            const std::string fresh_file = fresh.substr(folder.size());
            // Every relationship, from the package or any part, that resolves here.
            std::vector<std::string> sources{""};
            for (const auto& s : all)
                if (!lower_ascii(s).ends_with(".rels")) sources.push_back(s);
            for (const auto& source : sources) {
                std::vector<std::string> ids;
                for (const auto& rel : pkg.relationships(source))
                    if (!rel.external && lower_ascii(rel.target_part) == key) ids.push_back(rel.id);
                if (ids.empty()) continue;
                pugi::xml_node root = xml_for_edit(pkg, rels_part_for(source)).document_element();
                for (pugi::xml_node r : root.children()) {
                    if (std::find(ids.begin(), ids.end(), std::string(r.attribute("Id").value())) == ids.end()) continue;
                    std::string target = r.attribute("Target").value();
                    std::size_t cut = target.rfind('/');
                    r.attribute("Target").set_value(((cut == std::string::npos ? "" : target.substr(0, cut + 1)) + fresh_file).c_str());
                }
                PackageInternals::of(pkg).rels_cache.clear();
            }
            std::string bytes = pkg.part_bytes(part);
            std::string type = pkg.content_type(part);
            pkg.set_part(fresh, std::move(bytes), type);
            pkg.remove_part(part);
            st.add_sanitised(fresh, "part name", "a part named after a person renamed");
            st.handles.take(pkg);
        }
    }

    // Parts the package left out at open (they do not parse): reported as
    // removed; prune_unreferenced drops the relationships that pointed there.
    void broken_parts() {
        for (const auto& d : pkg.dropped_parts()) {
            st.plan.removed_parts.push_back({shown_part_name(d.name), "damaged: it does not parse, so it is left out"});
        }
    }

    // ---- XML-level cleaning of the stories ---------------------------
    void clean_story(StoryPart& story) {
        int comment_marks = 0, objects = 0, bindings = 0, alt_chunks = 0, controls = 0;
        std::vector<pugi::xml_node> doomed, doomed_runs;
        for_each_element(story.root, [&](pugi::xml_node n) {
            const char* raw = n.name();
            // Everything below is w:..., w15:... or o:...; skip the rest fast.
            if (!((raw[0] == 'w' && (raw[1] == ':' || raw[1] == '1')) || (raw[0] == 'o' && raw[1] == ':'))) return;
            std::string_view name = raw;
            if (name == "w:commentRangeStart" || name == "w:commentRangeEnd" || name == "w:commentReference" ||
                name == "w:annotationRef") {
                ++comment_marks;
                doomed.push_back(n);
            } else if (name == "w:dataBinding" || name == "w15:dataBinding" || name == "w:placeholder") {
                if (name != "w:placeholder") ++bindings;
                doomed.push_back(n);  // placeholders point into the glossary, which goes
            } else if (name == "w:object" || name == "w:control" || name == "w:subDoc" || name == "w:embedded") {
                ++(name == "w:object" ? objects : controls);
                doomed.push_back(n);
            } else if (name == "w:altChunk") {
                ++alt_chunks;
                doomed.push_back(n);
            } else if (name == "o:OLEObject") {
                ++objects;
                doomed.push_back(n);
            }
        });
        std::set<const void*> paragraphs_seen;
        std::vector<pugi::xml_node> paragraphs;
        for (auto it = doomed.rbegin(); it != doomed.rend(); ++it) {
            for (pugi::xml_node a = it->parent(); a; a = a.parent())
                if (is(a, "w:p")) {
                    if (paragraphs_seen.insert(a.internal_object()).second) paragraphs.push_back(a);
                    break;
                }
            pugi::xml_node parent = it->parent();
            parent.remove_child(*it);
            // A block-level altChunk may leave a container without a paragraph.
            if (needs_paragraph(parent) && !parent.child("w:p") && !parent.child("w:tbl")) {
                pugi::xml_node before = is(parent, "w:body") ? parent.child("w:sectPr") : pugi::xml_node{};
                parent.insert_child_before("w:p", before);
            }
        }
        for (auto p : paragraphs) remove_empty_runs(p);
        add_count(story.name, "comments", comment_marks, "comment marks and references removed");
        add_count(story.name, "embedded objects", objects, "embedded objects removed");
        add_count(story.name, "embedded objects", controls, "controls or sub-documents removed");
        add_count(story.name, "imported content", alt_chunks, "altChunk imports removed");
        add_count(story.name, "custom XML data", bindings, "data bindings removed");
        remove_orphan_marks(story.root);
        remove_orphan_field_chars(story.root);
    }

    // Field characters whose partners went with a removed block (a field
    // that spanned into a redacted section): an unmatched begin loses its
    // instruction too, so no field half is left behind.
    void remove_orphan_field_chars(pugi::xml_node root) {
        struct Open {
            pugi::xml_node begin, separate;
            std::vector<pugi::xml_node> instruction;
        };
        std::vector<Open> stack;
        std::vector<pugi::xml_node> doomed;
        for_each_element(root, [&](pugi::xml_node n) {
            if (is(n, "w:fldChar")) {
                std::string_view t = n.attribute("w:fldCharType").value();
                if (t == "begin") stack.push_back({n, {}, {}});
                else if (t == "separate") {
                    if (stack.empty() || stack.back().separate) doomed.push_back(n);
                    else stack.back().separate = n;
                } else if (t == "end") {
                    if (stack.empty()) doomed.push_back(n);
                    else stack.pop_back();
                }
            } else if (is(n, "w:instrText") && !stack.empty() && !stack.back().separate) {
                stack.back().instruction.push_back(n);
            }
        });
        for (auto& o : stack) {
            doomed.push_back(o.begin);
            if (o.separate) doomed.push_back(o.separate);
            doomed.insert(doomed.end(), o.instruction.begin(), o.instruction.end());
        }
        std::set<const void*> paragraphs_seen;
        std::vector<pugi::xml_node> paragraphs;
        for (auto n : doomed) {
            for (pugi::xml_node a = n.parent(); a; a = a.parent())
                if (is(a, "w:p")) {
                    if (paragraphs_seen.insert(a.internal_object()).second) paragraphs.push_back(a);
                    break;
                }
            n.parent().remove_child(n);
        }
        for (auto p : paragraphs) remove_empty_runs(p);
    }

    // Bookmark and permission ranges whose other half went.
    void remove_orphan_marks(pugi::xml_node root) {
        std::map<std::string, int> starts, ends;
        for_each_element(root, [&](pugi::xml_node n) {
            if (is(n, "w:bookmarkStart") || is(n, "w:permStart")) starts[std::string(n.name()) + n.attribute("w:id").value()]++;
            if (is(n, "w:bookmarkEnd") || is(n, "w:permEnd")) ends[std::string(n.name()) + n.attribute("w:id").value()]++;
        });
        std::vector<pugi::xml_node> doomed;
        for_each_element(root, [&](pugi::xml_node n) {
            std::string id = n.attribute("w:id").value();
            if (is(n, "w:bookmarkStart") && !ends.count("w:bookmarkEnd" + id)) doomed.push_back(n);
            if (is(n, "w:bookmarkEnd") && !starts.count("w:bookmarkStart" + id)) doomed.push_back(n);
            if (is(n, "w:permStart") && !ends.count("w:permEnd" + id)) doomed.push_back(n);
            if (is(n, "w:permEnd") && !starts.count("w:permStart" + id)) doomed.push_back(n);
        });
        for (auto n : doomed) n.parent().remove_child(n);
    }

    // ---- attributes everywhere ------------------------------------------
    void strip_revision_ids() {
        int count = 0;
        auto is_id = [](const char* name) {
            // w:rsid*, w14:paraId, w14:textId (attributes) and w:rsid/w:rsids (elements)
            const char* colon = std::strchr(name, ':');
            const char* l = colon ? colon + 1 : name;
            return std::strncmp(l, "rsid", 4) == 0 || std::strcmp(name, "w14:paraId") == 0 || std::strcmp(name, "w14:textId") == 0;
        };
        for (const auto& name : pkg.part_names()) {
            if (!is_xml_part(name)) continue;
            const std::string& bytes = pkg.part_bytes(name);
            if (bytes.find("rsid") == std::string::npos && bytes.find("paraId") == std::string::npos &&
                bytes.find("textId") == std::string::npos && !xml_is_loaded(name))
                continue;
            // One walk: collect, then edit only if there is something to remove.
            pugi::xml_node root = xml(pkg, name).document_element();
            std::vector<pugi::xml_node> elements;
            std::vector<std::pair<pugi::xml_node, pugi::xml_attribute>> attributes;
            for_each_element(root, [&](pugi::xml_node n) {
                if (is_id(n.name())) elements.push_back(n);
                for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
                    if (is_id(a.name())) attributes.emplace_back(n, a);
            });
            if (elements.empty() && attributes.empty()) continue;
            xml_for_edit(pkg, name);  // same document: marks it to be written back
            count += static_cast<int>(attributes.size());
            for (auto& [n, a] : attributes) n.remove_attribute(a);
            for (auto it = elements.rbegin(); it != elements.rend(); ++it) it->parent().remove_child(*it);
        }
        add_count("", "revision ids", count, "revision-session and paragraph ids removed");
    }

    bool xml_is_loaded(const std::string& name) { return PackageInternals::of(pkg).xml_cache.count(lower_ascii(name)) > 0; }

    bool is_xml_part(const std::string& name) {
        std::string ct = pkg.content_type(name);
        return ct.ends_with("xml") || ct.ends_with("+xml") || lower_ascii(name).ends_with(".xml") ||
               lower_ascii(name).ends_with(".rels");
    }

    // ---- properties -----------------------------------------------------
    void properties() {
        for (const auto& rel : pkg.relationships("")) {
            if (rel.external || rel.target_part.empty() || !pkg.has_part(rel.target_part)) continue;
            RelType t = classify_relationship(rel.type);
            if (t == RelType::core_properties) {
                pugi::xml_node root = xml_for_edit(pkg, rel.target_part).document_element();
                int n = 0;
                bool have_creator = false;
                for (pugi::xml_node c = root.first_child(); c;) {
                    pugi::xml_node next = c.next_sibling();
                    std::string_view name = c.name();
                    if (name == "dc:creator" && !st.options.policy.publisher.empty()) {
                        c.text().set(st.options.policy.publisher.c_str());
                        have_creator = true;
                    } else if (name == "dc:creator" || name == "cp:lastModifiedBy" || name == "cp:lastPrinted" ||
                               name == "cp:revision" || name == "cp:contentStatus" || name == "cp:version") {
                        root.remove_child(c);
                        ++n;
                    }
                    c = next;
                }
                if (!have_creator && !st.options.policy.publisher.empty()) {
                    if (!root.attribute("xmlns:dc"))
                        root.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
                    root.append_child("dc:creator").text().set(st.options.policy.publisher.c_str());
                }
                add_count(rel.target_part, "document properties", n, "personal core properties removed");
            } else if (t == RelType::extended_properties) {
                pugi::xml_node root = xml_for_edit(pkg, rel.target_part).document_element();
                int n = 0;
                for (pugi::xml_node c = root.first_child(); c;) {
                    pugi::xml_node next = c.next_sibling();
                    std::string_view l = local(c.name());
                    if (l == "Company" || l == "Manager" || l == "Template" || l == "HyperlinkBase" || l == "HLinks" ||
                        l == "DigSig" || l == "TotalTime" || l == "Words" || l == "Characters" ||
                        l == "CharactersWithSpaces" || l == "Lines" || l == "Paragraphs" || l == "Pages") {
                        // Statistics were counted before redaction: they tell how much went.
                        root.remove_child(c);
                        ++n;
                    }
                    c = next;
                }
                add_count(rel.target_part, "document properties", n, "personal application properties removed");
            }
        }
    }

    // ---- settings ---------------------------------------------------------
    void settings() {
        for (const auto& rel : pkg.relationships(pkg.main_document())) {
            if (classify_relationship(rel.type) != RelType::settings || rel.target_part.empty() || !pkg.has_part(rel.target_part))
                continue;
            pugi::xml_node root = xml_for_edit(pkg, rel.target_part).document_element();
            int n = 0;
            for (pugi::xml_node c = root.first_child(); c;) {
                pugi::xml_node next = c.next_sibling();
                std::string_view name = c.name();
                if (name == "w:attachedTemplate" || name == "w:docVars" || name == "w:mailMerge" ||
                    name == "w:saveThroughXslt" || name == "w:attachedSchema" || name == "w:trackRevisions" ||
                    name == "w14:docId" || name == "w15:docId" || name == "w:rsids" || name == "w:removePersonalInformation" ||
                    name == "w:removeDateAndTime" || name == "w:documentProtection" || name == "w:writeProtection" ||
                    name == "w:schemaLibrary") {
                    if (name != "w:removePersonalInformation" && name != "w:removeDateAndTime") ++n;
                    root.remove_child(c);
                }
                c = next;
            }
            // ECMA-376 §17.15.1.78 order: writeProtection, view, zoom, removePersonalInformation, removeDateAndTime.
            pugi::xml_node after;
            for (const char* k : {"w:view", "w:zoom"})
                if (pugi::xml_node e = root.child(k)) after = e;
            pugi::xml_node rpi = after ? root.insert_child_after("w:removePersonalInformation", after)
                                       : root.prepend_child("w:removePersonalInformation");
            root.insert_child_after("w:removeDateAndTime", rpi);
            add_count(rel.target_part, "settings", n, "settings carrying paths, variables or history removed");
        }
    }

    // ---- parts ------------------------------------------------------------
    void remove_typed_parts() {
        // Whatever the package root or any part points at with a type that is
        // always removed (comments, custom XML, macros, ...), or that we do
        // not understand.
        bool again = true;
        while (again) {
            again = false;
            std::vector<std::string> sources{""};
            for (const auto& n : pkg.part_names())
                if (!n.ends_with(".rels")) sources.push_back(n);
            for (const auto& source : sources) {
                if (!source.empty() && !pkg.has_part(source)) continue;
                auto rels = pkg.relationships(source);
                for (const auto& rel : rels) {
                    RelType t = classify_relationship(rel.type);
                    std::string reason = removal_reason(t);
                    if (reason.empty() && !understood(rel)) reason = "unknown part type (" + rel.type + ")";
                    if (reason.empty()) continue;
                    remove_relationship(pkg, source, rel.id);
                    if (!rel.external && !rel.target_part.empty()) drop_part(rel.target_part, reason);
                    else if (rel.external)
                        st.plan.removed_parts.push_back({rel.target, reason + " (external reference)"});
                    again = true;
                }
                if (again) break;
            }
        }
        // Macro-enabled main document becomes an ordinary one.
        std::string ct = pkg.content_type(pkg.main_document());
        if (ct.find("macroEnabled") != std::string::npos || ct.find("template") != std::string::npos) {
            set_content_type_override(pkg, pkg.main_document(),
                                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
            add_count(pkg.main_document(), "macros", 1, "macro-enabled or template document made a plain document");
        }
    }

    std::set<std::string> referenced_ids(const std::string& part) {
        std::set<std::string> ids;
        if (!pkg.has_part(part)) return ids;
        for_each_element(xml(pkg, part).document_element(), [&](pugi::xml_node n) {
            for (pugi::xml_attribute a : n.attributes()) {
                std::string_view name = a.name();
                if (name.starts_with("r:") || name == "o:relid" || name == "relId" || name.ends_with(":relId"))
                    ids.insert(a.value());
            }
        });
        return ids;
    }

    void prune_unreferenced() {
        // Relationships nobody points at any more (images of removed
        // sections, hyperlinks whose text went, ...).
        for (const auto& source : pkg.part_names()) {
            if (source.ends_with(".rels") || !is_xml_part(source)) continue;
            const auto& rels = pkg.relationships(source);
            if (rels.empty()) continue;
            std::set<std::string> ids = referenced_ids(source);
            std::vector<std::string> doomed;
            for (const auto& rel : rels) {
                bool missing = !rel.external && !rel.target_part.empty() && !pkg.has_part(rel.target_part);
                if ((referenced_by_id(rel) && !ids.count(rel.id)) || missing) doomed.push_back(rel.id);
            }
            for (const auto& id : doomed) remove_relationship(pkg, source, id);
        }
        // Dangling references to removed relationships.
        for (auto& story : st.stories) {
            std::set<std::string> have;
            for (const auto& rel : pkg.relationships(story.name)) have.insert(rel.id);
            std::vector<pugi::xml_node> drawings;
            std::vector<pugi::xml_node> links;
            for_each_element(story.root, [&](pugi::xml_node n) {
                for (pugi::xml_attribute a = n.first_attribute(); a;) {
                    pugi::xml_attribute next = a.next_attribute();
                    if (std::string_view(a.name()).starts_with("r:") && *a.value() && !have.count(a.value())) {
                        pugi::xml_node holder;
                        for (pugi::xml_node x = n; x; x = x.parent())
                            if (is(x, "w:drawing") || is(x, "w:pict") || is(x, "w:object")) holder = x;
                        if (is(n, "w:hyperlink")) links.push_back(n);
                        else if (holder) drawings.push_back(holder);
                        else if (is(n, "w:headerReference") || is(n, "w:footerReference")) drawings.push_back(n);
                        else n.remove_attribute(a);
                    }
                    a = next;
                }
            });
            std::set<const void*> gone;
            for (auto it = links.rbegin(); it != links.rend(); ++it) unwrap(*it);
            for (auto d : drawings)
                if (gone.insert(d.internal_object()).second && d.parent()) d.parent().remove_child(d);
        }
        // Other XML parts (charts, diagrams): an element pointing at a
        // removed relationship (c:externalData of an embedded workbook) goes.
        std::set<std::string> story_names;
        for (const auto& story : st.stories) story_names.insert(story.name);
        for (const auto& name : pkg.part_names()) {
            if (story_names.count(name) || name.ends_with(".rels") || !is_xml_part(name) || name == "[Content_Types].xml")
                continue;
            const std::string& raw = pkg.part_bytes(name);
            if (raw.find("r:") == std::string::npos && !xml_is_loaded(name)) continue;
            std::set<std::string> have;
            for (const auto& rel : pkg.relationships(name)) have.insert(rel.id);
            std::vector<pugi::xml_node> dangling;
            for_each_element(xml(pkg, name).document_element(), [&](pugi::xml_node n) {
                for (pugi::xml_attribute a : n.attributes())
                    if (std::string_view(a.name()).starts_with("r:") && *a.value() && !have.count(a.value())) {
                        dangling.push_back(n);
                        break;
                    }
            });
            if (dangling.empty()) continue;
            xml_for_edit(pkg, name);
            for (auto it = dangling.rbegin(); it != dangling.rend(); ++it)
                if (it->parent()) it->parent().remove_child(*it);
        }
        // Parts no relationship reaches from the package root.
        std::set<std::string> reachable;
        std::deque<std::string> queue{""};
        while (!queue.empty()) {
            std::string source = queue.front();
            queue.pop_front();
            for (const auto& rel : pkg.relationships(source)) {
                if (rel.external || rel.target_part.empty() || !pkg.has_part(rel.target_part)) continue;
                if (reachable.insert(lower_ascii(rel.target_part)).second) queue.push_back(rel.target_part);
            }
        }
        for (const auto& name : pkg.part_names()) {
            std::string key = lower_ascii(name);
            if (key == "[content_types].xml" || reachable.count(key)) continue;
            if (key.ends_with(".rels")) {
                // Keep the .rels of the root and of reachable parts.
                std::string source;
                if (key == "_rels/.rels") continue;
                auto slash = key.rfind("/_rels/");
                if (slash != std::string::npos || key.starts_with("_rels/")) {
                    std::string dir = slash == std::string::npos ? "" : key.substr(0, slash + 1);
                    std::string file = key.substr(key.rfind('/') + 1);
                    source = dir + file.substr(0, file.size() - 5);
                    if (reachable.count(source)) continue;
                }
            }
            std::string reason = key.starts_with("customxml/") ? "custom XML data"
                                 : key.starts_with("word/embeddings/") ? "embedded object"
                                 : key.ends_with(".rels") ? "relationships of a removed part"
                                                          : "unreferenced part";
            drop_part(name, reason);
        }
    }

    // ---- images -----------------------------------------------------------
    void images() {
        for (const auto& name : pkg.part_names()) {
            const std::string& bytes = pkg.part_bytes(name);
            if (bytes.starts_with("%PDF-")) {
                // A PDF picture (Word for Mac stores them) carries an Info
                // dictionary and XMP with authors and file paths that no
                // reader of the DOCX sees and nothing here can rewrite
                // safely: a neutral placeholder takes its place.
                pkg.set_part(name, placeholder_png(), "image/png");
                st.add_sanitised(name, "embedded PDF picture", "replaced by a placeholder (its metadata cannot be cleaned)");
                continue;
            }
            if (looks_like_svg(bytes)) {
                std::string cleaned = strip_svg_metadata(bytes);
                if (cleaned.empty()) {
                    pkg.set_part(name, placeholder_png(), "image/png");
                    st.add_sanitised(name, "damaged picture", "replaced by a placeholder (SVG not well-formed)");
                } else if (cleaned != bytes) {
                    pkg.set_part(name, std::move(cleaned), pkg.content_type(name));
                    st.add_sanitised(name, "image metadata", "SVG metadata, titles, descriptions and comments removed");
                }
                continue;
            }
            if (sniff_image(bytes) == ImageFormat::other) continue;
            StrippedImage s;
            try {
                s = strip_image_metadata(bytes);
            } catch (const std::invalid_argument& e) {
                // A damaged picture cannot be checked for metadata, and no
                // reader can show it either: a neutral placeholder picture
                // takes its place (same part, so every reference stays valid).
                pkg.set_part(name, placeholder_png(), "image/png");
                st.add_sanitised(name, "damaged picture",
                                 std::string("replaced by a placeholder (") + e.what() + ")");
                continue;
            }
            if (s.removed.empty()) continue;
            std::string what;
            for (const auto& r : s.removed) what += (what.empty() ? "" : ", ") + r;
            pkg.set_part(name, std::move(s.bytes), pkg.content_type(name));
            st.add_sanitised(name, "image metadata", what + " removed");
        }
    }
};

}  // namespace

// A 1x1 light grey PNG: what a damaged picture becomes in a public copy.
std::string placeholder_png() {
    static const unsigned char png[] = {
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b,
        0x55, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xb8, 0x01, 0x00, 0x00,
        0xda, 0x00, 0xd9, 0xbd, 0xc5, 0x7e, 0x15, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
        0x42, 0x60, 0x82};
    return std::string(reinterpret_cast<const char*>(png), sizeof png);
}

void sanitise_package(Package& package, Redactor::State& state) {
    Sanitiser s{package, state, {}};
    s.broken_parts();
    for (auto& story : state.stories)
        if (story.kind != "comments") s.clean_story(story);
    s.properties();
    s.settings();
    s.remove_typed_parts();
    s.prune_unreferenced();
    s.strip_revision_ids();
    s.images();
    s.rename_named_parts();
}

}  // namespace allies::redact

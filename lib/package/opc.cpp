// OPC (ECMA-376 Part 2): content types, relationship parts, part-name resolution.
#include <string>

#include "allies/error.hpp"
#include "opc.hpp"
#include "package_impl.hpp"

namespace allies {

namespace {

std::string_view local_name(std::string_view qname) {
    auto colon = qname.find(':');
    return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

struct RelTypeName {
    const char* suffix;  // last path segment(s) of the type URI
    RelType type;
};

// Matched on the final segment so transitional and strict URIs agree.
constexpr RelTypeName kRelTypes[] = {
    {"/officeDocument", RelType::office_document},
    {"/styles", RelType::styles},
    {"/stylesWithEffects", RelType::other},
    {"/numbering", RelType::numbering},
    {"/settings", RelType::settings},
    {"/webSettings", RelType::web_settings},
    {"/fontTable", RelType::font_table},
    {"/theme", RelType::theme},
    {"/header", RelType::header},
    {"/footer", RelType::footer},
    {"/footnotes", RelType::footnotes},
    {"/endnotes", RelType::endnotes},
    {"/comments", RelType::comments},
    {"/commentsExtended", RelType::comments_extended},
    {"/commentsIds", RelType::comments_ids},
    {"/commentsExtensible", RelType::comments_extensible},
    {"/people", RelType::people},
    {"/image", RelType::image},
    {"/hyperlink", RelType::hyperlink},
    {"/core-properties", RelType::core_properties},
    {"/extended-properties", RelType::extended_properties},
    {"/custom-properties", RelType::custom_properties},
    {"/thumbnail", RelType::thumbnail},
    {"/customXml", RelType::custom_xml},
    {"/customXmlProps", RelType::custom_xml_props},
    {"/glossaryDocument", RelType::glossary_document},
    {"/package", RelType::package},
    {"/oleObject", RelType::ole_object},
    {"/chart", RelType::chart},
    {"/diagramData", RelType::diagram_data},
    {"/aFChunk", RelType::alt_chunk},
    {"/vbaProject", RelType::vba_project},
    {"/font", RelType::font},
    {"/attachedTemplate", RelType::attached_template},
};

}  // namespace

RelType classify_relationship(std::string_view uri) {
    if (uri.find("/embeddings") != std::string_view::npos || uri.ends_with("/oleObject"))
        return uri.ends_with("/package") ? RelType::package : RelType::ole_object;
    for (const auto& r : kRelTypes)
        if (uri.ends_with(r.suffix)) return r.type;
    return RelType::other;
}

std::string_view to_string(RelType type) {
    switch (type) {
        case RelType::office_document: return "officeDocument";
        case RelType::styles: return "styles";
        case RelType::numbering: return "numbering";
        case RelType::settings: return "settings";
        case RelType::web_settings: return "webSettings";
        case RelType::font_table: return "fontTable";
        case RelType::theme: return "theme";
        case RelType::header: return "header";
        case RelType::footer: return "footer";
        case RelType::footnotes: return "footnotes";
        case RelType::endnotes: return "endnotes";
        case RelType::comments: return "comments";
        case RelType::comments_extended: return "commentsExtended";
        case RelType::comments_ids: return "commentsIds";
        case RelType::comments_extensible: return "commentsExtensible";
        case RelType::people: return "people";
        case RelType::image: return "image";
        case RelType::hyperlink: return "hyperlink";
        case RelType::core_properties: return "core-properties";
        case RelType::extended_properties: return "extended-properties";
        case RelType::custom_properties: return "custom-properties";
        case RelType::thumbnail: return "thumbnail";
        case RelType::custom_xml: return "customXml";
        case RelType::custom_xml_props: return "customXmlProps";
        case RelType::glossary_document: return "glossaryDocument";
        case RelType::embedding: return "embedding";
        case RelType::package: return "package";
        case RelType::ole_object: return "oleObject";
        case RelType::chart: return "chart";
        case RelType::diagram_data: return "diagramData";
        case RelType::alt_chunk: return "aFChunk";
        case RelType::vba_project: return "vbaProject";
        case RelType::font: return "font";
        case RelType::attached_template: return "attachedTemplate";
        case RelType::other: return "other";
    }
    return "other";
}

std::string rels_part_for(std::string_view source) {
    if (source.empty()) return "_rels/.rels";
    auto slash = source.rfind('/');
    std::string dir = slash == std::string_view::npos ? "" : std::string(source.substr(0, slash + 1));
    std::string base(slash == std::string_view::npos ? source : source.substr(slash + 1));
    return dir + "_rels/" + base + ".rels";
}

// ECMA-376 Part 2 §9.3.2 / RFC 3986 §5.2: resolve a relative reference
// against the source part's location and remove dot segments.
std::string resolve_target(std::string_view source, std::string_view target) {
    std::string path;
    if (!target.empty() && target.front() == '/') {
        path = std::string(target.substr(1));
    } else {
        auto slash = source.rfind('/');
        path = (slash == std::string_view::npos ? std::string{} : std::string(source.substr(0, slash + 1))) +
               std::string(target);
    }
    if (auto hash = path.find('#'); hash != std::string::npos) path.resize(hash);
    std::vector<std::string> segs;
    std::size_t i = 0;
    while (i <= path.size()) {
        std::size_t j = path.find('/', i);
        if (j == std::string::npos) j = path.size();
        std::string seg = path.substr(i, j - i);
        if (seg == "..") {
            if (!segs.empty()) segs.pop_back();
        } else if (!seg.empty() && seg != ".") {
            segs.push_back(seg);
        }
        i = j + 1;
    }
    std::string out;
    for (const auto& s : segs) {
        if (!out.empty()) out += '/';
        out += s;
    }
    return out;
}

void load_content_types(PackageImpl& impl, const Package& package) {
    if (!impl.find("[Content_Types].xml")) return;  // tolerated: types guessed from extensions
    const auto& doc = xml(package, "[Content_Types].xml");
    for (auto node : doc.document_element().children()) {
        std::string_view name = local_name(node.name());
        if (name == "Default")
            impl.default_types[lower_ascii(node.attribute("Extension").value())] = node.attribute("ContentType").value();
        else if (name == "Override") {
            std::string part = node.attribute("PartName").value();
            if (!part.empty() && part.front() == '/') part.erase(0, 1);
            impl.override_types[lower_ascii(percent_decode(part))] = node.attribute("ContentType").value();
        }
    }
}

std::vector<Relationship> load_relationships(const Package& package, std::string_view source) {
    std::vector<Relationship> rels;
    std::string rels_name = rels_part_for(source);
    const auto& impl = PackageInternals::of(package);
    const ZipEntry* entry = impl.find(rels_name);
    if (!entry) return rels;
    const auto& doc = xml(package, entry->name);
    for (auto node : doc.document_element().children()) {
        if (local_name(node.name()) != "Relationship") continue;
        Relationship rel;
        rel.id = node.attribute("Id").value();
        rel.type = node.attribute("Type").value();
        rel.target = node.attribute("Target").value();
        rel.external = std::string_view(node.attribute("TargetMode").value()) == "External";
        if (!rel.external) {
            std::string resolved = resolve_target(source, rel.target);
            if (!impl.find(resolved)) {
                std::string decoded = percent_decode(resolved);
                if (impl.find(decoded)) resolved = decoded;
            }
            if (const ZipEntry* e = impl.find(resolved)) resolved = e->name;  // actual case
            rel.target_part = resolved;
        }
        rels.push_back(std::move(rel));
    }
    return rels;
}

}  // namespace allies

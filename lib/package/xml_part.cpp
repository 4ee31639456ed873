// Parsing of XML parts: validation and namespace-prefix normalisation.
// pugixml has no namespace support, so after parsing we rewrite every element
// and attribute whose prefix maps to a known namespace to the canonical prefix
// (the one Word writes). Strict OOXML keeps its prefixes but uses purl.oclc.org
// URIs; both map to the same canonical prefix, so the reader sees one vocabulary.
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "allies/error.hpp"
#include "package_impl.hpp"

namespace allies {

namespace {

struct KnownNamespace {
    const char* prefix;
    const char* uri;
};

// ECMA-376 Part 1 §A and ISO/IEC 29500 Strict equivalents, plus Microsoft
// extensions that Word writes. Order is irrelevant; lookups are by URI.
constexpr KnownNamespace kNamespaces[] = {
    {"w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
    {"w", "http://purl.oclc.org/ooxml/wordprocessingml/main"},
    {"r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"},
    {"r", "http://purl.oclc.org/ooxml/officeDocument/relationships"},
    {"wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"},
    {"wp", "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing"},
    {"a", "http://schemas.openxmlformats.org/drawingml/2006/main"},
    {"a", "http://purl.oclc.org/ooxml/drawingml/main"},
    {"pic", "http://schemas.openxmlformats.org/drawingml/2006/picture"},
    {"pic", "http://purl.oclc.org/ooxml/drawingml/picture"},
    {"c", "http://schemas.openxmlformats.org/drawingml/2006/chart"},
    {"c", "http://purl.oclc.org/ooxml/drawingml/chart"},
    {"m", "http://schemas.openxmlformats.org/officeDocument/2006/math"},
    {"m", "http://purl.oclc.org/ooxml/officeDocument/math"},
    {"mc", "http://schemas.openxmlformats.org/markup-compatibility/2006"},
    {"v", "urn:schemas-microsoft-com:vml"},
    {"o", "urn:schemas-microsoft-com:office:office"},
    {"w10", "urn:schemas-microsoft-com:office:word"},
    {"wps", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"},
    {"wpg", "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"},
    {"wpc", "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"},
    {"w14", "http://schemas.microsoft.com/office/word/2010/wordml"},
    {"w15", "http://schemas.microsoft.com/office/word/2012/wordml"},
    {"wp14", "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"},
    {"cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
    {"dc", "http://purl.org/dc/elements/1.1/"},
    {"dcterms", "http://purl.org/dc/terms/"},
};

const char* canonical_prefix_for(std::string_view uri) {
    for (const auto& ns : kNamespaces)
        if (uri == ns.uri) return ns.prefix;
    return nullptr;
}

struct Scope {
    std::vector<std::pair<std::string, std::string>> bindings;  // prefix -> canonical ("" = unknown)
};

// Returns the canonical prefix for `prefix` in the current scopes, or
// nullptr when the prefix is bound to a namespace we do not know.
const std::string* lookup(const std::vector<Scope>& scopes, std::string_view prefix) {
    for (auto it = scopes.rbegin(); it != scopes.rend(); ++it)
        for (auto b = it->bindings.rbegin(); b != it->bindings.rend(); ++b)
            if (b->first == prefix) return &b->second;
    return nullptr;
}

std::string rename_qname(const std::vector<Scope>& scopes, std::string_view qname, bool is_attribute) {
    auto colon = qname.find(':');
    std::string_view prefix = colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
    std::string_view local = colon == std::string_view::npos ? qname : qname.substr(colon + 1);
    if (prefix == "xml" || prefix == "xmlns") return {};
    if (is_attribute && prefix.empty()) return {};  // unprefixed attributes are in no namespace
    const std::string* canon = lookup(scopes, prefix);
    if (!canon || canon->empty() || *canon == prefix) return {};
    return *canon + ":" + std::string(local);
}

// mc:Ignorable / mc:ProcessContent / Requires list prefixes; keep them in step.
std::string rename_prefix_list(const std::vector<Scope>& scopes, std::string_view list) {
    std::string out;
    std::size_t i = 0;
    while (i < list.size()) {
        while (i < list.size() && list[i] == ' ') ++i;
        std::size_t j = i;
        while (j < list.size() && list[j] != ' ') ++j;
        if (j > i) {
            std::string_view token = list.substr(i, j - i);
            const std::string* canon = lookup(scopes, token.substr(0, token.find(':')));
            if (!out.empty()) out += ' ';
            if (canon && !canon->empty() && token.find(':') == std::string_view::npos)
                out += *canon;
            else
                out += token;
        }
        i = j;
    }
    return out;
}

void normalise_and_check(pugi::xml_document& doc, const std::string& file, const std::string& part,
                         std::uint32_t max_depth) {
    std::vector<Scope> scopes;
    std::vector<std::string> needed_prefixes;  // canonical prefixes introduced by renaming
    std::vector<std::string> needed_uris;
    // Iterative pre-order walk: (node, entering?) so scopes pop on exit.
    std::vector<std::pair<pugi::xml_node, bool>> stack;
    for (auto child = doc.last_child(); child; child = child.previous_sibling())
        stack.emplace_back(child, true);
    while (!stack.empty()) {
        auto [node, entering] = stack.back();
        stack.pop_back();
        if (node.type() == pugi::node_doctype)
            throw Error(ErrorKind::bad_xml, file, part, "DOCTYPE declarations are not allowed in OOXML parts");
        if (node.type() != pugi::node_element) continue;
        if (!entering) { scopes.pop_back(); continue; }
        if (scopes.size() >= max_depth)
            throw Error(ErrorKind::xml_too_deep, file, part,
                        "XML nested deeper than " + std::to_string(max_depth) + " elements");
        Scope scope;
        for (auto attr : node.attributes()) {
            std::string_view name = attr.name();
            if (name == "xmlns") {
                const char* canon = canonical_prefix_for(attr.value());
                scope.bindings.emplace_back("", canon ? canon : "");
            } else if (name.starts_with("xmlns:")) {
                const char* canon = canonical_prefix_for(attr.value());
                scope.bindings.emplace_back(std::string(name.substr(6)), canon ? canon : "");
            }
        }
        scopes.push_back(std::move(scope));
        bool renamed_any = false;
        if (auto n = rename_qname(scopes, node.name(), false); !n.empty()) {
            node.set_name(n.c_str());
            renamed_any = true;
        }
        for (auto attr : node.attributes()) {
            std::string_view name = attr.name();
            if (name == "xmlns" || name.starts_with("xmlns:")) continue;
            if (auto n = rename_qname(scopes, name, true); !n.empty()) {
                attr.set_name(n.c_str());
                renamed_any = true;
            }
        }
        if (renamed_any) {
            for (auto attr : node.attributes()) {
                std::string_view name = attr.name();
                if (name == "mc:Ignorable" || name == "mc:ProcessContent" || name == "mc:MustUnderstand" ||
                    name == "Requires")
                    attr.set_value(rename_prefix_list(scopes, attr.value()).c_str());
            }
            // Remember which canonical prefixes must be declared on the root.
            for (auto attr : node.attributes()) {
                std::string_view name = attr.name();
                if (name == "xmlns" || name.starts_with("xmlns:")) {
                    const char* canon = canonical_prefix_for(attr.value());
                    if (canon) {
                        needed_prefixes.emplace_back(canon);
                        needed_uris.emplace_back(attr.value());
                    }
                }
            }
        }
        stack.emplace_back(node, false);
        for (auto child = node.last_child(); child; child = child.previous_sibling())
            stack.emplace_back(child, true);
    }
    if (!needed_prefixes.empty()) {
        auto root = doc.document_element();
        for (std::size_t i = 0; i < needed_prefixes.size(); ++i) {
            std::string decl = "xmlns:" + needed_prefixes[i];
            if (!root.attribute(decl.c_str())) root.append_attribute(decl.c_str()) = needed_uris[i].c_str();
        }
    }
}

}  // namespace

std::unique_ptr<pugi::xml_document> parse_xml_part(const std::string& bytes, const std::string& file,
                                                   const std::string& part, std::uint32_t max_depth) {
    bool utf16 = bytes.size() >= 2 && ((static_cast<unsigned char>(bytes[0]) == 0xFF &&
                                        static_cast<unsigned char>(bytes[1]) == 0xFE) ||
                                       (static_cast<unsigned char>(bytes[0]) == 0xFE &&
                                        static_cast<unsigned char>(bytes[1]) == 0xFF));
    if (!utf16 && !is_valid_utf8(bytes))
        throw Error(ErrorKind::bad_utf8, file, part, "XML part is not valid UTF-8");
    auto doc = std::make_unique<pugi::xml_document>();
    auto result = doc->load_buffer(bytes.data(), bytes.size(),
                                   pugi::parse_full | pugi::parse_ws_pcdata_single,
                                   utf16 ? pugi::encoding_auto : pugi::encoding_utf8);
    if (!result)
        throw Error(ErrorKind::bad_xml, file, part,
                    std::string("XML is not well formed: ") + result.description() + " at offset " +
                        std::to_string(result.offset));
    if (!doc->document_element())
        throw Error(ErrorKind::bad_xml, file, part, "XML part has no root element");
    normalise_and_check(*doc, file, part, max_depth);
    return doc;
}

namespace {
pugi::xml_document& parsed(Package& package, std::string_view part) {
    auto& impl = PackageInternals::of(package);
    std::string key = lower_ascii(part);
    auto it = impl.xml_cache.find(key);
    if (it != impl.xml_cache.end()) return *it->second;
    const std::string& bytes = package.part_bytes(part);
    auto doc = parse_xml_part(bytes, impl.display_name, std::string(part), impl.limits.max_xml_depth);
    auto& ref = *doc;
    impl.xml_cache.emplace(std::move(key), std::move(doc));
    return ref;
}
}  // namespace

// The cache is an implementation detail: parsing on first use does not change
// what the package holds, so a const Package may fill it.
const pugi::xml_document& xml(const Package& package, std::string_view part) {
    return parsed(const_cast<Package&>(package), part);
}

pugi::xml_document& xml_for_edit(Package& package, std::string_view part) {
    auto& doc = parsed(package, part);
    PackageInternals::of(package).dirty_xml.insert(lower_ascii(part));
    return doc;
}

}  // namespace allies

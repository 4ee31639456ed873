#include "verify/html_text.hpp"

#include <cstdint>
#include <cstring>
#include <set>
#include <string_view>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "allies/error.hpp"

namespace allies::verify {
namespace {

void quiet_generic(void*, const char*, ...) {}
void quiet_structured(void*, xmlErrorPtr) {}

bool is_inline(std::string_view tag) {
    static const std::set<std::string_view> inline_tags = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn",
                                                           "em", "i", "kbd", "mark", "q", "s", "samp", "small", "span",
                                                           "strong", "sub", "sup", "time", "u", "var", "wbr", "font",
                                                           "ins", "del", "label", "tt", "big", "strike", "nobr"};
    return inline_tags.count(tag) > 0;
}

bool is_hidden_content(std::string_view tag) {
    return tag == "script" || tag == "style" || tag == "template" || tag == "noscript";
}

struct Walker {
    HtmlContent& out;
    int depth = 0;
    void text_of(xmlNode* n, std::string& into) {
        for (xmlNode* c = n->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
                if (c->content) into += reinterpret_cast<const char*>(c->content);
            } else if (c->type == XML_COMMENT_NODE) {
                if (c->content) out.hidden.emplace_back(reinterpret_cast<const char*>(c->content));
            } else if (c->type == XML_ELEMENT_NODE) {
                walk(c, into);
            }
        }
    }
    void walk(xmlNode* e, std::string& into) {
        if (++depth > 512) {  // libxml2 bounds depth too; this keeps our recursion bounded whatever it does
            --depth;
            return;
        }
        std::string_view tag = e->name ? reinterpret_cast<const char*>(e->name) : "";
        for (xmlAttr* a = e->properties; a; a = a->next) {
            xmlChar* v = xmlNodeListGetString(e->doc, a->children, 1);
            if (v) {
                out.attributes.emplace_back(a->name ? reinterpret_cast<const char*>(a->name) : "", reinterpret_cast<const char*>(v));
                xmlFree(v);
            }
        }
        if (is_hidden_content(tag)) {
            std::string hidden;
            text_of(e, hidden);
            if (!hidden.empty()) out.hidden.push_back(std::move(hidden));
        } else {
            bool block = !is_inline(tag);
            if (block) into += ' ';
            text_of(e, into);
            if (block) into += ' ';
        }
        --depth;
    }
};

}  // namespace

HtmlContent read_html(const std::string& bytes, const std::string& name) {
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) throw Error(ErrorKind::unsupported, name, "", "HTML too large to read");
    xmlInitParser();
    // libxml2 would print parse errors to stderr; nothing third-party prints to the user.
    xmlSetGenericErrorFunc(nullptr, quiet_generic);
    xmlSetStructuredErrorFunc(nullptr, quiet_structured);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) throw Error(ErrorKind::unsupported, name, "", "cannot read HTML (out of memory)");
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                  HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()), name.c_str(), "UTF-8", options);
    htmlFreeParserCtxt(ctxt);
    if (!doc) throw Error(ErrorKind::unsupported, name, "", "cannot read HTML");
    HtmlContent out;
    Walker w{out};
    for (xmlNode* n = doc->children; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) w.walk(n, out.text);
        else if (n->type == XML_COMMENT_NODE && n->content) out.hidden.emplace_back(reinterpret_cast<const char*>(n->content));
    }
    xmlFreeDoc(doc);
    return out;
}

}  // namespace allies::verify

// Names and patterns outside paragraph text: alt text, tooltips, bookmark
// names, content control titles, form field texts, hyperlink targets, and
// the text of every other XML part that stays (charts, diagrams, document
// properties). The same scope is searched again by the self-check.
#include <algorithm>
#include <cstring>

#include "package/package_impl.hpp"
#include "redact/scan_scope.hpp"
#include "redact/state.hpp"
#include "redact/xml_edit.hpp"
#include "text/fold.hpp"

namespace allies::redact {

bool scanned_attribute(pugi::xml_node element, pugi::xml_attribute a) {
    // Most attributes are w:val, w:rsid*, r:id or numbers whose value cannot
    // hold a name: reject those on their value before comparing names.
    const char* v = a.value();
    if (!*v || (v[0] >= '0' && v[0] <= '9' && !v[1])) return false;
    std::string_view name = a.name();
    auto colon = name.find(':');
    std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
    if (local == "tooltip" || local == "docLocation" || local == "descr" || local == "title" || local == "alt" ||
        local == "string" || local == "displayText" || local == "author" || local == "initials" ||
        local == "userId" || local == "providerId" || local == "instr" || local == "anchor" || local == "href" ||
        local == "target" || local == "location")
        return true;
    std::string_view el = element.name();
    // Editing permissions (w:permStart w:ed="k.adeyemi@..."), VML signature
    // lines (o:suggestedsigner, o:suggestedsigneremail).
    if ((local == "ed" && el == "w:permStart") || local.starts_with("suggestedsigner")) return true;
    if (local != "name" && local != "value" && local != "val") return false;
    if (el == "w:attr") return true;  // smart tag and custom XML properties (w:smartTagPr, w:customXmlPr)
    if (local == "name")
        return el == "wp:docPr" || el == "pic:cNvPr" || el == "w:bookmarkStart" || el == "a:cNvPr" ||
               el == "wps:cNvPr" || el == "v:shape" || el == "o:OLEObject";
    if (local == "value") return el == "w:listItem";
    if (local == "val")
        return el == "w:alias" || el == "w:tag" || el == "w:helpText" || el == "w:statusText" || el == "w:default" ||
               el == "w:listEntry" || el == "w:tblCaption" || el == "w:tblDescription" || el == "w:lvlText" ||
               el == "w:aliases" ||
               (el == "w:name" && (std::strcmp(element.parent().name(), "w:ffData") == 0 ||
                                   std::strcmp(element.parent().name(), "w:style") == 0));
    return false;
}

bool scanned_text(pugi::xml_node element, bool story) {
    if (!story) return true;
    std::string_view n = element.name();
    return n != "w:t" && n != "m:t";  // paragraph text: searched across runs by detect_inline
}

namespace {

struct Scanner {
    Package& pkg;
    Redactor::State& st;
    int bookmark_counter = 0;
    std::map<std::string, std::string> bookmark_renames;

    std::vector<detect::TextMatch> matches(const std::string& value, bool identifier) {
        // Separators in addresses, file and bookmark names read as spaces:
        // laura-bennett, laura_bennett.png, _Toc_Laura.Bennett (same length,
        // so offsets stay those of the value).
        std::string probe = value;
        for (auto& c : probe)
            if (c == '-' || c == '_' || c == '.' || c == '+' || c == '/' || c == '=' || c == '&' || c == '?' || c == '#' ||
                c == '%' || c == '@' || c == ':' || c == '\\')
                c = ' ';
        // In a URL, a path or an identifier a one-word name counts in any
        // case (".../team/okafor", "t_okafor_example_org", "okafor_headshot"):
        // each token is read as if capitalised.
        if (identifier)
            for (std::size_t i = 0; i < probe.size(); ++i)
                if (probe[i] >= 'a' && probe[i] <= 'z' && (i == 0 || probe[i - 1] == ' '))
                    probe[i] = static_cast<char>(probe[i] - 'a' + 'A');
        text::Folded f = text::fold(probe);
        auto out = st.names.find(probe, f);
        if (out.empty()) {
            // CamelCase identifiers (GraceWhitfieldAddress): split before each
            // capital; a hit there redacts the whole value.
            std::string split;
            for (std::size_t i = 0; i < probe.size(); ++i) {
                char c = probe[i];
                if (i > 0 && c >= 'A' && c <= 'Z' && probe[i - 1] >= 'a' && probe[i - 1] <= 'z') split += ' ';
                split += c;
            }
            if (split.size() != probe.size()) {
                auto camel = st.names.find(split);
                if (!camel.empty()) out.push_back({0, value.size(), camel.front().person, ""});
            }
        }
        auto pats = detect::find_patterns(value, text::fold(value), st.options.policy);
        out.insert(out.end(), pats.begin(), pats.end());
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
        return out;
    }

    std::string redacted(const std::string& value, const std::vector<detect::TextMatch>& ms) {
        std::string out;
        std::size_t at = 0;
        for (const auto& m : ms) {
            if (m.begin < at) continue;
            out += value.substr(at, m.begin - at);
            out += m.person >= 0 ? st.name_replacement(m.person) : st.options.policy.inline_text;
            at = m.end;
        }
        return out + value.substr(std::min(at, value.size()));
    }

    void record(const std::string& part, const char* where, const std::vector<detect::TextMatch>& ms, const std::string& value) {
        for (const auto& m : ms) {
            Hit h;
            h.rule = m.person >= 0 ? Rule::name : Rule::pattern;
            h.category = m.kind == "iban" || m.kind == "sort code" || m.kind == "account number" ? "financial" : "personal";
            h.part = part;
            h.where = where;
            h.person = m.person;
            h.detail = m.person >= 0 ? "person " + std::to_string(m.person + 1) : m.kind;
            h.replacement = m.person >= 0 ? st.name_replacement(m.person) : st.options.policy.inline_text;
            if (st.options.show_text) h.text = value.substr(m.begin, m.end - m.begin);
            st.add_hit(std::move(h));
        }
    }

    void scan_part(const std::string& part, pugi::xml_node root, bool story) {
        for_each_element(root, [&](pugi::xml_node el) {
            if (story && st.inside_removed(el)) return;
            for (pugi::xml_attribute a : el.attributes()) {
                if (!scanned_attribute(el, a)) continue;
                std::string value = a.value();
                std::string_view an = a.name();
                bool url = an.ends_with("href") || an.ends_with("target");
                bool identifier = url || an.ends_with("anchor") || an.ends_with(":name") || an == "name" ||
                                  an.ends_with(":ed") || an.ends_with("suggestedsigneremail") || an.ends_with("docLocation");
                auto ms = matches(value, identifier);
                if (ms.empty()) continue;
                std::string where = std::string(el.name()) + "@" + a.name();
                record(part, where.c_str(), ms, value);
                std::string repl;
                if (std::string_view(el.name()) == "w:bookmarkStart" && std::string_view(a.name()) == "w:name") {
                    repl = "_Redacted" + std::to_string(++bookmark_counter);
                    bookmark_renames[value] = repl;
                } else {
                    repl = url ? std::string("#redacted") : redacted(value, ms);
                }
                st.attribute_edits.push_back({el, a.name(), repl});
            }
            if (!scanned_text(el, story)) return;
            for (pugi::xml_node c : el.children()) {
                if (c.type() != pugi::node_pcdata && c.type() != pugi::node_cdata) continue;
                std::string value = c.value();
                auto ms = matches(value, false);
                if (ms.empty()) continue;
                record(part, el.name(), ms, value);
                st.attribute_edits.push_back({el, "", redacted(value, ms)});
            }
        });
    }

    void hyperlink_targets(const std::string& part) {
        for (const auto& rel : pkg.relationships(part)) {
            // Hyperlinks, and every other external target (a linked picture
            // at file:///\\server\HR\Staff files\Okafor T\photo-id.jpg).
            if (classify_relationship(rel.type) != RelType::hyperlink && !rel.external) continue;
            std::string target = rel.target;
            auto ms = matches(target, true);
            if (ms.empty()) continue;
            record(part, "hyperlink target", ms, target);
            st.unlinked_relationships.push_back({part, rel.id});
        }
    }
};

}  // namespace

void detect_attributes(Package& package, Redactor::State& st) {
    Scanner s{package, st, 0, {}};
    for (auto& story : st.stories) {
        if (story.kind == "comments") continue;
        s.scan_part(story.name, story.root, true);
        s.hyperlink_targets(story.name);
    }
    // Anchors that pointed at a renamed bookmark follow it.
    if (!s.bookmark_renames.empty())
        for (auto& story : st.stories)
            for_each_element(story.root, [&](pugi::xml_node el) {
                if (auto a = el.attribute("w:anchor")) {
                    auto it = s.bookmark_renames.find(a.value());
                    if (it != s.bookmark_renames.end()) st.attribute_edits.push_back({el, "w:anchor", it->second});
                }
            });
    for (const auto& part : other_xml_parts(package, st)) {
        s.scan_part(part, xml_for_edit(package, part).document_element(), false);
        s.hyperlink_targets(part);
    }
}

}  // namespace allies::redact

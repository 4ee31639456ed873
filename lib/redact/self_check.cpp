// Fail closed: after sanitising, the package is serialised, opened again from
// those bytes and searched again with the same rules and the same people, as
// if it were a new input. Anything found means we cannot be sure, so the
// redaction is refused and nothing is written.
#include <algorithm>

#include "allies/error.hpp"
#include "package/package_impl.hpp"
#include "redact/image_metadata.hpp"
#include "redact/state.hpp"
#include "redact/structure.hpp"
#include "redact/xml_edit.hpp"
#include "text/fold.hpp"

namespace allies::redact {
namespace {

[[noreturn]] void leak(const Package& pkg, const std::string& part, const std::string& what) {
    throw Error(ErrorKind::refused, pkg.display_name(), part, "self-check after redaction: " + what + "; nothing written");
}

// Printable runs of a binary part read as ASCII and as UTF-16LE (EMF and WMF
// draw text with such records).
std::vector<std::string> strings_in(const std::string& bytes) {
    std::vector<std::string> out;
    std::string cur;
    for (unsigned char c : bytes) {
        if (c >= 0x20 && c < 0x7F) cur += static_cast<char>(c);
        else {
            if (cur.size() >= 3) out.push_back(cur);
            cur.clear();
        }
    }
    if (cur.size() >= 3) out.push_back(cur);
    cur.clear();
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
        unsigned char lo = static_cast<unsigned char>(bytes[i]), hi = static_cast<unsigned char>(bytes[i + 1]);
        if (hi == 0 && lo >= 0x20 && lo < 0x7F) cur += static_cast<char>(lo);
        else {
            if (cur.size() >= 3) out.push_back(cur);
            cur.clear();
        }
    }
    if (cur.size() >= 3) out.push_back(cur);
    return out;
}

}  // namespace

std::string self_check(Package& package, Redactor::State& st) {
    release_edited_part_bytes(package);  // written from the DOM: the copy only costs memory
    std::string bytes = package.to_bytes();
    // The package is replaced by what its bytes read back as: the edited
    // DOMs are freed before the check parses again (half the peak memory),
    // and the caller's package is exactly what was verified.
    std::string name = package.display_name();
    Limits limits = package.limits();
    st.release_nodes();
    { Package discard(std::move(package)); }  // free the edited DOMs first
    package = Package::open_memory(bytes, name, limits);
    Package& again = package;
    RedactOptions o;
    o.policy = st.options.policy;
    o.policy.attendance_labels.clear();  // placeholders and pseudonyms are not people
    o.policy.include_authors = false;
    o.policy.unlisted = UnlistedMode::warn;  // what is left was decided on; the check searches for what went
    o.roster.people = st.plan.people;
    o.locate_hits = false;  // any hit at all is a refusal: no need to place it
    // Raw checks first, on the bytes as read (the check's find() below may
    // release the bytes of parts it parses).
    const Policy& policy = st.options.policy;
    std::string marker = "[[" + text::fold_string(policy.text_marker);
    std::string close = "[[/" + text::fold_string(policy.text_marker);
    const detect::NameMatcher& names = st.names;  // built from the same people and policy
    for (const auto& name : again.part_names()) {
        if (!names.find(name).empty()) leak(again, "", "a part's name contains a redacted name");
        const std::string& bytes = again.part_bytes(name);
        std::string key = lower_ascii(name);
        bool xml_part = key.ends_with(".xml") || key.ends_with(".rels") || again.content_type(name).ends_with("xml");
        if (xml_part) {
            // Marker syntax, case-insensitively, at every "[[".
            for (std::size_t k = bytes.find("[["); k != std::string::npos; k = bytes.find("[[", k + 2)) {
                std::string after = lower_ascii(std::string_view(bytes).substr(k, marker.size() + 1));
                if (after.starts_with(marker) || after.starts_with(close))
                    leak(again, name, "redaction marker syntax still present");
            }
            if (bytes.find("rsid") != std::string::npos || bytes.find("paraId") != std::string::npos) {
                // Parsed, not searched: the text itself may mention "w:rsid".
                bool ids = false;
                for_each_element(xml(again, name).document_element(), [&](pugi::xml_node n) {
                    std::string_view en = n.name();
                    if (en.find(":rsid") != std::string_view::npos) ids = true;
                    for (pugi::xml_attribute a : n.attributes()) {
                        std::string_view an = a.name();
                        if (an.find(":rsid") != std::string_view::npos || an == "w14:paraId" || an == "w14:textId") ids = true;
                    }
                });
                if (ids) leak(again, name, "revision ids still present");
            }
            // Element names are case-sensitive and our writer uses the
            // canonical prefixes: an exact search is enough.
            for (const char* tag : {"<w:del ", "<w:del>", "<w:delText", "<w:moveFrom", "<w:ins ", "<w:ins>",
                                    "<w:commentReference", "<w:commentRangeStart", "<w:docVars", "<w:attachedTemplate",
                                    "<w:mailMerge", "<cp:lastModifiedBy"})
                if (bytes.find(tag) != std::string::npos) leak(again, name, std::string("<") + (tag + 1) + " still present");
            continue;
        }
        if (sniff_image(bytes) != ImageFormat::other) {
            try {
                if (!strip_image_metadata(bytes).removed.empty()) leak(again, name, "image metadata still present");
            } catch (const std::invalid_argument&) {
                leak(again, name, "image cannot be checked for metadata");
            }
            continue;
        }
        // Other binary parts (EMF/WMF pictures, fonts): their readable strings.
        if (key.ends_with(".odttf") || key.ends_with(".ttf") || key.ends_with(".otf")) continue;
        for (const auto& s : strings_in(bytes)) {
            // Two capitals in a binary part ("JH") are chance, not initials.
            auto found = names.find(s);
            bool person = std::any_of(found.begin(), found.end(), [](const detect::TextMatch& m) { return !m.initials; });
            if (person || !detect::find_patterns(s, text::fold(s), policy).empty())
                leak(again, name, "a redacted name or address is readable in this part");
        }
    }
    std::vector<std::string> sources{""};
    for (const auto& n : again.part_names())
        if (!n.ends_with(".rels")) sources.push_back(n);
    for (const auto& source : sources)
        for (const auto& rel : again.relationships(source)) {
            if (!removal_reason(classify_relationship(rel.type)).empty())
                leak(again, source, removal_reason(classify_relationship(rel.type)) + " still referenced");
            if (!understood(rel)) leak(again, source, "a part of a type allies does not understand is still referenced");
        }
    // Word's content model: an output Word would have to "repair" is not written.
    for (const auto& name : again.part_names()) {
        if (!name.starts_with("word/") || !name.ends_with(".xml")) continue;
        const std::string ct = again.content_type(name);
        if (ct.find("wordprocessingml") == std::string::npos) continue;
        pugi::xml_node root = xml(again, name).document_element();
        if (!is_story_root(root)) continue;
        std::string problem = structure_problem(root);
        if (!problem.empty()) leak(again, name, "invalid WordprocessingML after redaction (" + problem + ")");
    }
    Redactor check(again, o);
    const RedactionPlan& plan = check.find();
    for (const auto& h : plan.hits) {
        std::string where = h.where.empty() ? "" : " in " + h.where;
        if (h.paragraph) where += " (paragraph " + std::to_string(h.paragraph) + ")";
        std::string what = h.rule == Rule::sanitise ? h.category : std::string(rule_code(h.rule)) + " " + h.category;
        if (!h.detail.empty()) what += " (" + h.detail + ")";
        leak(again, h.part, what + " still present" + where);
    }
    return bytes;
}

}  // namespace allies::redact

// Test hook of allies-publish-testhook (never in the installed tool): puts
// redacted content back into the public DOCX after the redactor's own
// self-check, as a redaction bug would, so that tests can prove the
// independent verification catches it. ALLIES_TEST_TAMPER selects what:
//   name    a paragraph holding the first redacted person's name
//   region  a paragraph holding the text of the first redacted region
//   meta    the first person's name as the document's author (docProps/core.xml)
#pragma once

#include <cstdlib>
#include <functional>
#include <string>

#include "allies/package.hpp"
#include "allies/redact.hpp"

namespace allies_test {

inline std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

inline std::function<void(std::string&, const allies::RedactionPlan&)> tamper_from_environment() {
    const char* what = std::getenv("ALLIES_TEST_TAMPER");
    if (!what || !*what) return {};
    std::string mode = what;
    return [mode](std::string& docx, const allies::RedactionPlan& plan) {
        std::string text;
        if (mode == "name" || mode == "meta") {
            if (!plan.people.empty()) text = plan.people.front().name;
        } else if (mode == "region") {
            for (const auto& h : plan.hits)
                if (h.rule != allies::Rule::name && h.rule != allies::Rule::pattern && h.rule != allies::Rule::sanitise &&
                    !h.text.empty()) {
                    text = h.text;
                    break;
                }
        }
        if (text.empty()) return;
        allies::Package pkg = allies::Package::open_memory(docx, "tampered.docx");
        if (mode == "meta") {
            std::string core = pkg.has_part("docProps/core.xml") ? pkg.part_bytes("docProps/core.xml") : "";
            std::size_t at = core.find("</cp:coreProperties>");
            if (at == std::string::npos) return;
            core.insert(at, "<dc:creator>" + xml_escape(text) + "</dc:creator>");
            pkg.set_part("docProps/core.xml", core);
        } else {
            const std::string& main = pkg.main_document();
            std::string xml = pkg.part_bytes(main);
            std::size_t body = xml.find("<w:body");
            if (body == std::string::npos) return;
            std::size_t open_end = xml.find('>', body);
            xml.insert(open_end + 1, "<w:p><w:r><w:t xml:space=\"preserve\">" + xml_escape(text) + "</w:t></w:r></w:p>");
            pkg.set_part(main, xml);
        }
        docx = pkg.to_bytes();
    };
}

}  // namespace allies_test

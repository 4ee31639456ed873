// Helpers for redaction tests: run the library on an in-memory DOCX and
// search every part of the result (raw bytes) and its visible text.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "allies/convert.hpp"
#include "allies/error.hpp"
#include "allies/package.hpp"
#include "allies/reader.hpp"
#include "allies/redact.hpp"
#include "support/docx_builder.hpp"

namespace allies::testing {

struct Redacted {
    std::string bytes;
    RedactionPlan plan;
};

inline Roster roster(const std::string& text) { return Roster::parse(text, "roster.txt"); }

inline RedactOptions with_roster(const std::string& text) {
    RedactOptions o;
    o.roster = roster(text);
    return o;
}

inline Redacted redact_bytes(const std::string& docx, RedactOptions options = {}) {
    Package pkg = Package::open_memory(docx, "in.docx");
    Redactor r(pkg, std::move(options));
    r.find();
    r.apply();
    Redacted out;
    out.plan = r.find();
    out.bytes = pkg.to_bytes();
    return out;
}

inline Redacted redact_doc(const DocxBuilder& b, RedactOptions options = {}) { return redact_bytes(b.build(), std::move(options)); }

// Every part's bytes, concatenated with part names.
inline std::string all_parts(const std::string& docx) {
    Package pkg = Package::open_memory(docx, "out.docx");
    std::string out;
    for (const auto& n : pkg.part_names()) out += "\n== " + n + "\n" + pkg.part_bytes(n);
    return out;
}

inline std::string visible_text(const std::string& docx) {
    Package pkg = Package::open_memory(docx, "out.docx");
    return convert(read_document(pkg), TextFormat::text);
}

inline std::string part_of(const std::string& docx, const std::string& name) {
    Package pkg = Package::open_memory(docx, "out.docx");
    return pkg.has_part(name) ? pkg.part_bytes(name) : std::string();
}

inline bool has_part(const std::string& docx, const std::string& name) {
    return Package::open_memory(docx, "out.docx").has_part(name);
}

// Case-insensitive search in the raw bytes of every part.
inline bool anywhere(const std::string& docx, std::string needle) {
    std::string hay = all_parts(docx);
    for (auto& c : hay) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (auto& c : needle) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return hay.find(needle) != std::string::npos;
}

inline int count_rule(const RedactionPlan& plan, Rule rule) {
    int n = 0;
    for (const auto& h : plan.hits) n += h.rule == rule;
    return n;
}

inline int count_of(const std::string& hay, const std::string& needle) {
    int n = 0;
    for (auto k = hay.find(needle); k != std::string::npos; k = hay.find(needle, k + 1)) ++n;
    return n;
}

inline std::string run(const std::string& text, const std::string& rpr = "") {
    return "<w:r>" + (rpr.empty() ? "" : "<w:rPr>" + rpr + "</w:rPr>") + "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

inline std::string p(const std::string& runs, const std::string& ppr = "") {
    return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + runs + "</w:p>";
}

inline std::string heading_styles() {
    return part("styles",
                "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
                "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
                "<w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
                "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/>"
                "<w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>"
                "<w:style w:type=\"paragraph\" w:styleId=\"Style7\"><w:name w:val=\"Sensitive\"/></w:style>"
                "<w:style w:type=\"paragraph\" w:styleId=\"Sensitive\"><w:name w:val=\"Plain Body\"/></w:style>"
                "<w:style w:type=\"character\" w:styleId=\"CT\"><w:name w:val=\"Confidential Text\"/><w:rPr><w:b/></w:rPr></w:style>"
                "<w:style w:type=\"character\" w:styleId=\"Hidden\"><w:name w:val=\"Hidden\"/><w:rPr><w:vanish/></w:rPr></w:style>");
}

}  // namespace allies::testing

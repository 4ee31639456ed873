// Builds small DOCX packages in memory for tests, so every test states its
// input inline (after pugixml's and mammoth's tests).
#pragma once

#include <zip.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace allies::testing {

inline constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr const char* kRelOfficeDocument =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

// Writes the given (name, bytes) entries into a zip, in order.
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries, int method = ZIP_CM_DEFLATE) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
    zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    if (!za) throw std::runtime_error("zip_open_from_source");
    zip_source_keep(src);
    for (const auto& [name, data] : entries) {
        zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
        zip_int64_t idx = zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8);
        if (idx < 0) throw std::runtime_error("zip_file_add " + name);
        zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), method, 9);
    }
    if (zip_close(za) != 0) throw std::runtime_error("zip_close");
    zip_stat_t st;
    zip_source_stat(src, &st);
    std::string out(st.size, '\0');
    zip_source_open(src);
    zip_source_read(src, out.data(), st.size);
    zip_source_close(src);
    zip_source_free(src);
    return out;
}

struct DocxBuilder {
    std::string body;  // inner XML of w:body
    std::string styles, numbering, footnotes, comments, core;
    std::vector<std::pair<std::string, std::string>> extra_parts;  // name, bytes
    std::vector<std::string> extra_rels;  // <Relationship .../> of document.xml
    std::vector<std::string> extra_root_rels;  // <Relationship .../> of _rels/.rels
    std::string main_name = "word/document.xml";
    std::string namespaces = std::string("xmlns:w=\"") + kW + "\" xmlns:r=\"" + kR + "\"";

    std::string document_xml() const {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " + namespaces +
               "><w:body>" + body + "</w:body></w:document>";
    }

    std::string build() const {
        std::vector<std::pair<std::string, std::string>> e;
        std::string ct =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            "<Override PartName=\"/" + main_name +
            "\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
            "</Types>";
        e.emplace_back("[Content_Types].xml", ct);
        std::string root_rels =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            "<Relationship Id=\"rId1\" Type=\"" + std::string(kRelOfficeDocument) + "\" Target=\"" + main_name + "\"/>";
        if (!core.empty())
            root_rels += "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/"
                         "metadata/core-properties\" Target=\"docProps/core.xml\"/>";
        for (const auto& r : extra_root_rels) root_rels += r;
        root_rels += "</Relationships>";
        e.emplace_back("_rels/.rels", root_rels);
        e.emplace_back(main_name, document_xml());
        std::string rels =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
        auto add = [&](const std::string& content, const char* type, const char* target, int id) {
            if (content.empty()) return;
            rels += "<Relationship Id=\"rIdX" + std::to_string(id) +
                    "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + type +
                    "\" Target=\"" + target + "\"/>";
            e.emplace_back(std::string("word/") + target, content);
        };
        add(styles, "styles", "styles.xml", 1);
        add(numbering, "numbering", "numbering.xml", 2);
        add(footnotes, "footnotes", "footnotes.xml", 3);
        add(comments, "comments", "comments.xml", 4);
        for (const auto& r : extra_rels) rels += r;
        rels += "</Relationships>";
        auto slash = main_name.rfind('/');
        e.emplace_back(main_name.substr(0, slash + 1) + "_rels/" + main_name.substr(slash + 1) + ".rels", rels);
        if (!core.empty()) e.emplace_back("docProps/core.xml", core);
        for (const auto& p : extra_parts) e.push_back(p);
        return make_zip(e);
    }
};

// Wraps XML in a w:styles / w:numbering / ... root with the w namespace.
inline std::string part(const char* root, const std::string& inner) {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:") + root + " xmlns:w=\"" + kW +
           "\" xmlns:r=\"" + kR + "\">" + inner + "</w:" + root + ">";
}

inline std::string para(const std::string& text) { return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>"; }

}  // namespace allies::testing

// The package layer: opening, limits and error kinds, OPC lookups, writing.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "allies/error.hpp"
#include "allies/package.hpp"
#include "package/package_impl.hpp"
#include "support/docx_builder.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

ErrorKind kind_of(const std::string& bytes, const Limits& limits = {}) {
    try {
        Package::open_memory(bytes, "in.docx", limits);
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), "in.docx");
        EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "one-line messages";
        return e.kind();
    }
    ADD_FAILURE() << "no error";
    return ErrorKind::usage;
}

std::string simple_docx() {
    DocxBuilder b;
    b.body = para("Hello world");
    return b.build();
}

}  // namespace

TEST(Package, OpensAMinimalDocumentThroughItsOfficeDocumentRelationship) {
    auto pkg = Package::open_memory(simple_docx(), "in.docx");
    EXPECT_EQ(pkg.main_document(), "word/document.xml");
    EXPECT_FALSE(pkg.strict());
    EXPECT_EQ(pkg.content_type("word/document.xml"),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
    EXPECT_EQ(pkg.content_type("_rels/.rels"), "application/vnd.openxmlformats-package.relationships+xml");
}

TEST(Package, FindsAMainDocumentThatIsNotWordDocumentXml) {
    DocxBuilder b;
    b.main_name = "word/document2.xml";
    b.body = para("web");
    b.extra_parts.emplace_back("[trash]/0000.dat", "junk");
    auto pkg = Package::open_memory(b.build(), "web.docx");
    EXPECT_EQ(pkg.main_document(), "word/document2.xml");
    EXPECT_TRUE(pkg.has_part("[trash]/0000.dat"));
}

TEST(Package, RejectsNonZipInput) { EXPECT_EQ(kind_of("hello, this is text"), ErrorKind::not_zip); }

TEST(Package, RejectsATruncatedArchive) {
    std::string bytes = simple_docx();
    EXPECT_EQ(kind_of(bytes.substr(0, bytes.size() / 2)), ErrorKind::not_zip);
}

TEST(Package, TellsLegacyDocFromEncryptedOoxml) {
    std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    std::string doc = ole + std::string(512, '\0');
    std::string word_document_stream = std::string("W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24);
    EXPECT_EQ(kind_of(doc + word_document_stream), ErrorKind::legacy_doc);
    std::string encrypted = std::string("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
    EXPECT_EQ(kind_of(doc + encrypted), ErrorKind::encrypted);
    EXPECT_EQ(kind_of(doc), ErrorKind::unsupported);
}

TEST(Package, RejectsAPackageWithoutMainDocument) {
    auto bytes = make_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"}});
    EXPECT_EQ(kind_of(bytes), ErrorKind::no_main_document);
}

TEST(Package, RejectsTooManyEntries) {
    DocxBuilder b;
    for (int i = 0; i < 20; ++i) b.extra_parts.emplace_back("media/f" + std::to_string(i), "x");
    Limits limits;
    limits.max_entries = 10;
    EXPECT_EQ(kind_of(b.build(), limits), ErrorKind::too_many_entries);
}

TEST(Package, RejectsAZipBombByRatio) {
    DocxBuilder b;
    // Past the 64 MiB grace, ~80 KB compressed: the ratio stops it before
    // the 256 MiB part limit would.
    b.extra_parts.emplace_back("word/media/bomb.bin", std::string(80u << 20, '\0'));
    EXPECT_EQ(kind_of(b.build()), ErrorKind::zip_bomb);
}

TEST(Package, RejectsPartsAndPackagesOverTheSizeLimits) {
    DocxBuilder b;
    std::string noise;
    for (unsigned i = 0; i < 300000; ++i) noise += static_cast<char>('a' + (i * 7919u) % 26u);
    b.extra_parts.emplace_back("word/media/big.bin", noise);
    Limits part;
    part.max_part_bytes = 100000;
    EXPECT_EQ(kind_of(b.build(), part), ErrorKind::too_large);
    Limits total;
    total.max_total_bytes = 200000;
    EXPECT_EQ(kind_of(b.build(), total), ErrorKind::too_large);
}

TEST(Package, RejectsUnsafeAndDuplicateEntryNames) {
    DocxBuilder b;
    b.extra_parts.emplace_back("../evil.txt", "x");
    EXPECT_EQ(kind_of(b.build()), ErrorKind::bad_entry_name);
    DocxBuilder c;
    c.extra_parts.emplace_back("/etc/passwd", "x");
    EXPECT_EQ(kind_of(c.build()), ErrorKind::bad_entry_name);
    DocxBuilder d;
    d.extra_parts.emplace_back("word/a.xml", "<a/>");
    d.extra_parts.emplace_back("WORD/A.xml", "<a/>");  // part names are case-insensitive
    EXPECT_EQ(kind_of(d.build()), ErrorKind::bad_entry_name);
}

TEST(Package, RejectsMalformedXmlInvalidUtf8DeepNestingAndDoctype) {
    DocxBuilder bad;
    bad.body = "<w:p><w:r><w:t>unclosed</w:r></w:p>";
    EXPECT_EQ(kind_of(bad.build()), ErrorKind::bad_xml);

    DocxBuilder utf;
    utf.body = para("caf\xC3");
    EXPECT_EQ(kind_of(utf.build()), ErrorKind::bad_utf8);

    DocxBuilder deep;
    for (int i = 0; i < 600; ++i) deep.body += "<w:sdt><w:sdtContent>";
    for (int i = 0; i < 600; ++i) deep.body += "</w:sdtContent></w:sdt>";
    EXPECT_EQ(kind_of(deep.build()), ErrorKind::xml_too_deep);

    auto doctype = make_zip({{"[Content_Types].xml", "<Types/>"},
                             {"_rels/.rels", "<!DOCTYPE x [<!ENTITY a \"b\">]><Relationships/>"}});
    EXPECT_EQ(kind_of(doctype), ErrorKind::bad_xml);
}

TEST(Package, ResolvesRelativeAbsoluteAndExternalTargets) {
    EXPECT_EQ(resolve_target("word/document.xml", "media/image1.png"), "word/media/image1.png");
    EXPECT_EQ(resolve_target("word/document.xml", "../customXml/item1.xml"), "customXml/item1.xml");
    EXPECT_EQ(resolve_target("word/document.xml", "/word/styles.xml"), "word/styles.xml");
    EXPECT_EQ(resolve_target("", "word/document.xml"), "word/document.xml");
    EXPECT_EQ(rels_part_for("word/document.xml"), "word/_rels/document.xml.rels");
    EXPECT_EQ(rels_part_for(""), "_rels/.rels");

    DocxBuilder b;
    b.extra_rels.push_back("<Relationship Id=\"rL\" Type=\"" + std::string(kR) +
                           "/hyperlink\" Target=\"https://example.org/x\" TargetMode=\"External\"/>");
    auto pkg = Package::open_memory(b.build(), "in.docx");
    auto rel = pkg.relationship_by_id("word/document.xml", "rL");
    ASSERT_TRUE(rel);
    EXPECT_TRUE(rel->external);
    EXPECT_TRUE(rel->target_part.empty());
    EXPECT_EQ(classify_relationship(rel->type), RelType::hyperlink);
}

TEST(Package, ClassifiesTransitionalAndStrictRelationshipTypes) {
    EXPECT_EQ(classify_relationship("http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"),
              RelType::office_document);
    EXPECT_EQ(classify_relationship(
                  "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"),
              RelType::core_properties);
    EXPECT_EQ(classify_relationship("http://purl.oclc.org/ooxml/officeDocument/relationships/styles"),
              RelType::styles);
    EXPECT_EQ(classify_relationship("http://example.com/unknown"), RelType::other);
}

TEST(Package, NormalisesNonCanonicalNamespacePrefixes) {
    auto doc = parse_xml_part(
        std::string("<x:document xmlns:x=\"") + kW + "\"><x:body><x:p x:rsidR=\"1\"/></x:body></x:document>",
        "f", "p", 64);
    auto p = doc->document_element().child("w:body").child("w:p");
    EXPECT_TRUE(p);
    EXPECT_TRUE(p.attribute("w:rsidR"));
    auto def = parse_xml_part(std::string("<document xmlns=\"") + kW + "\"><body/></document>", "f", "p", 64);
    EXPECT_STREQ(def->document_element().name(), "w:document");
}

TEST(Package, WritesByteIdenticalOutputAndCopiesUnchangedEntries) {
    std::string input = simple_docx();
    auto a = Package::open_memory(input, "a.docx");
    auto b = Package::open_memory(input, "a.docx");
    b.set_part("word/new.xml", "<x/>", "application/xml");
    std::string out_a1 = a.to_bytes();
    std::string out_a2 = a.to_bytes();
    EXPECT_EQ(out_a1, out_a2);
    auto reread = Package::open_memory(out_a1, "out.docx");
    for (const auto& name : a.part_names()) EXPECT_EQ(reread.part_bytes(name), a.part_bytes(name)) << name;
    auto with_new = Package::open_memory(b.to_bytes(), "b.docx");
    EXPECT_EQ(with_new.part_bytes("word/new.xml"), "<x/>");
    EXPECT_EQ(with_new.content_type("word/new.xml"), "application/xml");
}

namespace {
// Compressed size and method of an entry, read with libzip directly.
std::pair<zip_uint64_t, zip_uint16_t> stored_form(const std::string& archive, const char* name) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(archive.data(), archive.size(), 0, &err);
    zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
    zip_stat_t st;
    zip_stat(za, name, 0, &st);
    zip_discard(za);
    return {st.comp_size, st.comp_method};
}
}  // namespace

TEST(Package, CopiesUnchangedEntriesWithoutRecompressing) {
    // Stored (uncompressed) entries stay stored: the bytes are copied as they are.
    DocxBuilder b;
    b.body = para(std::string(5000, 'a'));
    auto stored = make_zip({{"[Content_Types].xml", b.build().substr(0, 0) + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
                            {"_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                            "<Relationship Id=\"r1\" Type=\"" + std::string(kRelOfficeDocument) +
                                            "\" Target=\"word/document.xml\"/></Relationships>"},
                            {"word/document.xml", b.document_xml()}},
                           ZIP_CM_STORE);
    auto pkg = Package::open_memory(stored, "stored.docx");
    auto out = pkg.to_bytes();
    EXPECT_EQ(stored_form(out, "word/document.xml"), stored_form(stored, "word/document.xml"));
    EXPECT_EQ(stored_form(out, "word/document.xml").second, ZIP_CM_STORE);
    // An edited part is deflated.
    xml_for_edit(pkg, "word/document.xml");
    auto edited = pkg.to_bytes();
    EXPECT_EQ(stored_form(edited, "word/document.xml").second, ZIP_CM_DEFLATE);
}

TEST(Package, SerialisesEditedXmlAndDropsRemovedParts) {
    DocxBuilder b;
    b.body = para("keep");
    b.extra_parts.emplace_back("docProps/thumbnail.jpeg", "JPEG");
    auto pkg = Package::open_memory(b.build(), "in.docx");
    auto& doc = xml_for_edit(pkg, "word/document.xml");
    doc.document_element().child("w:body").child("w:p").child("w:r").child("w:t").text().set("changed");
    pkg.remove_part("docProps/thumbnail.jpeg");
    auto out = Package::open_memory(pkg.to_bytes(), "out.docx");
    EXPECT_FALSE(out.has_part("docProps/thumbnail.jpeg"));
    EXPECT_NE(out.part_bytes("word/document.xml").find("changed"), std::string::npos);
    EXPECT_EQ(out.part_bytes("word/document.xml").find("keep"), std::string::npos);
}

TEST(Package, WritesAtomicallyAndLeavesNoTemporaryFiles) {
    auto dir = std::filesystem::temp_directory_path() / ("allies-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto target = (dir / "out.docx").string();
    auto pkg = Package::open_memory(simple_docx(), "in.docx");
    pkg.write(target);
    EXPECT_EQ(read_file(target), pkg.to_bytes());
    std::size_t files = 0;
    for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 1u);
    // A destination in a missing directory fails cleanly with write_failed.
    try {
        write_file_atomically((dir / "missing" / "x.docx").string(), "data");
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::write_failed);
    }
    std::filesystem::remove_all(dir);
}

TEST(Package, ReadsStrictOoxml) {
    DocxBuilder b;
    b.namespaces = "xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\" "
                   "xmlns:r=\"http://purl.oclc.org/ooxml/officeDocument/relationships\"";
    b.body = para("strict text");
    auto pkg = Package::open_memory(b.build(), "strict.docx");
    EXPECT_TRUE(pkg.strict());
}

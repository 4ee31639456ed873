// Attribute values (trust issue, class 4): drop-down entries, editing
// permissions, table alternative text, signature lines, style names and
// list labels are searched; in URLs, paths and identifiers a one-word name
// counts in any case.
#include <gtest/gtest.h>

#include "support/redact_helpers.hpp"
#include "support/tiny_png.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

const char* kRoster = "Tom Okafor\nKemi Adeyemi\n";

}  // namespace

TEST(Attributes, FormEntriesPermissionsTableTextAndSignatureLines) {
    DocxBuilder b;
    b.namespaces += " xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\"";
    b.body = p("<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Contact\"/><w:ddList>"
               "<w:listEntry w:val=\"Duty officer\"/><w:listEntry w:val=\"Tom Okafor 07700 900123\"/></w:ddList></w:ffData>"
               "</w:fldChar></w:r><w:r><w:instrText> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>") +
             "<w:permStart w:id=\"1\" w:ed=\"k.adeyemi@example.org\"/>" + para("Editable.") + "<w:permEnd w:id=\"1\"/>" +
             "<w:tbl><w:tblPr><w:tblCaption w:val=\"Salaries agreed with Kemi Adeyemi\"/><w:tblDescription w:val=\"Prepared by Okafor\"/>"
             "</w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr><w:tc>" + para("Cell") + "</w:tc></w:tr></w:tbl>" +
             p("<w:r><w:pict><v:shape id=\"s1\" style=\"width:100pt;height:50pt\"><o:signatureline v:ext=\"edit\" "
               "o:suggestedsigner=\"Tom Okafor\" o:suggestedsigner2=\"Secretary\" o:suggestedsigneremail=\"t.okafor@example.org\"/>"
               "</v:shape></w:pict></w:r>");
    auto out = redact_doc(b, with_roster(kRoster));
    std::string all = all_parts(out.bytes);
    for (const char* gone : {"Okafor", "okafor", "adeyemi", "Adeyemi", "900123"}) EXPECT_EQ(all.find(gone), std::string::npos) << gone;
    EXPECT_NE(all.find("Duty officer"), std::string::npos);
}

TEST(Attributes, OneWordNamesInUrlsPathsAndIdentifiersInAnyCase) {
    DocxBuilder b;
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
    b.extra_rels.push_back("<Relationship Id=\"h1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
                           "Target=\"https://example.org/team/okafor\" TargetMode=\"External\"/>");
    b.extra_rels.push_back("<Relationship Id=\"h2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
                           "Target=\"https://contoso-my.sharepoint.com/personal/t_okafor_contoso_org/Documents/x.docx\" TargetMode=\"External\"/>");
    b.extra_rels.push_back("<Relationship Id=\"i1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
                           "Target=\"file:///\\\\server\\HR\\Staff files\\Okafor T\\photo-id.jpg\" TargetMode=\"External\"/>");
    b.body = p("<w:hyperlink r:id=\"h1\">" + run("Staff page") + "</w:hyperlink>" + run(" and ") + "<w:hyperlink r:id=\"h2\">" +
               run("the draft") + "</w:hyperlink>") +
             p("<w:r><w:drawing><wp:inline><wp:extent cx=\"914400\" cy=\"914400\"/><wp:docPr id=\"1\" name=\"okafor_headshot\"/>"
               "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:blipFill>"
               "<a:blip r:link=\"i1\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>") +
             para("The ward was busy.");
    auto out = redact_doc(b, with_roster(kRoster));
    std::string all = all_parts(out.bytes);
    EXPECT_EQ(all.find("okafor"), std::string::npos) << all;
    EXPECT_EQ(all.find("Okafor"), std::string::npos);
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("Staff page and the draft"), std::string::npos) << text;  // the words stay, the links go
}

TEST(Attributes, PdfAndSvgPicturesLoseTheirMetadata) {
    DocxBuilder b;
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
    const char* image = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
    b.extra_rels.push_back(std::string("<Relationship Id=\"p1\" Type=\"") + image + "\" Target=\"media/image1.pdf\"/>");
    b.extra_rels.push_back(std::string("<Relationship Id=\"s1\" Type=\"") + image + "\" Target=\"media/image2.svg\"/>");
    b.extra_parts.push_back({"word/media/image1.pdf",
                             "%PDF-1.4\n1 0 obj<</Author(Tom Okafor)/Creator(C:\\\\Users\\\\tokafor)>>endobj\ntrailer<</Info 1 0 R>>\n%%EOF\n"});
    b.extra_parts.push_back({"word/media/image2.svg",
                             "<?xml version=\"1.0\"?><!-- drawn by Tom Okafor --><svg xmlns=\"http://www.w3.org/2000/svg\" "
                             "xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\" sodipodi:docname=\"C:/Users/tokafor/logo.svg\">"
                             "<title>Okafor family logo</title><desc>by T Okafor</desc><metadata><rdf>Tom Okafor</rdf></metadata>"
                             "<rect width=\"10\" height=\"10\" fill=\"#336699\"/><text x=\"1\" y=\"8\">Logo</text></svg>"});
    auto pic = [](const char* id) {
        return std::string("<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"914400\" cy=\"914400\"/><wp:docPr id=\"1\" name=\"Picture\"/>"
                           "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:blipFill>"
                           "<a:blip r:embed=\"") + id + "\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
    };
    b.body = pic("p1") + pic("s1") + para("Logos above.");
    auto out = redact_doc(b, with_roster(kRoster));
    std::string all = all_parts(out.bytes);
    EXPECT_EQ(all.find("kafor"), std::string::npos) << all;
    EXPECT_EQ(part_of(out.bytes, "word/media/image1.pdf").rfind("\x89PNG", 0), 0u);  // a placeholder picture
    std::string svg = part_of(out.bytes, "word/media/image2.svg");
    EXPECT_NE(svg.find("<rect"), std::string::npos) << svg;  // the drawing stays
    EXPECT_NE(svg.find(">Logo<"), std::string::npos) << svg;
}

TEST(Attributes, LogInsAndIdentifiersInTextAndAttributes) {
    DocxBuilder b;
    b.body = para("Log-ins: RCT\\tokafor and praman were disabled; see t.okafor and p_raman folders.") +
             "<w:p><w:permStart w:id=\"1\" w:ed=\"RCT\\kadeyemi\"/><w:r><w:t>Editable</w:t></w:r><w:permEnd w:id=\"1\"/></w:p>" +
             para("The ward will open; the rose garden and the raman spectrum stay.");
    auto out = redact_doc(b, with_roster("Tom Okafor\nPriya Raman\nKemi Adeyemi\nWill Rose\n"));
    std::string all = all_parts(out.bytes);
    for (const char* gone : {"tokafor", "praman", "t.okafor", "p_raman", "kadeyemi"}) EXPECT_EQ(all.find(gone), std::string::npos) << gone;
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("The ward will open; the rose garden and the raman spectrum stay."), std::string::npos) << text;
}

TEST(Attributes, APictureNamedAfterAPersonIsRenamedAndStillShown) {
    DocxBuilder b;
    b.namespaces += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
    b.extra_rels.push_back("<Relationship Id=\"m1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
                           "Target=\"media/okafor_headshot.png\"/>");
    b.extra_parts.push_back({"word/media/okafor_headshot.png", tiny_png()});
    b.body = "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"914400\" cy=\"914400\"/><wp:docPr id=\"1\" name=\"Picture 1\"/>"
             "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:blipFill>"
             "<a:blip r:embed=\"m1\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>" +
             para("Photo above.");
    auto out = redact_doc(b, with_roster(kRoster));
    EXPECT_EQ(all_parts(out.bytes).find("okafor"), std::string::npos);
    EXPECT_FALSE(has_part(out.bytes, "word/media/okafor_headshot.png"));
    ASSERT_TRUE(has_part(out.bytes, "word/media/part1.png"));
    EXPECT_EQ(part_of(out.bytes, "word/media/part1.png"), tiny_png());
    EXPECT_NE(part_of(out.bytes, "word/_rels/document.xml.rels").find("Target=\"media/part1.png\""), std::string::npos);
}

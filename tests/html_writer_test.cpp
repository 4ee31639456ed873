// The HTML writer: structure (headings, lists, tables, notes, figures),
// escaping and safe links, images embedded or as assets, determinism, and
// well-formed output for the bundled sample.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "allies/convert.hpp"
#include "allies/html.hpp"
#include "allies/package.hpp"
#include "allies/reader.hpp"
#include "support/docx_builder.hpp"
#include "support/tiny_png.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

const char* kDrawingNs =
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
    " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

HtmlResult html_of(const DocxBuilder& b, const HtmlOptions& options = {}) {
    auto pkg = Package::open_memory(b.build(), "t.docx");
    return to_html(read_document(pkg), pkg, options);
}

std::string body_html(const std::string& body) {
    DocxBuilder b;
    b.body = body;
    return html_of(b).html;
}

// The part of the page between <main> and </main>.
std::string main_of(const std::string& html) {
    auto a = html.find("<main>\n");
    auto b = html.find("</main>");
    if (a == std::string::npos || b == std::string::npos) return {};
    return html.substr(a + 7, b - a - 7);
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) ++n;
    return n;
}

std::string run(const std::string& rpr, const std::string& text) {
    return "<w:r><w:rPr>" + rpr + "</w:rPr><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

std::string styled(const std::string& style, const std::string& text) {
    return "<w:p><w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

std::string list_item(int num, int ilvl, const std::string& text) {
    return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(ilvl) + "\"/><w:numId w:val=\"" +
           std::to_string(num) + "\"/></w:numPr></w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

std::string lvl(int ilvl, const char* fmt, const char* text) {
    return "<w:lvl w:ilvl=\"" + std::to_string(ilvl) + "\"><w:start w:val=\"1\"/><w:numFmt w:val=\"" + fmt +
           "\"/><w:lvlText w:val=\"" + text + "\"/></w:lvl>";
}

std::string decode_base64(const std::string& s) {
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::uint32_t buf = 0;
    int bits = 0;
    for (char c : s) {
        if (c == '=') break;
        auto v = alphabet.find(c);
        if (v == std::string::npos) return "<bad base64>";
        buf = (buf << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buf >> bits) & 0xFF);
        }
    }
    return out;
}

std::string drawing(const std::string& rel_id, const std::string& descr, const std::string& title = "") {
    return "<w:r><w:drawing><wp:inline><wp:extent cx=\"19050\" cy=\"9525\"/><wp:docPr id=\"1\" name=\"Picture 1\"" +
           (descr.empty() ? std::string{} : " descr=\"" + descr + "\"") +
           (title.empty() ? std::string{} : " title=\"" + title + "\"") +
           "/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
           "<pic:pic><pic:blipFill><a:blip r:embed=\"" +
           rel_id + "\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
}

std::string image_rel(const std::string& id, const std::string& target) {
    return "<Relationship Id=\"" + id + "\" Type=\"" + std::string(kR) + "/image\" Target=\"" + target + "\"/>";
}

DocxBuilder image_doc() {
    DocxBuilder b;
    b.namespaces += kDrawingNs;
    b.extra_rels.push_back(image_rel("rImg", "media/image1.png"));
    b.extra_parts.emplace_back("word/media/image1.png", tiny_png());
    return b;
}

// --- well-formedness: every non-void element is closed, in order.

std::string balance_errors(const std::string& html) {
    static const std::set<std::string> tracked{
        "html", "head", "title", "style", "body", "main", "section", "p", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th", "a", "strong", "em", "u", "s", "sup",
        "sub", "mark", "span", "div", "figure", "figcaption"};
    std::vector<std::string> stack;
    for (auto lt = html.find('<'); lt != std::string::npos; lt = html.find('<', lt + 1)) {
        if (html.compare(lt, 2, "<!") == 0) continue;
        bool closing = html.compare(lt, 2, "</") == 0;
        auto start = lt + (closing ? 2 : 1);
        auto end = html.find_first_of(" >", start);
        if (end == std::string::npos) return "unterminated tag at " + std::to_string(lt);
        std::string name = html.substr(start, end - start);
        if (!tracked.count(name)) continue;
        if (!closing) {
            stack.push_back(name);
        } else if (stack.empty() || stack.back() != name) {
            return "</" + name + "> at " + std::to_string(lt) + " closes <" + (stack.empty() ? "" : stack.back()) + ">";
        } else {
            stack.pop_back();
        }
    }
    return stack.empty() ? "" : "unclosed <" + stack.back() + ">";
}

// html5lib (the WHATWG parsing algorithm) in strict mode, when installed:
// it raises on every parse error. "" = parsed cleanly.
std::optional<std::string> html5lib_errors(const std::string& html) {
    if (std::system("/usr/bin/python3 -c 'import html5lib' >/dev/null 2>&1") != 0) return std::nullopt;
    namespace fs = std::filesystem;
    auto dir = fs::temp_directory_path();
    auto file = dir / ("allies-html-" + std::to_string(::getpid()) + ".html");
    auto err = dir / ("allies-html-" + std::to_string(::getpid()) + ".err");
    std::ofstream(file, std::ios::binary) << html;
    std::string cmd = "/usr/bin/python3 -c 'import html5lib,sys; html5lib.HTMLParser(strict=True)"
                      ".parse(open(sys.argv[1], \"rb\"))' " +
                      file.string() + " 2>" + err.string();
    int status = std::system(cmd.c_str());
    std::ifstream in(err);
    std::string message((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    fs::remove(file);
    fs::remove(err);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? std::string{} : message;
}

const std::string kSample = std::string(ALLIES_SOURCE_DIR) + "/samples/meeting-notes.docx";

HtmlResult sample_html(const HtmlOptions& options = {}) {
    auto pkg = Package::open_file(kSample);
    return to_html(read_document(pkg), pkg, options);
}

const char* kHeadingStyles =
    "<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Deep\"><w:name w:val=\"Deep\"/>"
    "<w:pPr><w:outlineLvl w:val=\"7\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/></w:style>";

}  // namespace

TEST(HtmlWriter, DocumentShellIsHtml5WithLanguageTitleGeneratorAndStylesheet) {
    DocxBuilder b;
    b.styles = part("styles", kHeadingStyles);
    b.body = para("Hello");
    auto html = html_of(b).html;
    EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"));
    EXPECT_NE(html.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), std::string::npos);
    EXPECT_NE(html.find("<meta name=\"generator\" content=\"allies " + std::string(version()) + "\">"),
              std::string::npos);
    EXPECT_NE(html.find("<title>Document</title>"), std::string::npos);
    EXPECT_NE(html.find("<style>\n"), std::string::npos);
    EXPECT_NE(html.find("max-width:45em"), std::string::npos);
    EXPECT_EQ(main_of(html), "<p>Hello</p>\n");
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("http"), std::string::npos);  // no external resources at all

    // No language anywhere: "en". The core property is the next fallback.
    EXPECT_NE(body_html(para("x")).find("<html lang=\"en\">"), std::string::npos);
    DocxBuilder c;
    c.body = para("x");
    c.core = "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
             " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Notes &amp; &lt;minutes&gt;</dc:title>"
             "<dc:language>cy-GB</dc:language></cp:coreProperties>";
    auto core = html_of(c).html;
    EXPECT_NE(core.find("<html lang=\"cy-GB\">"), std::string::npos);
    EXPECT_NE(core.find("<title>Notes &amp; &lt;minutes&gt;</title>"), std::string::npos);

    // The language of most of the text wins; runs in other languages are marked.
    DocxBuilder f;
    f.styles = part("styles", kHeadingStyles);
    f.body = "<w:p>" + run("<w:lang w:val=\"fr-FR\"/>", "Bonjour tout le monde,") + run("", " hello") + "</w:p>";
    auto fr = html_of(f).html;
    EXPECT_NE(fr.find("<html lang=\"fr-FR\">"), std::string::npos);
    EXPECT_EQ(main_of(fr), "<p>Bonjour tout le monde,<span lang=\"en-GB\"> hello</span></p>\n");

    HtmlOptions options;
    options.title = "Mine \"quoted\"";
    EXPECT_NE(html_of(c, options).html.find("<title>Mine &quot;quoted&quot;</title>"), std::string::npos);
}

TEST(HtmlWriter, HeadingsFollowOutlineLevelsAndTitleStyle) {
    DocxBuilder b;
    b.styles = part("styles", kHeadingStyles);
    b.body = styled("Title", "The title") + styled("Heading1", "One") + styled("Heading3", "Three") +
             styled("Deep", "Eight") + para("Body") + styled("Heading1", "");
    auto html = html_of(b).html;
    EXPECT_EQ(main_of(html), "<h1>The title</h1>\n<h1>One</h1>\n<h3>Three</h3>\n<h6>Eight</h6>\n<p>Body</p>\n");
    // No core title: the first heading names the page.
    EXPECT_NE(html.find("<title>The title</title>"), std::string::npos);
}

TEST(HtmlWriter, InlineFormattingNestsAndEscapes) {
    DocxBuilder b;
    b.styles = part("styles", kHeadingStyles);  // en-GB by default: the French run is marked
    b.body =
        "<w:p>" + run("<w:b/>", "bold ") + run("<w:b/><w:i/>", "both") + run("", " plain ") +
        run("<w:u w:val=\"single\"/>", "under") + run("<w:strike/>", "gone") +
        run("<w:vertAlign w:val=\"superscript\"/>", "2") + run("<w:vertAlign w:val=\"subscript\"/>", "i") +
        run("<w:smallCaps/>", "Small") + run("<w:caps/>", "caps") + run("<w:highlight w:val=\"yellow\"/>", "hi") +
        run("<w:lang w:val=\"fr-FR\"/>", "merci") + "</w:p>" +
        "<w:p><w:r><w:t xml:space=\"preserve\">a &lt;b&gt; &amp; \"c\" 'd'</w:t><w:br/><w:t>x\xC2\x85\x7F</w:t><w:tab/>"
        "<w:t>y</w:t></w:r></w:p>";
    auto html = main_of(html_of(b).html);
    EXPECT_EQ(html,
              "<p><strong>bold <em>both</em></strong> plain <u>under</u><s>gone</s><sup>2</sup><sub>i</sub>"
              "<span style=\"font-variant:small-caps\">Small</span>"
              "<span style=\"text-transform:uppercase\">caps</span><mark>hi</mark>"
              "<span lang=\"fr-FR\">merci</span></p>\n"
              "<p>a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;<br>x&emsp;y</p>\n");
}

TEST(HtmlWriter, HiddenDeletedAndCommentedTextFollowTheOtherWriters) {
    DocxBuilder b;
    b.comments = part("comments", "<w:comment w:id=\"0\" w:author=\"A\"><w:p><w:r><w:t>Remark</w:t></w:r></w:p>"
                                  "</w:comment>");
    b.body = "<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t xml:space=\"preserve\">The </w:t></w:r>"
             "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>old </w:delText></w:r></w:del>"
             "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\">new </w:t></w:r></w:ins>"
             "<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r><w:r><w:t>text</w:t></w:r>"
             "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>"
             "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>all hidden</w:t></w:r></w:p>";
    EXPECT_EQ(main_of(html_of(b).html), "<p>The new text</p>\n");
}

TEST(HtmlWriter, ListsKeepWordLabelsAndNestByLevel) {
    DocxBuilder b;
    b.numbering = part("numbering",
                       "<w:abstractNum w:abstractNumId=\"0\">" + lvl(0, "decimal", "%1.") +
                           lvl(1, "lowerLetter", "%1.%2)") +
                           "</w:abstractNum><w:abstractNum w:abstractNumId=\"1\">" +
                           "<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xE2\x80\xA2\"/></w:lvl>"
                           "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
                           "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>");
    b.body = para("Before") + list_item(1, 0, "one") + list_item(1, 1, "sub a") + "<w:p/>" +
             list_item(1, 1, "sub b") + list_item(1, 0, "two") + list_item(2, 0, "dot") + para("After");
    auto html = main_of(html_of(b).html);
    EXPECT_EQ(html,
              "<p>Before</p>\n"
              "<ol class=\"word-list\" role=\"list\">\n"
              "<li><span class=\"list-label\">1.</span> one\n"
              "<ol class=\"word-list\" role=\"list\">\n"
              "<li><span class=\"list-label\">1.a)</span> sub a</li>\n"
              "<li><span class=\"list-label\">1.b)</span> sub b</li>\n"
              "</ol>\n"
              "</li>\n"
              "<li><span class=\"list-label\">2.</span> two</li>\n"
              "</ol>\n"
              "<ul class=\"word-list\" role=\"list\">\n"
              "<li><span class=\"list-label\" aria-hidden=\"true\">\xE2\x80\xA2</span> dot</li>\n"
              "</ul>\n"
              "<p>After</p>\n");
    EXPECT_EQ(balance_errors(html), "");
}

TEST(HtmlWriter, NumberedHeadingsKeepTheirLabelAsHeadingText) {
    DocxBuilder b;
    b.styles = part("styles", kHeadingStyles);
    b.numbering = part("numbering", "<w:abstractNum w:abstractNumId=\"0\">" + lvl(0, "decimal", "%1.") +
                                        "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    b.body = "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/>"
             "</w:numPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Budget</w:t></w:r></w:p>";
    // Bold is the heading's own look: no <strong> inside it.
    EXPECT_EQ(main_of(html_of(b).html), "<h1><span class=\"list-label\">1.</span> Budget</h1>\n");
}

TEST(HtmlWriter, TablesHaveHeaderCellsAndSpans) {
    auto cell = [](const std::string& pr, const std::string& t) {
        return "<w:tc><w:tcPr>" + pr + "</w:tcPr><w:p><w:r><w:t>" + t + "</w:t></w:r></w:p></w:tc>";
    };
    auto html = main_of(body_html(
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>"
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + cell("", "A") + cell("", "B &amp; C") + cell("", "D") + "</w:tr>"
        "<w:tr>" + cell("<w:vMerge w:val=\"restart\"/>", "tall") + cell("<w:gridSpan w:val=\"2\"/>", "wide") + "</w:tr>"
        "<w:tr>" + cell("<w:vMerge/>", "") + cell("", "x") + cell("", "y") + "</w:tr>"
        "<w:tr>" + cell("", "p1</w:t></w:r></w:p><w:p><w:r><w:t>p2") + cell("", "") + cell("", "z") + "</w:tr>"
        "</w:tbl>"));
    EXPECT_EQ(html,
              "<table>\n<thead>\n"
              "<tr><th scope=\"col\">A</th><th scope=\"col\">B &amp; C</th><th scope=\"col\">D</th></tr>\n"
              "</thead>\n<tbody>\n"
              "<tr><td rowspan=\"2\">tall</td><td colspan=\"2\">wide</td></tr>\n"
              "<tr><td>x</td><td>y</td></tr>\n"
              "<tr><td>\n<p>p1</p>\n<p>p2</p>\n</td><td></td><td>z</td></tr>\n"
              "</tbody>\n</table>\n");
    EXPECT_EQ(balance_errors(html), "");
}

TEST(HtmlWriter, RowspanDoesNotCrossFromHeaderIntoBody) {
    auto cell = [](const std::string& pr, const std::string& t) {
        return "<w:tc><w:tcPr>" + pr + "</w:tcPr><w:p><w:r><w:t>" + t + "</w:t></w:r></w:p></w:tc>";
    };
    auto html = main_of(body_html(
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"1000\"/></w:tblGrid>"
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + cell("<w:vMerge w:val=\"restart\"/>", "H") + cell("", "I") +
        "</w:tr><w:tr>" + cell("<w:vMerge/>", "") + cell("", "b") + "</w:tr></w:tbl>"));
    EXPECT_NE(html.find("<tr><th scope=\"col\">H</th><th scope=\"col\">I</th></tr>"), std::string::npos);
    EXPECT_NE(html.find("<tr><td></td><td>b</td></tr>"), std::string::npos);
}

TEST(HtmlWriter, LinksExternalInternalAndUnsafe) {
    DocxBuilder b;
    b.extra_rels.push_back("<Relationship Id=\"rL\" Type=\"" + std::string(kR) +
                           "/hyperlink\" Target=\"https://example.org/a?b=1&amp;c=2\" TargetMode=\"External\"/>");
    b.extra_rels.push_back("<Relationship Id=\"rJ\" Type=\"" + std::string(kR) +
                           "/hyperlink\" Target=\" java&#9;script:alert(1)\" TargetMode=\"External\"/>");
    b.body = "<w:p><w:hyperlink r:id=\"rL\" w:tooltip=\"Go\"><w:r><w:rPr><w:u w:val=\"single\"/></w:rPr>"
             "<w:t>site</w:t></w:r></w:hyperlink><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>"
             "<w:hyperlink w:anchor=\"Target\"><w:r><w:t>see below</w:t></w:r></w:hyperlink>"
             "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>"
             "<w:hyperlink r:id=\"rJ\"><w:r><w:t>evil</w:t></w:r></w:hyperlink>"
             "<w:hyperlink w:anchor=\"Nowhere\"><w:r><w:t xml:space=\"preserve\"> lost</w:t></w:r></w:hyperlink></w:p>"
             "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>HYPERLINK \"mailto:a@b.org\""
             "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>mail</w:t></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> page </w:t></w:r>"
             "<w:fldSimple w:instr=\" PAGEREF Other \\h \"><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p>"
             "<w:p><w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/><w:bookmarkStart w:id=\"1\" w:name=\"Target\"/>"
             "<w:r><w:t>Here</w:t></w:r><w:bookmarkEnd w:id=\"1\"/><w:bookmarkStart w:id=\"2\" w:name=\"Other\"/>"
             "<w:bookmarkEnd w:id=\"2\"/></w:p>";
    auto html = main_of(html_of(b).html);
    EXPECT_EQ(html,
              "<p><a href=\"https://example.org/a?b=1&amp;c=2\" title=\"Go\">site</a> "
              "<a href=\"#Target\">see below</a> evil lost</p>\n"
              "<p><a href=\"mailto:a@b.org\">mail</a> page <a href=\"#Other\">2</a></p>\n"
              "<p id=\"Target\"><span id=\"Other\"></span>Here</p>\n");
}

TEST(HtmlWriter, FootnotesAndEndnotesLinkBothWays) {
    DocxBuilder b;
    b.footnotes = part("footnotes",
                       "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
                       "<w:footnote w:id=\"7\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> "
                       "The &lt;note&gt;.</w:t></w:r></w:p></w:footnote>");
    b.extra_rels.push_back("<Relationship Id=\"rE\" Type=\"" + std::string(kR) + "/endnotes\" Target=\"endnotes.xml\"/>");
    b.extra_parts.emplace_back("word/endnotes.xml",
                               part("endnotes", "<w:endnote w:id=\"3\"><w:p><w:r><w:endnoteRef/></w:r>"
                                                "<w:r><w:t xml:space=\"preserve\"> Late.</w:t></w:r></w:p></w:endnote>"));
    b.body = "<w:p><w:r><w:t>One</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>"
             "<w:footnoteReference w:id=\"7\"/></w:r><w:r><w:t xml:space=\"preserve\"> two</w:t></w:r>"
             "<w:r><w:endnoteReference w:id=\"3\"/></w:r><w:r><w:footnoteReference w:id=\"7\"/></w:r></w:p>";
    auto html = main_of(html_of(b).html);
    EXPECT_EQ(html,
              "<p>One<a href=\"#fn1\" id=\"fnref1\" class=\"note-ref\" role=\"doc-noteref\"><sup>1</sup></a> two"
              "<a href=\"#en1\" id=\"enref1\" class=\"note-ref\" role=\"doc-noteref\"><sup>i</sup></a>"
              "<a href=\"#fn1\" id=\"fnref1-2\" class=\"note-ref\" role=\"doc-noteref\"><sup>1</sup></a></p>\n"
              "<section class=\"notes footnotes\" role=\"doc-endnotes\" aria-label=\"Footnotes\">\n<ol>\n"
              "<li id=\"fn1\" value=\"1\">\n<p>The &lt;note&gt;.<a href=\"#fnref1\" class=\"note-back\" "
              "role=\"doc-backlink\" aria-label=\"Back to reference 1\">\u21A9\uFE0E</a></p>\n</li>\n"
              "</ol>\n</section>\n"
              "<section class=\"notes endnotes\" role=\"doc-endnotes\" aria-label=\"Endnotes\">\n<ol type=\"i\">\n"
              "<li id=\"en1\" value=\"1\">\n<p>Late.<a href=\"#enref1\" class=\"note-back\" "
              "role=\"doc-backlink\" aria-label=\"Back to reference i\">\u21A9\uFE0E</a></p>\n</li>\n"
              "</ol>\n</section>\n");
    EXPECT_EQ(balance_errors(html), "");
}

TEST(HtmlWriter, ImagesAreEmbeddedWithAltTextAndSize) {
    DocxBuilder b = image_doc();
    b.body = "<w:p><w:r><w:t xml:space=\"preserve\">Dot: </w:t></w:r>" + drawing("rImg", "A red &quot;dot&quot;") +
             "</w:p><w:p>" + drawing("rImg", "", "Titled") + "</w:p><w:p>" + drawing("rImg", "") + "</w:p>";
    auto result = html_of(b);
    EXPECT_TRUE(result.assets.empty());
    auto html = main_of(result.html);
    const std::string prefix = "<p>Dot: <img src=\"data:image/png;base64,";
    ASSERT_TRUE(html.starts_with(prefix)) << html;
    auto end = html.find('"', prefix.size());
    EXPECT_EQ(decode_base64(html.substr(prefix.size(), end - prefix.size())), tiny_png());
    const std::string attrs = "\" alt=\"A red &quot;dot&quot;\" width=\"2\" height=\"1\">";
    EXPECT_EQ(html.substr(end, attrs.size()), attrs);
    EXPECT_NE(html.find("alt=\"Titled\""), std::string::npos);   // title when there is no description
    EXPECT_NE(html.find("alt=\"\" width"), std::string::npos);    // neither: decorative, skipped by readers
}

TEST(HtmlWriter, AnAnchoredPictureIsAFigureAfterItsParagraph) {
    DocxBuilder b = image_doc();
    std::string floating = drawing("rImg", "Floating logo");
    floating.replace(floating.find("<wp:inline>"), 11,
                     "<wp:anchor simplePos=\"0\" relativeHeight=\"1\" behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" "
                     "allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/><wp:positionH relativeFrom=\"margin\">"
                     "<wp:align>right</wp:align></wp:positionH><wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0"
                     "</wp:posOffset></wp:positionV>");
    floating.replace(floating.find("</wp:inline>"), 12, "</wp:anchor>");
    floating.replace(floating.find("<wp:docPr"), 0, "<wp:wrapSquare wrapText=\"bothSides\"/>");
    b.body = "<w:p><w:r><w:t>Text beside it.</w:t></w:r>" + floating + "</w:p>";
    auto html = main_of(html_of(b).html);
    auto p = html.find("<p>Text beside it.</p>"), figure = html.find("<figure class=\"float\"><img ");
    ASSERT_NE(p, std::string::npos) << html;
    ASSERT_NE(figure, std::string::npos) << html;
    EXPECT_LT(p, figure);
    EXPECT_NE(html.find("alt=\"Floating logo\"", figure), std::string::npos);
}

TEST(HtmlWriter, AssetsModeReturnsEachImageOnceAndUsesTheHref) {
    DocxBuilder b = image_doc();
    b.extra_rels.push_back(image_rel("rImg2", "media/image2.png"));
    b.extra_parts.emplace_back("word/media/image2.png", tiny_png() + "x");
    b.body = "<w:p>" + drawing("rImg2", "second part, shown first") + drawing("rImg", "one") + "</w:p><w:p>" +
             drawing("rImg", "one again") + "</w:p>";
    HtmlOptions options;
    options.assets_dir = "/tmp/unused";
    options.assets_href = "notes_files/";
    auto result = html_of(b, options);
    ASSERT_EQ(result.assets.size(), 2u);
    EXPECT_EQ(result.assets[0].name, "image1.png");
    EXPECT_EQ(result.assets[0].bytes, tiny_png() + "x");
    EXPECT_EQ(result.assets[1].name, "image2.png");
    EXPECT_EQ(result.assets[1].bytes, tiny_png());
    EXPECT_EQ(count(result.html, "src=\"notes_files/image1.png\""), 1u);
    EXPECT_EQ(count(result.html, "src=\"notes_files/image2.png\""), 2u);
    EXPECT_EQ(result.html.find("data:"), std::string::npos);
}

TEST(HtmlWriter, ImagesBrowsersCannotShowBecomeLabelledPlaceholders) {
    DocxBuilder b = image_doc();
    b.extra_rels.push_back(image_rel("rEmf", "media/image2.emf"));
    std::string emf(88, '\0');
    emf[0] = 1;
    emf.replace(40, 4, " EMF");
    b.extra_parts.emplace_back("word/media/image2.emf", emf);
    b.extra_rels.push_back("<Relationship Id=\"rExt\" Type=\"" + std::string(kR) +
                           "/image\" Target=\"https://example.org/x.png\" TargetMode=\"External\"/>");
    b.body = "<w:p>" + drawing("rEmf", "Org chart") + "</w:p><w:p>" + drawing("rExt", "") + "</w:p>";
    b.body.replace(b.body.rfind("r:embed"), 7, "r:link");
    EXPECT_EQ(main_of(html_of(b).html),
              "<p><span class=\"image-unavailable\" role=\"img\" aria-label=\"Org chart\">[image: Org chart]</span>"
              "</p>\n<p><span class=\"image-unavailable\">[image]</span></p>\n");
}

TEST(HtmlWriter, PictureFollowedByCaptionIsAFigure) {
    DocxBuilder b = image_doc();
    b.styles = part("styles", kHeadingStyles);
    b.body = "<w:p>" + drawing("rImg", "Dot") + "</w:p>" + styled("Caption", "Figure 1: a dot");
    auto html = main_of(html_of(b).html);
    EXPECT_TRUE(html.starts_with("<figure><img src=\"data:image/png;base64,")) << html;
    EXPECT_TRUE(html.ends_with("alt=\"Dot\" width=\"2\" height=\"1\">\n<figcaption>Figure 1: a dot</figcaption>\n"
                               "</figure>\n"))
        << html;
}

TEST(HtmlWriter, TextBoxesAndContentControlsShowTheirContent) {
    DocxBuilder b;
    b.namespaces += std::string(kDrawingNs) + " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"";
    b.body = "<w:sdt><w:sdtPr><w:tag w:val=\"t\"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Block</w:t></w:r></w:p>"
             "</w:sdtContent></w:sdt>"
             "<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><w:drawing><wp:anchor><wp:extent cx=\"10\" cy=\"10\"/>"
             "<wp:docPr id=\"1\" name=\"Box\"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
             "<w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData>"
             "</a:graphic></wp:anchor></w:drawing></w:r></w:p>";
    EXPECT_EQ(main_of(html_of(b).html),
              "<p>Block</p>\n<p>Anchor</p>\n<aside class=\"text-box\">\n<p>In the box</p>\n</aside>\n");
}

TEST(HtmlWriter, RightToLeftAndAlignedParagraphs) {
    auto html = main_of(body_html("<w:p><w:pPr><w:bidi/><w:jc w:val=\"right\"/></w:pPr><w:r><w:t>\xD7\xA9\xD7\x9C"
                                  "\xD7\x95\xD7\x9D</w:t></w:r></w:p><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
                                  "<w:r><w:t>mid</w:t></w:r></w:p>"));
    EXPECT_EQ(html, "<p class=\"right\" dir=\"rtl\">\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D</p>\n<p class=\"center\">mid</p>\n");
}

TEST(HtmlWriter, SampleHasHeadingsListsTableAndNotes) {
    auto html = sample_html().html;
    EXPECT_NE(html.find("<html lang=\"en-GB\">"), std::string::npos);
    EXPECT_NE(html.find("<title>Community Advisory Group \u2014 Meeting Notes</title>"), std::string::npos);
    EXPECT_NE(html.find("<h1>Community Advisory Group \u2014 Meeting Notes</h1>"), std::string::npos);
    EXPECT_NE(html.find("<h1><span class=\"list-label\">1.</span> Welcome and apologies</h1>"), std::string::npos);
    EXPECT_NE(html.find("<h2><span class=\"list-label\">3.1.</span> Quarterly figures</h2>"), std::string::npos);
    EXPECT_NE(html.find("<h1><span class=\"list-label\">6.</span> Summary of actions</h1>\n<table>\n<thead>\n"),
              std::string::npos);
    EXPECT_NE(html.find("<th scope=\"col\">Action</th>"), std::string::npos);
    EXPECT_NE(html.find(" rowspan=\"2\">"), std::string::npos);
    EXPECT_NE(html.find(" colspan=\"2\">"), std::string::npos);
    EXPECT_NE(html.find("<li><span class=\"list-label\">1.</span> Staffing costs"), std::string::npos);
    EXPECT_NE(html.find("<a href=\"https://example.org/grants\">grants page</a>"), std::string::npos);
    EXPECT_NE(html.find("role=\"doc-noteref\"><sup>1</sup></a>"), std::string::npos);
    EXPECT_NE(html.find("<li id=\"fn1\" value=\"1\">\n<p>Figures are taken"), std::string::npos);
    EXPECT_EQ(html.find("Page "), std::string::npos);  // the footer numbers pages: left out
    EXPECT_EQ(balance_errors(html), "");
}

TEST(HtmlWriter, OutputIsDeterministic) {
    HtmlOptions options;
    options.assets_dir = "out";
    auto a = sample_html(options);
    auto b = sample_html(options);
    EXPECT_EQ(a.html, b.html);
    EXPECT_EQ(sample_html().html, sample_html().html);
    DocxBuilder d = image_doc();
    d.body = "<w:p>" + drawing("rImg", "x") + "</w:p>";
    EXPECT_EQ(html_of(d).html, html_of(d).html);
}

TEST(HtmlWriter, OutputParsesWithoutErrorsAsHtml5) {
    DocxBuilder b = image_doc();
    b.styles = part("styles", kHeadingStyles);
    b.footnotes = part("footnotes", "<w:footnote w:id=\"1\"><w:p><w:r><w:t>n</w:t></w:r></w:p></w:footnote>");
    b.body = styled("Title", "T") + "<w:p>" + drawing("rImg", "a &lt; b") +
             "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>" + styled("Caption", "c");
    for (const std::string& html : {sample_html().html, html_of(b).html}) {
        EXPECT_EQ(balance_errors(html), "");
        auto errors = html5lib_errors(html);
        if (!errors) GTEST_SKIP() << "python3-html5lib is not installed";
        EXPECT_EQ(*errors, "") << html;
    }
}

TEST(HtmlWriter, FirstSectionHeaderAndFooterAreLandmarksWithoutPageNumbers) {
    DocxBuilder b;
    const std::string ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    b.extra_parts.emplace_back("word/header1.xml", "<w:hdr " + ns + "><w:p><w:r><w:t>Harbour Trust</w:t></w:r></w:p></w:hdr>");
    b.extra_parts.emplace_back(
        "word/footer1.xml",
        "<w:ftr " + ns + "><w:p><w:r><w:t>Registered charity 1234567, company 07654321, VAT GB 123 4567 89</w:t></w:r>"
        "</w:p><w:p><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/>"
        "</w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:ftr>");
    b.extra_rels.push_back("<Relationship Id=\"rH\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                           "relationships/header\" Target=\"header1.xml\"/>");
    b.extra_rels.push_back("<Relationship Id=\"rF\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                           "relationships/footer\" Target=\"footer1.xml\"/>");
    b.body = para("Minutes") + "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rH\"/>"
             "<w:footerReference w:type=\"default\" r:id=\"rF\"/></w:sectPr>";
    std::string html = html_of(b).html;
    auto header = html.find("<body>\n<header>\n<p>Harbour Trust</p>\n</header>\n<main>\n");
    EXPECT_NE(header, std::string::npos) << html;
    auto footer = html.find("</main>\n<footer>\n<p>Registered charity 1234567, company 07654321, VAT GB 123 4567 89</p>\n"
                            "</footer>\n</body>");
    EXPECT_NE(footer, std::string::npos) << html;
    EXPECT_EQ(html.find("Page "), std::string::npos);  // no pages on the web
    EXPECT_EQ(main_of(html), "<p>Minutes</p>\n");
    EXPECT_EQ(balance_errors(html), "");
}

TEST(HtmlWriter, LinksAreUnderlinedNotToldByColourAlone) {
    std::string html = body_html(para("x"));
    EXPECT_NE(html.find("a{color:#0645ad;text-decoration:underline}"), std::string::npos);
    EXPECT_EQ(html.find("text-decoration:none"), std::string::npos);
}

TEST(HtmlWriter, AMetafileBecomesAnInlineSvg) {
    std::ifstream in(std::string(ALLIES_SOURCE_DIR) + "/tests/rendering/metafiles/logo.wmf", std::ios::binary);
    std::string wmf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(wmf.empty());
    DocxBuilder b;
    b.namespaces += kDrawingNs;
    b.extra_parts.emplace_back("word/media/logo.wmf", wmf);
    b.extra_rels.push_back("<Relationship Id=\"rImg\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                           "relationships/image\" Target=\"media/logo.wmf\"/>");
    b.body = "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"2540000\" cy=\"1270000\"/><wp:docPr id=\"1\" name=\"P\" "
             "descr=\"Trust logo\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/"
             "picture\"><pic:pic><pic:blipFill><a:blip r:embed=\"rImg\"/></pic:blipFill></pic:pic></a:graphicData>"
             "</a:graphic></wp:inline></w:drawing></w:r></w:p>";
    std::string html = main_of(html_of(b).html);
    EXPECT_NE(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"266.67\" height=\"133.33\" "
                        "viewBox=\"0 0 200 100\" role=\"img\" aria-label=\"Trust logo\""),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<path d=\"M0 0L100 0L100 100L0 100Z\" fill=\"#ff0000\" fill-rule=\"evenodd\"/>"), std::string::npos) << html;
    EXPECT_NE(html.find(">WMF Logo</text>"), std::string::npos);
    EXPECT_NE(html.find("href=\"data:image/png;base64,iVBORw0KGgo"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("image-unavailable"), std::string::npos);
}

TEST(HtmlWriter, AMetafileClipPathBecomesAnSvgClipPathWithAUniqueId) {
    std::ifstream in(std::string(ALLIES_SOURCE_DIR) + "/tests/rendering/metafiles/clip.emf", std::ios::binary);
    std::string emf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(emf.empty());
    DocxBuilder b;
    b.namespaces += kDrawingNs;
    b.extra_parts.emplace_back("word/media/clip.emf", emf);
    b.extra_rels.push_back("<Relationship Id=\"rImg\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                           "relationships/image\" Target=\"media/clip.emf\"/>");
    std::string picture =
        "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"2540000\" cy=\"1270000\"/><wp:docPr id=\"1\" name=\"P\"/>"
        "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:blipFill>"
        "<a:blip r:embed=\"rImg\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
    b.body = picture + picture;
    std::string html = main_of(html_of(b).html);
    // The triangle (0,100) (100,0) (200,100) in points, one id per picture.
    EXPECT_NE(html.find("<clipPath id=\"mf1-c0\"><path d=\"M0 100L100 0L200 100L0 100Z\"/></clipPath><g "
                        "clip-path=\"url(#mf1-c0)\"><svg x=\"0\" y=\"0\" width=\"200\" height=\"100\">"),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<clipPath id=\"mf2-c0\">"), std::string::npos);
    EXPECT_NE(html.find("aria-hidden=\"true\""), std::string::npos);  // no description: decorative
    // The green bar after RestoreDC is not clipped.
    EXPECT_NE(html.find("fill=\"#00ff00\" fill-rule=\"evenodd\"/>"), std::string::npos);
}

TEST(HtmlWriter, RightToLeftTableRunsRightToLeft) {
    DocxBuilder b;
    b.body = "<w:tbl><w:tblPr><w:bidiVisual/></w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr><w:tc><w:p>"
             "<w:r><w:t>A</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
             "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr><w:tc><w:p>"
             "<w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    auto html = html_of(b).html;
    EXPECT_NE(html.find("<table dir=\"rtl\">"), std::string::npos);
    EXPECT_NE(html.find("<table>"), std::string::npos);
}

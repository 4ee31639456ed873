// The leak check on its own: what it finds in DOCX, PDF, HTML and text, and
// what it must not flag; the needles built from a plan; the report round trip.
#include <gtest/gtest.h>

#include "allies/convert.hpp"
#include "allies/error.hpp"
#include "allies/pdf.hpp"
#include "allies/publish.hpp"
#include "allies/reader.hpp"
#include "publish/needles_from_plan.hpp"
#include "publish/report.hpp"
#include "publish/review.hpp"
#include "support/docx_builder.hpp"
#include "support/tiny_png.hpp"
#include "verify/leak_scan.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

const std::string kKey = "test-key-0123456789";

RedactionPlan plan_with(std::vector<std::string> names, std::vector<std::pair<Rule, std::string>> regions = {}) {
    RedactionPlan plan;
    for (auto& n : names) plan.people.push_back(Person{n, {}, "", "roster"});
    for (auto& [rule, text] : regions) {
        Hit h;
        h.rule = rule;
        h.category = "financial";
        h.text = text;
        h.replacement = "[Redacted: financial]";
        if (rule == Rule::pattern) h.detail = "email";
        plan.hits.push_back(h);
    }
    return plan;
}

std::vector<verify::Finding> scan(const verify::NeedleSet& set, const std::string& text) {
    verify::LeakScanner s(set, kKey);
    s.scan_text(text, "out.txt", "text");
    return s.findings();
}

verify::NeedleSet names_set(std::vector<std::string> names, Policy policy = {}) {
    return publish::needles_from_plan(plan_with(std::move(names)), policy, "", kKey);
}

}  // namespace

TEST(Tokens, FoldCaseDiacriticsApostrophesAndKeepCapitals) {
    auto t = verify::tokenize("ZOË O’Neill's zoe Ward’s");
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(t[0].text, "zoe");
    EXPECT_TRUE(t[0].capital);
    EXPECT_EQ(t[1].text, "o'neill");  // one word; the possessive dropped
    EXPECT_TRUE(t[1].capital);
    EXPECT_FALSE(t[2].capital);
    EXPECT_EQ(t[3].text, "ward");
}

TEST(LeakScan, ANameInsideAnApostropheNameIsNotThatName) {
    // Detection does not find "Neil" in "O'Neil"; the verifier must agree.
    auto set = names_set({"Neil Davies"});
    EXPECT_TRUE(scan(set, "Mary O'Neil and Sean O’Neil's report").empty());
    EXPECT_FALSE(scan(set, "Neil's report").empty());
}

TEST(LeakScan, WeakPlacesIgnoreOneWordNamesButNotFullNames) {
    // Theme and font names ("Latha", "Georgia") are attribute values.
    auto set = names_set({"Latha Kumar", "Georgia Hale"});
    DocxBuilder b;
    b.body = para("Clean text");
    b.extra_parts.push_back({"word/theme/theme1.xml", "<a:theme xmlns:a=\"x\"><a:font script=\"Taml\" typeface=\"Latha\"/>"
                                                      "<a:latin typeface=\"Georgia\"/></a:theme>"});
    verify::LeakScanner s(set, kKey);
    s.scan_docx(b.build(), "t.docx");
    EXPECT_TRUE(s.findings().empty()) << s.findings()[0].where;
    DocxBuilder alt;
    alt.body = "<w:p><w:r><w:drawing><wp:docPr xmlns:wp=\"x\" id=\"1\" name=\"Latha Kumar\" descr=\"Latha\"/></w:drawing></w:r></w:p>";
    verify::LeakScanner t(set, kKey);
    t.scan_docx(alt.build(), "u.docx");
    EXPECT_EQ(t.findings().size(), 2u);  // the full name in a weak place, the first name in alt text
}

TEST(LeakScan, ShortNumbersAloneAreNotEvidence) {
    auto plan = plan_with({}, {{Rule::text_marker, "3"}, {Rule::text_marker, "£500"}, {Rule::text_marker, "41826603"}});
    auto set = publish::needles_from_plan(plan, Policy{}, "", kKey);
    EXPECT_TRUE(scan(set, "Page 3 of 500").empty());
    EXPECT_FALSE(scan(set, "account 41826603").empty());
}

TEST(LeakScan, FindsNameVariantsFoldedAndPossessive) {
    auto set = names_set({"Zoë Ward"});
    EXPECT_FALSE(scan(set, "The Treasurer, ZOE WARD, reported.").empty());
    EXPECT_FALSE(scan(set, "Ward’s report was noted").empty());  // surname alone, possessive
    EXPECT_FALSE(scan(set, "zoë\u00A0ward").empty());
    EXPECT_TRUE(scan(set, "The ward was closed; the zoo opened.").empty());  // lower case one word: not the name
    EXPECT_TRUE(scan(set, "Edward and Zoey came").empty());                  // whole words only
    auto f = scan(set, "Zoë Ward");
    ASSERT_FALSE(f.empty());
    EXPECT_EQ(f[0].rule, "name (person 1)");
    EXPECT_EQ(f[0].rule.find("Ward"), std::string::npos);  // findings never carry the text
}

TEST(LeakScan, PhrasesThePolicyKeepsAreNotNames) {
    Policy p;
    p.keep.push_back("Ward Street");
    auto set = names_set({"Zoë Ward"}, p);
    EXPECT_TRUE(scan(set, "The meeting moved to Ward Street.").empty());
    EXPECT_FALSE(scan(set, "Ward Street and Zoë Ward").empty());
}

TEST(LeakScan, OneLetterAuthorIsNotSearched) {
    // An author called "d" would match every PDF date ("D:2026...").
    auto set = names_set({"d"});
    EXPECT_TRUE(scan(set, "D:19800101000000Z").empty());
}

TEST(LeakScan, RegionShinglesCatchASurvivingFragment) {
    std::string region = "The coordinator's probation was extended by three months after two formal warnings were issued";
    auto plan = plan_with({}, {{Rule::style, region}});
    auto set = publish::needles_from_plan(plan, Policy{}, region, kKey);
    EXPECT_FALSE(scan(set, "Note: extended by three months after two formal reviews").empty());
    EXPECT_TRUE(scan(set, "The coordinator's contract was renewed.").empty());
}

TEST(LeakScan, RegionTextThatWasPublicElsewhereIsNotANeedle) {
    // "Budget update" is redacted once as a heading's scope but also stands
    // in the public text: finding it proves nothing.
    auto plan = plan_with({}, {{Rule::heading, "Budget update"}, {Rule::style, "Salary 31400 agreed"}});
    std::string original = "Budget update\nSalary 31400 agreed\nBudget update follows in May";
    auto set = publish::needles_from_plan(plan, Policy{}, original, kKey);
    EXPECT_TRUE(scan(set, "Budget update follows in May").empty());
    EXPECT_FALSE(scan(set, "salary 31400 agreed").empty());
}

TEST(LeakScan, HiddenTextThatIsAlsoVisibleIsNotANeedle) {
    // Hidden "Quarterly figures" removed by sanitising, while the same words
    // stand visible in a heading that stays.
    auto plan = plan_with({}, {{Rule::sanitise, "Quarterly figures"}, {Rule::sanitise, "secret draft wording"}});
    auto set = publish::needles_from_plan(plan, Policy{}, "3.1 Quarterly figures\nThe main points", kKey);
    EXPECT_TRUE(scan(set, "3.1 Quarterly figures").empty());
    EXPECT_FALSE(scan(set, "the secret draft wording").empty());
}

TEST(LeakScan, ReplacementTextIsNotALeak) {
    auto plan = plan_with({}, {{Rule::block_content_control, "Redacted financial"}});
    auto set = publish::needles_from_plan(plan, Policy{}, "", kKey);
    EXPECT_TRUE(scan(set, "[Redacted: financial]").empty());
}

TEST(LeakScan, PatternsAndMarkers) {
    auto plan = plan_with({}, {{Rule::pattern, "tom.okafor@example.org"}});
    auto set = publish::needles_from_plan(plan, Policy{}, "", kKey);
    auto f = scan(set, "write to Tom.Okafor@Example.org today");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].rule, "pattern (email)");
    auto m = scan(set, "left over: [[REDACT:legal]] text");
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].rule, "marker");
}

TEST(LeakScan, DocxNameSplitAcrossRunsAttributesPropertiesAndImageText) {
    auto set = names_set({"Laura Bennett"});
    DocxBuilder b;
    b.body = "<w:p><w:r><w:t>Lau</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ra Ben</w:t></w:r><w:r><w:t>nett</w:t></w:r></w:p>";
    {
        verify::LeakScanner s(set, kKey);
        s.scan_docx(b.build(), "a.docx");
        ASSERT_FALSE(s.findings().empty());
        EXPECT_EQ(s.findings()[0].where, "word/document.xml paragraph 1");
    }
    DocxBuilder alt;
    alt.body = para("Clean text") + "<w:p><w:r><w:drawing><wp:docPr xmlns:wp=\"x\" id=\"1\" name=\"p\" descr=\"Photo of Laura Bennett\"/></w:drawing></w:r></w:p>";
    {
        verify::LeakScanner s(set, kKey);
        s.scan_docx(alt.build(), "b.docx");
        ASSERT_FALSE(s.findings().empty());
        EXPECT_NE(s.findings()[0].where.find("attribute descr"), std::string::npos);
    }
    DocxBuilder props;
    props.body = para("Clean text");
    props.core = "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                 "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>L. Bennett</dc:creator></cp:coreProperties>";
    {
        verify::LeakScanner s(set, kKey);
        s.scan_docx(props.build(), "c.docx");
        ASSERT_FALSE(s.findings().empty());
        EXPECT_NE(s.findings()[0].where.find("docProps/core.xml"), std::string::npos);
    }
    // A PNG whose tEXt chunk names her; the pixels of a clean PNG are not read as text.
    std::string png = tiny_png();
    std::string chunk_data = std::string("Author") + '\0' + "Laura Bennett";
    std::string chunk = png_chunk("tEXt", chunk_data);
    std::string tagged = png.substr(0, 33) + chunk + png.substr(33);
    DocxBuilder img;
    img.body = para("Clean text");
    img.extra_parts.push_back({"word/media/image1.png", tagged});
    {
        verify::LeakScanner s(set, kKey);
        s.scan_docx(img.build(), "d.docx");
        ASSERT_FALSE(s.findings().empty());
        EXPECT_NE(s.findings()[0].where.find("image1.png (tEXt)"), std::string::npos);
    }
}

TEST(LeakScan, PdfPagesAndMetadataAreRead) {
    auto set = names_set({"Laura Bennett"});
    DocxBuilder b;
    b.body = para("Minutes") + para("Agreed: Laura Bennett will write.");
    auto pkg = Package::open_memory(b.build(), "x.docx");
    std::string pdf = to_pdf(read_document(pkg), pkg);
    verify::LeakScanner s(set, kKey);
    s.scan_pdf(pdf, "x.pdf");
    ASSERT_EQ(s.findings().size(), 1u);
    EXPECT_EQ(s.findings()[0].where, "page 1");
    verify::LeakScanner bad(set, kKey);
    EXPECT_THROW(bad.scan_pdf("%PDF-1.7 not really", "y.pdf"), allies::Error);
    ASSERT_FALSE(bad.findings().empty());  // unreadable is recorded: not clean
}

TEST(LeakScan, HtmlTextAndAttributes) {
    auto set = names_set({"Laura Bennett"});
    verify::LeakScanner s(set, kKey);
    s.scan_html("<p>Clean</p><img alt=\"Laura&#32;Bennett\" src=\"x.png\">", "x.html");
    ASSERT_FALSE(s.findings().empty());
    EXPECT_EQ(s.findings()[0].where, "attribute alt");
    verify::LeakScanner t(set, kKey);
    t.scan_html("<p>La<b>ura</b> Ben<span>nett</span></p>", "y.html");
    EXPECT_FALSE(t.findings().empty());
    auto georgia = names_set({"Georgia Hale"});
    verify::LeakScanner u(georgia, kKey);
    u.scan_html("<style>body{font-family:Cambria,Georgia,serif}</style><p>Clean</p>", "z.html");
    EXPECT_TRUE(u.findings().empty());  // the style sheet's font is not Georgia Hale
    verify::LeakScanner v(georgia, kKey);
    v.scan_html("<style>p{}</style><p>Georgia came</p>", "w.html");
    ASSERT_EQ(v.findings().size(), 1u);  // the first name alone, in the text a reader sees
    EXPECT_EQ(v.findings()[0].where, "text");
}

TEST(LeakScan, HtmlIsReadAsABrowserReadsIt) {
    // Named entities, numeric references, a name split by tags and comments.
    auto set = names_set({"Zoë O'Neill", "Tom Okafor"});
    for (const char* html : {"<p>Zo&euml; O&rsquo;Neill</p>", "<p>Zo&#xEB; O&#8217;Neill</p>", "<p>T<i>om</i> Oka<b>for</b></p>",
                             "<p>Clean<!-- Tom Okafor --></p>", "<p>Clean</p><a href=\"https://example.org/staff/okafor\">x</a>",
                             "<p>Clean <span title=\"Okafor\">x</span>", "<div><p>Zo&euml;</div>"}) {
        verify::LeakScanner s(set, kKey);
        s.scan_html(html, "x.html");
        EXPECT_FALSE(s.findings().empty()) << html;
    }
    // Names of fonts and styles in a style sheet, and words in other
    // attributes, are not names of people.
    auto georgia = names_set({"Georgia Hale", "Will Strong"});
    verify::LeakScanner u(georgia, kKey);
    u.scan_html("<style>p{font-family:Georgia,'Will',serif}</style><p class=\"Strong\" id=\"will\">Clean</p>", "z.html");
    EXPECT_TRUE(u.findings().empty()) << u.findings()[0].where;
}

TEST(Report, HoldsHashesNotTextAndRoundTrips) {
    auto plan = plan_with({"Laura Bennett"}, {{Rule::text_marker, "settling the lease dispute for 7500 pounds"}});
    auto set = publish::needles_from_plan(plan, Policy{}, "", kKey);
    DocumentResult r;
    r.input_sha256 = std::string(64, 'a');
    std::string json = publish::report_json(r, plan, set, {});
    EXPECT_EQ(json.find("Bennett"), std::string::npos);
    EXPECT_EQ(json.find("lease"), std::string::npos);
    auto back = publish::needles_from_report(json, "r.json");
    EXPECT_EQ(back.needles.size(), set.needles.size());
    EXPECT_EQ(back.key_id, verify::KeyedHasher(kKey).key_id());
    EXPECT_FALSE(scan(back, "Laura Bennett").empty());
    // Another key hashes differently: nothing matches.
    verify::LeakScanner other(back, "another-key-0123456789");
    other.scan_text("Laura Bennett settling the lease dispute for 7500 pounds", "x", "text");
    EXPECT_TRUE(other.findings().empty());
    EXPECT_THROW(publish::needles_from_report("{\"format\":\"nope\"}", "r.json"), allies::Error);
}

TEST(Review, MarksEachSpanInItsRuleColourWithALabelAfterASummaryPage) {
    DocxBuilder b;
    b.body = "<w:p><w:r><w:t xml:space=\"preserve\">Budget: £45,</w:t></w:r><w:r><w:t>000 agreed by Laura Bennett.</w:t></w:r></w:p>";
    auto pkg = Package::open_memory(b.build(), "x.docx");
    Document doc = read_document(pkg);
    RedactionPlan plan = plan_with({"Laura Bennett"}, {{Rule::text_marker, "£45,000"}});
    Hit name;
    name.rule = Rule::name;
    name.category = "personal";
    name.text = "Laura Bennett";
    plan.hits.push_back(name);
    publish::mark_review(doc, plan, "x.docx");
    ASSERT_GE(doc.body.size(), 3u);
    EXPECT_EQ(doc.body[0].paragraph.inlines[0].text, "Redaction review (internal: not for publication)");
    const Paragraph& p = doc.body.back().paragraph;
    std::string shaded, labels;
    for (const auto& in : p.inlines) {
        if (in.text.find('[') != std::string::npos) labels += in.text;
        else if (in.props.shading.fill == publish::review_colour("M4")) shaded += in.text + "|";
        else if (in.props.shading.fill == publish::review_colour("name")) shaded += "name:" + in.text + "|";
    }
    // The span crossed two runs: both pieces are shaded, one label follows.
    EXPECT_EQ(shaded, "£45,|000|name:Laura Bennett|");
    EXPECT_EQ(labels, " [M4 financial]  [name] ");
    EXPECT_NE(publish::review_colour("M4"), publish::review_colour("name"));
}

namespace {
std::string jpeg_with_comment(const std::string& comment) {
    auto seg = [](unsigned char marker, const std::string& payload) {
        std::size_t n = payload.size() + 2;
        return std::string{'\xFF', static_cast<char>(marker), static_cast<char>(n >> 8), static_cast<char>(n & 0xFF)} + payload;
    };
    std::string sof = std::string("\x08\x00\x01\x00\x01\x01\x01\x11\x00", 9);
    std::string sos = std::string("\x01\x01\x00\x00\x3F\x00", 6);
    return std::string("\xFF\xD8", 2) + seg(0xFE, comment) + seg(0xC0, sof) + seg(0xDA, sos) + std::string("\x00\x00\xFF\xD9", 4);
}
}  // namespace

TEST(LeakScan, ImagesInsideHtmlAndPdfAreReadForMetadata) {
    auto set = names_set({"Laura Bennett"});
    std::string jpeg = jpeg_with_comment("photo by Laura Bennett");
    static const char* b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string enc;
    for (std::size_t i = 0; i < jpeg.size(); i += 3) {
        unsigned v = static_cast<unsigned char>(jpeg[i]) << 16;
        if (i + 1 < jpeg.size()) v |= static_cast<unsigned char>(jpeg[i + 1]) << 8;
        if (i + 2 < jpeg.size()) v |= static_cast<unsigned char>(jpeg[i + 2]);
        enc += b64[(v >> 18) & 63];
        enc += b64[(v >> 12) & 63];
        enc += i + 1 < jpeg.size() ? b64[(v >> 6) & 63] : '=';
        enc += i + 2 < jpeg.size() ? b64[v & 63] : '=';
    }
    verify::LeakScanner h(set, kKey);
    h.scan_html("<p>Clean</p><img src=\"data:image/jpeg;base64," + enc + "\">", "x.html");
    ASSERT_FALSE(h.findings().empty());
    EXPECT_EQ(h.findings()[0].where, "embedded image (metadata)");
}

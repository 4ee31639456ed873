// Marking conventions as writers write them (trust issue, class 6): heading
// markings with punctuation, separators or in front; content-control titles
// and tags with a separator or an extra word; comments that ask politely or
// address someone. And what must not be taken for a marking.
#include <gtest/gtest.h>

#include "support/redact_helpers.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

std::string lower(std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

std::string h1(const std::string& text) { return p(run(text), "<w:pStyle w:val=\"Heading1\"/>"); }

std::string control(const std::string& alias, const std::string& tag, const std::string& content) {
    return "<w:sdt><w:sdtPr>" + (alias.empty() ? "" : "<w:alias w:val=\"" + alias + "\"/>") +
           (tag.empty() ? "" : "<w:tag w:val=\"" + tag + "\"/>") + "<w:id w:val=\"9\"/></w:sdtPr><w:sdtContent>" + content +
           "</w:sdtContent></w:sdt>";
}

}  // namespace

TEST(Conventions, HeadingMarkingsWithPunctuationSeparatorsOrInFront) {
    for (const std::string heading : {"Budget (confidential).", "Confidential: staffing", "Staffing \xE2\x80\x93 CONFIDENTIAL",
                                      "Staffing - Confidential", "[Confidential] Staffing", "Staffing | confidential"}) {
        SCOPED_TRACE(heading);
        DocxBuilder b;
        b.styles = heading_styles();
        b.body = h1("Finance") + para("Budget fine.") + h1(heading) + para("Probation extended for one post.") +
                 h1("Any other business") + para("Next meeting in May.");
        auto out = redact_doc(b);
        std::string text = visible_text(out.bytes);
        EXPECT_FALSE(anywhere(out.bytes, "Probation")) << text;
        EXPECT_NE(text.find("Next meeting in May."), std::string::npos) << text;
        EXPECT_NE(text.find("Budget fine."), std::string::npos) << text;
    }
}

TEST(Conventions, HeadingsThatOnlyMentionConfidentialityStay) {
    for (const std::string heading : {"Confidential waste collection", "Confidentiality policy", "Keeping data confidential",
                                      "Non-confidential annex"}) {
        SCOPED_TRACE(heading);
        DocxBuilder b;
        b.styles = heading_styles();
        b.body = h1(heading) + para("Bins on Tuesday.");
        auto out = redact_doc(b);
        EXPECT_NE(visible_text(out.bytes).find("Bins on Tuesday."), std::string::npos) << visible_text(out.bytes);
    }
}

TEST(Conventions, ContentControlTitlesAndTagsWithSeparatorsOrExtraWords) {
    struct Case {
        std::string alias, tag, category;
    };
    const std::vector<Case> cases = {{"Confidential \xE2\x80\x93 HR", "", "hr"}, {"Confidential (HR)", "", "hr"},
                                     {"", "redact-financial", "financial"}, {"Sensitive data", "", ""},
                                     {"", "confidential_personal", "personal"}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.alias + c.tag);
        DocxBuilder b;
        b.body = para("Open.") + control(c.alias, c.tag, para("Home address 4 Elm Row")) + para("Also open.");
        auto out = redact_doc(b);
        std::string text = visible_text(out.bytes);
        EXPECT_FALSE(anywhere(out.bytes, "Elm Row")) << text;
        EXPECT_NE(text.find("Also open."), std::string::npos) << text;
        if (!c.category.empty()) {
            bool found = false;
            for (const auto& h : out.plan.hits) found = found || lower(h.category) == c.category;
            EXPECT_TRUE(found) << "category " << c.category;
        }
    }
}

TEST(Conventions, CommentsThatAskPolitelyOrAddressSomeone) {
    for (const std::string ask : {"Please redact", "@Sam redact this", "@Sam Lee please redact", "Can you redact: personal",
                                  "REDACT please"}) {
        SCOPED_TRACE(ask);
        DocxBuilder b;
        b.comments = part("comments", "<w:comment w:id=\"1\" w:author=\"Reviewer\"><w:p><w:r><w:t>" + ask +
                                          "</w:t></w:r></w:p></w:comment>");
        b.body = p(run("The editor is ") + "<w:commentRangeStart w:id=\"1\"/>" + run("on medical leave") +
                   "<w:commentRangeEnd w:id=\"1\"/><w:r><w:commentReference w:id=\"1\"/></w:r>" + run(" until May."));
        auto out = redact_doc(b);
        EXPECT_FALSE(anywhere(out.bytes, "medical")) << visible_text(out.bytes);
        EXPECT_EQ(count_rule(out.plan, Rule::comment), 1);
    }
}

TEST(Conventions, CommentsThatDoNotAskStay) {
    for (const std::string note : {"Please check", "Redaction policy is in the handbook", "Do we redact this?"}) {
        SCOPED_TRACE(note);
        DocxBuilder b;
        b.comments = part("comments", "<w:comment w:id=\"1\" w:author=\"Reviewer\"><w:p><w:r><w:t>" + note +
                                          "</w:t></w:r></w:p></w:comment>");
        b.body = p("<w:commentRangeStart w:id=\"1\"/>" + run("Budget agreed.") +
                   "<w:commentRangeEnd w:id=\"1\"/><w:r><w:commentReference w:id=\"1\"/></w:r>");
        auto out = redact_doc(b);
        EXPECT_NE(visible_text(out.bytes).find("Budget agreed."), std::string::npos);
    }
}

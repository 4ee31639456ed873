// People as a person reads them (trust issue, classes 3, 6 and 9): titles and
// post-nominal letters are not part of a name, "Surname, Given" and trailing
// parentheticals are understood, particles belong to the surname; attendance
// lines as writers write them; roles, teams and offices are not people.
#include <gtest/gtest.h>

#include "detect/name_matcher.hpp"
#include "support/redact_helpers.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : "|") + w;
    return out;
}

std::string tracked_insertion_by(const std::string& author, const std::string& text) {
    return "<w:p><w:ins w:id=\"7\" w:author=\"" + author + "\" w:date=\"2024-01-01T00:00:00Z\"><w:r><w:t>" + text +
           "</w:t></w:r></w:ins></w:p>";
}

}  // namespace

TEST(NameWords, TitlesPostNominalsParentheticalsAndCommaOrder) {
    using detect::name_words;
    EXPECT_EQ(joined(name_words("Cllr Jim Hartley MBE")), "Jim|Hartley");
    EXPECT_EQ(joined(name_words("Dr Fiona MacLeod OBE")), "Fiona|MacLeod");
    EXPECT_EQ(joined(name_words("Prof Sam Idowu FRS")), "Sam|Idowu");
    EXPECT_EQ(joined(name_words("The Rt Hon Dame Jane Doe DBE KC")), "Jane|Doe");
    EXPECT_EQ(joined(name_words("Fiona MacLeod (Policy Team)")), "Fiona|MacLeod");
    EXPECT_EQ(joined(name_words("Bowen, Idris (RCT)")), "Idris|Bowen");
    EXPECT_EQ(joined(name_words("Dunne, Rachel")), "Rachel|Dunne");
    EXPECT_EQ(joined(name_words("Dr. Amy Chen, PhD")), "Amy|Chen");
    // Written as a surname, never taken for letters or a title.
    EXPECT_EQ(joined(name_words("Jack Ma")), "Jack|Ma");
    EXPECT_EQ(joined(name_words("JACK MA")), "JACK|MA");
    EXPECT_EQ(joined(name_words("Don Major")), "Don|Major");
    EXPECT_EQ(detect::surname_of(name_words("Pieter van der Berg")), "van der Berg");
    EXPECT_EQ(detect::surname_of(name_words("Dara Ó Briain")), "Ó Briain");
    EXPECT_EQ(detect::surname_of(name_words("Tom Okafor")), "Okafor");
}

TEST(People, TitlesAndLettersOfAnAttendanceLineLeaveNoSurnameBehind) {
    DocxBuilder b;
    b.body = para("Present: Cllr Jim Hartley MBE, Dr Fiona MacLeod OBE, Prof Sam Idowu FRS") +
             para("Hartley opened the meeting. MacLeod agreed with Cllr Hartley and Idowu asked about costs.") +
             para("Jim thanked Fiona; Sam left early.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    for (const char* gone : {"Hartley", "MacLeod", "Idowu", "Jim", "Fiona", "Sam", "MBE", "FRS"})
        EXPECT_FALSE(anywhere(out.bytes, gone)) << gone << "\n" << text;
    EXPECT_NE(text.find("opened the meeting"), std::string::npos) << text;
}

TEST(People, AuthorsWithParentheticalsAndCommaOrderLoseEveryPart) {
    DocxBuilder b;
    b.core = "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
             "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>Fiona MacLeod (Policy Team)</dc:creator>"
             "<cp:lastModifiedBy>Bowen, Idris (RCT)</cp:lastModifiedBy></cp:coreProperties>";
    b.body = para("MacLeod drafted the note; Idris checked it and Bowen signed.") +
             tracked_insertion_by("Dunne, Rachel (RCT)", "Added by the clerk.") +
             para("Rachel will circulate it. Dunne confirmed.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    for (const char* gone : {"MacLeod", "Idris", "Bowen", "Rachel", "Dunne"}) EXPECT_FALSE(anywhere(out.bytes, gone)) << gone << "\n" << text;
    EXPECT_NE(text.find("drafted the note"), std::string::npos) << text;
}

TEST(People, ParticlesGoWithTheSurname) {
    DocxBuilder b;
    b.body = para("Present: Pieter Van der Berg, Dara Ó Briain") +
             para("Mrs Van der Berg spoke, then Mr Ó Briain replied to Van der Berg.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    for (const char* gone : {"Van der", "Berg", "Briain"}) EXPECT_FALSE(anywhere(out.bytes, gone)) << gone << "\n" << text;
    EXPECT_EQ(text.find("Van der [name]"), std::string::npos) << text;
}

TEST(People, AttendanceLabelsAsWritersWriteThem) {
    struct Case {
        std::string line, person;
    };
    const std::vector<Case> cases = {
        {"In attendance (for item 4): Tom Okafor", "Okafor"},
        {"Apologies received from Jane Doe and Sam Lee.", "Doe"},
        {"Apologies were received from Priya Shah", "Shah"},
        {"Also present: Lena Fischer", "Fischer"},
        {"Guests: Omar Haddad, Ana Costa", "Haddad"},
        {"PRESENT : Carl Young", "Young"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.line);
        DocxBuilder b;
        b.body = para(c.line) + para("Later " + c.person + " spoke.");
        auto out = redact_doc(b);
        EXPECT_FALSE(anywhere(out.bytes, c.person)) << visible_text(out.bytes);
    }
}

TEST(People, RolesTeamsAndOfficesAreNotPeople) {
    DocxBuilder b;
    b.body = para("In attendance: Chief Executive; Head of Finance; Clerk; Governance Team; Tom Okafor") +
             para("The Chief Executive presented and the Clerk noted it. The Governance Team will reply.") +
             para("Okafor abstained. Executive pay was not discussed.");
    b.core = "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
             "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>Governance Team</dc:creator></cp:coreProperties>";
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("The Chief Executive presented and the Clerk noted it. The Governance Team will reply."), std::string::npos) << text;
    EXPECT_NE(text.find("Executive pay was not discussed."), std::string::npos) << text;
    EXPECT_FALSE(anywhere(out.bytes, "Okafor")) << text;
    for (const auto& person : out.plan.people) EXPECT_NE(person.name, "Chief Executive");
}

TEST(People, ProgramsAndGroupsAsAuthorsAreNotPeopleButOddlyWrittenNamesAre) {
    // Not people: their words stay in the text (a needless redaction of the
    // folder "phpword" or the word "team" is a bug too).
    for (const char* author : {"PHPWord", "Open-Xml-PowerTools", "Docxtemplater team", "docx4j 11.4", "Policy Unit"}) {
        SCOPED_TRACE(author);
        DocxBuilder b;
        b.core = std::string("<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                             "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>") + author + "</dc:creator></cp:coreProperties>";
        b.body = para("Made with PHPWord and Docxtemplater by the Open-Xml-PowerTools team and the Policy Unit.");
        auto out = redact_doc(b);
        EXPECT_NE(visible_text(out.bytes).find("PHPWord and Docxtemplater by the Open-Xml-PowerTools team and the Policy Unit"),
                  std::string::npos) << visible_text(out.bytes);
    }
    // People, however they are written.
    struct Case { const char* author; const char* word; };
    for (const Case& c : {Case{"OConnor, Sean", "OConnor"}, Case{"JoAnn McDonald", "McDonald"}, Case{"DeShawn LaToya", "DeShawn"},
                          Case{"MACLEOD Fiona", "MACLEOD"}}) {
        SCOPED_TRACE(c.author);
        DocxBuilder b;
        b.core = std::string("<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                             "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>") + c.author + "</dc:creator></cp:coreProperties>";
        b.body = para(std::string("Notes checked by ") + c.word + ".");
        auto out = redact_doc(b);
        EXPECT_FALSE(anywhere(out.bytes, c.word)) << visible_text(out.bytes);
    }
}

TEST(People, InitialsOfListedPeopleAsWholeUpperCaseWords) {
    DocxBuilder b;
    b.body = para("Present: Laura Bennett, Gareth Williams, Ian Thomas") + para("Action: LB to circulate. GW said the LB/GW note is due.") +
             para("The parcel weighs 5 lb; Lb and lbs stay. The IT team and HR will help.");
    auto out = redact_doc(b);
    std::string text = visible_text(out.bytes);
    EXPECT_NE(text.find("Action: [name] to circulate. [name] said the [name]/[name] note is due."), std::string::npos) << text;
    EXPECT_NE(text.find("The parcel weighs 5 lb; Lb and lbs stay. The IT team and HR will help."), std::string::npos) << text;
    // The policy switch, and the keep list.
    RedactOptions off;
    off.policy.initials = false;
    EXPECT_NE(visible_text(redact_doc(b, off).bytes).find("Action: LB to circulate."), std::string::npos);
    RedactOptions keep;
    keep.policy.keep = {"LB"};
    std::string kept = visible_text(redact_doc(b, keep).bytes);
    EXPECT_NE(kept.find("Action: LB to circulate. [name] said"), std::string::npos) << kept;
}

TEST(People, InitialsThatAreAlsoWordsCountInProseNotInCapitalHeadings) {
    DocxBuilder b;
    b.body = para("Present: Tom Okafor, Priya Raman, David Morgan") + para("REPORT TO THE BOARD") +
             para("Action (TO) confirmed. Owner: PR/DM. [TO] will book it; DM said yes.");
    std::string text = visible_text(redact_doc(b).bytes);
    EXPECT_NE(text.find("REPORT TO THE BOARD"), std::string::npos) << text;
    EXPECT_NE(text.find("Action ([name]) confirmed. Owner: [name]/[name]. [[name]] will book it; [name] said yes."), std::string::npos)
        << text;
}

TEST(People, NamesThatAreMonthsKeepTheirDates) {
    DocxBuilder b;
    b.body = para("Present: April Summers, Ian March") + para("The rose beds open in April and close in March; April Summers and Summers agreed.");
    std::string text = visible_text(redact_doc(b).bytes);
    EXPECT_NE(text.find("The rose beds open in April and close in March; [name] and [name] agreed."), std::string::npos) << text;
}

// The leak check's own reading of the inputs (trust issue, "the verifier,
// independent"): from the original package and the roster alone, with no
// redaction plan at all, the check knows every person, address, phone
// number and marked region, so a gap in detection is caught at
// verification. The needles here come from an empty plan: as if the
// detector had found nothing.
#include <gtest/gtest.h>

#include "allies/package.hpp"
#include "publish/input_facts.hpp"
#include "publish/needles_from_plan.hpp"
#include "support/docx_builder.hpp"
#include "verify/leak_scan.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

const std::string kKey = "input-facts-key-0123456789";

const char* kCore =
    "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>Dunne, Rachel (RCT)</dc:creator>"
    "<cp:lastModifiedBy>Microsoft Office User</cp:lastModifiedBy></cp:coreProperties>";

std::string input_docx() {
    DocxBuilder b;
    b.core = kCore;
    b.body = para("Present: Cllr Jim Hartley MBE, Dr Fiona MacLeod OBE; Chief Executive; Head of Finance") +
             para("Apologies received from Pieter van der Berg.") +
             para("Contact rhys.llewellyn [at] example [dot] org or clerk@example.org, or call 020 7946 0958.") +
             para("Budget [[redact]]the Elm Row lease ends in March with a penalty clause[[/redact]] noted.") +
             "<w:sdt><w:sdtPr><w:tag w:val=\"Confidential - HR\"/></w:sdtPr><w:sdtContent>" +
             para("The grievance raised by the caretaker was upheld on appeal last week") + "</w:sdtContent></w:sdt>" +
             "<w:p><w:ins w:id=\"1\" w:author=\"Okafor, Tom\" w:date=\"2024-01-01T00:00:00Z\"><w:r><w:t>x</w:t></w:r></w:ins></w:p>" +
             "<w:p><w:ins w:id=\"2\" w:author=\"PHPWord\" w:date=\"2024-01-01T00:00:00Z\"><w:r><w:t>y</w:t></w:r></w:ins></w:p>";
    return b.build();
}

struct Checked {
    publish::InputFacts facts;
    verify::NeedleSet set;
};

Checked from_input(RedactOptions options = {}) {
    Package pkg = Package::open_memory(input_docx(), "in.docx");
    Checked c;
    c.facts = publish::read_input_facts(pkg, options);
    RedactionPlan empty;  // the detector found nothing
    c.set = publish::needles_from_plan(empty, options.policy, "", kKey, c.facts.regions);
    publish::add_input_needles(c.set, c.facts, options.policy, kKey);
    return c;
}

bool found(const verify::NeedleSet& set, const std::string& text, bool strong = true) {
    verify::LeakScanner s(set, kKey);
    s.scan_text(text, "out", "text", strong);
    return !s.findings().empty();
}

}  // namespace

TEST(InputFacts, PeopleFromAttendanceAuthorsAndRosterButNotRolesOrPrograms) {
    RedactOptions o;
    o.roster = Roster::parse("Laura Bennett | Laurie\n", "roster.txt");
    auto c = from_input(o);
    std::vector<std::string> written;
    for (const auto& p : c.facts.people) written.push_back(p.written);
    auto has = [&](const std::string& s) { return std::find(written.begin(), written.end(), s) != written.end(); };
    for (const char* p : {"Laura Bennett", "Laurie", "Cllr Jim Hartley MBE", "Dr Fiona MacLeod OBE", "Pieter van der Berg",
                          "Dunne, Rachel (RCT)", "Okafor, Tom"})
        EXPECT_TRUE(has(p)) << p;
    for (const char* p : {"Chief Executive", "Head of Finance", "Microsoft Office User", "PHPWord"}) EXPECT_FALSE(has(p)) << p;
}

TEST(InputFacts, EveryFormOfEveryPersonIsFoundWithNoPlan) {
    auto c = from_input();
    for (const char* text : {"Hartley said", "Jim agreed", "MacLeod replied", "Fiona left", "van der Berg wrote",
                             "Berg wrote", "Rachel asked", "Dunne asked", "Tom Okafor", "Okafor abstained",
                             "Jim Hartley MBE"})
        EXPECT_TRUE(found(c.set, text)) << text;
    // One-word names only capitalised in running text; roles are not names.
    EXPECT_FALSE(found(c.set, "the jim of it"));
    EXPECT_FALSE(found(c.set, "The Chief Executive and the Head of Finance presented."));
}

TEST(InputFacts, AddressesPhonesAndMarkedTextAreFoundWithNoPlan) {
    auto c = from_input();
    EXPECT_TRUE(found(c.set, "write to clerk@example.org"));
    EXPECT_TRUE(found(c.set, "rhys.llewellyn [at] example [dot] org"));
    EXPECT_TRUE(found(c.set, "mail rhys.llewellyn@example.org today"));
    EXPECT_TRUE(found(c.set, "call 020 7946 0958"));
    EXPECT_TRUE(found(c.set, "call 02079460958"));
    EXPECT_TRUE(found(c.set, "lease ends in March with a penalty"));
    EXPECT_TRUE(found(c.set, "was upheld on appeal last week"));
    EXPECT_FALSE(found(c.set, "Budget [redacted] noted. The lease was discussed."));
}

TEST(InputFacts, OneWordNamesCountInIdentifiersButNotInStyleNames) {
    auto c = from_input();
    EXPECT_TRUE(found(c.set, "https://example.org/team/okafor", false));
    EXPECT_TRUE(found(c.set, "word/media/macleod_headshot.png", false));
    EXPECT_TRUE(found(c.set, "https://contoso-my.sharepoint.com/personal/t_okafor_contoso_org/Documents", false));
    EXPECT_FALSE(found(c.set, "Hartley", false));  // a style or font name: proves nothing
}

TEST(InputFacts, ThePolicyDecidesWhatCounts) {
    RedactOptions o;
    o.policy.include_authors = false;
    o.policy.email = false;
    o.policy.phone = false;
    o.policy.first_name_alone = false;
    auto c = from_input(o);
    EXPECT_FALSE(found(c.set, "Okafor abstained"));      // an author only
    EXPECT_FALSE(found(c.set, "write to clerk@example.org"));
    EXPECT_FALSE(found(c.set, "call 020 7946 0958"));
    EXPECT_FALSE(found(c.set, "Jim agreed"));
    EXPECT_TRUE(found(c.set, "Hartley said"));
}

TEST(InputFacts, InitialsCountOnlyInCapitals) {
    RedactOptions o;
    o.roster = Roster::parse("Laura Bennett\nIan Thomas\n", "roster.txt");
    auto c = from_input(o);
    EXPECT_TRUE(found(c.set, "Action: LB to circulate"));
    EXPECT_FALSE(found(c.set, "it weighs 5 lb"));
    EXPECT_FALSE(found(c.set, "The IT team"));  // a common abbreviation is never initials
    o.policy.initials = false;
    auto off = from_input(o);
    EXPECT_FALSE(found(off.set, "Action: LB to circulate"));
}

TEST(InputFacts, InitialsInCapitalHeadingsAreNotEvidence) {
    RedactOptions o;
    o.roster = Roster::parse("Tom Okafor\n", "roster.txt");
    auto c = from_input(o);
    EXPECT_TRUE(found(c.set, "Action (TO) confirmed"));
    EXPECT_FALSE(found(c.set, "REPORT TO THE BOARD"));
}

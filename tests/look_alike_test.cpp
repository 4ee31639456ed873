// Look-alike spellings of a listed name (trust issue, class 6): full-width
// and mathematical letters, Cyrillic and Greek homoglyphs, zero-width
// characters inside the name. Detection folds them (text/fold) and so,
// on its own path, does the leak check (verify/scan_fold): each is tested
// apart, so a gap in one is not hidden by the other.
#include <gtest/gtest.h>

#include "publish/needles_from_plan.hpp"
#include "support/redact_helpers.hpp"
#include "text/fold.hpp"
#include "verify/leak_scan.hpp"
#include "verify/tokens.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

// "Okafor" written as an adversary would.
const std::vector<std::string> kSpellings = {
    "\xD0\x9E" "kafor",                                   // Cyrillic capital O
    "Ok\xD0\xB0" "f\xD0\xBE" "r",                         // Cyrillic a and o
    "\xCE\x9F" "kafor",                                   // Greek capital omicron
    "\xEF\xBC\xAF\xEF\xBD\x8B\xEF\xBD\x81\xEF\xBD\x86\xEF\xBD\x8F\xEF\xBD\x92",  // full-width
    "\xF0\x9D\x90\x8E\xF0\x9D\x90\xA4\xF0\x9D\x90\x9A\xF0\x9D\x90\x9F\xF0\x9D\x90\xA8\xF0\x9D\x90\xAB",  // mathematical bold
    "Oka\xE2\x80\x8B" "for",                              // zero-width space inside
    "Oka\xC2\xAD" "for",                                  // soft hyphen inside
};

}  // namespace

TEST(LookAlike, DetectionFoldsEverySpellingToTheName) {
    for (const auto& s : kSpellings) EXPECT_EQ(text::fold_string(s), "okafor") << s;
    // Other scripts are not turned into noise: a Russian word stays Cyrillic.
    EXPECT_NE(text::fold_string("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"), "mockba");
}

TEST(LookAlike, TheCheckFoldsEverySpellingOnItsOwnPath) {
    for (const auto& s : kSpellings) {
        auto t = verify::tokenize("Mr " + s + " said");
        ASSERT_EQ(t.size(), 3u) << s;
        EXPECT_EQ(t[1].text, "okafor") << s;
        EXPECT_TRUE(t[1].capital) << s;
    }
    // Punctuation outside ASCII is a boundary, not part of a word.
    auto t = verify::tokenize("\xE2\x80\xA2Okafor\xC2\xBB");
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].text, "okafor");
}

TEST(LookAlike, EverySpellingIsRedacted) {
    for (const auto& s : kSpellings) {
        SCOPED_TRACE(s);
        DocxBuilder b;
        b.body = para("The complaint from " + s + " was noted.") + para("Tom " + s + " left early.");
        auto out = redact_doc(b, with_roster("Tom Okafor\n"));
        std::string text = visible_text(out.bytes);
        EXPECT_EQ(text.find(s), std::string::npos) << text;
        EXPECT_NE(text.find("was noted"), std::string::npos) << text;
    }
}

TEST(LookAlike, TheCheckCatchesEverySpellingInAnOutput) {
    RedactionPlan plan;
    plan.people.push_back(Person{"Tom Okafor", {}, "", "roster"});
    auto set = publish::needles_from_plan(plan, Policy{}, "", "look-alike-key-0123");
    for (const auto& s : kSpellings) {
        verify::LeakScanner scanner(set, "look-alike-key-0123");
        scanner.scan_text("Later " + s + " spoke.", "out.txt", "text");
        EXPECT_FALSE(scanner.findings().empty()) << s;
    }
}

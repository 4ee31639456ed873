// People on no roster and in no attendance line (trust issue, "unlisted
// people"): the shapes are found, roles and organisations are not, and the
// policy decides (warn, redact, refuse). Precision and recall are measured
// on generated minutes: every sentence is written from a template with a
// known answer, names drawn with a fixed seed, and the figures printed.
#include <gtest/gtest.h>

#include <cstdio>

#include "allies/error.hpp"
#include "detect/unlisted.hpp"
#include "support/redact_helpers.hpp"

using namespace allies;
using namespace allies::testing;

namespace {

struct Lcg {  // deterministic on every platform (std distributions are not)
    std::uint64_t s = 20261204;
    std::size_t next(std::size_t n) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<std::size_t>((s >> 33) % n);
    }
};

const std::vector<std::string> kGiven = {"Priya", "Tom", "Aisha", "Gareth", "Siobhan", "Kwame", "Mei", "Rhys", "Fatima",
                                         "Lukasz", "Nia", "Omar", "Grace", "Dafydd", "Ingrid", "Samuel", "Chloe", "Arjun",
                                         "Bethan", "Yusuf", "Helen", "Marek", "Zoë", "Connor", "Leila"};
const std::vector<std::string> kSurname = {"Patel", "Okafor", "Rahman", "Llewellyn", "O'Brien", "Mensah", "Chen", "Hughes",
                                           "Haddad", "Nowak", "Pritchard", "Farouk", "Adeyemi", "Van der Berg", "Larsen",
                                           "Whitfield", "Dubois", "Sharma", "Morgan", "Demir", "McAllister", "Kowalski",
                                           "Fischer", "Byrne", "Al-Sayed"};
const std::vector<std::string> kHonorific = {"Mr", "Mrs", "Ms", "Dr", "Cllr", "Prof", "Miss"};

struct Sentence {
    std::string text;
    std::string person;  // "" when no person is named
};

std::vector<Sentence> generated_minutes(std::size_t n) {
    Lcg r;
    const std::vector<std::string> positive = {
        "{H} {S} of Mill Lane complained about the noise.", "{G} {S} said the budget was tight.",
        "Action: {G} {S} to circulate the paper.",         "{H} {G} {S} asked about parking.",
        "We thanked {H} {S} for her work on the garden.",   "{G} {S} noted that the grant had arrived.",
        "Action: {G} to contact the housing team.",         "{G} {S} will report back in March.",
        "A letter from {H} {S} was read out.",              "{G} {S} has agreed to lead the review.",
        "Thanks were given to {G} {S}.",                    "{G} raised the matter of the car park.",
    };
    const std::vector<std::string> negative = {
        "The Chair said the Annual Report was ready.",      "Finance Committee noted the figures.",
        "North Wales Police reported a rise in thefts.",    "Mill Lane Surgery asked for funding.",
        "Action: Clerk to circulate the minutes.",          "Action: All to read the paper before June.",
        "Network Rail said the line would close.",          "Welsh Government confirmed the funding.",
        "Citizens Advice reported higher demand.",          "The Trust Board agreed the plan.",
        "Head of Finance explained the variance.",          "Any Other Business: none.",
        "The Youth Forum will meet in May.",                "Public Health Wales updated members.",
        "Cardiff Council said it would respond.",           "The Chief Executive presented the report.",
    };
    std::vector<Sentence> out;
    for (std::size_t i = 0; i < n; ++i) {
        if (r.next(3) == 0) {
            out.push_back({negative[r.next(negative.size())], ""});
            continue;
        }
        std::string t = positive[r.next(positive.size())];
        std::string g = kGiven[r.next(kGiven.size())], s = kSurname[r.next(kSurname.size())], h = kHonorific[r.next(kHonorific.size())];
        std::string person = t.find("{S}") != std::string::npos ? s : g;
        for (auto [key, value] : {std::pair<std::string, std::string>{"{H}", h}, {"{G}", g}, {"{S}", s}})
            for (std::size_t k = t.find(key); k != std::string::npos; k = t.find(key)) t.replace(k, key.size(), value);
        out.push_back({t, person});
    }
    return out;
}

}  // namespace

TEST(Unlisted, ShapesRolesAndOrganisations) {
    auto names = [](const std::string& s) {
        std::string out;
        for (const auto& m : detect::find_unlisted_names(s)) out += (out.empty() ? "" : "|") + m.name;
        return out;
    };
    EXPECT_EQ(names("Mrs Patel of Mill Lane complained."), "Patel");
    EXPECT_EQ(names("Dr. Amy Chen and Cllr O'Brien spoke."), "Amy Chen|O'Brien");
    EXPECT_EQ(names("Priya Shah said it was late."), "Priya Shah");
    EXPECT_EQ(names("Action: Sam Lee to circulate. Action - Kwame"), "Sam Lee|Kwame");
    EXPECT_EQ(names("The Chair said no. Finance Committee noted it. Action: Clerk to file."), "");
    EXPECT_EQ(names("Lord Mayor said. In March Rhys agreed."), "");
}

TEST(Unlisted, PrecisionAndRecallOnGeneratedMinutes) {
    auto sentences = generated_minutes(600);
    int tp = 0, fn = 0, fp = 0;
    for (const auto& s : sentences) {
        auto found = detect::find_unlisted_names(s.text);
        bool hit = false;
        for (const auto& m : found) {
            bool right = !s.person.empty() && m.name.find(s.person) != std::string::npos;
            if (right) hit = true;
            else ++fp;
        }
        if (!s.person.empty()) (hit ? tp : fn) += 1;
    }
    double precision = tp + fp ? static_cast<double>(tp) / (tp + fp) : 0, recall = tp + fn ? static_cast<double>(tp) / (tp + fn) : 0;
    std::printf("unlisted people on %zu generated sentences: precision %.3f (%d/%d), recall %.3f (%d/%d)\n", sentences.size(),
                precision, tp, tp + fp, recall, tp, tp + fn);
    // Floors under what this detector measures, so a regression fails.
    EXPECT_GE(precision, 0.90);
    EXPECT_GE(recall, 0.75);
}

TEST(Unlisted, ThePolicyWarnsRedactsOrRefuses) {
    DocxBuilder b;
    b.body = para("Present: Laura Bennett") + para("Mrs Patel of Mill Lane complained; Laura Bennett replied.") +
             para("Later Patel wrote again. Action: Sam Lee to respond. Mrs Bennett agreed.");
    // warn (the default): listed, masked, nothing extra redacted.
    auto warned = redact_doc(b);
    ASSERT_EQ(warned.plan.unlisted.size(), 2u);
    EXPECT_EQ(warned.plan.unlisted[0].masked, "Mrs P****");
    EXPECT_EQ(warned.plan.unlisted[1].masked, "S** L**");
    EXPECT_NE(visible_text(warned.bytes).find("Later Patel wrote again."), std::string::npos);
    // redact: every form goes, as for a listed person.
    RedactOptions r;
    r.policy.unlisted = UnlistedMode::redact;
    auto redacted = redact_doc(b, r);
    for (const char* gone : {"Patel", "Sam Lee"}) EXPECT_FALSE(anywhere(redacted.bytes, gone)) << gone;
    EXPECT_NE(visible_text(redacted.bytes).find("of Mill Lane complained"), std::string::npos);
    // refuse: nothing is written.
    RedactOptions f;
    f.policy.unlisted = UnlistedMode::refuse;
    EXPECT_THROW(redact_doc(b, f), Error);
    // The keep list makes a name public.
    RedactOptions k;
    k.policy.unlisted = UnlistedMode::refuse;
    k.policy.keep = {"Patel", "Sam Lee"};
    EXPECT_NO_THROW(redact_doc(b, k));
}

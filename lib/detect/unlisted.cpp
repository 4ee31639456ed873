#include "detect/unlisted.hpp"

#include <algorithm>
#include <set>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "detect/name_matcher.hpp"
#include "text/fold.hpp"

namespace allies::detect {
namespace {

struct Word {
    std::size_t begin, end;
    std::string text;    // as written
    std::string folded;
    bool capitalised;    // upper-case first letter, some lower-case after ("Patel", "McDonald", "O'Neill")
    bool dot_after;      // "Mr." / "Dr."
};

// The code point at byte k (U+FFFD when invalid) and its length.
UChar32 at(std::string_view s, std::size_t k, int32_t& len) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t i = static_cast<int32_t>(k), n = static_cast<int32_t>(s.size());
    UChar32 c;
    U8_NEXT(p, i, n, c);
    len = i - static_cast<int32_t>(k);
    return c < 0 ? 0xFFFD : c;
}

// Words: letters with inner apostrophes and hyphens ("O'Neill", "O’Neill",
// "Smith-Jones"); anything else (digits, U+FFFC for an object) ends a word.
std::vector<Word> words_of(std::string_view s) {
    std::vector<Word> out;
    std::size_t i = 0;
    auto letter = [&](std::size_t k, int32_t& len) { return k < s.size() && u_isalpha(at(s, k, len)); };
    while (i < s.size()) {
        int32_t len = 0;
        if (!letter(i, len)) {
            at(s, i, len);
            i += static_cast<std::size_t>(std::max(len, 1));
            continue;
        }
        std::size_t j = i;
        bool upper_first = u_isupper(at(s, i, len)) || u_istitle(at(s, i, len));
        bool has_lower = false;
        while (j < s.size()) {
            UChar32 c = at(s, j, len);
            if (u_isalpha(c)) {
                has_lower = has_lower || u_islower(c);
                j += static_cast<std::size_t>(len);
                continue;
            }
            int32_t next_len = 0;
            bool joiner = c == '\'' || c == '-' || c == 0x2019;
            if (joiner && letter(j + static_cast<std::size_t>(len), next_len)) {
                j += static_cast<std::size_t>(len);
                continue;
            }
            break;
        }
        Word w;
        w.begin = i;
        w.end = j;
        w.text = std::string(s.substr(i, j - i));
        w.folded = text::fold_string(w.text);
        w.capitalised = upper_first && has_lower && w.text.size() >= 2;
        w.dot_after = j < s.size() && s[j] == '.';
        out.push_back(std::move(w));
        i = j;
    }
    return out;
}

const std::set<std::string>& honorifics() {
    static const std::set<std::string> s{"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "cllr",
                                         "councillor", "rev", "revd", "sir", "dame", "lady", "lord"};
    return s;
}

const std::set<std::string>& speech_verbs() {
    static const std::set<std::string> s{
        "said", "says", "asked", "noted", "reported", "agreed", "explained", "confirmed", "stated", "suggested",
        "proposed", "queried", "raised", "presented", "thanked", "commented", "replied", "added", "mentioned",
        "advised", "informed", "welcomed", "updated", "requested", "highlighted", "outlined", "questioned",
        "responded", "argued", "emphasised", "emphasized", "seconded", "moved", "declared", "complained",
        "objected", "abstained", "wrote", "will", "would", "has", "had", "undertook", "agreed", "noted", "left", "joined",
        "apologised", "introduced", "summarised", "summarized", "chaired", "led", "recommended", "recorded"};
    return s;
}

// Capitalised words that begin sentences, name things or times: never a
// person's name in these shapes.
const std::set<std::string>& not_names() {
    static const std::set<std::string> s{
        "the", "a", "an", "this", "that", "these", "those", "it", "we", "they", "he", "she", "i", "you", "our", "their",
        "his", "her", "its", "there", "here", "all", "everyone", "nobody", "someone", "members", "officers", "staff",
        "it", "item", "items", "action", "actions", "minutes", "meeting", "agenda", "report", "paper", "papers",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mill", "lane", "road", "street", "house", "hall", "centre", "center", "school", "college", "university",
        "trust", "ltd", "limited", "plc", "inc", "city", "county", "borough", "district", "region", "wales",
        "england", "scotland", "ireland", "britain", "uk", "nhs", "government", "ministry", "agency", "authority",
        "service", "services", "fund", "funding", "budget", "annual", "quarterly", "chapter", "section", "appendix",
        "table", "figure", "page", "north", "south", "east", "west", "new", "old", "great", "next", "last", "first",
        "second", "third", "any", "other", "business", "aob", "update", "updates", "matters", "arising", "date",
        "time", "venue", "apologies", "present", "attendees", "attending", "guests", "absent", "also", "thanks",
        "both", "each", "every", "some", "many", "most", "several", "one", "two", "three", "group", "team", "teams",
        "committee", "board", "panel", "forum", "council", "department", "office", "unit", "directorate",
        // Organisations and places: "United Nations will", "European Commission has".
        "united", "nations", "world", "international", "national", "organization", "organisation", "commission",
        "association", "society", "institute", "foundation", "bank", "union", "alliance", "federation",
        "partnership", "coalition", "america", "europe", "european", "africa", "asia", "latin", "police", "rail",
        "advice", "health", "church", "club", "mechanisms", "mechanism", "helper", "office", "court", "parliament",
        "assembly", "senate", "congress", "party", "museum", "library", "hospital", "surgery", "airport", "station",
        "park", "square", "avenue", "close", "drive", "way", "lodge", "farm", "estate", "industries", "group",
        "holdings", "partners", "associates", "consulting", "solutions", "systems", "technologies", "media",
        // Sentence adverbs before a name: "Later Patel wrote".
        "later", "then", "however", "finally", "meanwhile", "subsequently", "afterwards", "today", "yesterday",
        "tomorrow", "again", "previously", "separately", "additionally", "furthermore", "moreover", "initially",
        "lastly", "overall", "instead", "otherwise", "generally", "similarly", "yes", "no", "please", "dear",
        "thank", "thanks", "welcome", "in", "on", "at", "by", "for", "from", "with", "after", "before", "when", "if",
        "as", "so", "but", "and", "or", "while", "although", "because", "since", "until", "during"};
    return s;
}

bool could_be_name(const Word& w) {
    return w.capitalised && !not_names().count(w.folded) && !is_role_word(w.folded) && !honorifics().count(w.folded);
}

UnlistedMatch make(std::string_view s, const std::vector<Word>& ws, std::size_t from, std::size_t name_from,
                   std::size_t to, const char* shape) {
    UnlistedMatch m;
    m.begin = ws[from].begin;
    m.end = ws[to - 1].end;
    for (std::size_t k = name_from; k < to; ++k) m.name += (m.name.empty() ? "" : " ") + ws[k].text;
    m.written = std::string(s.substr(m.begin, m.end - m.begin));
    m.shape = shape;
    return m;
}

// Whether only spaces separate two words (no comma, full stop or line between).
bool adjacent(std::string_view s, const Word& a, const Word& b) {
    for (std::size_t k = a.end; k < b.begin; ++k)
        if (s[k] != ' ') return false;
    return b.begin - a.end <= 2;
}

}  // namespace

bool is_role_word(const std::string& folded) {
    static const std::set<std::string> roles{
        "chief", "executive", "executives", "head", "heads", "director", "directors", "officer", "officers",
        "manager", "managers", "clerk", "chair", "chairman", "chairwoman", "chairperson", "vice", "deputy",
        "secretary", "treasurer", "president", "ceo", "cfo", "coo", "cto", "cio", "hr", "legal", "finance",
        "financial", "operations", "admin", "administrator", "administration", "assistant", "coordinator",
        "co-ordinator", "lead", "senior", "principal", "general", "member", "members", "trustee", "trustees",
        "representative", "representatives", "rep", "reps", "observer", "observers", "adviser", "advisor",
        "advisers", "advisors", "consultant", "auditor", "auditors", "minute", "minutes", "taker", "external",
        "internal", "independent", "interim", "acting", "governance", "policy", "communications", "comms",
        "estates", "facilities", "safeguarding", "audit", "risk", "strategy", "programme", "program", "project",
        "projects", "service", "services", "data", "protection", "compliance", "people", "corporate", "business",
        "support", "development", "partner", "partners", "engagement", "joint", "honorary", "company", "council",
        "governor", "governors", "headteacher", "teacher", "nurse", "accountant", "solicitor", "counsel", "chairs",
        "team", "teams", "committee", "board", "panel", "group", "department", "dept", "unit", "office",
        "directorate", "division", "secretariat", "forum", "network", "mayor", "registrar", "inspector", "sheriff"};
    return roles.count(folded) > 0;
}

std::vector<UnlistedMatch> find_unlisted_names(std::string_view s) {
    std::vector<UnlistedMatch> out;
    std::vector<Word> ws = words_of(s);
    std::size_t covered = 0;  // words before this are in a match already
    for (std::size_t i = 0; i < ws.size(); ++i) {
        if (i < covered) continue;
        const Word& w = ws[i];
        // Honorific + one or two name words: "Mrs Patel", "Dr. Amy Chen".
        // Title case only: "MS Mincho" and "DR" are a font and a code.
        if (honorifics().count(w.folded) && w.capitalised && i + 1 < ws.size() &&
            could_be_name(ws[i + 1]) && (adjacent(s, w, ws[i + 1]) || (w.dot_after && ws[i + 1].begin - w.end <= 3))) {
            std::size_t to = i + 2;
            if (to < ws.size() && could_be_name(ws[to]) && adjacent(s, ws[to - 1], ws[to])) ++to;
            out.push_back(make(s, ws, i, i + 1, to, "honorific"));
            covered = to;
            continue;
        }
        // Action label + one or two name words: "Action: Priya Shah to ...".
        if ((w.folded == "action" || w.folded == "actions") && i + 1 < ws.size()) {
            std::size_t gap_end = ws[i + 1].begin;
            std::string_view gap = s.substr(w.end, gap_end - w.end);
            bool label = gap.find(':') != std::string_view::npos || gap.find('-') != std::string_view::npos ||
                         gap.find("\xE2\x80\x93") != std::string_view::npos;
            if (label && gap.size() <= 5 && could_be_name(ws[i + 1])) {
                std::size_t to = i + 2;
                if (to < ws.size() && could_be_name(ws[to]) && adjacent(s, ws[to - 1], ws[to])) ++to;
                // One word alone only when what follows is an action ("to", "/", end).
                bool ok = to - (i + 1) >= 2;
                if (!ok) {
                    std::size_t after = ws[to - 1].end;
                    while (after < s.size() && s[after] == ' ') ++after;
                    ok = after >= s.size() || s[after] == '/' || s[after] == ',' || s[after] == ';' || s[after] == '&' ||
                         (to < ws.size() && (ws[to].folded == "to" || ws[to].folded == "and"));
                }
                if (ok) {
                    out.push_back(make(s, ws, i + 1, i + 1, to, "action"));
                    covered = to;
                    continue;
                }
            }
        }
        // Two or three name words before a verb of speech: "Priya Shah said".
        if (could_be_name(w) && i + 2 < ws.size() && could_be_name(ws[i + 1]) && adjacent(s, w, ws[i + 1])) {
            std::size_t to = i + 2;
            if (to < ws.size() && could_be_name(ws[to]) && adjacent(s, ws[to - 1], ws[to])) ++to;
            if (to < ws.size() && adjacent(s, ws[to - 1], ws[to]) && speech_verbs().count(ws[to].folded) &&
                !ws[to].capitalised) {
                out.push_back(make(s, ws, i, i, to, "speech"));
                covered = to;
                continue;
            }
        }
    }
    return out;
}

}  // namespace allies::detect

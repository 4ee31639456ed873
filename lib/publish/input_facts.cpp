#include "publish/input_facts.hpp"

#include <algorithm>
#include <set>
#include <pugixml.hpp>

#include "detect/name_matcher.hpp"
#include "verify/tokens.hpp"

namespace allies::publish {
namespace {

// ---- words and small tests, ASCII-case-insensitive, on this path only ----

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool upper_start(std::string_view w) {
    if (w.empty()) return false;
    unsigned char c = static_cast<unsigned char>(w[0]);
    if (c >= 'A' && c <= 'Z') return true;
    if (c < 0x80) return false;
    auto t = verify::tokenize(w);
    return !t.empty() && t[0].capital;
}

std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!cur.empty()) out.push_back(std::move(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

std::string strip_punct(std::string w) {
    auto p = [](char c) { return c == '.' || c == ',' || c == ';' || c == ':' || c == '"' || c == '*'; };
    while (!w.empty() && p(w.back())) w.pop_back();
    while (!w.empty() && p(w.front())) w.erase(0, 1);
    return w;
}

const std::set<std::string>& honorifics() {
    static const std::set<std::string> s{"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "cllr", "councillor",
                                         "rev", "revd", "reverend", "sir", "dame", "lord", "lady", "hon", "rt", "the",
                                         "fr", "father", "sister", "brother", "capt", "captain", "col", "maj", "gen",
                                         "lt", "sgt", "insp", "det", "judge", "justice", "baroness", "baron", "mayor",
                                         "alderman", "canon", "rabbi", "imam", "pastor", "elder", "madam", "mme", "herr",
                                         "frau", "sr", "sra", "senor", "senora"};
    return s;
}

const std::set<std::string>& post_nominals() {
    static const std::set<std::string> s{"mbe", "obe", "cbe", "kbe", "dbe", "frs", "phd", "dphil", "md", "kc", "qc",
                                         "jp", "mp", "msp", "ms", "am", "mla", "fca", "aca", "cpa", "mba", "msc", "ma",
                                         "ba", "bsc", "llb", "llm", "frcp", "frcs", "freng", "fba", "frse", "rn", "esq",
                                         "jr", "sr", "ii", "iii", "iv", "cb", "cvo", "lvo", "mvo", "kcb", "gcb", "dl",
                                         "bem", "qpm", "ceng", "cmgr", "fcipd", "chcipd", "fcca", "acca", "cipfa"};
    return s;
}

const std::set<std::string>& particles() {
    static const std::set<std::string> s{"van", "von", "der", "den", "de", "du", "da", "di", "la", "le", "del", "della",
                                         "dos", "das", "do", "bin", "ibn", "bint", "al", "el", "ter", "ten", "st", "o",
                                         "ó", "ui", "ní", "nic", "mac", "mc", "ap"};
    return s;
}

// Words of roles, offices, groups and generic entries. An attendance entry
// or author with any of them is left to detection: the check only adds
// what is clearly a person, so a role never becomes a needless refusal.
const std::set<std::string>& not_name_words() {
    static const std::set<std::string> s{
        "chief", "executive", "head", "director", "officer", "manager", "clerk", "chair", "chairman", "chairwoman",
        "chairperson", "vice", "deputy", "secretary", "treasurer", "president", "ceo", "cfo", "coo", "cto", "hr",
        "it", "legal", "finance", "operations", "admin", "administrator", "assistant", "coordinator", "lead",
        "senior", "principal", "general", "member", "members", "trustee", "trustees", "representative",
        "representatives", "observer", "observers", "adviser", "advisor", "consultant", "auditor", "auditors",
        "minutes", "team", "teams", "committee", "board", "panel", "group", "department", "dept", "unit", "office",
        "directorate", "division", "secretariat", "council", "forum", "network", "governance", "policy", "services",
        "service", "all", "none", "nil", "everyone", "staff", "guests", "apologies", "tbc", "tba", "n/a", "others",
        "user", "author", "unknown", "owner", "guest", "anonymous", "microsoft", "windows", "word", "office",
        "libreoffice", "openoffice", "google", "docs", "pandoc", "apache", "poi", "python-docx", "docx4j", "project",
        "software", "inc", "ltd", "llc", "corp", "foundation", "company", "contributors", "developers", "authors",
        "bot", "governors", "governor", "partners", "partner", "support", "communications", "comms", "estates",
        "facilities", "safeguarding", "audit", "risk", "strategy", "programme", "data", "protection", "compliance",
        "corporate", "business", "development", "engagement", "interim", "acting", "external", "internal",
        "independent", "honorary", "joint", "nurse", "teacher", "headteacher", "solicitor", "counsel", "accountant",
        "default", "test", "standard", "writer", "me", "and", "of", "for", "to", "received", "from"};
    return s;
}

// The words of a person's name: parentheticals out, "Surname, Given"
// turned round, titles and post-nominal letters off.
std::vector<std::string> person_words(std::string written) {
    for (std::size_t open = written.find('('); open != std::string::npos; open = written.find('(')) {
        std::size_t close = written.find(')', open);
        written.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
    }
    std::size_t comma = written.find(',');
    if (comma != std::string::npos) {
        std::string before = written.substr(0, comma), after = written.substr(comma + 1);
        auto after_words = split_words(after);
        bool letters_only = !after_words.empty();
        for (auto& w : after_words)
            letters_only = letters_only && post_nominals().count(lower(strip_punct(w)));
        // "Amy Chen, PhD": letters after the comma, not a given name.
        written = letters_only ? before : after + " " + before;
    }
    std::vector<std::string> words;
    for (auto& w : split_words(written)) {
        std::string s = strip_punct(w);
        if (!s.empty()) words.push_back(s);
    }
    while (!words.empty() && honorifics().count(lower(words.front())) && words.size() > 1) words.erase(words.begin());
    while (words.size() > 1) {
        const std::string& b = words.back();
        bool caps = std::all_of(b.begin(), b.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c == '.'; });
        // Post-nominals are written in capitals ("MBE"); "Ma" is a surname.
        if (post_nominals().count(lower(b)) && (caps || b.size() <= 2) && b != words.front()) {
            if (!caps && b.size() <= 2 && words.size() == 2) break;  // "Jack Ma"
            words.pop_back();
        } else {
            break;
        }
    }
    return words;
}

bool clearly_a_person(const std::string& entry, bool author) {
    auto words = person_words(entry);
    if (words.empty() || words.size() > 5) return false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        std::string l = lower(w);
        if (not_name_words().count(l)) return false;
        for (char c : w)
            if (c >= '0' && c <= '9') return false;
        bool particle = i > 0 && i + 1 < words.size() && particles().count(l);
        // Authors may be user names in lower case ("jsmith"); attendance
        // entries are written as names.
        if (!author && !particle && !upper_start(w)) return false;
        // Programs: "PHPWord" (capitals running into lower case), "Open-Xml-PowerTools".
        int caps_run = 0, hyphen_parts = 0;
        for (std::size_t k = 0; k < w.size(); ++k) {
            char c = w[k];
            if (c >= 'A' && c <= 'Z') {
                if (caps_run >= 2 && k + 1 < w.size() && w[k + 1] >= 'a' && w[k + 1] <= 'z') return false;
                ++caps_run;
            } else {
                caps_run = 0;
            }
            if ((k == 0 || w[k - 1] == '-') && c >= 'A' && c <= 'Z') ++hyphen_parts;
        }
        if (hyphen_parts >= 3) return false;
    }
    if (words.size() == 1) {
        // One letter ("d") proves nothing; one word must look like a name.
        auto t = verify::tokenize(words[0]);
        if (t.size() != 1 || t[0].text.size() < 2) return false;
    }
    return true;
}

// ---- reading the package ----

void text_of(pugi::xml_node n, std::string& out) {
    for (pugi::xml_node c : n.children()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
            out += c.value();
            continue;
        }
        if (c.type() != pugi::node_element) continue;
        std::string_view name = c.name();
        if (name == "w:tab" || name == "w:br" || name == "w:cr") out += ' ';
        if (name == "w:instrText") continue;  // field codes are not text a reader sees
        text_of(c, out);
        if (name == "w:p") out += '\n';
    }
}

// "Present:", "In attendance (for item 4):", "Apologies received from":
// the end of the label in `text`, or npos.
std::size_t after_label(const std::string& text, const std::string& label) {
    std::size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    std::string l = lower(label), t = lower(text.substr(i, label.size() + 64));
    std::size_t a = 0, b = 0;
    while (a < l.size()) {
        if (l[a] == ' ') {
            if (b >= t.size() || t[b] != ' ') return std::string::npos;
            while (b < t.size() && t[b] == ' ') ++b;
            ++a;
            continue;
        }
        if (b >= t.size() || t[b] != l[a]) return std::string::npos;
        ++a, ++b;
    }
    if (b < t.size() && ((t[b] >= 'a' && t[b] <= 'z') || (t[b] >= '0' && t[b] <= '9'))) return std::string::npos;
    std::size_t j = i + b;
    while (j < text.size() && text[j] == ' ') ++j;
    if (j < text.size() && text[j] == '(') {
        std::size_t close = text.find(')', j);
        if (close == std::string::npos) return std::string::npos;
        j = close + 1;
        while (j < text.size() && text[j] == ' ') ++j;
    }
    bool from = l.size() >= 5 && l.compare(l.size() - 5, 5, " from") == 0;
    if (j < text.size() && text[j] == ':') return j + 1;
    return from ? j : std::string::npos;
}

std::vector<std::string> split_entries(const std::string& list) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        for (const char* sep : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", ": "}) {
            std::size_t k = cur.find(sep);
            if (k != std::string::npos) cur.erase(k);
        }
        auto words = split_words(cur);
        std::string joined;
        for (auto& w : words) joined += (joined.empty() ? "" : " ") + w;
        while (!joined.empty() && (joined.back() == '.' || joined.back() == ',')) joined.pop_back();
        if (!joined.empty()) out.push_back(joined);
        cur.clear();
    };
    for (std::size_t i = 0; i < list.size(); ++i) {
        char c = list[i];
        if (c == ',' || c == ';' || c == '\n' || c == '\t' || c == '&' || c == '/') {
            flush();
            continue;
        }
        if (lower(list.substr(i, 5)) == " and ") {
            flush();
            i += 4;
            continue;
        }
        cur += c;
    }
    flush();
    return out;
}

bool ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool local_char(char c) { return ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }

// Plain addresses: local@domain.tld.
void find_emails(const std::string& t, std::vector<std::string>& out) {
    for (std::size_t at = t.find('@'); at != std::string::npos; at = t.find('@', at + 1)) {
        std::size_t a = at;
        while (a > 0 && local_char(t[a - 1])) --a;
        while (a < at && !ascii_alnum(t[a])) ++a;
        std::size_t b = at + 1;
        while (b < t.size() && (ascii_alnum(t[b]) || t[b] == '-' || t[b] == '.')) ++b;
        while (b > at + 1 && !ascii_alnum(t[b - 1])) --b;
        if (a == at || b == at + 1) continue;
        std::string domain = t.substr(at + 1, b - at - 1);
        std::size_t dot = domain.rfind('.');
        if (dot == std::string::npos || domain.size() - dot - 1 < 2) continue;
        out.push_back(t.substr(a, b - a));
    }
}

// Disguised: "name [at] domain [dot] org", "name (at) domain.org". Found
// as word sequences: a bracketed "at" between a local part and a domain.
void find_disguised_emails(const std::string& t, std::vector<std::string>& out) {
    std::string l = lower(t);
    for (const char* at_word : {"[at]", "(at)", "{at}", "<at>", "[ at ]", "( at )", " at "}) {
        for (std::size_t k = l.find(at_word); k != std::string::npos; k = l.find(at_word, k + 1)) {
            std::size_t a = k;
            while (a > 0 && l[a - 1] == ' ') --a;
            std::size_t local_end = a;
            while (a > 0 && local_char(l[a - 1])) --a;
            if (a == local_end) continue;
            std::string local = l.substr(a, local_end - a);
            bool plain_at = std::string_view(at_word) == " at ";
            if (plain_at && local.find('.') == std::string::npos && local.find('_') == std::string::npos) continue;
            std::size_t b = k + std::string_view(at_word).size();
            while (b < l.size() && l[b] == ' ') ++b;
            std::size_t start = b;
            int dots = 0;
            while (b < l.size()) {
                std::size_t e = b;
                while (e < l.size() && (ascii_alnum(l[e]) || l[e] == '-')) ++e;
                if (e == b) break;
                b = e;
                std::size_t m = b;
                if (m + 1 < l.size() && l[m] == '.' && ascii_alnum(l[m + 1])) {
                    b = m + 1;
                    ++dots;
                    continue;
                }
                while (m < l.size() && l[m] == ' ') ++m;
                bool matched = false;
                for (const char* dw : {"[dot]", "(dot)", "{dot}", "[ dot ]", "( dot )", "dot "}) {
                    if (l.compare(m, std::string_view(dw).size(), dw) == 0) {
                        b = m + std::string_view(dw).size();
                        while (b < l.size() && l[b] == ' ') ++b;
                        matched = true;
                        ++dots;
                        break;
                    }
                }
                if (!matched) break;
            }
            while (b > start && !ascii_alnum(l[b - 1])) --b;
            if (dots == 0 || b <= start) continue;
            out.push_back(t.substr(a, b - a));
        }
    }
}

// Phone-like: 10 to 13 digits in groups (single space, hyphen, dot or
// brackets between), starting with + or 0, not inside a longer number or
// word, not an amount.
void find_phones(const std::string& t, std::vector<std::string>& out) {
    for (std::size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        bool start = c == '+' || c == '0' || (c == '(' && i + 1 < t.size() && (t[i + 1] == '0' || t[i + 1] == '+'));
        if (!start) continue;
        if (i > 0) {
            char p = t[i - 1];
            if (ascii_alnum(p) || p == '+' || p == '.' || p == ',' || p == '-' || p == '/' || p == '$' ||
                static_cast<unsigned char>(p) >= 0x80)
                continue;
        }
        std::size_t j = i, digits = 0, end = i;
        while (j < t.size()) {
            char d = t[j];
            if (d >= '0' && d <= '9') {
                ++digits;
                end = ++j;
                continue;
            }
            if (d == '+' && j == i) { ++j; continue; }
            if (d == '(' || d == ')') { ++j; continue; }
            if ((d == ' ' || d == '-' || d == '.') && j + 1 < t.size() && ((t[j + 1] >= '0' && t[j + 1] <= '9') || t[j + 1] == '(')) {
                ++j;
                continue;
            }
            break;
        }
        if (digits < 10 || digits > 13) continue;
        if (end < t.size() && (ascii_alnum(t[end]) || t[end] == '/')) continue;
        if (c == '0' && i + 1 < t.size() && (t[i + 1] == '.' || t[i + 1] == ',')) continue;  // a decimal
        out.push_back(t.substr(i, end - i));
        i = end;
    }
}

// Marked text between "[[redact...]]" and "[[/redact]]" in a story's text.
void find_marked(const std::string& text, const std::string& marker, std::vector<std::string>& out) {
    if (marker.empty()) return;
    std::string l = lower(text), open = "[[" + lower(marker), close = "[[/" + lower(marker);
    std::size_t at = 0;
    while ((at = l.find(open, at)) != std::string::npos) {
        std::size_t body = l.find("]]", at);
        if (body == std::string::npos) return;
        body += 2;
        std::size_t end = l.find(close, body);
        if (end == std::string::npos) {
            out.push_back(text.substr(body));  // unclosed: the rest is marked (the redactor refuses it anyway)
            return;
        }
        out.push_back(text.substr(body, end - body));
        at = end + close.size();
    }
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::vector<PersonForm> person_forms(const std::string& written, const Policy& policy) {
    std::vector<PersonForm> out;
    auto add = [&](const std::string& text, bool single_word_part, bool all_caps = false) {
        std::vector<std::string> words;
        for (auto& t : verify::tokenize(text)) words.push_back(t.text);
        if (words.empty()) return;
        if (words.size() == 1 && words[0].size() < 2) return;
        bool capital = words.size() == 1 && (single_word_part || upper_start(text));
        for (const auto& f : out)
            if (f.words == words) return;
        out.push_back(PersonForm{std::move(words), capital, all_caps});
    };
    add(written, false);
    auto words = person_words(written);
    if (words.empty()) return out;
    std::string plain;
    for (const auto& w : words) plain += (plain.empty() ? "" : " ") + w;
    add(plain, false);
    if (words.size() >= 2) {
        add(words.front() + " " + words.back(), false);
        // The surname with the particles before it: "van der Berg".
        std::size_t s = words.size() - 1;
        while (s > 1 && particles().count(lower(words[s - 1]))) --s;
        std::string surname;
        for (std::size_t i = s; i < words.size(); ++i) surname += (surname.empty() ? "" : " ") + words[i];
        if (s < words.size() - 1) add(surname, false);
        auto initial = [](const std::string& w) {
            return (w.size() <= 2 && (w.size() < 2 || w[1] == '.')) || detect::is_calendar_word(lower(w));
        };
        // A log-in: first initial and surname ("tokafor"), in any case.
        {
            auto first = verify::tokenize(words.front()), last = verify::tokenize(words.back());
            if (!first.empty() && !last.empty() && last.back().text.size() >= 4) {
                std::string login = first.front().text.substr(0, 1) + last.back().text;
                if (login[0] >= 'a' && login[0] <= 'z') add(login, false);
            }
        }
        if (policy.first_name_alone && !initial(words.front())) add(words.front(), true);
        if (policy.surname_alone && !initial(words.back())) add(words.back(), true);
        // Initials: the letters are taken here; which pairs are common
        // abbreviations is a shared list (detect::name_initials), data
        // rather than a second parser.
        if (policy.initials) {
            std::string ini = detect::name_initials(words);
            if (!ini.empty()) add(ini, true, true);
        }
    }
    return out;
}

InputFacts read_input_facts(const Package& original, const RedactOptions& options) {
    const Policy& policy = options.policy;
    InputFacts facts;
    std::set<std::string> seen_people;
    auto add_person = [&](const std::string& written, const char* source) {
        std::string key = lower(written);
        if (written.empty() || !seen_people.insert(key).second) return;
        facts.people.push_back({written, source});
    };
    for (const auto& p : options.roster.people) {
        add_person(p.name, "roster");
        for (const auto& a : p.aliases) add_person(a, "roster");
    }
    std::vector<std::string> keep;
    for (const auto& k : policy.keep) keep.push_back(lower(k));
    auto kept = [&](const std::string& s) { return std::find(keep.begin(), keep.end(), lower(s)) != keep.end(); };

    std::set<std::string> emails, phones;
    for (const auto& part : original.part_names()) {
        std::string name = lower(part);
        if (!(ends_with(name, ".xml") || ends_with(name, ".rels"))) continue;
        const std::string& bytes = original.part_bytes(part);
        pugi::xml_document doc;
        if (!doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default)) continue;  // the redactor drops or refuses it
        bool story = name.rfind("word/", 0) == 0 && !ends_with(name, ".rels");
        bool core = ends_with(name, "core.xml"), app = ends_with(name, "app.xml");
        // Numbers are read from prose only: a chart's cached values
        // ("0.1234567890123") are not phone numbers.
        bool prose = (story && name.rfind("word/charts/", 0) != 0 && name.rfind("word/theme/", 0) != 0) ||
                     name.rfind("docprops/", 0) == 0;
        std::vector<std::string> pattern_texts;
        // Authors, patterns in attributes, marked content controls.
        for (pugi::xpath_node xn : doc.select_nodes("//*")) {
            pugi::xml_node n = xn.node();
            std::string_view en = n.name();
            for (pugi::xml_attribute a : n.attributes()) {
                std::string_view an = a.name();
                std::string v = a.value();
                if ((an == "w:author" || an == "w15:author") && policy.include_authors && clearly_a_person(v, true) && !kept(v))
                    add_person(v, "author");
                if (v.find('@') != std::string::npos) pattern_texts.push_back(v);
                if (an == "Target" && lower(v).rfind("tel:", 0) == 0) pattern_texts.push_back(v.substr(4));
            }
            if (core && policy.include_authors && (en == "dc:creator" || en == "cp:lastModifiedBy")) {
                std::string v = n.text().get();
                if (clearly_a_person(v, true) && !kept(v)) add_person(v, "author");
            }
            if (app && policy.include_authors && (en == "Manager" || ends_with(std::string(en), ":Manager"))) {
                std::string v = n.text().get();
                if (clearly_a_person(v, true) && !kept(v)) add_person(v, "author");
            }
            if (story && en == "w:sdt") {
                std::string tag = lower(std::string(n.child("w:sdtPr").child("w:tag").attribute("w:val").value()) + " " +
                                        n.child("w:sdtPr").child("w:alias").attribute("w:val").value());
                auto tag_words = verify::tokenize(tag);
                bool marked = false;
                for (const auto& m : policy.content_control_tags)
                    for (const auto& tw : tag_words) marked = marked || tw.text == lower(m);
                if (marked) {
                    std::string inside;
                    text_of(n.child("w:sdtContent"), inside);
                    if (!inside.empty()) facts.regions.push_back(inside);
                }
            }
            if (n.first_child().type() == pugi::node_pcdata) pattern_texts.push_back(n.child_value());
        }
        if (story) {
            // Paragraph by paragraph: attendance lines, and the marked text.
            std::string all;
            pugi::xml_node root = doc.document_element();
            text_of(root, all);
            find_marked(all, policy.text_marker, facts.regions);
            pattern_texts.push_back(all);
            std::vector<pugi::xml_node> paragraphs;
            for (pugi::xpath_node xn : doc.select_nodes("//w:p")) paragraphs.push_back(xn.node());
            for (std::size_t i = 0; i < paragraphs.size(); ++i) {
                std::string text;
                text_of(paragraphs[i], text);
                for (const auto& label : policy.attendance_labels) {
                    std::size_t end = after_label(text, label);
                    if (end == std::string::npos) continue;
                    auto entries = split_entries(text.substr(end));
                    if (entries.empty()) {
                        // A bare label: the names follow as list items or in the next cell.
                        for (std::size_t k = i + 1; k < paragraphs.size(); ++k) {
                            if (!paragraphs[k].child("w:pPr").child("w:numPr")) break;
                            std::string item;
                            text_of(paragraphs[k], item);
                            for (auto& e : split_entries(item)) entries.push_back(e);
                        }
                        pugi::xml_node cell = paragraphs[i].parent();
                        if (entries.empty() && std::string_view(cell.name()) == "w:tc") {
                            std::string next;
                            text_of(cell.next_sibling("w:tc"), next);
                            entries = split_entries(next);
                        }
                    }
                    for (const auto& e : entries)
                        if (clearly_a_person(e, false) && !kept(e)) add_person(e, "attendance");
                    break;
                }
            }
        }
        for (const auto& t : pattern_texts) {
            std::vector<std::string> found;
            if (policy.email) {
                find_emails(t, found);
                find_disguised_emails(t, found);
                for (auto& f : found) emails.insert(f);
            }
            if (policy.phone && prose) {
                found.clear();
                find_phones(t, found);
                for (auto& f : found) phones.insert(f);
            }
        }
    }
    facts.emails.assign(emails.begin(), emails.end());
    facts.phones.assign(phones.begin(), phones.end());
    return facts;
}

void add_input_needles(verify::NeedleSet& set, const InputFacts& facts, const Policy& policy, const std::string& key) {
    verify::KeyedHasher hasher(key);
    std::vector<std::vector<std::string>> keep;
    for (const auto& k : policy.keep) {
        std::vector<std::string> words;
        for (auto& t : verify::tokenize(k)) words.push_back(t.text);
        if (!words.empty()) keep.push_back(std::move(words));
    }
    auto hash_of = [&](const std::vector<std::string>& words) {
        std::vector<std::uint64_t> h;
        for (const auto& w : words) h.push_back(hasher.word(w));
        return hasher.sequence(h, 0, h.size());
    };
    for (std::size_t p = 0; p < facts.people.size(); ++p) {
        for (const auto& [words, capital, all_caps] : person_forms(facts.people[p].written, policy)) {
            if (std::find(keep.begin(), keep.end(), words) != keep.end()) continue;
            verify::Needle nd;
            nd.kind = verify::NeedleKind::name;
            nd.words = static_cast<int>(words.size());
            nd.hash = hash_of(words);
            nd.needs_capital = capital;
            nd.all_caps = all_caps;
            nd.label = facts.people[p].source + " " + std::to_string(p + 1);
            set.add(std::move(nd));
        }
    }
    auto add_pattern = [&](const std::string& text, const char* label) {
        std::vector<std::string> words;
        for (auto& t : verify::tokenize(text)) words.push_back(t.text);
        if (words.empty()) return;
        set.add(verify::Needle{verify::NeedleKind::pattern, hash_of(words), static_cast<int>(words.size()), false, label});
        // A disguised address is also searched for as written plainly.
        std::vector<std::string> plain;
        for (auto& w : words)
            if (w != "at" && w != "dot") plain.push_back(w);
        if (plain.size() != words.size() && !plain.empty())
            set.add(verify::Needle{verify::NeedleKind::pattern, hash_of(plain), static_cast<int>(plain.size()), false, label});
    };
    for (const auto& e : facts.emails) add_pattern(e, "email");
    for (const auto& ph : facts.phones) {
        add_pattern(ph, "phone");
        std::string digits;
        for (char c : ph)
            if (c >= '0' && c <= '9') digits += c;
        add_pattern(digits, "phone");  // written without spaces
    }
}

}  // namespace allies::publish

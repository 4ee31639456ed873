// Who counts as a person: the roster, the people listed after "Present:",
// "Attendees:", "In attendance:" or "Apologies:", and the authors recorded
// in the package (core properties, comments, people.xml, tracked changes).
#include <algorithm>
#include <set>

#include "allies/error.hpp"
#include "detect/unlisted.hpp"
#include "ooxml/xml_util.hpp"
#include "package/package_impl.hpp"
#include "redact/state.hpp"
#include "redact/xml_edit.hpp"
#include "text/fold.hpp"

namespace allies::redact {
namespace {

std::string trim(std::string s) {
    auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '.' || c == ','; };
    while (!s.empty() && sp(s.back())) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
    return s.substr(i);
}

bool generic_author(const std::string& folded) {
    static const std::set<std::string> generic{
        "", "author", "unknown", "unknown author", "administrator", "admin", "user", "windows user",
        "microsoft office user", "microsoft office", "office user", "owner", "python-docx", "python docx",
        "apache poi", "libreoffice", "openoffice", "docx4j", "anonymous", "guest", "default", "test", "me",
        "standard", "word", "microsoft word", "google docs", "pandoc", "writer", "staff", "secretary"};
    return generic.count(folded) > 0;
}

bool stop_word(const std::string& folded) {
    static const std::set<std::string> stop{"none", "nil", "n/a", "na", "all", "all members", "everyone", "tbc",
                                            "tba", "members", "staff", "others", "guests", "observers", "no one",
                                            "nobody", "none received", "apologies", "the chair", "chair"};
    return stop.count(folded) > 0;
}

// "Laura Bennett (Chair)", "Dr Tom Okafor – Secretary" -> "Laura Bennett", "Tom Okafor".
std::string clean_entry(std::string e) {
    for (std::size_t open = e.find('('); open != std::string::npos; open = e.find('(')) {
        std::size_t close = e.find(')', open);
        e.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
    }
    for (const char* sep : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", ": "}) {
        std::size_t k = e.find(sep);
        if (k != std::string::npos) e.erase(k);
    }
    return trim(e);
}

std::vector<std::string> split_entries(const std::string& list) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        std::string c = clean_entry(cur);
        if (!c.empty()) out.push_back(c);
        cur.clear();
    };
    for (std::size_t i = 0; i < list.size(); ++i) {
        char c = list[i];
        if (c == ',' || c == ';' || c == '\n' || c == '\t' || c == '&' || c == '/') {
            flush();
            continue;
        }
        if (list.compare(i, 5, " and ") == 0) {
            flush();
            i += 4;
            continue;
        }
        cur += c;
    }
    flush();
    return out;
}

// A role, an office or a team, not a person ("Chief Executive", "Head of
// Finance", "Governance Team", "Clerk"): every word is a word of roles or
// groups ("Jane Board" is a person: Jane is not such a word).
bool is_role(const std::string& entry) {
    static const std::set<std::string> role_words{
        "chief", "executive", "executives", "head", "heads", "director", "directors", "officer", "officers",
        "manager", "managers", "clerk", "chair", "chairman", "chairwoman", "chairperson", "vice", "deputy",
        "secretary", "treasurer", "president", "ceo", "cfo", "coo", "cto", "cio", "hr", "it", "legal", "finance",
        "financial", "operations", "admin", "administrator", "administration", "assistant", "coordinator",
        "co-ordinator", "lead", "senior", "principal", "general", "member", "members", "trustee", "trustees",
        "representative", "representatives", "rep", "reps", "observer", "observers", "adviser", "advisor",
        "advisers", "advisors", "consultant", "auditor", "auditors", "minute", "minutes", "taker", "of", "for",
        "and", "the", "a", "an", "to", "on", "in", "external", "internal", "independent", "interim", "acting",
        "governance", "policy", "communications", "comms", "estates", "facilities", "safeguarding", "audit",
        "risk", "strategy", "programme", "program", "project", "projects", "service", "services", "data",
        "protection", "compliance", "people", "corporate", "business", "support", "development", "partner",
        "partners", "engagement", "officer's", "co", "joint", "honorary", "company", "council", "governor",
        "governors", "headteacher", "teacher", "nurse", "accountant", "solicitor", "counsel", "chairs"};
    static const std::set<std::string> group_words{"team", "teams", "committee", "board", "panel", "group",
                                                   "department", "dept", "unit", "office", "directorate",
                                                   "division", "secretariat", "council", "forum", "network"};
    std::vector<std::string> words;
    std::string folded = text::fold_string(entry);
    std::size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && folded[i] == ' ') ++i;
        std::size_t j = i;
        while (j < folded.size() && folded[j] != ' ') ++j;
        if (j > i) words.push_back(folded.substr(i, j - i));
        i = j;
    }
    if (words.empty()) return false;
    for (const auto& w : words)
        if (!role_words.count(w) && !group_words.count(w)) return false;
    return true;
}

// An author that is a program, a project or a group rather than a person:
// "PHPWord", "Open-Xml-PowerTools", "Docxtemplater team", "docx4j 11.4":
// a run of capitals before lower case, three or more hyphenated
// capitalised parts, a digit, or a last word naming a group. CamelCase
// alone proves nothing ("McDonald", "JoAnn", "DeShawn"). Kept narrow on purpose: a
// person's author name wrongly dropped here would be a leak, so anything
// in doubt stays a person.
bool software_or_group_author(const std::string& author) {
    static const std::set<std::string> group_last{"team", "teams", "committee", "department", "dept", "directorate",
                                                  "secretariat", "unit", "group", "project", "software", "inc",
                                                  "ltd", "llc", "corp", "corporation", "foundation", "contributors",
                                                  "developers", "authors", "bot"};
    auto words = detect::name_words(author);
    if (words.empty()) return false;
    if (words.size() >= 2 && group_last.count(text::fold_string(words.back()))) return true;
    for (const auto& w : words) {
        int hyphen_caps = 0;
        std::size_t part_start = 0;
        for (std::size_t i = 0; i <= w.size(); ++i) {
            if (i < w.size() && w[i] != '-') continue;
            if (i > part_start && w[part_start] >= 'A' && w[part_start] <= 'Z') ++hyphen_caps;
            part_start = i + 1;
        }
        if (hyphen_caps >= 3) return true;
        for (std::size_t i = 0; i < w.size(); ++i) {
            char c = w[i];
            if (c >= '0' && c <= '9') return true;
            if (!(c >= 'A' && c <= 'Z') || i == 0) continue;
            char before = w[i - 1];
            // "PHPWord": a run of two or more capitals running into a
            // lower-case letter ("OConnor" has a run of one: a name).
            if (before >= 'A' && before <= 'Z' && i >= 2 && w[i - 2] >= 'A' && w[i - 2] <= 'Z' && i + 1 < w.size() &&
                w[i + 1] >= 'a' && w[i + 1] <= 'z')
                return true;
        }
    }
    return false;
}

bool looks_like_name(const std::string& entry) {
    auto words = detect::name_words(entry);
    if (words.empty() || words.size() > 5) return false;
    if (stop_word(text::fold_string(entry))) return false;
    if (is_role(entry)) return false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        // Lower-case particles inside a name: "Pieter van der Berg".
        bool particle = i > 0 && i + 1 < words.size() && detect::is_surname_particle(text::fold_string(w));
        if (!text::starts_upper(w, 0) && !particle) return false;
        for (char c : w)
            if (c >= '0' && c <= '9') return false;
    }
    return true;
}

}  // namespace

void collect_people(Package& package, Redactor::State& st, const std::vector<std::string>& revision_authors) {
    const Policy& policy = st.options.policy;
    std::vector<Person>& people = st.plan.people;
    people = st.options.roster.people;
    std::set<std::string> known;
    for (const auto& p : people) {
        known.insert(text::fold_string(p.name));
        for (const auto& a : p.aliases) known.insert(text::fold_string(a));
    }
    std::set<std::string> keep;
    for (const auto& k : policy.keep) keep.insert(text::fold_string(k));
    auto add = [&](const std::string& name, const char* source) {
        std::string n = trim(name);
        std::string f = text::fold_string(n);
        if (f.empty() || known.count(f) || keep.count(f)) return;
        known.insert(f);
        Person p;
        p.name = n;
        p.source = source;
        people.push_back(std::move(p));
    };

    // Attendance lines.
    std::vector<std::string> labels;
    for (const auto& l : policy.attendance_labels) labels.push_back(text::fold_string(l));
    std::size_t longest = 0;
    for (const auto& l : labels) longest = std::max(longest, l.size());
    for (auto& story : st.stories) {
        if (story.kind == "comments" || labels.empty()) continue;
        for (std::size_t i = 0; i < story.paragraphs.size(); ++i) {
            pugi::xml_node p = story.paragraphs[i];
            const FlatParagraph& flat = st.flat(p);
            // Fold only the start to test for a label; the list is cut from the original.
            std::size_t head = std::min(flat.text.size(), longest * 4 + 16);
            while (head < flat.text.size() && (static_cast<unsigned char>(flat.text[head]) & 0xC0) == 0x80) ++head;
            text::Folded f = text::fold(std::string_view(flat.text).substr(0, head));
            std::string lead = f.text;
            std::size_t s = 0;
            while (s < lead.size() && lead[s] == ' ') ++s;
            std::string rest;
            bool matched = false;
            for (const auto& label : labels) {
                if (label.empty() || lead.compare(s, label.size(), label) != 0) continue;
                std::size_t j = s + label.size();
                if (j < lead.size() && text::is_word_byte(static_cast<unsigned char>(lead[j]))) continue;  // "Presentation:"
                while (j < lead.size() && lead[j] == ' ') ++j;
                // A qualifier before the colon: "In attendance (for item 4):".
                if (j < lead.size() && lead[j] == '(') {
                    std::size_t close = lead.find(')', j);
                    if (close == std::string::npos) continue;
                    j = close + 1;
                    while (j < lead.size() && lead[j] == ' ') ++j;
                }
                // "Apologies received from Tom Okafor": a label that ends in
                // "from" needs no colon.
                bool from = label.size() >= 5 && label.compare(label.size() - 5, 5, " from") == 0;
                if (!from && (j >= lead.size() || lead[j] != ':')) continue;
                if (from && j < lead.size() && lead[j] == ':') ++j;
                else if (!from) ++j;
                matched = true;
                rest = flat.text.substr(f.original_end(j));
                break;
            }
            if (!matched) continue;
            std::vector<std::string> entries = split_entries(rest);
            if (entries.empty()) {
                // "Present:" alone: the names follow as list items, or in the next table cell.
                for (pugi::xml_node n = p.next_sibling(); n; n = n.next_sibling()) {
                    if (!is(n, "w:p")) break;
                    bool list = n.child("w:pPr").child("w:numPr") ||
                                st.styles.paragraph(n.child("w:pPr"), "").numbering.num_id > 0;
                    if (!list) break;
                    for (auto& e : split_entries(st.flat(n).text)) entries.push_back(e);
                }
                if (entries.empty() && is(p.parent(), "w:tc")) {
                    pugi::xml_node next_cell = p.parent().next_sibling("w:tc");
                    for (auto q : descendants_named(next_cell, "w:p"))
                        for (auto& e : split_entries(st.flat(q).text)) entries.push_back(e);
                }
            }
            for (const auto& e : entries)
                if (looks_like_name(e)) add(e, "attendance");
        }
    }

    if (!policy.include_authors) return;
    std::vector<std::string> authors;
    for (const auto& rel : package.relationships("")) {
        if (rel.external || rel.target_part.empty() || !package.has_part(rel.target_part)) continue;
        RelType t = classify_relationship(rel.type);
        if (t == RelType::core_properties) {
            const auto& doc = xml(package, rel.target_part);
            for (pugi::xml_node c : doc.document_element().children()) {
                std::string_view n = c.name();
                if (n == "dc:creator" || n == "cp:lastModifiedBy") authors.emplace_back(c.text().get());
            }
        } else if (t == RelType::extended_properties) {
            const auto& doc = xml(package, rel.target_part);
            for (pugi::xml_node c : doc.document_element().children()) {
                std::string_view n = c.name();
                auto colon = n.find(':');
                if (colon != std::string_view::npos) n = n.substr(colon + 1);
                if (n == "Manager") authors.emplace_back(c.text().get());
            }
        }
    }
    if (!st.comments_part.empty())
        if (const StoryPart* c = st.story_of(st.comments_part))
            for (pugi::xml_node comment : c->root.children("w:comment")) authors.emplace_back(comment.attribute("w:author").value());
    for (const auto& rel : package.relationships(package.main_document())) {
        if (classify_relationship(rel.type) != RelType::people || rel.target_part.empty() || !package.has_part(rel.target_part)) continue;
        for_each_element(xml(package, rel.target_part).document_element(), [&](pugi::xml_node n) {
            if (auto a = n.attribute("w15:author")) authors.emplace_back(a.value());
            else if (auto b = n.attribute("w:author")) authors.emplace_back(b.value());
        });
    }
    authors.insert(authors.end(), revision_authors.begin(), revision_authors.end());
    for (const auto& a : authors) {
        std::string f = text::fold_string(trim(a));
        if (generic_author(f)) continue;
        // "Governance Team (RCT)", "Clerk": an office, not a person. What a
        // name leaves after its parenthetical is what counts.
        std::string plain;
        for (const auto& w : detect::name_words(a)) plain += (plain.empty() ? "" : " ") + w;
        if (plain.empty() || is_role(plain) || software_or_group_author(plain)) continue;
        add(a, "author");
    }
}

namespace {

// "Mrs Patel" -> "Mrs P****": titles kept, each name word's first letter and
// a star per letter after it.
std::string mask_mention(const std::string& written) {
    std::string out;
    std::size_t i = 0;
    while (i < written.size()) {
        std::size_t j = written.find(' ', i);
        if (j == std::string::npos) j = written.size();
        std::string w = written.substr(i, j - i);
        std::string f = text::fold_string(w);
        while (!f.empty() && f.back() == '.') f.pop_back();
        static const std::set<std::string> titles{"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "cllr",
                                                  "councillor", "rev", "revd", "sir", "dame", "lady", "lord"};
        if (!out.empty()) out += ' ';
        if (titles.count(f)) {
            out += w;
        } else if (!w.empty()) {
            std::size_t first = 1;
            while (first < w.size() && (static_cast<unsigned char>(w[first]) & 0xC0) == 0x80) ++first;
            out += w.substr(0, first);
            for (std::size_t k = first; k < w.size(); ++k)
                if ((static_cast<unsigned char>(w[k]) & 0xC0) != 0x80) out += '*';
        }
        i = j + 1;
    }
    return out;
}

}  // namespace

void find_unlisted_people(const Package& package, Redactor::State& st) {
    const Policy& policy = st.options.policy;
    // Any word of a known person's name makes a mention theirs ("Mrs
    // Okafor" with Tom Okafor listed), and the keep list is public.
    std::set<std::string> known, keep;
    for (const auto& p : st.plan.people) {
        for (const auto& w : detect::name_words(p.name)) known.insert(text::fold_string(w));
        for (const auto& a : p.aliases)
            for (const auto& w : detect::name_words(a)) known.insert(text::fold_string(w));
    }
    for (const auto& k : policy.keep) keep.insert(text::fold_string(k));
    std::set<std::string> added;
    for (auto& story : st.stories) {
        if (story.kind == "comments") continue;  // comments are removed whole
        for (pugi::xml_node p : story.paragraphs) {
            const FlatParagraph& flat = st.flat(p);
            for (const auto& m : detect::find_unlisted_names(flat.text)) {
                std::string folded = text::fold_string(m.name);
                if (keep.count(folded) || keep.count(text::fold_string(m.written))) continue;
                bool is_known = false;
                for (const auto& w : detect::name_words(m.name)) is_known = is_known || known.count(text::fold_string(w));
                if (is_known) continue;
                UnlistedPerson u;
                u.masked = mask_mention(m.written);
                u.part = story.name;
                u.paragraph = st.paragraph_number(story.name, p);
                u.shape = m.shape;
                if (st.options.show_text) u.text = m.written;
                st.plan.unlisted.push_back(std::move(u));
                if (policy.unlisted == UnlistedMode::redact && added.insert(folded).second) {
                    Person person;
                    person.name = m.name;
                    if (m.written != m.name) person.aliases.push_back(m.written);
                    person.source = "unlisted";
                    st.plan.people.push_back(std::move(person));
                }
            }
        }
    }
    if (policy.unlisted == UnlistedMode::refuse && !st.plan.unlisted.empty())
        throw Error(ErrorKind::refused, package.display_name(), "",
                    std::to_string(st.plan.unlisted.size()) +
                        " possible names of people on no roster (policy names.unlisted = \"refuse\"; first: " +
                        st.plan.unlisted.front().masked + "); list them in the roster or the keep list");
}

}  // namespace allies::redact

// Who counts as a person: the roster, the people listed after "Present:",
// "Attendees:", "In attendance:" or "Apologies:", and the authors recorded
// in the package (core properties, comments, people.xml, tracked changes).
#include <algorithm>
#include <set>

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

bool looks_like_name(const std::string& entry) {
    auto words = detect::name_words(entry);
    if (words.empty() || words.size() > 5) return false;
    if (stop_word(text::fold_string(entry))) return false;
    for (const auto& w : words) {
        if (!text::starts_upper(w, 0)) return false;
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
                while (j < lead.size() && lead[j] == ' ') ++j;
                if (j >= lead.size() || lead[j] != ':') continue;
                matched = true;
                rest = flat.text.substr(f.original_end(j + 1));
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
        add(a, "author");
    }
}

}  // namespace allies::redact

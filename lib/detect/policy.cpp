// The policy file: TOML (toml++, Debian's libtomlplusplus-dev) over built-in
// defaults. Unknown tables or keys and wrong types are errors, so a typo in a
// policy can never silently turn a rule off.
#include <toml++/toml.h>

#include <set>
#include <sstream>

#include "allies/error.hpp"
#include "allies/redact.hpp"
#include "text/digest.hpp"

namespace allies {
namespace {

const char kDefaultToml[] =
#include "default_policy.inc"
    ;

[[noreturn]] void bad(const std::string& file, const std::string& what) {
    throw Error(ErrorKind::policy, file, "", what);
}

std::string where(const toml::node& n) {
    const auto& src = n.source();
    return "line " + std::to_string(src.begin.line) + ": ";
}

struct Reader {
    const std::string& file;

    void check_keys(const toml::table& t, const std::string& table, const std::set<std::string>& allowed) {
        for (const auto& [k, v] : t) {
            std::string key(k.str());
            if (!allowed.count(key))
                bad(file, where(v) + "unknown key '" + (table.empty() ? key : table + "." + key) + "'");
        }
    }
    const toml::table* table(const toml::table& root, const char* name) {
        const toml::node* n = root.get(name);
        if (!n) return nullptr;
        if (!n->is_table()) bad(file, where(*n) + "'" + name + "' must be a table");
        return n->as_table();
    }
    void get(const toml::table& t, const std::string& table, const char* key, bool& out) {
        if (const toml::node* n = t.get(key)) {
            if (!n->is_boolean()) bad(file, where(*n) + "'" + table + "." + key + "' must be true or false");
            out = n->as_boolean()->get();
        }
    }
    void get(const toml::table& t, const std::string& table, const char* key, std::string& out) {
        if (const toml::node* n = t.get(key)) {
            if (!n->is_string()) bad(file, where(*n) + "'" + table + "." + key + "' must be a string");
            out = n->as_string()->get();
        }
    }
    void get(const toml::table& t, const std::string& table, const char* key, std::vector<std::string>& out) {
        if (const toml::node* n = t.get(key)) {
            const toml::array* a = n->as_array();
            if (!a) bad(file, where(*n) + "'" + table + "." + key + "' must be an array of strings");
            out.clear();
            for (const auto& item : *a) {
                if (!item.is_string()) bad(file, where(item) + "'" + table + "." + key + "' must be an array of strings");
                out.push_back(item.as_string()->get());
            }
        }
    }
};

void nonempty(const std::string& file, const std::string& key, const std::string& v) {
    if (v.empty()) bad(file, "'" + key + "' must not be empty");
}

}  // namespace

std::string Policy::default_toml() { return kDefaultToml; }

Policy Policy::from_toml(const std::string& text, const std::string& file) {
    toml::table root;
    try {
        root = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        bad(file, "line " + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    Policy p;
    Reader r{file};
    r.check_keys(root, "", {"markers", "names", "patterns", "replacement", "metadata"});
    if (const toml::table* t = r.table(root, "markers")) {
        r.check_keys(*t, "markers", {"content_control_tags", "paragraph_styles", "character_styles", "text_marker",
                                     "heading_suffixes", "comment_prefix", "black_highlight", "repeated_figures",
                                     "default_category"});
        r.get(*t, "markers", "content_control_tags", p.content_control_tags);
        r.get(*t, "markers", "paragraph_styles", p.paragraph_styles);
        r.get(*t, "markers", "character_styles", p.character_styles);
        r.get(*t, "markers", "text_marker", p.text_marker);
        r.get(*t, "markers", "heading_suffixes", p.heading_suffixes);
        r.get(*t, "markers", "comment_prefix", p.comment_prefix);
        r.get(*t, "markers", "black_highlight", p.black_highlight);
        r.get(*t, "markers", "repeated_figures", p.repeated_figures);
        r.get(*t, "markers", "default_category", p.default_category);
        nonempty(file, "markers.text_marker", p.text_marker);
        nonempty(file, "markers.default_category", p.default_category);
        for (char c : p.text_marker)
            if (c == '[' || c == ']' || c == ':' || c == '/' || c == ' ')
                bad(file, "'markers.text_marker' must be a plain word");
    }
    if (const toml::table* t = r.table(root, "names")) {
        r.check_keys(*t, "names", {"attendance_labels", "include_authors", "first_name_alone", "surname_alone", "initials", "unlisted", "keep",
                                   "replace_as", "placeholder", "pseudonym_prefix"});
        r.get(*t, "names", "attendance_labels", p.attendance_labels);
        r.get(*t, "names", "include_authors", p.include_authors);
        r.get(*t, "names", "first_name_alone", p.first_name_alone);
        r.get(*t, "names", "surname_alone", p.surname_alone);
        r.get(*t, "names", "initials", p.initials);
        std::string unlisted;
        r.get(*t, "names", "unlisted", unlisted);
        if (!unlisted.empty() && !parse_unlisted_mode(unlisted, p.unlisted))
            bad(file, "'names.unlisted' must be warn, redact or refuse");
        r.get(*t, "names", "keep", p.keep);
        std::string as;
        r.get(*t, "names", "replace_as", as);
        if (!as.empty() && !parse_names_as(as, p.names_as))
            bad(file, "'names.replace_as' must be placeholder, initials, pseudonym or role");
        r.get(*t, "names", "placeholder", p.name_placeholder);
        r.get(*t, "names", "pseudonym_prefix", p.pseudonym_prefix);
    }
    if (const toml::table* t = r.table(root, "patterns")) {
        r.check_keys(*t, "patterns", {"email", "phone", "postcode", "sort_code", "account_number", "iban"});
        r.get(*t, "patterns", "email", p.email);
        r.get(*t, "patterns", "phone", p.phone);
        r.get(*t, "patterns", "postcode", p.postcode);
        r.get(*t, "patterns", "sort_code", p.sort_code);
        r.get(*t, "patterns", "account_number", p.account_number);
        r.get(*t, "patterns", "iban", p.iban);
    }
    if (const toml::table* t = r.table(root, "replacement")) {
        r.check_keys(*t, "replacement", {"sections", "section_text", "inline_text", "category_text"});
        std::string sections;
        r.get(*t, "replacement", "sections", sections);
        if (!sections.empty() && !parse_sections_mode(sections, p.sections))
            bad(file, "'replacement.sections' must be placeholder or remove");
        r.get(*t, "replacement", "section_text", p.section_text);
        r.get(*t, "replacement", "inline_text", p.inline_text);
        if (const toml::table* c = r.table(*t, "category_text")) {
            for (const auto& [k, v] : *c) {
                if (!v.is_string()) bad(file, where(v) + "'replacement.category_text." + std::string(k.str()) + "' must be a string");
                p.category_text[std::string(k.str())] = v.as_string()->get();
            }
        }
    }
    if (const toml::table* t = r.table(root, "metadata")) {
        r.check_keys(*t, "metadata", {"publisher"});
        r.get(*t, "metadata", "publisher", p.publisher);
    }
    return p;
}

Policy Policy::load(const std::string& path) {
    std::string text;
    try {
        text = read_file(path);
    } catch (const Error& e) {
        throw Error(ErrorKind::policy, path, "", e.message());
    }
    return from_toml(text, path);
}

std::string Policy::digest() const {
    // Canonical, ordered serialisation of every field, then SHA-256.
    std::ostringstream o;
    auto list = [&](const char* k, const std::vector<std::string>& v) {
        o << k << '=' << v.size();
        for (const auto& s : v) o << '\x1f' << s;
        o << '\n';
    };
    list("tags", content_control_tags);
    list("pstyles", paragraph_styles);
    list("cstyles", character_styles);
    o << "marker=" << text_marker << '\n';
    list("suffixes", heading_suffixes);
    o << "comment=" << comment_prefix << "\nblack=" << black_highlight << "\nfigures=" << repeated_figures << "\ncategory=" << default_category << '\n';
    list("labels", attendance_labels);
    o << "authors=" << include_authors << "\nfirst=" << first_name_alone << "\nsurname=" << surname_alone << "\ninitials=" << initials << "\nunlisted=" << static_cast<int>(unlisted) << '\n';
    list("keep", keep);
    o << "as=" << static_cast<int>(names_as) << "\nplaceholder=" << name_placeholder << "\nprefix=" << pseudonym_prefix
      << "\npatterns=" << email << phone << postcode << sort_code << account_number << iban
      << "\nsections=" << static_cast<int>(sections) << "\nsection_text=" << section_text
      << "\ninline=" << inline_text << '\n';
    for (const auto& [k, v] : category_text) o << "cat=" << k << '\x1f' << v << '\n';
    o << "publisher=" << publisher << '\n';
    return text::sha256_hex(o.str());
}

bool parse_names_as(std::string_view text, NamesAs& out) {
    if (text == "placeholder") out = NamesAs::placeholder;
    else if (text == "initials") out = NamesAs::initials;
    else if (text == "pseudonym") out = NamesAs::pseudonym;
    else if (text == "role") out = NamesAs::role;
    else return false;
    return true;
}

bool parse_unlisted_mode(std::string_view text, UnlistedMode& out) {
    if (text == "warn") out = UnlistedMode::warn;
    else if (text == "redact") out = UnlistedMode::redact;
    else if (text == "refuse") out = UnlistedMode::refuse;
    else return false;
    return true;
}

bool parse_sections_mode(std::string_view text, SectionsMode& out) {
    if (text == "placeholder") out = SectionsMode::placeholder;
    else if (text == "remove") out = SectionsMode::remove;
    else return false;
    return true;
}

std::string load_pseudonym_key(const std::string& path) {
    std::string key;
    try {
        key = read_file(path);
    } catch (const Error& e) {
        throw Error(ErrorKind::policy, path, "", e.message());
    }
    while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
    if (key.empty()) throw Error(ErrorKind::policy, path, "", "pseudonym key file is empty");
    return key;
}

}  // namespace allies

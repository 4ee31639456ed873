// The roster file (--names): one person per line,
//   Full Name | alias | alias role=Chair
#include <string>

#include "allies/error.hpp"
#include "allies/redact.hpp"
#include "package/package_impl.hpp"

namespace allies {
namespace {

std::string trim(std::string_view s) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

}  // namespace

Roster Roster::parse(const std::string& text, const std::string& file) {
    if (!is_valid_utf8(text)) throw Error(ErrorKind::policy, file, "", "names file is not valid UTF-8");
    Roster roster;
    std::size_t line_no = 0, pos = 0;
    std::string_view all = text;
    if (all.starts_with("\xEF\xBB\xBF")) pos = 3;  // BOM
    while (pos <= all.size()) {
        std::size_t nl = all.find('\n', pos);
        std::string_view line = all.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? all.size() + 1 : nl + 1;
        ++line_no;
        std::string l = trim(line);
        if (l.empty() || l[0] == '#') continue;
        Person person;
        person.source = "roster";
        // role=... is the last thing on the line, after a space or a bar.
        std::size_t r = l.rfind("role=");
        if (r != std::string::npos && (r == 0 || l[r - 1] == ' ' || l[r - 1] == '\t' || l[r - 1] == '|')) {
            person.role = trim(std::string_view(l).substr(r + 5));
            l = trim(std::string_view(l).substr(0, r));
            if (person.role.empty())
                throw Error(ErrorKind::policy, file, "", "line " + std::to_string(line_no) + ": empty role=");
        }
        std::vector<std::string> fields;
        std::size_t start = 0;
        while (true) {
            std::size_t bar = l.find('|', start);
            fields.push_back(trim(std::string_view(l).substr(start, bar == std::string::npos ? std::string::npos : bar - start)));
            if (bar == std::string::npos) break;
            start = bar + 1;
        }
        if (fields.empty() || fields[0].empty())
            throw Error(ErrorKind::policy, file, "", "line " + std::to_string(line_no) + ": no name before '|'");
        person.name = fields[0];
        for (std::size_t i = 1; i < fields.size(); ++i)
            if (!fields[i].empty()) person.aliases.push_back(fields[i]);
        roster.people.push_back(std::move(person));
    }
    return roster;
}

Roster Roster::load(const std::string& path) {
    std::string text;
    try {
        text = read_file(path);
    } catch (const Error& e) {
        throw Error(ErrorKind::policy, path, "", e.message());
    }
    return parse(text, path);
}

}  // namespace allies

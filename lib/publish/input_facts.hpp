// What the inputs say is sensitive, read on the leak check's own path: from
// the original package's bytes and the roster, with scanners and a name
// parser written apart from detection's (lib/detect, lib/redact). The check
// searches for these as well as for what the redactor found, so a gap in
// detection is caught at verification instead of being published.
//
//   people:  the roster, every entry of an attendance line ("Present:",
//            "Apologies received from", a list or table cell after a bare
//            label) that reads as a person's name, and every author
//            (core and extended properties, comments, tracked changes,
//            people.xml), roles, teams and programs aside;
//   emails:  every address in any text or attribute of any XML part,
//            plain or disguised ("[at]", "(dot)");
//   phones:  every phone-like number (10 to 13 digits, a leading 0 or +);
//   regions: the text between text markers and inside content controls
//            whose tag or title names a marker.
#pragma once

#include <string>
#include <vector>

#include "allies/package.hpp"
#include "allies/redact.hpp"
#include "verify/needles.hpp"

namespace allies::publish {

struct InputFacts {
    struct Name {
        std::string written;  // as in the input
        std::string source;   // "roster", "attendance", "author"
    };
    std::vector<Name> people;
    std::vector<std::string> emails;   // as written (disguised ones too)
    std::vector<std::string> phones;
    std::vector<std::string> regions;  // marked text, one entry per region
};

// Reads the original package as it is on disk (before any redaction).
InputFacts read_input_facts(const Package& original, const RedactOptions& options);

// The forms a reader would recognise a person by, derived here and not by
// detection: "Cllr Jim Hartley MBE", "Hartley, Jim (Finance)" -> "jim hartley",
// "jim", "hartley" (given and surname alone as the policy says), "hartley
// jim" for the comma order, the surname with its particles ("van der berg").
// Each form is a folded word sequence (verify::tokenize); `capital`: a
// one-word form counts only when capitalised in running text; `all_caps`:
// initials ("lb"), only when written in capitals.
struct PersonForm {
    std::vector<std::string> words;
    bool capital = false;
    bool all_caps = false;
};
std::vector<PersonForm> person_forms(const std::string& written, const Policy& policy);

// Adds the facts to `set`: names as name needles, emails and phones as
// pattern needles; the regions are returned to the caller for shingling
// with the plan's (they need the same "public elsewhere" test).
void add_input_needles(verify::NeedleSet& set, const InputFacts& facts, const Policy& policy, const std::string& key);

}  // namespace allies::publish

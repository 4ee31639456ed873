// Redaction: find what is marked sensitive and the names of people in a
// DOCX package, plan the edits, and apply them to the package in place.
//
//   allies::Package pkg = allies::Package::open_file("notes.docx");
//   allies::Redactor redactor(pkg, options);
//   const allies::RedactionPlan& plan = redactor.find();   // inspect, report, dry-run
//   redactor.apply();                                      // edits pkg; throws if unsure
//   allies::write_file_atomically("public.docx", redactor.public_bytes());
//
// Everything throws allies::Error; nothing is printed.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "allies/export.hpp"
#include "allies/package.hpp"

namespace allies {

enum class NamesAs { placeholder, initials, pseudonym, role };
enum class SectionsMode { placeholder, remove };
// People named in the text who are on no roster and in no attendance line:
// listed in the report (warn), redacted like listed people, or a refusal.
enum class UnlistedMode { warn, redact, refuse };

// The policy: every marking convention and replacement (see
// lib/detect/default_policy.toml and schemas/policy.schema.json).
struct ALLIES_API Policy {
    // Markers
    std::vector<std::string> content_control_tags{"sensitive", "confidential", "redact"};
    std::vector<std::string> paragraph_styles{"Sensitive", "Confidential"};
    std::vector<std::string> character_styles{"Sensitive", "Confidential Text"};
    std::string text_marker = "redact";
    std::vector<std::string> heading_suffixes{"(confidential)", "[confidential]"};
    std::string comment_prefix = "redact";
    bool black_highlight = true;
    bool repeated_figures = true;  // amounts, long numbers, emails of marked regions go wherever they repeat
    std::string default_category = "sensitive";
    // Names
    std::vector<std::string> attendance_labels{"Present", "Attendees", "Attending", "In attendance", "Also present",
                                               "Also in attendance", "Apologies", "Apologies received from",
                                               "Apologies were received from", "Apologies from", "Guests", "Guest",
                                               "Members present", "Officers present", "Absent", "Regrets"};
    bool include_authors = true;
    bool first_name_alone = true;
    bool surname_alone = true;
    bool initials = true;  // "LB" for Laura Bennett, as a whole upper-case word ("Action: LB")
    UnlistedMode unlisted = UnlistedMode::warn;
    std::vector<std::string> keep;
    NamesAs names_as = NamesAs::placeholder;
    std::string name_placeholder = "[name]";
    std::string pseudonym_prefix = "Person";
    // Patterns
    bool email = true, phone = true, postcode = false, sort_code = false, account_number = false, iban = false;
    // Replacement
    SectionsMode sections = SectionsMode::placeholder;
    std::string section_text = "[Redacted: {category}]";
    std::string inline_text = "[redacted]";
    std::map<std::string, std::string> category_text;
    // Metadata
    std::string publisher;

    // The defaults, as TOML text (what --print-default-policy prints).
    static std::string default_toml();
    // Parses TOML over the defaults; throws Error(policy) naming `file`.
    static Policy from_toml(const std::string& toml, const std::string& file);
    static Policy load(const std::string& path);
    // Stable digest of the effective policy (for manifests and reports).
    std::string digest() const;
};

struct Person {
    std::string name;                  // as written
    std::vector<std::string> aliases;
    std::string role;
    std::string source;                // "roster", "attendance", "author"
};

// The roster file: one person per line, "Full Name | alias | alias role=Chair";
// blank lines and lines starting with '#' are ignored.
struct ALLIES_API Roster {
    std::vector<Person> people;
    static Roster parse(const std::string& text, const std::string& file);
    static Roster load(const std::string& path);
};

struct RedactOptions {
    Policy policy;
    Roster roster;
    std::string pseudonym_key;         // non-empty: pseudonyms derived from a keyed hash
    bool show_text = false;            // put redacted text in hits (internal review only)
    bool locate_hits = true;           // paragraph numbers, heading paths, masked contexts (off: counts only)
};

// Rules, in the order of the marking conventions (allies(7)).
enum class Rule {
    block_content_control,   // M1
    inline_content_control,  // M2
    style,                   // M3
    text_marker,             // M4
    heading,                 // M5
    comment,                 // M6
    black_highlight,         // M7
    name,
    pattern,
    sanitise
};
ALLIES_API std::string_view rule_code(Rule rule);

// The spellings the policy file and the tools' options share:
// "placeholder", "initials", "pseudonym", "role" / "placeholder", "remove".
ALLIES_API bool parse_names_as(std::string_view text, NamesAs& out);
ALLIES_API bool parse_sections_mode(std::string_view text, SectionsMode& out);
// "warn", "redact", "refuse".
ALLIES_API bool parse_unlisted_mode(std::string_view text, UnlistedMode& out);
// A pseudonym key file: its bytes without trailing line ends. Throws
// Error(policy) naming the file when it cannot be read or is empty.
ALLIES_API std::string load_pseudonym_key(const std::string& path);  // "M1".."M7", "name", "pattern", "sanitise"

struct Hit {
    Rule rule = Rule::sanitise;
    std::string category;              // "financial", "personal", "hidden text", ...
    std::string part;                  // part name
    int paragraph = 0;                 // 1-based paragraph number in the part; 0 = not in a paragraph
    std::vector<std::string> heading_path;  // headings above the hit (hits in them masked)
    std::string where;                 // e.g. "body", "table", "footnote", "alt text", "hyperlink target"
    std::string context;               // short text around the hit, the hit masked
    std::string detail;                // e.g. "3 paragraphs, 1 table", "email", "person 2"
    std::string replacement;           // what replaces it ("" = nothing)
    std::string text;                  // the redacted text: only with show_text
    int person = -1;                   // index in RedactionPlan::people for names
};

struct RemovedPart {
    std::string part;
    std::string reason;                // "comments", "thumbnail", "unknown part type", ...
};

// A possible person on no roster ("Mrs Patel complained"), policy names.unlisted.
struct UnlistedPerson {
    std::string masked;   // "Mrs P****": first letters only, never the name
    std::string part;
    int paragraph = 0;    // 1-based in the part
    std::string shape;    // "honorific", "speech", "action"
    std::string text;     // the mention: only with show_text
};

struct ALLIES_API RedactionPlan {
    std::vector<Hit> hits;
    std::vector<UnlistedPerson> unlisted;
    std::vector<RemovedPart> removed_parts;
    std::vector<Person> people;        // everyone whose name was searched for
    std::vector<std::string> warnings;
    // Counts by rule code and by category (hits of rule "sanitise" count items).
    std::map<std::string, int> count_by_rule() const;
    std::map<std::string, int> count_by_category() const;
};

class ALLIES_API Redactor {
public:
    Redactor(Package& package, RedactOptions options);
    ~Redactor();
    Redactor(const Redactor&) = delete;
    Redactor& operator=(const Redactor&) = delete;

    // Finds everything to redact and sanitise. The package is normalised in
    // memory first (tracked changes accepted, hidden text dropped); the input
    // file is never touched. Throws Error(refused) for an unclosed marker.
    const RedactionPlan& find();
    // Applies the plan found by find() (calls it if needed), sanitises every
    // part, then re-reads the result and searches it again: anything found
    // throws Error(refused) and the package must not be written. Afterwards
    // the package object holds the public document as read back from its
    // bytes (the edited XML trees are freed).
    void apply();
    // The public DOCX exactly as the self-check verified it (calls apply()).
    // Write these bytes rather than re-serialising the package.
    const std::string& public_bytes();

    struct ALLIES_HIDDEN State;  // internal (lib/redact/state.hpp)
private:
    Package& package_;
    std::unique_ptr<State> state_;
};

// Report and dry-run listing of a plan.
ALLIES_API std::string plan_to_json(const RedactionPlan& plan, const std::string& input_name,
                                    const Policy& policy);
ALLIES_API std::string plan_to_text(const RedactionPlan& plan, const std::string& input_name);

}  // namespace allies

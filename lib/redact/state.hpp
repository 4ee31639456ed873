// Internal state shared by the redaction steps: the package's story parts,
// the people and matchers, and the plan's edits (what find() decided and
// apply() carries out), each linked to the public Hit that reports it.
#pragma once

#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "allies/redact.hpp"
#include "package/package_impl.hpp"
#include "detect/name_matcher.hpp"
#include "ooxml/styles.hpp"
#include "redact/flat_text.hpp"
#include "text/fold.hpp"

namespace allies::redact {

struct StoryPart {
    std::string name;
    std::string kind;            // "body", "header", "footer", "footnotes", "endnotes", "comments"
    pugi::xml_node root;
    std::vector<pugi::xml_node> paragraphs;  // every w:p in document order
    std::vector<pugi::xml_node> content_controls;  // every w:sdt, document order
    std::vector<pugi::xml_node> simple_fields;     // every w:fldSimple
    std::vector<pugi::xml_node> ruby_texts;        // every w:rt (phonetic guide): searched as its own text
    std::size_t field_chars = 0;                   // w:fldChar count (0: no complex field to look at)
    std::map<const void*, int> paragraph_number;  // 1-based
};

struct ParagraphCuts {
    pugi::xml_node paragraph;
    std::string part;
    std::vector<Cut> cuts;
    std::vector<std::size_t> hits;   // parallel to cuts
};

struct Removal {
    pugi::xml_node node;             // paragraph, table, sdt, row ...
    std::string category;
    std::size_t hit = 0;
    bool placeholder = true;         // false: leaves no placeholder (a TOC line)
};

struct AttributeEdit {
    pugi::xml_node element;
    std::string attribute;
    std::string value;               // new value
};

struct RelationshipEdit {
    std::string source_part;
    std::string id;
};

}  // namespace allies::redact

namespace allies {

struct Redactor::State {
    // Every container below that holds pugi::xml_node or const void* keys
    // holds handles into the package's trees, taken at this generation.
    // Steps check it before they run; an operation that frees a tree
    // (sanitise dropping a part, the self-check reopening the package)
    // first drops the handles into it, then takes the generation again.
    TreeHandles handles;
    RedactOptions options;
    RedactionPlan plan;
    bool found = false, applied = false;

    ooxml::StyleSheet styles;
    std::vector<redact::StoryPart> stories;  // body first, then headers, footers, notes, comments
    std::string comments_part;       // "" if none

    detect::NameMatcher names;
    std::vector<std::string> pseudonyms;  // per person, assigned lazily

    // Edits
    std::deque<redact::ParagraphCuts> cuts;   // deque: references stay valid as it grows
    std::map<const void*, std::size_t> cuts_index;   // paragraph -> index in cuts
    std::vector<redact::Removal> removals;
    std::set<const void*> removed;                   // nodes in removals
    std::vector<pugi::xml_node> unwrap_sdts;          // M2 controls whose text was cut
    std::vector<redact::AttributeEdit> attribute_edits;
    std::vector<redact::RelationshipEdit> unlinked_relationships;  // hyperlinks with personal targets
    std::vector<const void*> hit_paragraph;          // per hit: its paragraph node (or null)

    // Style ids matched by M3 (resolved from names).
    std::set<std::string> sensitive_paragraph_styles, sensitive_character_styles;

    // Helpers
    std::size_t add_hit(Hit hit, pugi::xml_node paragraph = {});
    // A sanitisation item (rule "sanitise"): what was always removed, and where.
    std::size_t add_sanitised(const std::string& part, const std::string& category, std::string detail,
                              pugi::xml_node paragraph = {});
    redact::ParagraphCuts& cuts_for(pugi::xml_node paragraph, const std::string& part);
    bool inside_removed(pugi::xml_node n) const;
    // A paragraph's flat text, made once during detection (nothing is
    // edited between normalisation and apply).
    const redact::FlatParagraph& flat(pugi::xml_node paragraph);
    std::unordered_map<const void*, redact::FlatParagraph> flat_cache;
    std::string public_bytes;        // the serialised result the self-check verified
    // Forgets every XML node (before the package's DOMs are freed).
    void release_nodes();
    // Forgets the edits once applied: removed nodes must not be reachable
    // from any list (their memory is reused by the tree's pool).
    void release_edits();
    const redact::StoryPart* story_of(const std::string& part) const;
    int paragraph_number(const std::string& part, pugi::xml_node p) const;
    std::string name_replacement(int person);
    std::string section_text(const std::string& category) const;
};

}  // namespace allies

namespace allies::redact {

// Steps (one file each).
void collect_stories(Package& package, Redactor::State& state);
void accept_revisions(Redactor::State& state, std::vector<std::string>& authors);
// Each returns how many edits it made (0: the node lists stay valid).
int remove_hidden_text(Package& package, Redactor::State& state);
void collect_people(Package& package, Redactor::State& state, const std::vector<std::string>& revision_authors);
// People named in the text and on no list (detect/unlisted.hpp), after
// collect_people: recorded in the plan, added to its people (policy
// "redact") or refused (policy "refuse": throws Error(refused)).
void find_unlisted_people(const Package& package, Redactor::State& state);
int unlink_personal_fields(Redactor::State& state);
void detect_blocks(Package& package, Redactor::State& state);
void detect_inline(Package& package, Redactor::State& state);  // includes echoes
// Copies of redacted text elsewhere (detect_echoes.cpp): TOC lines into
// removed content go; any other copy of a redacted region is cut. Scanned
// inside detect_inline with the same folded text.
class EchoFinder {
public:
    explicit EchoFinder(Redactor::State& st);
    std::size_t collect();  // adds sources from removals and cuts made so far; returns how many are new
    std::size_t size() const { return echoes_.size(); }
    bool remove_if_toc_line(const StoryPart& story, pugi::xml_node p);
    // Fields and links whose result comes from removed content (REF,
    // NOTEREF, PAGEREF, HYPERLINK \l, w:hyperlink w:anchor to a removed
    // bookmark): the result gets the placeholder and the instruction no
    // longer points there; the paragraph's own words stay.
    void cut_references(const StoryPart& story, pugi::xml_node p, const FlatParagraph& flat);
    void scan(const StoryPart& story, pugi::xml_node p, const FlatParagraph& flat, const text::Folded& folded,
              std::size_t first_echo = 0);
    // Figures (amounts, long numbers) and emails of redacted regions, cut
    // wherever they stand in this paragraph (policy repeated_figures).
    void scan_figures(const StoryPart& story, pugi::xml_node p, const FlatParagraph& flat, const text::Folded& folded);
    std::size_t figure_count() const { return figures_.size(); }
    // Whether a document property's text repeats redacted text (a title
    // that is a confidential heading): it is never public text itself.
    bool repeats_redacted(const std::string& text) const;

private:
    struct Echo {
        std::string folded;
        std::string category;
        Rule rule;
    };
    void add(const std::string& original, const std::string& category, Rule rule);
    // Cuts [a, b) of a paragraph with the inline placeholder, as a hit of its own.
    void add_cut(const StoryPart& story, pugi::xml_node p, const FlatParagraph& flat, ParagraphCuts& pc, std::uint32_t a,
                 std::uint32_t b, Rule rule, const std::string& category, const char* detail);
    Redactor::State& st_;
    std::string marker_;
    std::vector<Echo> echoes_;
    std::set<std::string> seen_, removed_bookmarks_;
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> by_window_;
    std::size_t removals_seen_ = 0;
    std::map<std::string, std::pair<std::string, Rule>> figures_;  // figure key -> category, rule
};
// Document properties (title, subject, keywords, description, category)
// that repeat redacted text are removed, and reported.
void detect_property_echoes(Package& package, Redactor::State& state, const EchoFinder& finder);
void detect_late_echoes(Redactor::State& state, EchoFinder& finder);
void detect_attributes(Package& package, Redactor::State& state);
void apply_edits(Package& package, Redactor::State& state);
void sanitise_package(Package& package, Redactor::State& state);
// Returns the bytes it verified: exactly what is to be written.
std::string self_check(Package& package, Redactor::State& state);

// XML parts other than the stories that stay in the package (charts,
// diagrams, properties, settings, styles...), searched for names too.
std::vector<std::string> other_xml_parts(const Package& package, const Redactor::State& state);

// Outline level 0..8 of a heading paragraph (direct, style chain, or a
// "heading N" style name), -1 for body text. `cache` is keyed by style id.
int heading_level_of(pugi::xml_node p, const ooxml::StyleSheet& styles, std::map<std::string, int>& cache);

// Relationship types kept when referenced; the reason a type is always removed ("" = kept).
bool understood(const Relationship& rel);
std::string removal_reason(RelType type);

// Shared by detection and the self-check.
std::string heading_text_suffix_category(const std::string& text, const Policy& policy);  // "" if not M5
std::string marker_category(std::string_view value, const Policy& policy, bool& matched);    // M1/M2 tags

}  // namespace allies::redact

// The redaction pipeline: normalise → detect (the plan) → apply → sanitise →
// self-check (re-read the written bytes and search them again).
#include <algorithm>
#include <cstring>

#include "allies/error.hpp"
#include "ooxml/xml_util.hpp"
#include "package/package_impl.hpp"
#include "redact/structure.hpp"
#include "redact/state.hpp"
#include "redact/xml_edit.hpp"
#include "text/digest.hpp"
#include "text/fold.hpp"

namespace allies {

std::string_view rule_code(Rule rule) {
    switch (rule) {
        case Rule::block_content_control: return "M1";
        case Rule::inline_content_control: return "M2";
        case Rule::style: return "M3";
        case Rule::text_marker: return "M4";
        case Rule::heading: return "M5";
        case Rule::comment: return "M6";
        case Rule::black_highlight: return "M7";
        case Rule::name: return "name";
        case Rule::pattern: return "pattern";
        case Rule::sanitise: return "sanitise";
    }
    return "sanitise";
}

std::map<std::string, int> RedactionPlan::count_by_rule() const {
    std::map<std::string, int> out;
    for (const auto& h : hits) out[std::string(rule_code(h.rule))]++;
    return out;
}

std::map<std::string, int> RedactionPlan::count_by_category() const {
    std::map<std::string, int> out;
    for (const auto& h : hits) out[h.category]++;
    return out;
}

std::size_t Redactor::State::add_hit(Hit hit, pugi::xml_node paragraph) {
    plan.hits.push_back(std::move(hit));
    hit_paragraph.push_back(paragraph ? paragraph.internal_object() : nullptr);
    return plan.hits.size() - 1;
}

std::size_t Redactor::State::add_sanitised(const std::string& part, const std::string& category, std::string detail,
                                           pugi::xml_node paragraph) {
    Hit h;
    h.rule = Rule::sanitise;
    h.category = category;
    h.part = part;
    h.detail = std::move(detail);
    return add_hit(std::move(h), paragraph);
}

redact::ParagraphCuts& Redactor::State::cuts_for(pugi::xml_node paragraph, const std::string& part) {
    auto it = cuts_index.find(paragraph.internal_object());
    if (it != cuts_index.end()) return cuts[it->second];
    cuts_index[paragraph.internal_object()] = cuts.size();
    cuts.push_back(redact::ParagraphCuts{paragraph, part, {}, {}});
    return cuts.back();
}

const redact::FlatParagraph& Redactor::State::flat(pugi::xml_node paragraph) {
    auto it = flat_cache.find(paragraph.internal_object());
    if (it != flat_cache.end()) return it->second;
    return flat_cache.emplace(paragraph.internal_object(), redact::flatten(paragraph)).first->second;
}

void Redactor::State::release_edits() {
    cuts.clear();
    cuts_index.clear();
    removals.clear();
    removed.clear();
    attribute_edits.clear();
    unwrap_sdts.clear();
    flat_cache.clear();
    hit_paragraph.clear();
    // The stories' indexes may name paragraphs that were removed; the later
    // passes walk each story from its root.
    for (auto& story : stories) {
        story.paragraphs.clear();
        story.content_controls.clear();
        story.simple_fields.clear();
        story.ruby_texts.clear();
        story.paragraph_number.clear();
    }
}

void Redactor::State::release_nodes() {
    handles = TreeHandles{};
    release_edits();
    stories.clear();
    styles = ooxml::StyleSheet{};
}

bool Redactor::State::inside_removed(pugi::xml_node n) const {
    if (removed.empty()) return false;
    for (pugi::xml_node a = n.parent(); a; a = a.parent())
        if (removed.count(a.internal_object())) return true;
    return false;
}

const redact::StoryPart* Redactor::State::story_of(const std::string& part) const {
    for (const auto& s : stories)
        if (s.name == part) return &s;
    return nullptr;
}

int Redactor::State::paragraph_number(const std::string& part, pugi::xml_node p) const {
    const redact::StoryPart* s = story_of(part);
    if (!s) return 0;
    auto it = s->paragraph_number.find(p.internal_object());
    return it == s->paragraph_number.end() ? 0 : it->second;
}

std::string Redactor::State::section_text(const std::string& category) const {
    const Policy& p = options.policy;
    auto it = p.category_text.find(category);
    if (it != p.category_text.end()) return it->second;
    std::string out = p.section_text;
    for (std::size_t k = out.find("{category}"); k != std::string::npos; k = out.find("{category}", k + category.size()))
        out.replace(k, 10, category);
    return out;
}

std::string Redactor::State::name_replacement(int person) {
    const Policy& p = options.policy;
    if (person < 0 || person >= static_cast<int>(plan.people.size())) return p.name_placeholder;
    const Person& who = plan.people[static_cast<std::size_t>(person)];
    switch (p.names_as) {
        case NamesAs::placeholder: return p.name_placeholder;
        case NamesAs::initials: {
            std::string i = detect::initials_of(who.name);
            return i.empty() ? p.name_placeholder : i;
        }
        case NamesAs::role: return who.role.empty() ? p.name_placeholder : who.role;
        case NamesAs::pseudonym: break;
    }
    if (pseudonyms.size() < plan.people.size()) pseudonyms.resize(plan.people.size());
    std::string& label = pseudonyms[static_cast<std::size_t>(person)];
    if (!label.empty()) return label;
    if (options.pseudonym_key.empty()) {
        // Person A, B, ... Z, AA, AB ... in order of first appearance.
        int n = 0;
        for (const auto& l : pseudonyms)
            if (!l.empty()) ++n;
        std::string letters;
        for (int k = n; ; k = k / 26 - 1) {
            letters.insert(letters.begin(), static_cast<char>('A' + k % 26));
            if (k < 26) break;
        }
        label = p.pseudonym_prefix + " " + letters;
        return label;
    }
    // Keyed: the same person gets the same label in every document.
    std::string digest = text::hmac_sha256_raw(options.pseudonym_key, text::fold_string(who.name));
    for (std::size_t len = 4; len <= 12; len += 2) {
        std::string letters;
        for (std::size_t k = 0; k < len; ++k) letters += static_cast<char>('A' + static_cast<unsigned char>(digest[k]) % 26);
        std::string candidate = p.pseudonym_prefix + " " + letters;
        if (std::find(pseudonyms.begin(), pseudonyms.end(), candidate) == pseudonyms.end()) {
            label = candidate;
            return label;
        }
    }
    label = p.pseudonym_prefix + " " + text::to_hex(digest.substr(0, 8));
    return label;
}


namespace redact {

std::vector<std::string> other_xml_parts(const Package& package, const Redactor::State& state) {
    // The XML parts that will survive sanitisation: reachable from the
    // package root through relationships of types that are kept.
    std::set<std::string> skip;
    for (const auto& s : state.stories) skip.insert(lower_ascii(s.name));
    std::set<std::string> reachable;
    std::vector<std::string> queue{""}, out;
    while (!queue.empty()) {
        std::string source = queue.back();
        queue.pop_back();
        for (const auto& rel : package.relationships(source)) {
            if (rel.external || rel.target_part.empty() || !package.has_part(rel.target_part)) continue;
            if (!understood(rel) || !removal_reason(classify_relationship(rel.type)).empty()) continue;
            if (!reachable.insert(lower_ascii(rel.target_part)).second) continue;
            queue.push_back(rel.target_part);
        }
    }
    for (const auto& name : package.part_names()) {
        std::string key = lower_ascii(name);
        if (!reachable.count(key) || skip.count(key)) continue;
        std::string ct = package.content_type(name);
        if (!(ct.ends_with("xml") || key.ends_with(".xml"))) continue;
        out.push_back(name);
    }
    return out;
}

namespace {

void load_styles(Package& package, Redactor::State& st) {
    const std::string& main = package.main_document();
    std::string styles, theme;
    for (const auto& rel : package.relationships(main)) {
        if (rel.external || rel.target_part.empty() || !package.has_part(rel.target_part)) continue;
        RelType t = classify_relationship(rel.type);
        if (t == RelType::styles && styles.empty()) styles = rel.target_part;
        if (t == RelType::theme && theme.empty()) theme = rel.target_part;
    }
    st.styles.load(package, styles, theme);
    if (styles.empty()) return;
    // M3: styles matched by display name (w:name), not id.
    std::set<std::string> pnames, cnames;
    for (const auto& n : st.options.policy.paragraph_styles) pnames.insert(text::fold_string(n));
    for (const auto& n : st.options.policy.character_styles) cnames.insert(text::fold_string(n));
    pugi::xml_node root = xml(package, styles).document_element();
    std::map<std::string, std::string> links;  // character style id -> linked paragraph style id
    for (pugi::xml_node s : root.children("w:style")) {
        std::string type = s.attribute("w:type").value();
        std::string id = s.attribute("w:styleId").value();
        std::string name = text::fold_string(s.child("w:name").attribute("w:val").value());
        if (type == "paragraph" && pnames.count(name)) st.sensitive_paragraph_styles.insert(id);
        if (type == "character" && cnames.count(name)) st.sensitive_character_styles.insert(id);
        if (type == "character" && s.child("w:link")) links[id] = s.child("w:link").attribute("w:val").value();
    }
    // Word's linked "Sensitive Char" style: applying the paragraph style to
    // part of a paragraph applies this one.
    for (const auto& [cid, pid] : links)
        if (st.sensitive_paragraph_styles.count(pid)) st.sensitive_character_styles.insert(cid);
}

void index_paragraphs(Redactor::State& st) {
    for (auto& story : st.stories) {
        // One walk for the elements every later step looks for.
        story.paragraphs.clear();
        story.content_controls.clear();
        story.simple_fields.clear();
        story.ruby_texts.clear();
        story.field_chars = 0;
        for_each_element(story.root, [&](pugi::xml_node n) {
            const char* name = n.name();
            if (name[0] != 'w' || name[1] != ':') return;
            if (std::strcmp(name + 2, "p") == 0) story.paragraphs.push_back(n);
            else if (std::strcmp(name + 2, "sdt") == 0) story.content_controls.push_back(n);
            else if (std::strcmp(name + 2, "fldSimple") == 0) story.simple_fields.push_back(n);
            else if (std::strcmp(name + 2, "rt") == 0) story.ruby_texts.push_back(n);
            else if (std::strcmp(name + 2, "fldChar") == 0) ++story.field_chars;
        });
        story.paragraph_number.clear();
        int i = 0;
        for (auto p : story.paragraphs) story.paragraph_number[p.internal_object()] = ++i;
    }
}

std::string context_of(const FlatParagraph& flat, std::uint32_t a, std::uint32_t b, const std::string& mask,
                       const ParagraphCuts* pc) {
    // Up to ~40 bytes each side, on code point boundaries, other cuts masked.
    auto back = [&](std::uint32_t i, std::uint32_t n) {
        std::uint32_t s = i > n ? i - n : 0;
        while (s > 0 && (static_cast<unsigned char>(flat.text[s]) & 0xC0) == 0x80) --s;
        return s;
    };
    auto fwd = [&](std::uint32_t i, std::uint32_t n) {
        std::uint32_t e = std::min<std::uint32_t>(static_cast<std::uint32_t>(flat.text.size()), i + n);
        while (e < flat.text.size() && (static_cast<unsigned char>(flat.text[e]) & 0xC0) == 0x80) ++e;
        return e;
    };
    std::uint32_t s = back(a, 40), e = fwd(b, 40);
    std::string out;
    if (s > 0) out += "…";
    auto piece = [&](std::uint32_t from, std::uint32_t to) {
        // Copy [from, to) masking other cuts.
        std::uint32_t i = from;
        while (i < to) {
            const Cut* inside = nullptr;
            if (pc)
                for (const auto& c : pc->cuts)
                    if (i >= c.begin && i < c.end) inside = &c;
            if (inside) {
                out += inside->replacement.empty() ? "▇▇▇" : inside->replacement;
                i = inside->end;
                continue;
            }
            out += flat.text[i];
            ++i;
        }
    };
    piece(s, a);
    out += mask;
    piece(b, e);
    if (e < flat.text.size()) out += "…";
    for (auto& c : out)
        if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    return out;
}

// Paragraph numbers, heading paths and masked contexts for the report.
void locate_hits(Redactor::State& st) {
    for (const auto& pc : st.cuts) {
        const FlatParagraph& flat = st.flat(pc.paragraph);
        for (std::size_t i = 0; i < pc.cuts.size() && i < pc.hits.size(); ++i) {
            Hit& h = st.plan.hits[pc.hits[i]];
            if (!h.context.empty()) continue;
            const Cut& c = pc.cuts[i];
            std::string mask = st.options.show_text ? "⟦" + flat.text.substr(c.begin, c.end - c.begin) + "⟧"
                               : c.replacement.empty() ? "▇▇▇" : c.replacement;
            h.context = context_of(flat, c.begin, c.end, mask, &pc);
        }
    }
    std::map<std::string, int> cache;
    std::map<const void*, std::vector<std::string>> paths;
    for (auto& story : st.stories) {
        if (story.kind != "body") continue;
        std::vector<std::pair<int, std::string>> stack;
        for (auto p : story.paragraphs) {
            std::vector<std::string> path;
            for (const auto& s : stack) path.push_back(s.second);
            paths[p.internal_object()] = path;
            if (!is(p.parent(), "w:body") && !is(p.parent(), "w:sdtContent")) continue;
            int level = heading_level_of(p, st.styles, cache);
            if (level < 0) continue;
            std::string text;
            if (st.removed.count(p.internal_object()) || st.inside_removed(p)) {
                text = "[removed heading]";
            } else {
                const FlatParagraph& flat = st.flat(p);
                auto it = st.cuts_index.find(p.internal_object());
                if (it == st.cuts_index.end()) {
                    text = flat.text;
                } else {
                    auto cuts = st.cuts[it->second].cuts;
                    std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.begin > b.begin; });
                    text = flat.text;
                    for (const auto& c : cuts) text.replace(c.begin, c.end - c.begin, c.replacement.empty() ? "▇▇▇" : c.replacement);
                }
            }
            while (!stack.empty() && stack.back().first >= level) stack.pop_back();
            stack.emplace_back(level, text);
        }
    }
    for (std::size_t i = 0; i < st.plan.hits.size(); ++i) {
        const void* p = st.hit_paragraph[i];
        if (!p) continue;
        Hit& h = st.plan.hits[i];
        if (const StoryPart* s = st.story_of(h.part)) {
            auto it = s->paragraph_number.find(p);
            if (it != s->paragraph_number.end()) h.paragraph = it->second;
        }
        auto pit = paths.find(p);
        if (pit != paths.end()) h.heading_path = pit->second;
    }
}

}  // namespace
}  // namespace redact

Redactor::Redactor(Package& package, RedactOptions options) : package_(package), state_(std::make_unique<State>()) {
    state_->options = std::move(options);
}

Redactor::~Redactor() = default;

const RedactionPlan& Redactor::find() {
    State& st = *state_;
    if (st.found) return st.plan;
    if (!package_.has_part("[Content_Types].xml"))
        throw Error(ErrorKind::unsupported, package_.display_name(), "[Content_Types].xml",
                    "the package has no content types; a public copy of it would not open in Word or LibreOffice");
    redact::load_styles(package_, st);
    redact::collect_stories(package_, st);
    st.handles.take(package_);
    release_edited_part_bytes(package_);  // the stories live in their DOMs now (no tree is freed)
    auto check = [&](const char* step) { st.handles.check(package_, step); };
    std::vector<std::string> authors;
    check("accept_revisions");
    redact::accept_revisions(st, authors);
    redact::index_paragraphs(st);
    check("remove_hidden_text");
    if (redact::remove_hidden_text(package_, st) > 0)
        redact::index_paragraphs(st);  // emptied wrappers may have gone: never keep stale nodes
    check("collect_people");
    redact::collect_people(package_, st, authors);
    check("find_unlisted_people");
    redact::find_unlisted_people(package_, st);
    st.names = detect::NameMatcher(st.plan.people, st.options.policy);
    check("unlink_personal_fields");
    if (redact::unlink_personal_fields(st) > 0) {
        st.flat_cache.clear();  // fields were unlinked: flatten again from here
        redact::index_paragraphs(st);
    }
    check("detect_blocks");
    redact::detect_blocks(package_, st);
    check("detect_inline");
    redact::detect_inline(package_, st);
    check("detect_attributes");
    redact::detect_attributes(package_, st);
    check("locate_hits");
    if (st.options.locate_hits) redact::locate_hits(st);
    st.flat_cache.clear();
    st.found = true;
    return st.plan;
}

void Redactor::apply() {
    State& st = *state_;
    if (st.applied) return;
    find();
    st.handles.check(package_, "apply_edits");
    redact::apply_edits(package_, st);
    st.release_edits();
    st.handles.check(package_, "sanitise_package");
    redact::sanitise_package(package_, st);
    // Removal may leave a cell without its final paragraph or a control
    // without content: put the minimum back (the self-check refuses what
    // is still broken).
    for (const auto& name : package_.part_names()) {
        if (!name.starts_with("word/") || !name.ends_with(".xml") || !package_.content_type(name).ends_with("+xml")) continue;
        const std::string& ct = package_.content_type(name);
        if (ct.find("wordprocessingml") == std::string::npos) continue;
        pugi::xml_node root = xml(package_, name).document_element();
        if (!redact::is_story_root(root) || redact::structure_problem(root).empty()) continue;
        redact::repair_structure(xml_for_edit(package_, name).document_element());
    }
    st.handles.check(package_, "self_check");
    st.applied = true;
    st.public_bytes = redact::self_check(package_, st);
}

const std::string& Redactor::public_bytes() {
    apply();
    return state_->public_bytes;
}

}  // namespace allies

#include "publish/needles_from_plan.hpp"

#include <algorithm>
#include <map>

#include "detect/name_matcher.hpp"

namespace allies::publish {
namespace {

using verify::Needle;
using verify::NeedleKind;
using verify::Token;

bool one_code_point(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n <= 1;
}

// Whether finding these words proves anything: four letters, or a number
// of five digits or more with a group of at least three ("31 400",
// "41826603"). "3", "£500" or "1 2 3 4 5" turn up as page and list numbers,
// versions and dates in any output.
bool informative(const std::vector<Token>& tokens, std::size_t begin, std::size_t n) {
    std::size_t letters = 0, digits = 0, longest_number = 0;
    for (std::size_t i = begin; i < begin + n; ++i) {
        std::size_t d = 0;
        for (char c : tokens[i].text) d += (c >= '0' && c <= '9');
        digits += d;
        letters += tokens[i].text.size() - d;
        if (d == tokens[i].text.size()) longest_number = std::max(longest_number, d);
    }
    return letters >= 4 || (digits >= 5 && longest_number >= 3);
}

// Count of each n-word sequence hash in a text, for the lengths asked.
struct ShingleCounter {
    verify::KeyedHasher& hasher;
    std::map<std::uint64_t, int> counts;
    void add_text(const std::string& text, const std::vector<int>& lengths) {
        std::vector<Token> tokens = verify::tokenize(text);
        std::vector<std::uint64_t> h;
        for (const auto& t : tokens) h.push_back(hasher.word(t.text));
        for (int len : lengths)
            for (std::size_t i = 0; i + len <= h.size(); ++i) ++counts[hasher.sequence(h, i, len)];
    }
    int count(std::uint64_t hash) const {
        auto it = counts.find(hash);
        return it == counts.end() ? 0 : it->second;
    }
};

bool is_region_rule(Rule r) {
    switch (r) {
        case Rule::block_content_control:
        case Rule::inline_content_control:
        case Rule::style:
        case Rule::text_marker:
        case Rule::heading:
        case Rule::comment:
        case Rule::black_highlight:
        case Rule::sanitise: return true;
        default: return false;
    }
}

}  // namespace

verify::NeedleSet needles_from_plan(const RedactionPlan& plan, const Policy& policy, const std::string& original_text,
                                    const std::string& key, const std::vector<std::string>& input_regions) {
    verify::KeyedHasher hasher(key);
    verify::NeedleSet set;
    set.key_id = hasher.key_id();
    set.marker = policy.text_marker;
    const int n = set.shingle_words;

    // Names: every variant detection searched for, and the public phrases
    // that contain them.
    detect::NameMatcher matcher(plan.people, policy);
    for (std::size_t p = 0; p < plan.people.size(); ++p) {
        for (const auto& [form, capital, all_caps] : matcher.variant_forms_of(static_cast<int>(p))) {
            std::vector<Token> tokens = verify::tokenize(form);
            if (tokens.empty()) continue;
            // A one-letter "name" (an author called "d") matches every
            // initial and date prefix: nothing can be proved by finding it.
            if (tokens.size() == 1 && one_code_point(tokens[0].text)) continue;
            Needle nd;
            nd.kind = NeedleKind::name;
            nd.words = static_cast<int>(tokens.size());
            nd.hash = hasher.sequence(tokens);
            nd.needs_capital = capital && tokens.size() == 1;
            nd.all_caps = all_caps;
            nd.label = "person " + std::to_string(p + 1);
            set.add(std::move(nd));
        }
    }
    for (const auto& k : matcher.kept()) {
        std::vector<Token> tokens = verify::tokenize(k);
        if (tokens.empty()) continue;
        set.add(Needle{NeedleKind::keep, hasher.sequence(tokens), static_cast<int>(tokens.size()), false, "keep"});
    }

    // Patterns and regions: candidate sequences, then the ones that were
    // public anyway are dropped: a sequence seen more often in the original's
    // visible text than inside the visible regions redacted also stood
    // outside them (hidden text counts as no visible occurrence at all).
    std::vector<Needle> candidates;
    std::vector<int> lengths;
    ShingleCounter in_regions{hasher, {}}, in_input_regions{hasher, {}};
    std::vector<std::string> region_texts;
    // The regions the check read from the input on its own path
    // (publish/input_facts) join the plan's as hits of their own.
    std::vector<Hit> hits = plan.hits;
    std::size_t first_input = hits.size();
    for (const auto& text : input_regions) {
        Hit h;
        h.rule = Rule::text_marker;
        h.category = "marked in the input";
        h.text = text;
        hits.push_back(std::move(h));
    }
    for (std::size_t k = 0; k < hits.size(); ++k) {
        const Hit& hit = hits[k];
        if (hit.text.empty()) continue;
        bool pattern = hit.rule == Rule::pattern;
        if (!pattern && !is_region_rule(hit.rule)) continue;
        std::vector<Token> tokens = verify::tokenize(hit.text);
        if (tokens.empty()) continue;
        std::vector<std::uint64_t> h;
        for (const auto& t : tokens) h.push_back(hasher.word(t.text));
        std::string label = pattern ? (hit.detail.empty() ? "pattern" : hit.detail)
                                    : std::string(rule_code(hit.rule)) + " " + hit.category;
        auto add = [&](std::size_t begin, std::size_t len) {
            if (!pattern && !informative(tokens, begin, len)) return;
            Needle nd;
            nd.kind = pattern ? NeedleKind::pattern : NeedleKind::region;
            nd.words = static_cast<int>(len);
            nd.hash = hasher.sequence(h, begin, len);
            nd.label = label;
            candidates.push_back(std::move(nd));
            if (std::find(lengths.begin(), lengths.end(), static_cast<int>(len)) == lengths.end())
                lengths.push_back(static_cast<int>(len));
        };
        if (pattern || tokens.size() < static_cast<std::size_t>(n)) {
            add(0, tokens.size());  // short regions are searched whole
        } else {
            for (std::size_t i = 0; i + n <= tokens.size(); ++i) add(i, static_cast<std::size_t>(n));
        }
        // Hidden text is not in the visible text the counts compare with.
        if (hit.rule != Rule::sanitise && k < first_input) region_texts.push_back(hit.text);
    }
    if (!candidates.empty()) {
        for (const auto& t : region_texts) in_regions.add_text(t, lengths);
        // The same text may be a region of the plan and of the input: each
        // shingle counts as often as the larger of the two sees it.
        for (const auto& t : input_regions) in_input_regions.add_text(t, lengths);
        ShingleCounter in_original{hasher, {}};
        in_original.add_text(original_text, lengths);
        ShingleCounter in_replacements{hasher, {}};
        std::string replacements;
        for (const auto& hit : plan.hits) replacements += hit.replacement + "\n";
        replacements += policy.inline_text + "\n" + policy.name_placeholder + "\n" + policy.section_text + "\n";
        for (const auto& [cat, text] : policy.category_text) replacements += cat + "\n" + text + "\n";
        in_replacements.add_text(replacements, lengths);
        for (auto& c : candidates) {
            if (c.kind == NeedleKind::region &&
                in_original.count(c.hash) > std::max(in_regions.count(c.hash), in_input_regions.count(c.hash)))
                continue;
            if (in_replacements.count(c.hash) > 0) continue;
            set.add(std::move(c));
        }
    }
    return set;
}

}  // namespace allies::publish

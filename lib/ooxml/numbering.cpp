#include "numbering.hpp"

#include <unicode/locid.h>
#include <unicode/rbnf.h>

#include <map>
#include <memory>
#include <string_view>

#include "package/package_impl.hpp"
#include "symbol_fonts.hpp"
#include "xml_util.hpp"

namespace allies::ooxml {

namespace {

std::string roman(int n, bool upper) {
    if (n <= 0 || n >= 4000) return std::to_string(n);
    static const std::pair<int, const char*> table[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                        {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                                        {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},
                                                        {1, "i"}};
    std::string out;
    for (auto [v, s] : table)
        while (n >= v) {
            out += s;
            n -= v;
        }
    if (upper)
        for (auto& c : out) c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// Word's letter numbering repeats the letter: a..z, aa..zz, aaa.. (§17.18.59).
std::string letters(int n, bool upper) {
    if (n <= 0) return std::to_string(n);
    int repeat = (n - 1) / 26 + 1;
    char c = static_cast<char>((upper ? 'A' : 'a') + (n - 1) % 26);
    return std::string(static_cast<std::size_t>(repeat), c);
}

std::string ordinal_suffix(int n) {
    int mod100 = n % 100;
    if (mod100 >= 11 && mod100 <= 13) return "th";
    switch (n % 10) {
        case 1: return "st";
        case 2: return "nd";
        case 3: return "rd";
        default: return "th";
    }
}

std::string cardinal_text(int n) {
    static const char* ones[] = {"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
                                 "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen",
                                 "Seventeen", "Eighteen", "Nineteen"};
    static const char* tens[] = {"", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"};
    if (n < 0 || n >= 1000) return std::to_string(n);
    if (n < 20) return ones[n];
    if (n < 100) {
        std::string t = tens[n / 10];
        if (n % 10) t += std::string("-") + ones[n % 10];
        return t;
    }
    std::string t = std::string(ones[n / 100]) + " Hundred";
    if (n % 100) t += " " + [&] { std::string r = cardinal_text(n % 100); r[0] = static_cast<char>(std::tolower(r[0])); return r; }();
    return t;
}

std::string ordinal_text(int n) {
    static const std::pair<const char*, const char*> irregular[] = {
        {"One", "First"}, {"Two", "Second"}, {"Three", "Third"}, {"Five", "Fifth"},
        {"Eight", "Eighth"}, {"Nine", "Ninth"}, {"Twelve", "Twelfth"}};
    std::string c = cardinal_text(n);
    for (auto [from, to] : irregular)
        if (c.ends_with(from)) return c.substr(0, c.size() - std::string_view(from).size()) + to;
    if (c.ends_with("y")) return c.substr(0, c.size() - 1) + "ieth";
    return c + "th";
}

// cardinalText/ordinalText in another language than English: Word spells
// the number in the language of the list paragraph (w:lang), e.g. "Первый"
// in a Russian document. ICU's spell-out rules (RBNF) give those words.
// nullopt when ICU has no rules for the language; the caller then keeps the
// English words. ICU reports failures only through the status codes.
std::optional<std::string> spell_out(int n, const std::string& language, bool ordinal) {
    if (language.empty() || n < 0) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(language, status);
    std::string_view lang = locale.getLanguage();
    // English keeps the hand-written words: Word's "Twenty-First" style
    // differs from ICU's "twenty-first" only in case, but exactly so.
    if (U_FAILURE(status) || locale.isBogus() || lang.empty() || lang == "en") return std::nullopt;

    // One formatter per language and thread (loading the rules is costly,
    // and an RBNF object is not meant to be shared between threads). A null
    // entry remembers a language ICU has no rules for.
    thread_local std::map<std::string, std::unique_ptr<icu::RuleBasedNumberFormat>> cache;
    auto [it, inserted] = cache.try_emplace(language);
    if (inserted) {
        status = U_ZERO_ERROR;
        auto f = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, locale, status);
        // For a language it lacks ICU falls back to the root (English)
        // rules: those are not the document's words.
        if (U_SUCCESS(status) && lang == f->getLocale(ULOC_ACTUAL_LOCALE, status).getLanguage() && U_SUCCESS(status))
            it->second = std::move(f);
    }
    const icu::RuleBasedNumberFormat* f = it->second.get();
    if (!f) return std::nullopt;

    // Rule sets as Word words it: ordinals in the masculine nominative
    // ("Первый", "Premier"; German and others have a single
    // %spellout-ordinal), cardinals as counted ("Один", "Eins", "Un").
    std::string_view wanted[2];
    if (ordinal) wanted[0] = "%spellout-ordinal-masculine", wanted[1] = "%spellout-ordinal";
    else wanted[0] = "%spellout-numbering", wanted[1] = "%spellout-cardinal";
    std::optional<icu::UnicodeString> rule_set;
    for (auto w : wanted) {
        for (int32_t i = 0; i < f->getNumberOfRuleSetNames() && !rule_set; ++i) {
            icu::UnicodeString name = f->getRuleSetName(i);
            std::string utf8;
            if (name.toUTF8String(utf8) == w) rule_set = name;
        }
        if (rule_set) break;
    }
    if (!rule_set) return std::nullopt;  // e.g. Ukrainian has no ordinal rules

    status = U_ZERO_ERROR;
    icu::UnicodeString words;
    icu::FieldPosition pos;
    f->format(static_cast<int32_t>(n), *rule_set, words, pos, status);
    if (U_FAILURE(status) || words.isEmpty()) return std::nullopt;
    // ICU marks break points inside long compounds with soft hyphens
    // ("ein\u00ADund\u00ADzwanzig"); a label is never hyphenated, and the
    // reader of the text must find the plain word.
    words.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x00AD)), icu::UnicodeString());
    // Word capitalises the first letter only ("Двадцать первый"), in the
    // language's own case rules.
    int32_t first = words.moveIndex32(0, 1);
    icu::UnicodeString head(words, 0, first);
    head.toUpper(locale);
    words.replace(0, first, head);
    std::string out;
    return words.toUTF8String(out);
}

// Chinese/Japanese counting (chineseCounting, japaneseCounting): 一, 十一, 二十一, 一百.
std::string cjk_counting(int n, bool thousand_style) {
    static const char* digits[] = {"\u3007", "\u4E00", "\u4E8C", "\u4E09", "\u56DB", "\u4E94",
                                   "\u516D", "\u4E03", "\u516B", "\u4E5D"};
    if (n <= 0 || n >= 10000) return std::to_string(n);
    static const char* units[] = {"", "\u5341", "\u767E", "\u5343"};  // 十 百 千
    std::string out;
    int place[4] = {n % 10, n / 10 % 10, n / 100 % 10, n / 1000};
    bool zero_pending = false;
    for (int i = 3; i >= 0; --i) {
        int d = place[i];
        if (d == 0) {
            if (!out.empty()) zero_pending = true;
            continue;
        }
        if (zero_pending) {
            out += digits[0];
            zero_pending = false;
        }
        // 10..19 are written 十, 十一 ... (no leading 一) unless thousand style.
        if (!(i == 1 && d == 1 && out.empty() && !thousand_style)) out += digits[d];
        out += units[i];
    }
    return out;
}

std::string ideograph_digital(int n) {
    static const char* digits[] = {"\u3007", "\u4E00", "\u4E8C", "\u4E09", "\u56DB", "\u4E94",
                                   "\u516D", "\u4E03", "\u516B", "\u4E5D"};
    std::string out;
    for (char c : std::to_string(n)) out += c == '-' ? "-" : digits[c - '0'];
    return out;
}

std::string full_width(int n) {
    std::string out;
    for (char c : std::to_string(n)) {
        unsigned cp = 0xFF10 + static_cast<unsigned>(c - '0');
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

std::string enclosed_circle(int n) {
    if (n < 1 || n > 20) return std::to_string(n);
    unsigned cp = 0x2460 + static_cast<unsigned>(n - 1);  // ① .. ⑳
    std::string out;
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
    return out;
}

NumberingLevel read_level(pugi::xml_node lvl) {
    NumberingLevel l;
    l.defined = true;
    if (auto n = lvl.child("w:start")) l.start = static_cast<int>(integer(val(n), 1));
    if (auto n = lvl.child("w:numFmt")) l.format = val(n);
    // mc:AlternateContent around numFmt (Word 2010 custom formats): take the fallback.
    if (auto ac = lvl.child("mc:AlternateContent"))
        if (auto n = ac.child("mc:Fallback").child("w:numFmt")) l.format = val(n);
    if (auto n = lvl.child("w:lvlText")) l.text = val(n);
    if (auto n = lvl.child("w:lvlRestart")) l.restart = static_cast<int>(integer(val(n), -1));
    if (auto n = lvl.child("w:isLgl")) l.is_legal = on_off(n);
    if (auto n = lvl.child("w:suff")) l.suffix = val(n);
    if (auto n = lvl.child("w:pStyle")) l.style_id = val(n);
    if (auto f = lvl.child("w:rPr").child("w:rFonts")) l.font = attr(f, "w:ascii");
    l.ppr_node = lvl.child("w:pPr");
    l.rpr_node = lvl.child("w:rPr");
    apply_ppr(l.ppr, l.ppr_node);
    return l;
}

// Symbol/Wingdings bullets are the font's codes, either in the private use
// area (U+F0xx) or as the Latin-1 character of the code ("\u00A7" in
// Wingdings is a square): show the character Word draws instead of a box.
std::string bullet_text(const std::string& text, const std::string& font) {
    if (text.empty()) return "";
    if (is_symbol_font(font)) {
        char32_t cp = 0;
        unsigned char c0 = static_cast<unsigned char>(text[0]);
        if (text.size() == 1 && c0 < 0x80) cp = c0;
        else if (text.size() == 2 && (c0 & 0xE0) == 0xC0) cp = ((c0 & 0x1F) << 6) | (text[1] & 0x3F);
        else if (text.size() == 3 && c0 == 0xEF) cp = ((c0 & 0x0F) << 12) | ((text[1] & 0x3F) << 6) | (text[2] & 0x3F);
        if (cp != 0 && (cp <= 0xFF || (cp >= 0xF000 && cp <= 0xF0FF))) {
            if (std::string mapped = symbol_font_char(font, cp); !mapped.empty()) return mapped;
            return "\xE2\x80\xA2";  // a symbol we do not know: a plain bullet
        }
    }
    unsigned char c0 = static_cast<unsigned char>(text[0]);
    if (text.size() == 3 && c0 == 0xEF) {  // another font's private use character
        unsigned cp = ((c0 & 0x0F) << 12) | ((text[1] & 0x3F) << 6) | (text[2] & 0x3F);
        if (cp >= 0xF000 && cp <= 0xF0FF) return "\xE2\x80\xA2";
    }
    return text;
}

}  // namespace

std::string format_number(int value, const std::string& f, const std::string& language) {
    if (f == "decimal" || f.empty()) return std::to_string(value);
    if (f == "decimalZero") return value < 10 && value >= 0 ? "0" + std::to_string(value) : std::to_string(value);
    if (f == "lowerLetter") return letters(value, false);
    if (f == "upperLetter") return letters(value, true);
    if (f == "lowerRoman") return roman(value, false);
    if (f == "upperRoman") return roman(value, true);
    if (f == "ordinal") return std::to_string(value) + ordinal_suffix(value);
    if (f == "cardinalText") return spell_out(value, language, false).value_or(cardinal_text(value));
    if (f == "ordinalText") return spell_out(value, language, true).value_or(ordinal_text(value));
    if (f == "none") return "";
    if (f == "chineseCounting" || f == "japaneseCounting" || f == "taiwaneseCounting")
        return cjk_counting(value, false);
    if (f == "chineseCountingThousand" || f == "taiwaneseCountingThousand" || f == "japaneseDigitalTenThousand")
        return cjk_counting(value, true);
    if (f == "ideographDigital" || f == "taiwaneseDigital") return ideograph_digital(value);
    if (f == "decimalFullWidth" || f == "decimalFullWidth2") return full_width(value);
    if (f == "decimalEnclosedCircle" || f == "decimalEnclosedCircleChinese") return enclosed_circle(value);
    if (f == "decimalEnclosedParen") return "(" + std::to_string(value) + ")";
    if (f == "decimalEnclosedFullstop") return std::to_string(value) + ".";
    if (f == "chicago") {  // *, †, ‡, §, then doubled: **, ††, ...
        static const char* marks[] = {"*", "\xE2\x80\xA0", "\xE2\x80\xA1", "\xC2\xA7"};
        int n = value <= 0 ? 1 : value;
        std::string out;
        for (int i = 0; i <= (n - 1) / 4; ++i) out += marks[(n - 1) % 4];
        return out;
    }
    return std::to_string(value);  // other scripts' formats: decimal is what readers can use
}

void Numbering::load(const Package& package, const std::string& part, const StyleSheet& styles) {
    styles_ = &styles;
    if (part.empty() || !package.has_part(part)) return;
    auto root = xml(package, part).document_element();
    for (auto a : root.children("w:abstractNum")) {
        std::string id(attr(a, "w:abstractNumId"));
        auto& levels = abstracts_[id];
        for (auto lvl : a.children("w:lvl")) {
            auto i = integer(attr(lvl, "w:ilvl"), -1);
            if (i >= 0 && i < 9) levels[static_cast<std::size_t>(i)] = read_level(lvl);
        }
        if (auto link = a.child("w:numStyleLink")) num_style_links_[id] = val(link);
    }
    for (auto n : root.children("w:num")) {
        int id = static_cast<int>(integer(attr(n, "w:numId"), -1));
        NumberingInstance inst;
        inst.abstract_id = val(n.child("w:abstractNumId"));
        for (auto o : n.children("w:lvlOverride")) {
            auto i = integer(attr(o, "w:ilvl"), -1);
            if (i < 0 || i >= 9) continue;
            auto idx = static_cast<std::size_t>(i);
            if (auto s = o.child("w:startOverride")) inst.start_override[idx] = static_cast<int>(integer(val(s), 1));
            if (auto l = o.child("w:lvl")) inst.level_override[idx] = read_level(l);
        }
        instances_[id] = std::move(inst);
    }
}

// numStyleLink points to a numbering style whose pPr names the numId that
// really holds the definition (§17.9.21).
std::string Numbering::resolve_abstract(int num_id, int depth) const {
    auto it = instances_.find(num_id);
    if (it == instances_.end() || depth > 4) return {};
    const std::string& abs = it->second.abstract_id;
    auto link = num_style_links_.find(abs);
    if (link != num_style_links_.end() && styles_) {
        if (const Style* s = styles_->find(link->second)) {
            ParaProps p;
            apply_ppr(p, s->ppr);
            if (p.numbering.num_id && p.numbering.num_id != num_id) {
                std::string target = resolve_abstract(p.numbering.num_id, depth + 1);
                if (!target.empty()) return target;
            }
        }
    }
    return abs;
}

const NumberingLevel* Numbering::level(const NumberingRef& ref) const {
    if (ref.num_id <= 0 || ref.level < 0 || ref.level >= 9) return nullptr;
    auto inst = instances_.find(ref.num_id);
    if (inst == instances_.end()) return nullptr;
    auto lvl = static_cast<std::size_t>(ref.level);
    if (inst->second.level_override[lvl]) return &*inst->second.level_override[lvl];
    auto abs = abstracts_.find(resolve_abstract(ref.num_id));
    if (abs == abstracts_.end() || !abs->second[lvl].defined) return nullptr;
    return &abs->second[lvl];
}

std::optional<ListLabel> Numbering::next_label(const NumberingRef& ref, const std::string& language) {
    const NumberingLevel* def = level(ref);
    if (!def) return std::nullopt;
    auto inst = instances_.find(ref.num_id);
    std::string key = resolve_abstract(ref.num_id);
    auto& counters = counters_[key];
    auto& used = used_[key];
    auto lvl = static_cast<std::size_t>(ref.level);

    auto level_def = [&](std::size_t i) -> const NumberingLevel* {
        return level(NumberingRef{ref.num_id, static_cast<int>(i)});
    };
    auto start_of = [&](std::size_t i) {
        if (inst->second.start_override[i]) return *inst->second.start_override[i];
        const NumberingLevel* d = level_def(i);
        return d ? d->start : 1;
    };

    if (!override_applied_[ref.num_id]) {
        override_applied_[ref.num_id] = true;
        bool any = false;
        for (std::size_t i = 0; i < 9; ++i)
            if (inst->second.start_override[i]) any = true;
        if (any)  // a numId with startOverride begins the list anew
            for (std::size_t i = 0; i < 9; ++i) used[i] = false;
    }

    if (!used[lvl]) counters[lvl] = start_of(lvl);
    else counters[lvl] += 1;
    used[lvl] = true;
    // Deeper levels restart after this one unless their lvlRestart says otherwise.
    for (std::size_t i = lvl + 1; i < 9; ++i) {
        const NumberingLevel* d = level_def(i);
        int restart = d ? d->restart : -1;
        if (restart == 0) continue;
        if (restart < 0 || static_cast<std::size_t>(restart) > lvl) used[i] = false;
    }

    ListLabel label;
    label.level = *def;
    label.bullet = def->format == "bullet";
    if (label.bullet) {
        label.text = bullet_text(def->text, def->font);
        return label;
    }
    // lvlText placeholders %1..%9 refer to the current value of each level.
    const std::string& t = def->text;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '%' && i + 1 < t.size() && t[i + 1] >= '1' && t[i + 1] <= '9') {
            auto n = static_cast<std::size_t>(t[i + 1] - '1');
            int value = used[n] ? counters[n] : start_of(n);
            const NumberingLevel* d = level_def(n);
            std::string fmt = d ? d->format : "decimal";
            // isLgl: legal numbering shows every level as decimal (§17.9.4).
            if (def->is_legal && fmt != "decimalZero") fmt = "decimal";
            label.text += format_number(value, fmt, language);
            ++i;
        } else {
            label.text += t[i];
        }
    }
    return label;
}

}  // namespace allies::ooxml

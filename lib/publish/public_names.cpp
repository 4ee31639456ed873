// Output names without people's names. An input called "2024-06-11 Okafor
// grievance hearing - notes.docx", or one under "HR/Okafor, Tom/", must not
// publish a file or folder that carries the surname: in a file name a
// one-word name is a strong signal, so every word of every roster name
// (titles aside), in any case and with any diacritics, becomes "name".
#include <map>
#include <set>

#include "allies/publish.hpp"
#include "detect/name_matcher.hpp"
#include "text/fold.hpp"

namespace allies {

namespace {

// The folded words of a name: "Dr Siân O'Neil-Hughes" -> sian, o, neil, hughes
// (split where a file name could split it too).
void add_words(std::set<std::string>& out, const std::string& name) {
    for (const auto& w : detect::name_words(name)) {
        std::string folded = text::fold_string(w);
        std::size_t i = 0;
        while (i < folded.size()) {
            while (i < folded.size() && !text::is_word_byte(static_cast<unsigned char>(folded[i]))) ++i;
            std::size_t j = i;
            while (j < folded.size() && text::is_word_byte(static_cast<unsigned char>(folded[j]))) ++j;
            // One letter is an initial, not a name ("T" of "Okafor T" is
            // kept: redacting every single letter would empty file names).
            if (j - i >= 2) out.insert(folded.substr(i, j - i));
            i = j;
        }
    }
}

}  // namespace

std::string public_output_name(const std::string& stem, const std::vector<Person>& people) {
    std::set<std::string> words;
    for (const auto& p : people) {
        add_words(words, p.name);
        for (const auto& a : p.aliases) add_words(words, a);
    }
    if (words.empty()) return stem;
    std::string out;
    std::size_t i = 0;
    while (i < stem.size()) {
        if (!text::is_word_byte(static_cast<unsigned char>(stem[i]))) {
            out += stem[i++];
            continue;
        }
        std::size_t j = i;
        while (j < stem.size() && text::is_word_byte(static_cast<unsigned char>(stem[j]))) ++j;
        std::string word = stem.substr(i, j - i);
        out += words.count(text::fold_string(word)) ? std::string("name") : word;
        i = j;
    }
    return out;
}

void use_public_output_names(std::vector<BatchInput>& inputs, const std::vector<Person>& people) {
    std::map<std::string, int> taken;
    for (const auto& in : inputs) taken[in.stem] = 1;
    for (auto& in : inputs) {
        std::string renamed = public_output_name(in.stem, people);
        if (renamed == in.stem) continue;
        // Two inputs may now share a name ("Okafor notes", "Smith notes"):
        // number them in input order, which collect_inputs keeps sorted.
        std::string unique = renamed;
        for (int n = 2; taken.count(unique); ++n) unique = renamed + " (" + std::to_string(n) + ")";
        taken[unique] = 1;
        in.stem = unique;
        in.renamed = true;
    }
}

}  // namespace allies

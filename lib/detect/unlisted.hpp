// People named in the text who are on no roster and in no attendance line
// ("Mrs Patel of Mill Lane complained"): the most likely leak in real
// minutes. Found without a model, by the shapes minutes use:
//   - an honorific and one or two capitalised words: "Mrs Patel", "Dr Amy Chen";
//   - two or three capitalised words before a verb of speech or action:
//     "Priya Shah said", "Tom Okafor will circulate";
//   - one or two capitalised words after an action label: "Action: Priya
//     Shah to circulate", "Action - Sam".
// Words of roles, groups, places of work, months and days are never names
// here ("The Chair said", "Finance Committee noted", "Action: Clerk").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace allies::detect {

struct UnlistedMatch {
    std::size_t begin = 0, end = 0;  // UTF-8 byte range of the whole mention ("Mrs Patel")
    std::string name;                // the name words ("Patel", "Priya Shah")
    std::string written;             // the mention as written
    const char* shape = "";          // "honorific", "speech", "action"
};

std::vector<UnlistedMatch> find_unlisted_names(std::string_view text);

// A word of roles, offices or groups ("chief", "committee"), folded.
bool is_role_word(const std::string& folded);

}  // namespace allies::detect

// Generates meeting-notes documents of a given number of pages for the
// benchmarks: headings, attendance, names in running text, lists, a table
// every few pages, and every marking convention at a realistic rate.
#pragma once

#include <string>

#include "support/docx_builder.hpp"

namespace allies::bench {

inline const char* kRoster =
    "Laura Bennett | L. Bennett role=Chair\nTom Okafor role=Secretary\nPriya Raman\nZoë Ward role=Treasurer\n"
    "Will Hughes\nDaniel Fraser\nMargaret O’Neill\nHelen Carter role=Clerk\nGrace Whitfield\n";

inline std::string run(const std::string& t, const std::string& rpr = "") {
    return "<w:r>" + (rpr.empty() ? "" : "<w:rPr>" + rpr + "</w:rPr>") + "<w:t xml:space=\"preserve\">" + t + "</w:t></w:r>";
}

inline std::string para(const std::string& runs, const std::string& ppr = "") {
    return "<w:p w:rsidR=\"00A1B2C3\">" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + runs + "</w:p>";
}

// About one A4 page of text per iteration (~450 words).
inline std::string notes_body(int pages) {
    static const char* people[] = {"Laura Bennett", "Tom Okafor", "Priya Raman", "Zoë Ward", "Will Hughes",
                                   "Daniel Fraser", "Margaret O’Neill", "Helen Carter", "Grace Whitfield"};
    std::string body = para(run("Community Advisory Group — Meeting Notes"), "<w:pStyle w:val=\"Title\"/>") +
                       para(run("Present: ", "<w:b/>") + run("Laura Bennett (Chair), Tom Okafor, Priya Raman, Zoë Ward"));
    for (int i = 0; i < pages; ++i) {
        const std::string a = people[i % 9], b = people[(i + 4) % 9];
        std::string n = std::to_string(i + 1);
        body += para(run("Item " + n + ": community grants and the venue"), "<w:pStyle w:val=\"Heading1\"/>");
        for (int k = 0; k < 5; ++k)
            body += para(run(a + " introduced the report on item " + n + " and members discussed the figures in detail. ") +
                         run("The group agreed that " + b.substr(0, b.find(' ')) + " will circulate a summary, ", "<w:i/>") +
                         run("and that the next steps will be reviewed at the following meeting, once the budget "
                             "for the year has been confirmed by the Trust and the auditors have reported."));
        body += para(run("Contact the clerk at clerk" + n + "@example.org or on 020 7946 0958 for the papers."));
        body += para(run("Members noted [[redact:personal]]a private matter about " + a + "[[/redact]] with thanks."));
        body += para(run("The deposit was paid from account ") + run("41826603", "<w:highlight w:val=\"black\"/>") + run("."));
        for (int k = 0; k < 3; ++k)
            body += para(run("Action " + std::to_string(k + 1) + " for " + b + ": prepare the quarterly figures."),
                         "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>");
        if (i % 5 == 4)
            body += "<w:sdt><w:sdtPr><w:tag w:val=\"redact:financial\"/></w:sdtPr><w:sdtContent>" +
                    para(run("Bank details: sort code 20-45-77, account 41826603.")) + "</w:sdtContent></w:sdt>";
        if (i % 3 == 2)
            body += "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"4000\"/><w:gridCol w:w=\"4000\"/></w:tblGrid>"
                    "<w:tr><w:tc>" + para(run("Owner")) + "</w:tc><w:tc>" + para(run("Due")) + "</w:tc></w:tr>"
                    "<w:tr><w:tc>" + para(run(a)) + "</w:tc><w:tc>" + para(run("31 March")) + "</w:tc></w:tr></w:tbl>";
    }
    return body + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>";
}

inline std::string notes_docx(int pages) {
    testing::DocxBuilder b;
    b.styles = testing::part("styles",
                             "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
                             "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>"
                             "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
                             "<w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>");
    b.body = notes_body(pages);
    return b.build();
}

}  // namespace allies::bench

// Writes N generated meeting-notes documents of 5 to 15 pages (and the
// roster) for the batch benchmark (bench/publish_batch.sh).
//   build/bench/make_batch DIR N
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "notes_generator.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: make_batch DIR N\n";
        return 2;
    }
    std::filesystem::path dir = argv[1];
    int n = std::atoi(argv[2]);
    std::filesystem::create_directories(dir);
    for (int i = 0; i < n; ++i) {
        // 8..24 generator iterations give 5..15 A4 pages as laid out (an
        // iteration is ~0.6 page); the title makes every document distinct.
        int pages = 8 + (i * 7) % 17;
        allies::testing::DocxBuilder b;
        b.styles = allies::testing::part(
            "styles",
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
            "<w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>");
        std::string body = allies::bench::notes_body(pages);
        const std::string title = "Meeting Notes";
        body.replace(body.find(title), title.size(), title + " No. " + std::to_string(i + 1));
        b.body = body;
        char name[32];
        std::snprintf(name, sizeof name, "notes-%04d.docx", i + 1);
        std::ofstream(dir / name, std::ios::binary) << b.build();
    }
    std::ofstream(dir / "roster.txt") << allies::bench::kRoster;
    return 0;
}

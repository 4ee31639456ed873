// An integrator's C++ program: redact a DOCX with a roster, write the public
// DOCX, and print the public version as text. Built against an installed
// allies by CMake (find_package, see CMakeLists.txt) or by pkg-config:
//   c++ -std=c++17 redact_to_text.cpp $(pkg-config --cflags --libs allies)
#include <allies/convert.hpp>
#include <allies/error.hpp>
#include <allies/package.hpp>
#include <allies/reader.hpp>
#include <allies/redact.hpp>
#include <allies/version.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: redact_to_text NOTES.docx ROSTER.txt PUBLIC.docx\n";
        return 2;
    }
    static_assert(ALLIES_VERSION_MAJOR >= 0, "allies/version.hpp");
    try {
        allies::RedactOptions options;
        options.roster = allies::Roster::load(argv[2]);
        allies::Package package = allies::Package::open_file(argv[1]);
        allies::Redactor redactor(package, options);
        const allies::RedactionPlan& plan = redactor.find();
        redactor.apply();  // throws allies::Error (refused) unless the self-check is clean
        allies::write_file_atomically(argv[3], redactor.public_bytes());

        allies::Package published = allies::Package::open_file(argv[3]);
        std::cout << allies::to_text(allies::read_document(published));
        std::cerr << "allies " << allies::version() << " (built with " << ALLIES_VERSION_STRING << "): "
                  << plan.hits.size() << " redactions, " << plan.removed_parts.size() << " parts removed\n";
    } catch (const allies::Error& e) {
        std::cerr << "redact_to_text: error (" << allies::to_string(e.kind()) << "): " << e.what() << "\n";
        return 1;
    }
    return 0;
}

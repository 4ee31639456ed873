// What every allies tool's command line shares, defined once (after
// llvm-objcopy's shared option table): the package limits, --version/-V,
// the handling of parse errors (the documented "TOOL: error:" line and
// exit 2), and the refusal to write binary output to a terminal.
// Include after <CLI/CLI.hpp>, in the tool's one main.cpp.
#pragma once

#include <unistd.h>

#include <iostream>
#include <string>

#include "allies/convert.hpp"
#include "allies/error.hpp"
#include "common/exit_codes.hpp"
#include "allies/package.hpp"

namespace allies::tool {

// The package limits (allies::Limits), the same in all three tools.
inline void add_limit_options(CLI::App& app, Limits& limits) {
    app.add_option("--max-entries", limits.max_entries, "Most zip entries accepted")->capture_default_str();
    app.add_option("--max-part-bytes", limits.max_part_bytes, "Largest uncompressed part accepted")
        ->capture_default_str();
    app.add_option("--max-total-bytes", limits.max_total_bytes, "Largest uncompressed package accepted")
        ->capture_default_str();
    app.add_option("--max-ratio", limits.max_ratio, "Highest compression ratio accepted per entry")
        ->capture_default_str();
    app.add_option("--max-xml-depth", limits.max_xml_depth, "Deepest XML element nesting accepted")
        ->capture_default_str();
}

// --version and -V print "TOOL VERSION" (the library's version).
inline void add_version_flag(CLI::App& app, const char* tool) {
    app.set_version_flag("-V,--version", std::string(tool) + " " + std::string(version()));
}

// Parses the command line. Returns -1 to go on, else the exit code: 0 after
// --help or --version (printed on standard output), 2 after a usage error,
// printed as "TOOL: error: WHAT (try --help)".
inline int parse_command_line(CLI::App& app, int argc, char** argv, const char* tool) {
    try {
        app.parse(argc, argv);
        return -1;
    } catch (const CLI::Success& e) {  // --help, --version
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << tool << ": error: " << e.what() << " (try --help)\n";
        return exit_codes::usage;
    }
}

// Binary output (DOCX, PDF) to a terminal is refused, as pandoc does: it
// would only garble the screen. Returns true (and says why) when refused.
inline bool refuse_binary_to_terminal(const std::string& output, const char* what, const char* tool) {
    if (output != "-" || !::isatty(STDOUT_FILENO)) return false;
    std::cerr << tool << ": error: not writing " << what
              << " to a terminal: give -o FILE, or redirect standard output (> FILE or | program)\n";
    return true;
}

}  // namespace allies::tool

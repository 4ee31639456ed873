// allies-convert: DOCX to text, Markdown or the JSON document model.
#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <streambuf>

#include "allies/convert.hpp"
#include "common/stdout_guard.hpp"
#include "allies/html.hpp"
#include "allies/pdf.hpp"
#include "allies/error.hpp"
#include "allies/package.hpp"
#include "allies/reader.hpp"

namespace {

constexpr const char* kTool = "allies-convert";


constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  success\n"
    "  2  usage error (bad option, output path equals input)\n"
    "  3  input error: unreadable, not a zip, corrupt, unsafe (zip bomb, bad\n"
    "     entry names, too large), malformed XML, no main document\n"
    "  4  cannot write the output\n"
    "  5  unsupported input: legacy .doc, password-protected document\n";


bool format_from_extension(const std::string& path, allies::OutputFormat& out) {
    auto dot = path.rfind('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return false;
    return allies::parse_output_format(path.substr(dot + 1), out);
}

}  // namespace

static int run(int argc, char** argv) {
    CLI::App app{"allies-convert: convert a DOCX document to text, Markdown or JSON", "allies-convert"};
    app.footer(kExitCodes);
    std::string input, output = "-", to, assets;
    allies::Limits limits;
    app.add_option("input", input, "Input .docx file ('-' for standard input)")->required();
    app.add_option("-o,--output", output, "Output file ('-' for standard output, the default)");
    app.add_option("-t,--to", to,
                   "Output format: text, markdown, json, html or pdf (default: from the output extension, else text)");
    app.add_option("--assets", assets, "html: write images into this folder instead of embedding them");
    bool pdfa = false;
    app.add_flag("--pdfa", pdfa, "pdf: write PDF/A-2b (sRGB output intent, XMP identification)");
    std::string paper;
    app.add_option("--paper", paper, "pdf: lay every section out on this paper: a4, a3, a5, letter, legal or WxHmm / WxHin");
    app.add_option("--max-entries", limits.max_entries, "Most zip entries accepted")->capture_default_str();
    app.add_option("--max-part-bytes", limits.max_part_bytes, "Largest uncompressed part accepted")
        ->capture_default_str();
    app.add_option("--max-total-bytes", limits.max_total_bytes, "Largest uncompressed package accepted")
        ->capture_default_str();
    app.add_option("--max-ratio", limits.max_ratio, "Highest compression ratio accepted per entry")
        ->capture_default_str();
    app.add_option("--max-xml-depth", limits.max_xml_depth, "Deepest XML element nesting accepted")
        ->capture_default_str();
    app.set_version_flag("-V,--version", std::string(kTool) + " " + std::string(allies::version()));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : allies::exit_codes::usage;
    }

    allies::OutputFormat format = allies::OutputFormat::text;
    if (!to.empty()) {
        if (!allies::parse_output_format(to, format)) {
            std::cerr << "allies-convert: error: unknown format '" << to << "' (use text, markdown, json, html or pdf)\n";
            return allies::exit_codes::usage;
        }
    } else if (output != "-") {
        format_from_extension(output, format);
    }
    allies::PaperSize paper_size;
    if (!paper.empty() && !allies::parse_paper(paper, paper_size)) {
        std::cerr << "allies-convert: error: unknown paper '" << paper << "' (use a4, a3, a5, letter, legal or WxHmm)\n";
        return allies::exit_codes::usage;
    }
    if (allies::same_file(input, output)) {
        std::cerr << "allies-convert: error: " << output << ": output path is the input file\n";
        return allies::exit_codes::usage;
    }
    try {
        auto package = allies::Package::open_file(input, limits);
        auto document = allies::read_document(package);
        if (format == allies::OutputFormat::html) {
            allies::HtmlOptions options;
            if (!assets.empty()) {
                namespace fs = std::filesystem;
                options.assets_dir = assets;
                // Links relative to the page when the page is a file.
                fs::path base = output == "-" ? fs::current_path() : fs::absolute(output).parent_path();
                std::string href = fs::absolute(assets).lexically_relative(base).generic_string();
                options.assets_href = (href.empty() || href.starts_with("..") ? fs::absolute(assets).generic_string() : href) + "/";
            }
            allies::HtmlResult html = allies::to_html(document, package, options);
            if (!html.assets.empty()) {
                std::error_code ec;
                std::filesystem::create_directories(assets, ec);
                if (ec) throw allies::Error(allies::ErrorKind::write_failed, assets, "", "cannot create folder: " + ec.message());
                for (const auto& a : html.assets) allies::write_file_atomically(assets + "/" + a.name, a.bytes);
            }
            allies::write_file_atomically(output, html.html);
        } else if (format == allies::OutputFormat::pdf) {
            allies::PdfConvertOptions options;
            options.pdfa = pdfa;
            options.paper = paper_size;
            std::vector<std::string> warnings;
            options.warnings = &warnings;
            std::string pdf = allies::to_pdf(document, package, options);
            for (const auto& w : warnings) std::cerr << "allies-convert: warning: " << input << ": " << w << "\n";
            allies::write_file_atomically(output, pdf);
        } else {
            allies::write_file_atomically(output, allies::convert(document, format));
        }
    } catch (const allies::Error& e) {
        if (e.file() == "<stdout>") allies::tool::stdout_error_reported();
        std::cerr << "allies-convert: error: " << e.what() << "\n";
        return allies::exit_code_for(e.kind());
    } catch (const std::bad_alloc&) {
        std::cerr << "allies-convert: error: " << input << ": out of memory\n";
        return allies::exit_codes::input;
    }
    return allies::exit_codes::ok;
}

int main(int argc, char** argv) {
    allies::tool::set_up_stdout();
    return allies::tool::finish_stdout(run(argc, argv), kTool);
}

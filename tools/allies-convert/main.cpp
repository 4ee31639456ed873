// allies-convert: DOCX to text, Markdown, HTML, PDF or the JSON document model.
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
#include <cctype>

#include "allies/completeness.hpp"
#include "allies/convert.hpp"
#include "common/options.hpp"
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
    "  5  unsupported input: legacy .doc, password-protected document\n"
    "  9  --strict: the PDF or HTML lacks words of the document's visible text;\n"
    "     nothing written\n";

// Nothing is lost: the PDF or HTML must hold every word a reader of the
// DOCX sees. A PDF is checked against the text its layout placed (cheap);
// with --strict, and for HTML, the written bytes are read back, as the
// leak check reads them. Prints a warning (with --strict, an error) naming
// where words went missing and which; returns whether it is complete.
bool report_completeness(const allies::CompletenessReport& r, const char* what, const std::string& input, bool strict) {
    if (r.complete()) return true;
    std::cerr << "allies-convert: " << (strict ? "error: " : "warning: ") << input << ": the " << what << " lacks "
              << (r.expected - r.found) << " of " << r.expected << " words of the document (";
    for (std::size_t i = 0; i < r.places.size() && i < 5; ++i)
        std::cerr << (i ? ", " : "") << r.places[i].where << ": " << r.places[i].words;
    if (r.places.size() > 5) std::cerr << ", and " << r.places.size() - 5 << " more paragraphs";
    std::cerr << "): ";
    for (std::size_t i = 0; i < r.missing_words.size() && i < 12; ++i) std::cerr << (i ? " " : "") << r.missing_words[i];
    if (r.missing_words.size() > 12) std::cerr << " ...";
    std::cerr << "\n";
    return false;
}

// The output formats, as --to and --list-formats name them, with the
// extensions that select them (in any case) when --to is not given.
struct FormatName {
    const char* name;
    allies::OutputFormat format;
    const char* extensions;
};
constexpr FormatName kFormats[] = {
    {"text", allies::OutputFormat::text, "txt text"},
    {"markdown", allies::OutputFormat::markdown, "md markdown"},
    {"json", allies::OutputFormat::json, "json"},
    {"html", allies::OutputFormat::html, "html htm"},
    {"pdf", allies::OutputFormat::pdf, "pdf"},
};

// The extension of the file name ("" when it has none), lower-cased.
std::string extension_of(const std::string& path) {
    auto slash = path.rfind('/');
    auto start = slash == std::string::npos ? 0 : slash + 1;
    auto dot = path.rfind('.');
    if (dot == std::string::npos || dot <= start || dot + 1 == path.size()) return {};  // none, or ".hidden"
    std::string ext = path.substr(dot + 1);
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

bool format_from_extension(const std::string& ext, allies::OutputFormat& out) {
    for (const auto& f : kFormats) {
        std::string list = std::string(" ") + f.extensions + " ";
        if (list.find(" " + ext + " ") != std::string::npos) {
            out = f.format;
            return true;
        }
    }
    return false;
}

}  // namespace

static int run(int argc, char** argv) {
    CLI::App app{"allies-convert: convert a DOCX document to text, Markdown, JSON, HTML or PDF", "allies-convert"};
    app.footer(kExitCodes);
    std::string input, output = "-", to, assets;
    allies::Limits limits;
    bool list_formats = false, strict = false;
    app.add_option("input", input, "Input .docx file ('-' for standard input)");
    app.add_option("-o,--output", output, "Output file ('-' for standard output, the default)");
    app.add_option("-t,--to", to,
                   "Output format: text, markdown, json, html or pdf (default: from the output file's extension, "
                   "in any case; text for standard output or a name without extension)");
    app.add_option("--assets", assets, "html: write images into this folder instead of embedding them");
    bool pdfa = false;
    app.add_flag("--pdfa", pdfa, "pdf: write PDF/A-2b (sRGB output intent, XMP identification)");
    std::string paper;
    app.add_option("--paper", paper, "pdf: lay every section out on this paper: a4, a3, a5, letter, legal or WxHmm / WxHin");
    app.add_flag("--strict", strict,
                 "pdf, html: fail (exit 9, nothing written) when the output lacks words of the document's visible "
                 "text, instead of warning");
    app.add_flag("--list-formats", list_formats, "Print the output formats (one per line: name and extensions) and exit");
    allies::tool::add_limit_options(app, limits);
    allies::tool::add_version_flag(app, kTool);
    if (int rc = allies::tool::parse_command_line(app, argc, argv, kTool); rc >= 0) return rc;
    auto usage = [](const std::string& msg) {
        std::cerr << "allies-convert: error: " << msg << "\n";
        return allies::tool::exit_codes::usage;
    };
    if (list_formats) {
        for (const auto& f : kFormats) std::cout << f.name << "\t" << f.extensions << "\n";
        return allies::tool::exit_codes::ok;
    }
    if (input.empty()) return usage("no input file (try --help)");

    allies::OutputFormat format = allies::OutputFormat::text;
    if (!to.empty()) {
        if (!allies::parse_output_format(to, format))
            return usage("unknown format '" + to + "' (use text, markdown, json, html or pdf)");
    } else if (output != "-" && !allies::same_file(input, output)) {
        // An extension that names no output format (.docx, .odt, .PDFX) is
        // a mistake to report, not text under the wrong name.
        std::string ext = extension_of(output);
        if (!ext.empty() && !format_from_extension(ext, format))
            return usage(output + ": cannot tell the output format from '." + ext +
                         "' (give --to text, markdown, json, html or pdf; see --list-formats)");
    }
    if (format == allies::OutputFormat::pdf && allies::tool::refuse_binary_to_terminal(output, "PDF", kTool))
        return allies::tool::exit_codes::usage;
    allies::PaperSize paper_size;
    if (!paper.empty() && !allies::parse_paper(paper, paper_size)) {
        std::cerr << "allies-convert: error: unknown paper '" << paper << "' (use a4, a3, a5, letter, legal or WxHmm)\n";
        return allies::tool::exit_codes::usage;
    }
    if (allies::same_file(input, output)) {
        std::cerr << "allies-convert: error: " << output << ": output path is the input file\n";
        return allies::tool::exit_codes::usage;
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
            if (!report_completeness(allies::check_complete(document, format, html.html), "HTML", input, strict) && strict)
                return allies::tool::exit_codes::incomplete;
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
            std::vector<std::string> warnings, page_text;
            options.warnings = &warnings;
            options.page_text = &page_text;
            std::string pdf = allies::to_pdf(document, package, options);
            for (const auto& w : warnings) std::cerr << "allies-convert: warning: " << input << ": " << w << "\n";
            allies::CompletenessReport complete =
                strict ? allies::check_complete(document, format, pdf) : allies::check_complete(document, page_text);
            if (!report_completeness(complete, "PDF", input, strict) && strict)
                return allies::tool::exit_codes::incomplete;
            allies::write_file_atomically(output, pdf);
        } else {
            allies::TextFormat text_format = allies::TextFormat::text;
            allies::as_text_format(format, text_format);  // html and pdf are handled above
            allies::write_file_atomically(output, allies::convert(document, text_format));
        }
    } catch (const allies::Error& e) {
        if (e.file() == "<stdout>") allies::tool::stdout_error_reported();
        std::cerr << "allies-convert: error: " << e.what() << "\n";
        return allies::tool::exit_code_for(e.kind());
    } catch (const std::bad_alloc&) {
        std::cerr << "allies-convert: error: " << input << ": out of memory\n";
        return allies::tool::exit_codes::input;
    }
    return allies::tool::exit_codes::ok;
}

int main(int argc, char** argv) {
    allies::tool::set_up_stdout();
    return allies::tool::finish_stdout(run(argc, argv), kTool);
}

// One document through the whole chain. The order is the point:
//   1. redact in memory (the redactor's own self-check runs here);
//   2. write the public DOCX, then convert *those bytes* to the other
//      formats, so nothing of the original can reach them;
//   3. check that every PDF and HTML shows every word the public DOCX
//      shows (allies/completeness.hpp): redaction must not take more than
//      it redacts, nor conversion lose what is left;
//   4. read every written file back from disk and search it with the leak
//      scanner, which knows only hashes of what was redacted.
#include <chrono>
#include <filesystem>

#include "allies/completeness.hpp"
#include "allies/convert.hpp"
#include "allies/error.hpp"
#include "allies/html.hpp"
#include "allies/publish.hpp"
#include "allies/reader.hpp"
#include "publish/input_facts.hpp"
#include "publish/needles_from_plan.hpp"
#include "publish/report.hpp"
#include "publish/settings_digest.hpp"
#include "publish/review.hpp"
#include "text/digest.hpp"
#include "verify/leak_scan.hpp"

namespace allies {
namespace {

double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

bool is_publish_format(const std::string& format) {
    return format == "docx" || format == "pdf" || format == "html" || format == "md" || format == "txt";
}

std::string_view to_string(DocStatus status) {
    switch (status) {
        case DocStatus::published: return "published";
        case DocStatus::unchanged: return "unchanged";
        case DocStatus::failed: return "failed";
        case DocStatus::refused: return "refused";
        case DocStatus::leak: return "leak";
        case DocStatus::incomplete: return "incomplete";
    }
    return "failed";
}

DocumentResult publish_document(const std::string& input, const std::string& stem, const std::string& staging_dir,
                                const PublishOptions& options) {
    auto t0 = std::chrono::steady_clock::now();
    if (options.hash_key.empty()) throw Error(ErrorKind::usage, input, "", "no hash key for the report");
    for (const auto& f : options.formats)
        if (!is_publish_format(f)) throw Error(ErrorKind::usage, input, "", "unknown output format '" + f + "'");
    DocumentResult result;
    result.input = input;
    result.stem = stem;
    result.formats = options.formats;
    result.version = std::string(version());
    result.policy_hash = publish::settings_digest(options);

    std::string bytes = read_file(input);
    result.input_sha256 = text::sha256_hex(bytes);
    Package package = Package::open_memory(std::move(bytes), input, options.limits);

    // The original's visible text: region phrases that also appear outside
    // the redacted regions were public all along (publish/needles_from_plan).
    std::string original_text;
    {
        Document original = read_document(package);
        original_text = to_text(original);
        for (const auto& [part, hf] : original.headers_footers) {
            Document alone;
            alone.body = hf.blocks;
            original_text += "\n" + to_text(alone);
        }
        // Document properties are not text a reader sees on the page: a title
        // that repeats a confidential heading must not make it "public".
    }

    // What the inputs say is sensitive, read before the redactor touches
    // the package and apart from it: the check searches for these too.
    publish::InputFacts facts = publish::read_input_facts(package, options.redact);

    RedactOptions ro = options.redact;
    ro.show_text = true;  // the needles are built from the text; it is hashed, never written
    Redactor redactor(package, ro);
    const RedactionPlan& plan = redactor.find();
    // The people found in the document (authors, attendance lines) were not
    // known when the batch named its outputs from the roster: a folder
    // "HR/Okafor/" with an author Tom Okafor is renamed here. The suffix, a
    // keyed hash of the original name, keeps two renamed names apart
    // without saying what they were.
    std::string public_stem = public_output_name(stem, plan.people);
    if (public_stem != stem) {
        result.stem = public_stem + "-" + text::hmac_sha256_hex(options.hash_key, stem).substr(0, 8);
        result.renamed = true;
    }
    const std::string& out_stem = result.stem;
    std::string public_docx = redactor.public_bytes();  // throws refused when the self-check is not clean
    if (!options.review_dir.empty()) {
        // The review shows the original as staff wrote it: read it again,
        // since the redactor edited its own copy in memory.
        result.review = publish::write_review_pdf(input, plan, options, out_stem);
    }
    verify::NeedleSet needles =
        publish::needles_from_plan(plan, options.redact.policy, original_text, options.hash_key, facts.regions);
    publish::add_input_needles(needles, facts, options.redact.policy, options.hash_key);
    original_text.clear();
    if (options.tamper_for_tests) options.tamper_for_tests(public_docx, plan);

    result.key_id = needles.key_id;
    for (const auto& [rule, n] : plan.count_by_rule()) {
        result.by_rule[rule] = n;
        if (rule != "sanitise") result.redactions += n;
    }
    result.by_category = plan.count_by_category();
    result.removed_parts = static_cast<int>(plan.removed_parts.size());
    result.unlisted = static_cast<int>(plan.unlisted.size());

    // Outputs, staged. The public DOCX is converted from its own bytes.
    namespace fs = std::filesystem;
    fs::path base = fs::path(staging_dir) / out_stem;
    std::error_code ec;
    fs::create_directories(base.parent_path(), ec);
    if (ec) throw Error(ErrorKind::write_failed, base.parent_path().string(), "", "cannot create folder: " + ec.message());
    std::vector<PublishedFile> staged;  // as written; the report lists them
    auto stage = [&](const std::string& format, const std::string& data) {
        std::string rel = out_stem + publish::output_extension(format);
        write_file_atomically((fs::path(staging_dir) / rel).string(), data);
        staged.push_back(PublishedFile{format, rel, text::sha256_hex(data), data.size()});
    };
    bool wants_docx = false;
    for (const auto& f : options.formats) wants_docx = wants_docx || f == "docx";
    {
        Package pub = Package::open_memory(public_docx, out_stem + ".docx", options.limits);
        Document doc = read_document(pub);
        if (wants_docx) stage("docx", public_docx);
        // Nothing lost: each PDF and HTML against the words the public DOCX
        // shows, redaction placeholders included. A PDF against the text its
        // layout placed, what its text layer is made from (the leak check
        // reads the PDF itself back below); an HTML read back from its bytes.
        auto check = [&](const std::string& format, const CompletenessReport& c) {
            result.completeness_checked = true;
            for (const auto& p : c.places)
                result.missing.push_back(MissingText{out_stem + publish::output_extension(format), p.where, p.words});
        };
        for (const auto& f : options.formats) {
            if (f == "pdf") {
                std::vector<std::string> page_text;
                PdfConvertOptions pdf_options = options.pdf;
                pdf_options.page_text = &page_text;
                stage("pdf", to_pdf(doc, pub, pdf_options));
                check("pdf", check_complete(doc, page_text));
            } else if (f == "html") {
                std::string html = to_html(doc, pub).html;
                stage("html", html);
                check("html", check_complete(doc, OutputFormat::html, html));
            } else if (f == "md") {
                stage("md", to_markdown(doc));
            } else if (f == "txt") {
                stage("txt", to_text(doc));
            }
        }
    }
    public_docx.clear();
    public_docx.shrink_to_fit();
    stage("report", publish::report_json(result, plan, needles, staged));

    // Verification: bytes from disk, searched independently of the plan.
    auto tv = std::chrono::steady_clock::now();
    verify::LeakScanner scanner(needles, options.hash_key, options.limits);
    for (const auto& s : staged) {
        const std::string& format = s.format;
        const std::string& rel = s.path;
        std::string data = read_file((fs::path(staging_dir) / rel).string());
        // The manifest records what is on disk, as read back here.
        result.outputs.push_back(PublishedFile{format, rel, text::sha256_hex(data), data.size()});
        scanner.scan_file_name(rel, rel);
        try {
            if (format == "report") scanner.scan_text(data, rel, "text", false);
            else if (format == "md" || format == "txt") scanner.scan_text(data, rel, "text");
            else scanner.scan_file_bytes(data, rel);
        } catch (const Error&) {
            // Recorded by the scanner as "unreadable": cannot verify = not clean.
        }
    }
    for (const auto& f : scanner.findings()) result.leaks.push_back(LeakFinding{f.output, f.where, f.rule});
    // A leak outweighs lost words; lost words are published only when the
    // caller allows it (their places stay in the result either way).
    if (!result.leaks.empty()) result.status = DocStatus::leak;
    else if (!result.missing.empty() && !options.allow_incomplete) result.status = DocStatus::incomplete;
    else result.status = DocStatus::published;
    result.verify_seconds = since(tv);
    result.seconds = since(t0);
    return result;
}

}  // namespace allies

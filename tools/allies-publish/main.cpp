// allies-publish: redact -> public DOCX -> PDF (and other formats) ->
// independent leak check -> move into the public folder; for one document
// or thousands, with a manifest. Options in, library calls out, printing.
#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
#include <streambuf>

#include "allies/convert.hpp"  // version()
#include "allies/error.hpp"
#include "common/exit_codes.hpp"
#include "common/options.hpp"
#include "common/stdout_guard.hpp"
#include "allies/package.hpp"
#include "allies/process_pool.hpp"
#include "allies/publish.hpp"
#include "allies/redact.hpp"
#ifdef ALLIES_PUBLISH_TEST_HOOK
#include "tamper_hook.hpp"
#endif

namespace {

constexpr const char* kTool = "allies-publish";

// SIGINT/SIGTERM while a batch runs: the batch is asked to stop (workers
// killed, staging cleaned, the manifest of what was done written) instead
// of the process dying with half-written staging files. The library never
// installs handlers; this is the tool's business.
volatile std::sig_atomic_t g_interrupted = 0;
extern "C" void on_interrupt(int) { g_interrupted = 1; }

struct InterruptHandlers {
    struct sigaction old_int {}, old_term {};
    InterruptHandlers() {
        struct sigaction sa {};
        sa.sa_handler = on_interrupt;
        sa.sa_flags = SA_RESTART;  // stderr writes and fsync are not cut short; poll still wakes
        sigemptyset(&sa.sa_mask);
        ::sigaction(SIGINT, &sa, &old_int);
        ::sigaction(SIGTERM, &sa, &old_term);
    }
    ~InterruptHandlers() {
        ::sigaction(SIGINT, &old_int, nullptr);
        ::sigaction(SIGTERM, &old_term, nullptr);
    }
};


constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  every document published (verified clean), or unchanged with --incremental;\n"
    "     --verify-only: no leak found; --merge-manifests: merged\n"
    "  1  some documents failed (unreadable, corrupt, unsupported) or their redaction was\n"
    "     refused (unclosed marker, self-check); the others were published\n"
    "  2  usage error (bad option, no inputs, two inputs with one output name, a report\n"
    "     made with another hash key, conflicting manifests)\n"
    "  3  the --files-from list, or a --verify-only file, cannot be read\n"
    "  4  the output folder or manifest cannot be written\n"
    "  6  policy, roster or key file error\n"
    "  8  a leak was caught: the verification found redacted content in an output of\n"
    "     at least one document, which was not published (--verify-only: a leak found)\n"
    "  9  no leak, but the PDF or HTML of at least one document lacks words its public\n"
    "     DOCX shows; that document was not published (see --allow-incomplete)\n"
    "  130  interrupted (SIGINT/SIGTERM): verified documents are published, the manifest\n"
    "     is written, unfinished ones are left for a rerun\n";

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

std::string clock_text(double seconds) {
    long s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

// How progress is shown on standard error: redrawn in place with an ANSI
// erase (a terminal), redrawn with carriage returns and spaces only (a
// terminal with NO_COLOR set: no escape sequences at all), one plain line
// per document (TERM=dumb or not a terminal, when forced with --progress),
// or not at all (not a terminal, TERM=dumb, --no-progress, -q).
enum class ProgressStyle { off, ansi, plain_cr, lines };

ProgressStyle progress_style(bool forced, bool disabled) {
    if (disabled) return ProgressStyle::off;
    const char* term = std::getenv("TERM");
    const char* no_color = std::getenv("NO_COLOR");
    const bool dumb = term == nullptr || *term == '\0' || std::string(term) == "dumb";
    const bool terminal = ::isatty(STDERR_FILENO) != 0 && !dumb;
    if (!terminal) return forced ? ProgressStyle::lines : ProgressStyle::off;
    return no_color != nullptr && *no_color != '\0' ? ProgressStyle::plain_cr : ProgressStyle::ansi;
}

}  // namespace

static int run(int argc, char** argv) {
    CLI::App app{"allies-publish: redact DOCX meeting notes, convert the public version, verify every output "
                 "independently for leaks, and publish only what is clean",
                 "allies-publish"};
    app.footer(kExitCodes);
    std::vector<std::string> inputs;
    std::string staging_dir, outdir, manifest_file, base_dir, names_file, policy_file, formats = "docx,pdf", review_dir, files_from, key_file, against, sections,
                                                 names_as, pseudonym_key_file, paper;
    std::vector<std::string> keep;
    int jobs = 0;
    double timeout = 600;
    bool fail_fast = false, incremental = false, quiet = false, json = false, verify_only = false, merge = false, pdfa = false,
         list_formats = false, force_progress = false, no_progress = false, allow_incomplete = false;
    allies::Limits limits;
    app.add_option("inputs", inputs, "DOCX files or folders (searched recursively for *.docx; ~$ lock files skipped)");
    app.add_option("-o,--output", outdir, "Public output folder (created; gets manifest.json)");
    app.add_option("--manifest", manifest_file, "Write the manifest here instead of OUTDIR/manifest.json (workers sharing "
                                                "one OUTDIR each write their own, then --merge-manifests)");
    app.add_option("--staging-dir", staging_dir, "Stage unverified files in DIR (default: beside OUTDIR, or the temporary "
                                                 "folder when OUTDIR's parent is read-only); never inside OUTDIR");
    app.add_option("--base", base_dir, "Files under DIR given directly or by --files-from keep their path below DIR "
                                       "as output name (so two minutes.docx in different folders do not collide)");
    app.add_option("--files-from", files_from, "Read more inputs, one per line, from FILE ('-' for standard input)");
    app.add_option("--names", names_file, "Roster: one person per line, 'Full Name | alias ... role=Role'");
    app.add_option("--policy", policy_file, "Policy file (TOML; see allies-redact --print-default-policy)");
    app.add_option("--formats", formats, "Outputs, comma-separated: docx, pdf, html, md, txt (default docx,pdf)");
    app.add_option("--review", review_dir, "Also write a review PDF of each original, redactions highlighted, into DIR "
                                           "(must not be the public folder)");
    app.add_option("--sections", sections, "Removed sections: placeholder or remove")
        ->check(CLI::IsMember({"placeholder", "remove"}));
    app.add_option("--names-as", names_as, "Names become: placeholder, initials, pseudonym or role")
        ->check(CLI::IsMember({"placeholder", "initials", "pseudonym", "role"}));
    app.add_option("--pseudonym-key-file", pseudonym_key_file, "File holding the key for stable pseudonyms");
    app.add_option("--keep", keep, "A public name or phrase never redacted (repeatable)")
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("-j,--jobs", jobs, "Documents processed in parallel (default: number of cores)")->check(CLI::Range(0, 1024));
    app.add_flag("--fail-fast", fail_fast, "Stop at the first document that is not published");
    app.add_flag("--allow-incomplete", allow_incomplete,
                 "Publish a document whose PDF or HTML lacks words of its public DOCX, with a warning "
                 "(default: not published, exit 9)");
    app.add_flag("--incremental", incremental, "Skip inputs published before from the same bytes, policy, roster, version and key");
    app.add_option("--timeout", timeout, "Seconds one document may take before it is stopped and failed")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    auto* quiet_flag = app.add_flag("-q,--quiet", quiet, "No progress and no summary (errors and leaks are still printed)");
    auto* progress_flag = app.add_flag("--progress", force_progress,
                                       "Show progress even when standard error is not a terminal or TERM=dumb "
                                       "(then as plain lines)");
    app.add_flag("--no-progress", no_progress, "No progress line (the summary is still printed)")->excludes(progress_flag);
    progress_flag->excludes(quiet_flag);
    app.add_flag("--json", json, "Print one JSON object per document on standard output as it finishes");
    app.add_option("--hash-key-file", key_file, "Secret key of the report hashes (default: $ALLIES_HASH_KEY_FILE or "
                                                "~/.config/allies/hash-key, created on first use)");
    app.add_flag("--verify-only", verify_only, "Check already published FILEs (the inputs) against --against REPORT");
    app.add_option("--against", against, "The .report.json written when the files were published");
    app.add_flag("--merge-manifests", merge, "Merge the manifests given as inputs into -o DIR/manifest.json (or -o FILE.json)");
    app.add_flag("--pdfa", pdfa, "Write PDF/A-2b");
    app.add_option("--paper", paper, "Lay the PDF out on this paper: a4, a3, a5, letter, legal, WxHmm, WxHin");
    app.add_flag("--list-formats", list_formats, "Print the formats --formats accepts (one per line) and exit");
    allies::tool::add_limit_options(app, limits);
    allies::tool::add_version_flag(app, kTool);
    if (int rc = allies::tool::parse_command_line(app, argc, argv, kTool); rc >= 0) return rc;
    auto usage = [](const std::string& msg) {
        std::cerr << "allies-publish: error: " << msg << "\n";
        return allies::tool::exit_codes::usage;
    };
    if (list_formats) {
        for (const char* f : {"docx", "pdf", "html", "md", "txt"})
            if (allies::is_publish_format(f)) std::cout << f << "\n";
        return allies::tool::exit_codes::ok;
    }

    try {
        if (!files_from.empty()) {
            std::istringstream list(allies::read_file(files_from));
            for (std::string line; std::getline(list, line);) {
                if (!line.empty() && line.back() == '\r') line.pop_back();
                if (!line.empty()) inputs.push_back(line);
            }
        }
        if (merge) {
            if (inputs.empty() || outdir.empty()) return usage("--merge-manifests needs manifests and -o");
            std::string target = outdir.ends_with(".json") ? outdir : outdir + "/manifest.json";
            std::string merged = allies::merge_manifests(inputs);
            allies::write_file_atomically(target, merged);
            if (!quiet) std::cerr << "allies-publish: merged " << inputs.size() << " manifests into " << target << "\n";
            return allies::tool::exit_codes::ok;
        }
        if (verify_only) {
            if (inputs.empty() || against.empty()) return usage("--verify-only needs files and --against REPORT");
            std::string key = allies::load_hash_key(key_file.empty() ? allies::default_hash_key_path() : key_file);
            auto findings = allies::verify_files(inputs, against, key);
            for (const auto& f : findings)
                std::cerr << "allies-publish: leak: " << f.output << ": " << f.where << ": " << f.rule << "\n";
            if (!findings.empty()) return allies::tool::publish_exit::leak;
            if (!quiet) std::cerr << "allies-publish: clean: " << inputs.size() << " files checked against " << against << "\n";
            return allies::tool::exit_codes::ok;
        }
        if (inputs.empty()) return usage("no inputs (try --help)");
        if (outdir.empty()) return usage("no output folder: give -o DIR");
        if (!review_dir.empty()) {
            // The review shows everything that is redacted: never in or under the public folder.
            namespace fs = std::filesystem;
            std::error_code ec;
            fs::path pub = fs::weakly_canonical(outdir, ec), rev = fs::weakly_canonical(review_dir, ec);
            auto rel = rev.lexically_relative(pub);
            if (rev == pub || (!rel.empty() && *rel.begin() != ".."))
                return usage("--review " + review_dir + " is inside the public output folder " + outdir);
        }

        allies::PublishOptions options;
        options.formats = split_commas(formats);
        for (const auto& f : options.formats)
            if (!allies::is_publish_format(f)) return usage("unknown format '" + f + "' in --formats (docx, pdf, html, md, txt)");
        if (options.formats.empty()) return usage("--formats is empty");
        options.redact.policy = policy_file.empty() ? allies::Policy{} : allies::Policy::load(policy_file);
        if (!names_file.empty()) options.redact.roster = allies::Roster::load(names_file);
        auto& policy = options.redact.policy;
        allies::parse_sections_mode(sections, policy.sections);  // "" (not given) keeps the policy's
        allies::parse_names_as(names_as, policy.names_as);
        for (const auto& k : keep) policy.keep.push_back(k);
        if (!pseudonym_key_file.empty()) options.redact.pseudonym_key = allies::load_pseudonym_key(pseudonym_key_file);
        options.pdf.pdfa = pdfa;
        if (!paper.empty() && !allies::parse_paper(paper, options.pdf.paper)) return usage("unknown paper size '" + paper + "'");
        options.limits = limits;
        options.review_dir = review_dir;
        options.allow_incomplete = allow_incomplete;
        options.hash_key = key_file.empty() ? allies::load_or_create_hash_key(allies::default_hash_key_path())
                                            : allies::load_hash_key(key_file);
#ifdef ALLIES_PUBLISH_TEST_HOOK
        options.tamper_for_tests = allies_test::tamper_from_environment();
#endif
        std::vector<allies::SkippedFile> skipped;
        std::vector<allies::BatchInput> batch_inputs;
        try {
            batch_inputs = allies::collect_inputs(inputs, outdir, base_dir, &skipped);
        } catch (const allies::Error&) {
            for (const auto& f : skipped) std::cerr << "allies-publish: skipping " << f.path << ": " << f.reason << "\n";
            throw;
        }
        if (!quiet)
            for (const auto& f : skipped) std::cerr << "allies-publish: skipping " << f.path << ": " << f.reason << "\n";
        // No output file or folder carries a listed person's name.
        allies::use_public_output_names(batch_inputs, options.redact.roster.people);

        // Each document in a worker process: a crash, hang or memory blow-up
        // takes only that document down.
        allies::ProcessPool pool({.jobs = jobs, .timeout_seconds = timeout});
        InterruptHandlers handlers;
        allies::BatchOptions batch;
        batch.runner = &pool;
        batch.stop_requested = [] { return g_interrupted != 0; };
        batch.fail_fast = fail_fast;
        batch.incremental = incremental;
        batch.manifest_path = manifest_file;
        batch.staging_dir = staging_dir;
        const ProgressStyle style = progress_style(force_progress, no_progress || quiet);
        const bool progress = style != ProgressStyle::off;
        std::size_t shown = 0;  // width of the progress line now on screen
        auto clear_progress = [&] {
            if (style == ProgressStyle::ansi) std::cerr << "\r\033[K";
            else if (style == ProgressStyle::plain_cr && shown) std::cerr << "\r" << std::string(shown, ' ') << "\r";
            shown = 0;
        };
        const auto t0 = std::chrono::steady_clock::now();
        std::string current;
        batch.on_start = [&](const allies::BatchInput& in) { current = in.path; };
        batch.on_result = [&](const allies::DocumentResult& r, std::size_t done, std::size_t total) {
            if (progress) clear_progress();
            if (r.status == allies::DocStatus::failed || r.status == allies::DocStatus::refused)
                std::cerr << "allies-publish: error: " << r.error << "\n";
            if (r.status == allies::DocStatus::leak)
                for (const auto& f : r.leaks)
                    std::cerr << "allies-publish: leak: " << r.input << ": " << f.output << ": " << f.where << ": " << f.rule
                              << "; not published\n";
            // Places and counts only: the words themselves never go to a log.
            if (!r.missing.empty() && (r.status == allies::DocStatus::incomplete ||
                                       (r.status == allies::DocStatus::published && !quiet))) {
                const bool refused = r.status == allies::DocStatus::incomplete;
                std::map<std::string, int> lacking;  // words per output
                for (const auto& m : r.missing) lacking[m.output] += m.words;
                for (const auto& [output, words] : lacking) {
                    std::cerr << "allies-publish: " << (refused ? "incomplete: " : "warning: ") << r.input << ": " << output
                              << " lacks " << words << (words == 1 ? " word" : " words") << " of the public document (";
                    int shown_places = 0, more = 0;
                    for (const auto& m : r.missing) {
                        if (m.output != output) continue;
                        if (shown_places < 5) std::cerr << (shown_places++ ? ", " : "") << m.where << ": " << m.words;
                        else ++more;
                    }
                    if (more) std::cerr << ", and " << more << " more paragraphs";
                    std::cerr << ")" << (refused ? "; not published\n" : "; published (--allow-incomplete)\n");
                }
            }
            if (r.unlisted > 0 && r.status == allies::DocStatus::published && !quiet)
                std::cerr << "allies-publish: warning: " << r.input << ": " << r.unlisted
                          << " possible names of people on no roster (masked in " << r.stem
                          << ".report.json; policy names.unlisted)\n";
            if (json) std::cout << allies::document_json_line(r) << std::endl;
            if (progress) {
                double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
                std::ostringstream line;
                line << "[" << done << "/" << total << "] " << static_cast<int>(rate * 10) / 10.0 << " doc/s, "
                     << clock_text(rate > 0 ? static_cast<double>(total - done) / rate : 0) << " left  " << current;
                std::cerr << line.str() << (style == ProgressStyle::lines ? "\n" : "") << std::flush;
                shown = line.str().size();
            }
        };
        allies::BatchRun run = allies::publish_batch(batch_inputs, outdir, options, batch);
        if (progress) clear_progress();
        if (!quiet) {
            std::map<allies::DocStatus, int> n;
            for (const auto& d : run.documents) ++n[d.status];
            std::cerr << "allies-publish: " << n[allies::DocStatus::published] << " published";
            if (n[allies::DocStatus::unchanged]) std::cerr << ", " << n[allies::DocStatus::unchanged] << " unchanged";
            if (n[allies::DocStatus::failed]) std::cerr << ", " << n[allies::DocStatus::failed] << " failed";
            if (n[allies::DocStatus::refused]) std::cerr << ", " << n[allies::DocStatus::refused] << " refused";
            if (n[allies::DocStatus::leak]) std::cerr << ", " << n[allies::DocStatus::leak] << " leak(s) caught";
            if (n[allies::DocStatus::incomplete])
                std::cerr << ", " << n[allies::DocStatus::incomplete] << " incomplete (words lost in a PDF or HTML)";
            if (run.not_started) std::cerr << ", " << run.not_started << " not started";
            if (run.interrupted) std::cerr << " (interrupted)";
            std::cerr << " -> " << outdir << "/manifest.json\n";
        }
        return allies::tool::exit_code_for(run);
    } catch (const allies::Error& e) {
        if (e.file() == "<stdout>") allies::tool::stdout_error_reported();
        std::cerr << "allies-publish: error: " << e.what() << "\n";
        return allies::tool::exit_code_for(e.kind());
    } catch (const std::bad_alloc&) {
        std::cerr << "allies-publish: error: out of memory\n";
        return allies::tool::exit_codes::input;
    }
}

int main(int argc, char** argv) {
    allies::tool::set_up_stdout();
    return allies::tool::finish_stdout(run(argc, argv), kTool);
}

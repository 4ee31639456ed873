// allies-redact: DOCX to public DOCX (+ JSON report). Options in, one library
// call chain out (Policy, Roster, Redactor), errors printed as one line.
#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <streambuf>

#include "allies/convert.hpp"  // version()
#include "allies/error.hpp"
#include "common/options.hpp"
#include "common/stdout_guard.hpp"
#include "allies/package.hpp"
#include "allies/redact.hpp"

namespace {

constexpr const char* kTool = "allies-redact";


constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  success\n"
    "  2  usage error (bad option, output path equals input)\n"
    "  3  input error: unreadable, not a DOCX, corrupt or unsafe package, malformed XML\n"
    "  4  cannot write the output or the report\n"
    "  5  unsupported input: legacy .doc, password-protected document\n"
    "  6  policy or names file error\n"
    "  7  refused (fail closed): unclosed [[redact]] marker, a marked range that cannot be\n"
    "     cut cleanly, or the self-check still found redacted content; nothing written\n";


}  // namespace

static int run(int argc, char** argv) {
    CLI::App app{"allies-redact: redact marked sections, names and personal data from a DOCX, and sanitise it",
                 "allies-redact"};
    app.footer(kExitCodes);
    std::string input, output, names_file, policy_file, report_file, sections, names_as, key_file, key;
    std::vector<std::string> keep;
    bool dry_run = false, show_text = false, print_policy = false, quiet = false, list_formats = false;
    allies::Limits limits;
    app.add_option("input", input, "Input .docx or .docm ('-' for standard input)");
    app.add_option("-o,--output", output, "Public .docx to write ('-' for standard output)");
    app.add_option("--names", names_file, "Roster: one person per line, 'Full Name | alias ... role=Role'");
    app.add_option("--policy", policy_file, "Policy file (TOML; see --print-default-policy)");
    app.add_option("--report", report_file, "Write a JSON report of the redactions ('-' for standard output)");
    app.add_flag("--dry-run", dry_run, "Print the plan (masked) and write no document");
    app.add_flag("--show-text", show_text, "Unmask redacted text in the plan and report (internal review only)");
    app.add_option("--sections", sections, "Removed sections: placeholder or remove")
        ->check(CLI::IsMember({"placeholder", "remove"}));
    app.add_option("--names-as", names_as, "Names become: placeholder, initials, pseudonym or role")
        ->check(CLI::IsMember({"placeholder", "initials", "pseudonym", "role"}));
    app.add_option("--pseudonym-key", key,
                   "Key for pseudonyms stable across documents (visible in ps: prefer --pseudonym-key-file)");
    app.add_option("--pseudonym-key-file", key_file, "File holding the key for stable pseudonyms across documents");
    app.add_option("--keep", keep, "A public name or phrase never redacted (repeatable)")
        ->allow_extra_args(false)  // one value each time: "--keep X in.docx" keeps the input positional
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_flag("--print-default-policy", print_policy, "Print the default policy (TOML) and exit");
    app.add_flag("-q,--quiet", quiet, "No summary on standard error");
    app.add_flag("--list-formats", list_formats, "Print the formats read and written (one per line) and exit");
    allies::tool::add_limit_options(app, limits);
    allies::tool::add_version_flag(app, kTool);
    if (int rc = allies::tool::parse_command_line(app, argc, argv, kTool); rc >= 0) return rc;
    auto usage = [](const std::string& msg) {
        std::cerr << "allies-redact: error: " << msg << "\n";
        return allies::tool::exit_codes::usage;
    };
    if (list_formats) {
        std::cout << "input\tdocx docm\noutput\tdocx\nreport\tjson\n";
        return allies::tool::exit_codes::ok;
    }
    if (print_policy) {
        std::cout << allies::Policy::default_toml();
        return allies::tool::exit_codes::ok;
    }
    if (input.empty()) return usage("no input file (try --help)");
    if (!dry_run && output.empty()) return usage("no output: give -o FILE (or --dry-run)");
    if (allies::same_file(input, output) || (!report_file.empty() && allies::same_file(input, report_file)))
        return usage(output + ": output path is the input file");
    if (output == "-" && report_file == "-") return usage("--report - and -o - cannot both use standard output");
    if (!dry_run && allies::tool::refuse_binary_to_terminal(output, "a DOCX", kTool)) return allies::tool::exit_codes::usage;
    if (!output.empty() && output == report_file) return usage("the report and the document cannot be the same file");

    try {
        allies::RedactOptions options;
        options.policy = policy_file.empty() ? allies::Policy{} : allies::Policy::load(policy_file);
        if (!names_file.empty()) options.roster = allies::Roster::load(names_file);
        allies::parse_sections_mode(sections, options.policy.sections);  // "" (not given) keeps the policy's
        allies::parse_names_as(names_as, options.policy.names_as);
        for (const auto& k : keep) options.policy.keep.push_back(k);
        if (!key.empty() && !key_file.empty()) return usage("give --pseudonym-key or --pseudonym-key-file, not both");
        options.pseudonym_key = key;
        if (!key_file.empty()) options.pseudonym_key = allies::load_pseudonym_key(key_file);
        options.show_text = show_text;
        const allies::Policy policy = options.policy;

        auto package = allies::Package::open_file(input, limits);
        std::string shown = input == "-" ? "<stdin>" : input;
        allies::Redactor redactor(package, std::move(options));
        redactor.find();
        redactor.apply();  // in memory; throws (refused) when the self-check is not clean
        const allies::RedactionPlan& plan = redactor.find();
        if (!report_file.empty())
            allies::write_file_atomically(report_file, allies::plan_to_json(plan, shown, policy));
        if (dry_run) {
            if (report_file != "-") std::cout << allies::plan_to_text(plan, shown);
            return allies::tool::exit_codes::ok;
        }
        allies::write_file_atomically(output, redactor.public_bytes());
        if (!quiet) {
            int redactions = 0;
            std::string by_rule;
            for (const auto& [rule, n] : plan.count_by_rule()) {
                if (rule == "sanitise") continue;
                redactions += n;
                by_rule += (by_rule.empty() ? "" : ", ") + rule + " " + std::to_string(n);
            }
            std::cerr << "allies-redact: " << shown << ": " << redactions << " redactions"
                      << (by_rule.empty() ? "" : " (" + by_rule + ")") << ", " << plan.removed_parts.size()
                      << (plan.removed_parts.size() == 1 ? " part" : " parts") << " removed\n";
        }
    } catch (const allies::Error& e) {
        if (e.file() == "<stdout>") allies::tool::stdout_error_reported();
        std::cerr << "allies-redact: error: " << e.what() << "\n";
        return allies::tool::exit_code_for(e.kind());
    } catch (const std::bad_alloc&) {
        std::cerr << "allies-redact: error: " << input << ": out of memory\n";
        return allies::tool::exit_codes::input;
    }
    return allies::tool::exit_codes::ok;
}

int main(int argc, char** argv) {
    allies::tool::set_up_stdout();
    return allies::tool::finish_stdout(run(argc, argv), kTool);
}

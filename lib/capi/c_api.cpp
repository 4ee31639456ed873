// The C API (allies/allies.h) over the C++ library. Each entry point runs
// its work inside `guarded`, which turns every exception into a status and
// an allies_error: nothing thrown crosses into C.
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <new>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "allies/allies.h"
#include "allies/convert.hpp"
#include "allies/error.hpp"
#include "allies/html.hpp"
#include "allies/package.hpp"
#include "allies/pdf.hpp"
#include "allies/publish.hpp"
#include "allies/reader.hpp"
#include "allies/redact.hpp"

struct allies_error {
    allies_status status = ALLIES_ERROR_INTERNAL;
    std::string message, file, part;
};

struct allies_document {
    std::string name;
    std::string bytes;  // the original, for redactions (each works on its own copy)
    allies::Package package;
    allies::Document document;  // its NodeRefs point into `package`, which never moves

    allies_document(std::string display_name, std::string data)
        : name(std::move(display_name)),
          bytes(std::move(data)),
          package(allies::Package::open_memory(bytes, name)),
          document(allies::read_document(package)) {}
};

struct allies_redaction {
    allies::Package package;  // the redactor edits this copy; declared before it, destroyed after it
    std::unique_ptr<allies::Redactor> redactor;
    std::string plan_json;
    const std::string* public_docx = nullptr;  // owned by the redactor
    size_t count = 0;

    explicit allies_redaction(allies::Package p) : package(std::move(p)) {}
};

namespace {

using allies::Error;
using allies::ErrorKind;

// A failure of this layer that is no ErrorKind (a leak).
struct CFailure {
    allies_status status;
    std::string message;
};

allies_status status_of(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::io: return ALLIES_ERROR_IO;
        case ErrorKind::write_failed: return ALLIES_ERROR_WRITE_FAILED;
        case ErrorKind::not_zip: return ALLIES_ERROR_NOT_ZIP;
        case ErrorKind::legacy_doc: return ALLIES_ERROR_LEGACY_DOC;
        case ErrorKind::encrypted: return ALLIES_ERROR_ENCRYPTED;
        case ErrorKind::no_main_document: return ALLIES_ERROR_NO_MAIN_DOCUMENT;
        case ErrorKind::too_many_entries: return ALLIES_ERROR_TOO_MANY_ENTRIES;
        case ErrorKind::too_large: return ALLIES_ERROR_TOO_LARGE;
        case ErrorKind::zip_bomb: return ALLIES_ERROR_ZIP_BOMB;
        case ErrorKind::bad_entry_name: return ALLIES_ERROR_BAD_ENTRY_NAME;
        case ErrorKind::bad_xml: return ALLIES_ERROR_BAD_XML;
        case ErrorKind::xml_too_deep: return ALLIES_ERROR_XML_TOO_DEEP;
        case ErrorKind::bad_utf8: return ALLIES_ERROR_BAD_UTF8;
        case ErrorKind::bad_pdf: return ALLIES_ERROR_BAD_PDF;
        case ErrorKind::unsupported: return ALLIES_ERROR_UNSUPPORTED;
        case ErrorKind::usage: return ALLIES_ERROR_USAGE;
        case ErrorKind::policy: return ALLIES_ERROR_POLICY;
        case ErrorKind::refused: return ALLIES_ERROR_REFUSED;
        case ErrorKind::out_of_memory: return ALLIES_ERROR_OUT_OF_MEMORY;
        // Kinds of batch runs only (worker processes); no C call runs one.
        case ErrorKind::crashed:
        case ErrorKind::timed_out:
        case ErrorKind::stopped: return ALLIES_ERROR_INTERNAL;
    }
    return ALLIES_ERROR_INTERNAL;
}

allies_status fail(allies_error** error, allies_status status, const char* message, const std::string& file = {},
                   const std::string& part = {}) {
    if (error) {
        try {
            auto e = std::make_unique<allies_error>();
            e->status = status;
            e->message = message;
            e->file = file;
            e->part = part;
            *error = e.release();
        } catch (...) {
            *error = nullptr;  // no memory even for the error: the status alone says it
        }
    }
    return status;
}

template <class F>
allies_status guarded(allies_error** error, F&& work) {
    if (error) *error = nullptr;
    try {
        work();
        return ALLIES_OK;
    } catch (const Error& e) {
        return fail(error, status_of(e.kind()), e.what(), e.file(), e.part());
    } catch (const CFailure& f) {
        return fail(error, f.status, f.message.c_str());
    } catch (const std::bad_alloc&) {
        return fail(error, ALLIES_ERROR_OUT_OF_MEMORY, "out of memory");
    } catch (const std::exception& e) {
        return fail(error, ALLIES_ERROR_INTERNAL, e.what());
    } catch (...) {
        return fail(error, ALLIES_ERROR_INTERNAL, "unexpected failure");
    }
}

void require(const void* p, const char* what) {
    if (!p) throw Error(ErrorKind::usage, "", "", std::string(what) + " is NULL");
}

// A malloc'd copy with a NUL after the last byte (released by allies_free).
void give(const std::string& bytes, char** out, size_t* size) {
    char* p = static_cast<char*>(std::malloc(bytes.size() + 1));
    if (!p) throw std::bad_alloc();
    std::memcpy(p, bytes.data(), bytes.size());
    p[bytes.size()] = '\0';
    *out = p;
    if (size) *size = bytes.size();
}

bool given(const char* text) { return text && *text; }

allies::RedactOptions redact_options(const char* policy_toml, const char* roster_text) {
    allies::RedactOptions options;
    if (given(policy_toml)) options.policy = allies::Policy::from_toml(policy_toml, "<policy>");
    if (given(roster_text)) options.roster = allies::Roster::parse(roster_text, "<roster>");
    return options;
}

std::string key_path(const char* hash_key_file) {
    return given(hash_key_file) ? std::string(hash_key_file) : allies::default_hash_key_path();
}

std::vector<std::string> split_formats(const std::string& list) {
    std::vector<std::string> formats;
    std::string item;
    auto flush = [&] {
        auto b = item.find_first_not_of(" \t");
        auto e = item.find_last_not_of(" \t");
        if (b != std::string::npos) {
            std::string f = item.substr(b, e - b + 1);
            if (!allies::is_publish_format(f))
                throw Error(ErrorKind::usage, "", "", "unknown output format '" + f + "' (docx, pdf, html, md, txt)");
            formats.push_back(f);
        }
        item.clear();
    };
    for (char c : list) {
        if (c == ',') flush();
        else item += c;
    }
    flush();
    if (formats.empty()) throw Error(ErrorKind::usage, "", "", "no output format given");
    return formats;
}

std::string findings_json(const std::vector<allies::LeakFinding>& findings) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& f : findings) a.push_back({{"output", f.output}, {"where", f.where}, {"rule", f.rule}});
    return a.dump();
}

std::string leak_message(const std::string& input, const std::vector<allies::LeakFinding>& leaks) {
    std::string m = input + ": the verification found " + std::to_string(leaks.size()) +
                    (leaks.size() == 1 ? " leak" : " leaks");
    if (!leaks.empty()) m += " (first: " + leaks[0].output + ", " + leaks[0].where + ", " + leaks[0].rule + ")";
    return m;
}

std::string incomplete_message(const std::string& input, const std::vector<allies::MissingText>& missing) {
    int words = 0;
    for (const auto& m : missing) words += m.words;
    std::string m = input + ": " + std::to_string(words) + (words == 1 ? " word" : " words") +
                    " of the public document lacking in its PDF or HTML";
    if (!missing.empty()) m += " (first: " + missing[0].output + ", " + missing[0].where + ")";
    return m;
}

}  // namespace

extern "C" {

const char* allies_version(void) { return ALLIES_VERSION_STRING; }

const char* allies_status_name(allies_status status) {
    switch (status) {
        case ALLIES_OK: return "ok";
        case ALLIES_ERROR_LEAK: return "leak";
        case ALLIES_ERROR_OUT_OF_MEMORY: return "out_of_memory";
        case ALLIES_ERROR_INTERNAL: return "internal";
        case ALLIES_ERROR_INCOMPLETE: return "incomplete";
        default: break;  // the library's kinds (below), or no status
    }
    if (status >= ALLIES_ERROR_IO && status <= ALLIES_ERROR_REFUSED)
        return allies::to_string(static_cast<ErrorKind>(status - 1)).data();  // static strings
    return "unknown";
}

allies_status allies_error_status(const allies_error* error) { return error ? error->status : ALLIES_OK; }
const char* allies_error_message(const allies_error* error) { return error ? error->message.c_str() : ""; }
const char* allies_error_file(const allies_error* error) { return error ? error->file.c_str() : ""; }
const char* allies_error_part(const allies_error* error) { return error ? error->part.c_str() : ""; }
void allies_error_free(allies_error* error) { delete error; }

void allies_free(void* data) { std::free(data); }

allies_status allies_document_open_file(const char* path, allies_document** out, allies_error** error) {
    return guarded(error, [&] {
        require(path, "path");
        require(out, "out");
        std::string p(path);
        std::string bytes = allies::read_file(p);
        *out = new allies_document(p == "-" ? "<stdin>" : p, std::move(bytes));
    });
}

allies_status allies_document_open_memory(const void* data, size_t size, const char* name, allies_document** out,
                                          allies_error** error) {
    return guarded(error, [&] {
        if (size) require(data, "data");
        require(out, "out");
        std::string bytes(static_cast<const char*>(data), size);
        *out = new allies_document(name ? name : "<memory>", std::move(bytes));
    });
}

void allies_document_free(allies_document* document) { delete document; }

allies_status allies_format_from_name(const char* name, allies_format* out) {
    allies::OutputFormat f;
    if (!name || !out || !allies::parse_output_format(name, f)) return ALLIES_ERROR_USAGE;
    switch (f) {
        case allies::OutputFormat::text: *out = ALLIES_FORMAT_TEXT; break;
        case allies::OutputFormat::markdown: *out = ALLIES_FORMAT_MARKDOWN; break;
        case allies::OutputFormat::json: *out = ALLIES_FORMAT_JSON; break;
        case allies::OutputFormat::html: *out = ALLIES_FORMAT_HTML; break;
        case allies::OutputFormat::pdf: *out = ALLIES_FORMAT_PDF; break;
    }
    return ALLIES_OK;
}

allies_status allies_convert(allies_document* document, allies_format format, char** out, size_t* size,
                             allies_error** error) {
    return guarded(error, [&] {
        require(document, "document");
        require(out, "out");
        const allies::Document& doc = document->document;
        switch (format) {
            case ALLIES_FORMAT_TEXT: give(allies::to_text(doc), out, size); return;
            case ALLIES_FORMAT_MARKDOWN: give(allies::to_markdown(doc), out, size); return;
            case ALLIES_FORMAT_JSON: give(allies::to_json(doc), out, size); return;
            case ALLIES_FORMAT_HTML: give(allies::to_html(doc, document->package).html, out, size); return;
            case ALLIES_FORMAT_PDF: give(allies::to_pdf(doc, document->package), out, size); return;
            case ALLIES_FORMAT_INT_RANGE_: break;
        }
        throw Error(ErrorKind::usage, document->name, "", "unknown output format " + std::to_string(int(format)));
    });
}

allies_status allies_redact(const allies_document* document, const char* policy_toml, const char* roster_text,
                            allies_redaction** out, allies_error** error) {
    return guarded(error, [&] {
        require(document, "document");
        require(out, "out");
        allies::RedactOptions options = redact_options(policy_toml, roster_text);
        const allies::Policy policy = options.policy;
        auto r = std::make_unique<allies_redaction>(allies::Package::open_memory(document->bytes, document->name));
        r->redactor = std::make_unique<allies::Redactor>(r->package, std::move(options));
        r->redactor->find();
        r->redactor->apply();  // throws refused when the self-check is not clean
        const allies::RedactionPlan& plan = r->redactor->find();
        r->plan_json = allies::plan_to_json(plan, document->name, policy);
        for (const auto& [rule, n] : plan.count_by_rule())
            if (rule != "sanitise") r->count += static_cast<size_t>(n);
        r->public_docx = &r->redactor->public_bytes();
        *out = r.release();
    });
}

allies_status allies_redaction_plan_json(const allies_redaction* redaction, char** out, size_t* size,
                                         allies_error** error) {
    return guarded(error, [&] {
        require(redaction, "redaction");
        require(out, "out");
        give(redaction->plan_json, out, size);
    });
}

allies_status allies_redaction_public_docx(const allies_redaction* redaction, char** out, size_t* size,
                                           allies_error** error) {
    return guarded(error, [&] {
        require(redaction, "redaction");
        require(out, "out");
        give(*redaction->public_docx, out, size);
    });
}

size_t allies_redaction_count(const allies_redaction* redaction) { return redaction ? redaction->count : 0; }

void allies_redaction_free(allies_redaction* redaction) { delete redaction; }

allies_status allies_publish(const char* input_path, const char* out_dir, const char* formats, const char* policy_toml,
                             const char* roster_text, const char* hash_key_file, char** result_json, size_t* size,
                             allies_error** error) {
    return guarded(error, [&] {
        namespace fs = std::filesystem;
        require(input_path, "input_path");
        require(out_dir, "out_dir");
        require(result_json, "result_json");
        const std::string input(input_path);
        if (input == "-" || input.empty())
            throw Error(ErrorKind::usage, input, "", "publishing needs an input file (its name names the outputs)");
        allies::PublishOptions options;
        options.redact = redact_options(policy_toml, roster_text);
        if (formats) options.formats = split_formats(formats);
        options.hash_key = allies::load_or_create_hash_key(key_path(hash_key_file));
        const std::string stem = fs::path(input).stem().string();

        const fs::path outdir(out_dir);
        std::error_code ec;
        fs::create_directories(outdir, ec);
        if (ec) throw Error(ErrorKind::write_failed, outdir.string(), "", "cannot create folder: " + ec.message());
        // Staged inside the output folder, private (mkdtemp: mode 0700), and
        // renamed into place once verified.
        std::string tmpl = (outdir / ".allies-staging-XXXXXX").string();
        if (!::mkdtemp(tmpl.data()))
            throw Error(ErrorKind::write_failed, outdir.string(), "",
                        std::string("cannot create a staging folder: ") + std::strerror(errno));
        const fs::path staging(tmpl);
        struct Cleanup {
            const fs::path& dir;
            ~Cleanup() {
                std::error_code ignored;
                fs::remove_all(dir, ignored);
            }
        } cleanup{staging};

        allies::DocumentResult result = allies::publish_document(input, stem, staging.string(), options);
        if (result.status == allies::DocStatus::incomplete) {
            give(allies::document_json_line(result), result_json, size);
            throw CFailure{ALLIES_ERROR_INCOMPLETE, incomplete_message(input, result.missing)};
        }
        if (result.status != allies::DocStatus::published) {
            give(allies::document_json_line(result), result_json, size);
            throw CFailure{ALLIES_ERROR_LEAK, leak_message(input, result.leaks)};
        }
        for (const auto& f : result.outputs) {
            fs::rename(staging / f.path, outdir / f.path, ec);
            if (ec)
                throw Error(ErrorKind::write_failed, (outdir / f.path).string(), "", "cannot move into place: " + ec.message());
        }
        give(allies::document_json_line(result), result_json, size);
    });
}

allies_status allies_verify(const char* const* files, size_t count, const char* report_path, const char* hash_key_file,
                            char** findings_out, size_t* size, allies_error** error) {
    return guarded(error, [&] {
        if (count) require(files, "files");
        require(report_path, "report_path");
        require(findings_out, "findings_json");
        std::vector<std::string> paths;
        for (size_t i = 0; i < count; ++i) {
            require(files[i], "a file name");
            paths.emplace_back(files[i]);
        }
        if (paths.empty()) throw Error(ErrorKind::usage, report_path, "", "no files to verify");
        const std::string key = allies::load_hash_key(key_path(hash_key_file));
        auto findings = allies::verify_files(paths, report_path, key);
        give(findings_json(findings), findings_out, size);
        if (!findings.empty()) throw CFailure{ALLIES_ERROR_LEAK, leak_message(report_path, findings)};
    });
}

}  // extern "C"

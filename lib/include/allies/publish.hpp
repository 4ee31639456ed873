// Publishing: redact -> write the public DOCX -> convert the public DOCX
// (never the original), checking that no PDF or HTML lost words of it ->
// read every output back and search it for what was redacted -> only then
// move the outputs into the public folder. For one
// document (publish_document, in this thread) or thousands (publish_batch,
// with a manifest; each document in this thread one after another, or in
// worker processes when the caller asks for allies::ProcessPool).
//
//   allies::PublishOptions o;  o.redact.roster = allies::Roster::load("roster.txt");
//   o.hash_key = allies::load_or_create_hash_key(allies::default_hash_key_path());
//   auto inputs = allies::collect_inputs({"notes/"});
//   auto run = allies::publish_batch(inputs, "public/", o, {});
//   // run.documents[i].status, .outputs, .leaks, .missing;  public/manifest.json written
//
// Everything throws allies::Error for whole-run problems (bad options, an
// output folder that cannot be written); a problem with one document is
// recorded in its result and never stops the others. The library never
// forks, installs signal handlers or exits unless the caller hands
// publish_batch a ProcessPool (allies/process_pool.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "allies/error.hpp"
#include "allies/export.hpp"
#include "allies/package.hpp"
#include "allies/pdf.hpp"
#include "allies/redact.hpp"

namespace allies {

struct PublishOptions {
    RedactOptions redact;                             // policy, roster, pseudonym key
    std::vector<std::string> formats{"docx", "pdf"};  // any of docx, pdf, html, md, txt
    PdfConvertOptions pdf;
    Limits limits;
    // Secret key of the report's hashes (see load_or_create_hash_key). Keep
    // it out of the public folder: with it, a report's hashes can be tested
    // against guesses.
    std::string hash_key;
    // Non-empty: a review PDF of the original, every redacted span
    // highlighted and labelled, is written here as STEM.review.pdf.
    std::string review_dir;
    // Every PDF and HTML must show every word the public DOCX shows
    // (allies/completeness.hpp). false (default): a document whose PDF or
    // HTML lacks words is not published (DocStatus::incomplete); true: it is
    // published, the places still recorded in DocumentResult::missing.
    bool allow_incomplete = false;
    // Test hook only: changes the public DOCX after the redaction's own
    // self-check and before it is written, so tests can prove that the
    // independent verification catches what redaction missed.
    std::function<void(std::string& docx, const RedactionPlan& plan)> tamper_for_tests;
};

// What the tool writes: format names accepted by --formats.
ALLIES_API bool is_publish_format(const std::string& format);

struct PublishedFile {
    std::string format;  // docx, pdf, html, md, txt, report
    std::string path;    // relative to the output folder
    std::string sha256;
    std::uint64_t size = 0;
};

struct LeakFinding {
    std::string output;  // relative path of the output
    std::string where;   // "page 3", "word/document.xml paragraph 12", "metadata", ...
    std::string rule;    // "name (person 2)", "region (M4 financial)", "pattern (email)", "marker"
};

// Words of the public document's visible text that a PDF or HTML lacks:
// the paragraph and how many, never the words (the manifest is public).
struct MissingText {
    std::string output;  // relative path of the PDF or HTML
    std::string where;   // "word/document.xml paragraph 12", "word/footer1.xml paragraph 1"
    int words = 0;
};

enum class DocStatus {
    published,  // verified clean and moved into the output folder
    unchanged,  // --incremental: already published from the same input, policy and version
    failed,     // the input could not be read or converted
    refused,    // redaction refused (unclosed marker, self-check): nothing published
    leak,       // the independent verification found redacted content: nothing published
    incomplete  // clean, but a PDF or HTML lacks words the public DOCX shows: nothing published
};
ALLIES_API std::string_view to_string(DocStatus status);

struct DocumentResult {
    std::string input;         // as given (directory inputs: the path found)
    std::string stem;          // output path without extension, relative to the output folder
    bool renamed = false;      // the stem is the input's name with people's names replaced
    std::string input_sha256;
    DocStatus status = DocStatus::failed;
    std::string error;         // one line, for failed and refused
    ErrorKind error_kind = ErrorKind::io;  // for failed and refused: what kind of failure
    std::string policy_hash, version, key_id;
    std::vector<std::string> formats;
    std::vector<PublishedFile> outputs;  // including the report
    std::string review;                  // review PDF path, when asked for
    int redactions = 0;
    std::map<std::string, int> by_rule, by_category;
    int removed_parts = 0;
    int unlisted = 0;                    // possible people on no roster (policy names.unlisted = "warn")
    std::vector<LeakFinding> leaks;
    // The completeness check of the PDF and HTML: whether it ran (false: no
    // PDF or HTML asked for, the document failed earlier, or an earlier
    // version published it) and what each output lacks.
    bool completeness_checked = false;
    std::vector<MissingText> missing;
    // Measured (not in the manifest, which must be byte-identical on reruns).
    double seconds = 0, verify_seconds = 0;
    long peak_rss_kb = 0;
};

// One document, redacted, converted and verified in `staging_dir` (created
// if needed): STEM.docx, STEM.pdf, ..., STEM.report.json. Nothing is moved;
// on a leak or an incomplete output the staged files are still there for
// the caller to delete.
// Throws allies::Error for an unreadable input or a refused redaction.
ALLIES_API DocumentResult publish_document(const std::string& input, const std::string& stem,
                                           const std::string& staging_dir, const PublishOptions& options);

struct BatchInput {
    std::string path;  // file to read
    std::string stem;  // output path without extension, relative to the output folder
    bool renamed = false;  // the stem had people's names replaced (use_public_output_names)
};
// A file found in an input folder that is not published, and why
// ("Word 97-2003 document: save it as .docx", "Word lock file", ...).
struct SkippedFile {
    std::string path;
    std::string reason;
};

// Files as given; directories searched recursively for *.docx and *.docm,
// in sorted order. Everything else found in a folder (a .doc, a template,
// Word's "~$" lock files, hidden files and folders) is listed in `skipped`
// (when given) with the reason. A folder holding no document at all is an
// error (usage): a mistyped or emptied folder must not "publish nothing"
// and succeed.
// Stems keep the path below a directory argument, so two "minutes.docx" in
// different folders do not collide; a collision left over is an error.
// Files found inside `skip_dir` (the output folder, when it lies inside an
// input folder) are not inputs: published files are never republished.
// With `base`, a file given directly (or listed by --files-from) that lies
// under `base` keeps its path below it as its output name, as files found
// in a folder do; otherwise it is published under its own file name.
ALLIES_API std::vector<BatchInput> collect_inputs(const std::vector<std::string>& paths,
                                                  const std::string& skip_dir = {}, const std::string& base = {},
                                                  std::vector<SkippedFile>* skipped = nullptr);

// An output path without the names of `people`: each word of a person's
// name or alias (titles aside, two letters or more), in any case and with or
// without diacritics, in any folder or file name of `stem`, becomes "name"
// ("HR/Okafor, Tom/2024-06-11 okafor hearing" -> "HR/name, name/2024-06-11
// name hearing").
ALLIES_API std::string public_output_name(const std::string& stem, const std::vector<Person>& people);
// Gives every input its public output name; names that then coincide are
// numbered ("name notes (2)") in input order. Sets BatchInput::renamed.
ALLIES_API void use_public_output_names(std::vector<BatchInput>& inputs, const std::vector<Person>& people);

// Where publish_batch runs each document. The batch keeps everything
// around it (staging, moving verified files into place, withdrawing old
// ones, the manifest); a runner only runs publish_document and hands the
// result back. The default (no runner given) runs each document in the
// caller's thread, one after another. allies::ProcessPool
// (allies/process_pool.hpp) runs them in worker processes.
class ALLIES_API DocumentRunner {
public:
    virtual ~DocumentRunner();
    // How many documents may run at once (at least 1).
    virtual std::size_t slots() const = 0;
    // Begins publish_document(input.path, input.stem, staging, options);
    // `id` comes back with the result.
    virtual void start(std::size_t id, const BatchInput& input, const std::string& staging,
                       const PublishOptions& options) = 0;
    // Results of documents finished since the last call, waiting up to
    // `wait_ms` milliseconds when none has finished yet.
    virtual std::vector<std::pair<std::size_t, DocumentResult>> finished(int wait_ms) = 0;
    // Stops every running document; each comes back from finished() as
    // failed with ErrorKind::stopped.
    virtual void stop_all() = 0;
};

struct BatchOptions {
    DocumentRunner* runner = nullptr;  // not owned; null = in this thread, one after another
    bool fail_fast = false;    // stop at the first document not published
    bool incremental = false;  // skip inputs the manifest shows as published from the same bytes and settings
    std::string manifest_path;     // "" = OUTDIR/manifest.json (workers sharing one OUTDIR each write their own)
    // Where documents are staged before they are verified. "" = a folder
    // beside OUTDIR (same file system: moving in is a rename), or, when
    // OUTDIR's parent cannot be written, one in the system's temporary
    // folder; either way mode 0700 and never inside OUTDIR, so the public
    // folder's readers never see an unverified file.
    std::string staging_dir;
    // Asked between documents and while waiting: true stops the run (the
    // caller's SIGINT handler, say). Verified documents stay published, the
    // manifest is written, BatchRun::interrupted is set.
    std::function<bool()> stop_requested;
    std::function<void(const BatchInput&)> on_start;
    std::function<void(const DocumentResult&, std::size_t done, std::size_t total)> on_result;
};

struct BatchRun {
    std::vector<DocumentResult> documents;  // in the order they finished
    std::size_t not_started = 0;            // left over after fail_fast (or stop_requested) stopped the run
    bool interrupted = false;               // stop_requested said so: workers stopped, manifest written
};

// Publishes every input into `outdir` and writes outdir/manifest.json.
// Files are staged outside `outdir` (see BatchOptions::staging_dir). Outputs an
// earlier run published under a name that this run does not publish again
// (the document now fails or leaks, or a format was dropped) are removed.
ALLIES_API BatchRun publish_batch(const std::vector<BatchInput>& inputs, const std::string& outdir,
                                  const PublishOptions& options, const BatchOptions& batch);

// One line of JSON for a finished document (allies-publish --json): the
// manifest entry plus time, verification time, peak memory and review path.
ALLIES_API std::string document_json_line(const DocumentResult& result);

// Manifest (schemas/manifest.schema.json).
ALLIES_API std::string manifest_json(const std::vector<DocumentResult>& documents);
ALLIES_API std::vector<DocumentResult> read_manifest(const std::string& path);
// Combines the manifests of several workers into one; the same input
// published twice with different results is an error (usage).
ALLIES_API std::string merge_manifests(const std::vector<std::string>& paths);

// The report's hashes are keyed. The default key file is
// $ALLIES_HASH_KEY_FILE, else $XDG_CONFIG_HOME/allies/hash-key (else
// ~/.config/allies/hash-key); it is created with 32 random bytes, mode 0600,
// the first time it is needed.
ALLIES_API std::string default_hash_key_path();
ALLIES_API std::string load_or_create_hash_key(const std::string& path);
ALLIES_API std::string load_hash_key(const std::string& path);

// --verify-only: checks files (DOCX, PDF, HTML, text) against a report
// written by publish_document. Throws Error(usage) when the key is not the
// one the report was made with.
ALLIES_API std::vector<LeakFinding> verify_files(const std::vector<std::string>& files,
                                                 const std::string& report_path, const std::string& hash_key);

}  // namespace allies

/* allies C API: the library's face for C and for other languages (the
 * Python binding in bindings/python uses it through ctypes).
 *
 * Conventions:
 * - Strings in and out are UTF-8 and NUL-terminated. Byte buffers returned
 *   (DOCX, PDF, JSON, text) are allocated by the library, carry their size
 *   and an extra NUL after the last byte (so text can be used as a C
 *   string), and are released with allies_free().
 * - Handles are opaque and released with their own _free function; every
 *   _free function accepts NULL.
 * - Every function that can fail returns an allies_status: ALLIES_OK (0) on
 *   success, else the kind of the failure. When `error` is not NULL, a
 *   failure also stores an allies_error there (kind, one-line message, file
 *   and part) that the caller releases with allies_error_free(); on success
 *   *error is set to NULL. Out-parameters are left untouched on failure,
 *   except where a function says otherwise.
 * - No C++ exception crosses this interface and nothing is printed. A
 *   handle may be used by one thread at a time; different handles may be
 *   used from different threads.
 *
 *   allies_document* doc = NULL;
 *   allies_error* err = NULL;
 *   if (allies_document_open_file("notes.docx", &doc, &err) != ALLIES_OK) {
 *       fprintf(stderr, "error: %s\n", allies_error_message(err));
 *       allies_error_free(err);
 *       return 1;
 *   }
 *   char* text; size_t size;
 *   if (allies_convert(doc, ALLIES_FORMAT_TEXT, &text, &size, &err) == ALLIES_OK) {
 *       fwrite(text, 1, size, stdout);
 *       allies_free(text);
 *   }
 *   allies_document_free(doc);
 */
#ifndef ALLIES_ALLIES_H
#define ALLIES_ALLIES_H

#include <stddef.h>

/* ALLIES_VERSION_MAJOR/MINOR/PATCH/STRING: preprocessor definitions only. */
#include "allies/version.hpp"

#if defined(__GNUC__)
#define ALLIES_C_API __attribute__((visibility("default")))
#else
#define ALLIES_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The kinds of failure. 1-18 are the library's error kinds (allies::ErrorKind,
 * in its order); the numbers are stable. */
typedef enum allies_status {
    ALLIES_OK = 0,
    ALLIES_ERROR_IO = 1,                /* cannot read an input file */
    ALLIES_ERROR_WRITE_FAILED = 2,      /* cannot write an output file */
    ALLIES_ERROR_NOT_ZIP = 3,           /* input is not a zip archive (or is truncated) */
    ALLIES_ERROR_LEGACY_DOC = 4,        /* a Word 97-2003 .doc */
    ALLIES_ERROR_ENCRYPTED = 5,         /* a password-protected document */
    ALLIES_ERROR_NO_MAIN_DOCUMENT = 6,  /* no main document part */
    ALLIES_ERROR_TOO_MANY_ENTRIES = 7,  /* more zip entries than the limit */
    ALLIES_ERROR_TOO_LARGE = 8,         /* uncompressed size over the limits */
    ALLIES_ERROR_ZIP_BOMB = 9,          /* compression ratio over the limit */
    ALLIES_ERROR_BAD_ENTRY_NAME = 10,   /* "..", absolute or duplicate zip entry name */
    ALLIES_ERROR_BAD_XML = 11,          /* an XML part that is not well formed */
    ALLIES_ERROR_XML_TOO_DEEP = 12,     /* element nesting over the limit */
    ALLIES_ERROR_BAD_UTF8 = 13,         /* an XML part that is not valid UTF-8 */
    ALLIES_ERROR_BAD_PDF = 14,          /* a PDF given to be checked cannot be read */
    ALLIES_ERROR_UNSUPPORTED = 15,      /* a valid package this version cannot handle safely */
    ALLIES_ERROR_USAGE = 16,            /* caller error: NULL argument, unknown format, wrong key */
    ALLIES_ERROR_POLICY = 17,           /* invalid policy TOML or roster text */
    ALLIES_ERROR_REFUSED = 18,          /* fail closed: cannot be sure sensitive content is gone */
    ALLIES_ERROR_LEAK = 19,             /* verification found redacted content in an output */
    ALLIES_ERROR_OUT_OF_MEMORY = 20,    /* an allocation failed */
    ALLIES_ERROR_INTERNAL = 21,         /* an unexpected failure inside the library (a bug) */
    ALLIES_ERROR_INCOMPLETE = 22,       /* a PDF or HTML lacks words the public DOCX shows */
    /* Not a status: makes the type as wide as an int, so any int a caller
     * passes (or a later version returns) is a valid value of it. */
    ALLIES_STATUS_INT_RANGE_ = 0x7fffffff
} allies_status;

/* Output formats of allies_convert. */
typedef enum allies_format {
    ALLIES_FORMAT_TEXT = 0,      /* plain text, UTF-8 */
    ALLIES_FORMAT_MARKDOWN = 1,  /* CommonMark with pipe tables */
    ALLIES_FORMAT_JSON = 2,      /* the document model (schemas/document.schema.json) */
    ALLIES_FORMAT_HTML = 3,      /* one self-contained HTML5 file (images as data: URIs) */
    ALLIES_FORMAT_PDF = 4,       /* tagged PDF laid out by allies, fonts embedded */
    ALLIES_FORMAT_INT_RANGE_ = 0x7fffffff /* not a format (as for allies_status) */
} allies_format;

typedef struct allies_error allies_error;
typedef struct allies_document allies_document;
typedef struct allies_redaction allies_redaction;

/* The library's version, "MAJOR.MINOR.PATCH" (may differ from the
 * ALLIES_VERSION_STRING a program was compiled with). */
ALLIES_C_API const char* allies_version(void);
/* A status's stable name: "ok", "io", "not_zip", ..., "leak",
 * "out_of_memory", "internal", "incomplete"; "unknown" for any other value. */
ALLIES_C_API const char* allies_status_name(allies_status status);

/* Errors. The strings belong to the error and live until allies_error_free. */
ALLIES_C_API allies_status allies_error_status(const allies_error* error);
/* One line: "FILE: PART: MESSAGE" (file and part when known). */
ALLIES_C_API const char* allies_error_message(const allies_error* error);
ALLIES_C_API const char* allies_error_file(const allies_error* error); /* "" when none */
ALLIES_C_API const char* allies_error_part(const allies_error* error); /* "" when none */
ALLIES_C_API void allies_error_free(allies_error* error);

/* Releases a buffer returned by this library. */
ALLIES_C_API void allies_free(void* data);

/* Opens a DOCX (or DOCM) safely into memory with the default limits (see
 * allies/package.hpp): zip entries, sizes, compression ratio, XML depth.
 * `path` "-" reads standard input. The document is read once, here: a
 * malformed package fails now, not at the first conversion. */
ALLIES_C_API allies_status allies_document_open_file(const char* path, allies_document** out,
                                                     allies_error** error);
/* The same from bytes in memory (copied). `name` names the document in
 * error messages and reports; NULL gives "<memory>". */
ALLIES_C_API allies_status allies_document_open_memory(const void* data, size_t size, const char* name,
                                                       allies_document** out, allies_error** error);
ALLIES_C_API void allies_document_free(allies_document* document);

/* Converts the document as Word displays it (tracked changes accepted,
 * comments and hidden text left out). Output is deterministic: PDF dates
 * come from SOURCE_DATE_EPOCH, else 1980-01-01. PDF fails with
 * ALLIES_ERROR_UNSUPPORTED when no usable font is installed. */
ALLIES_C_API allies_status allies_convert(allies_document* document, allies_format format, char** out,
                                          size_t* size, allies_error** error);
/* "text"/"txt", "markdown"/"md", "json", "html"/"htm", "pdf" (case
 * sensitive); ALLIES_ERROR_USAGE for any other name. */
ALLIES_C_API allies_status allies_format_from_name(const char* name, allies_format* out);

/* Finds and applies the redactions of `document` (which is not changed):
 * `policy_toml` is a policy file's text (NULL or "" = the default policy),
 * `roster_text` a roster file's text, one person per line (NULL or "" = no
 * roster). The result has passed the library's self-check; a document that
 * cannot be redacted with certainty fails with ALLIES_ERROR_REFUSED. */
ALLIES_C_API allies_status allies_redact(const allies_document* document, const char* policy_toml,
                                         const char* roster_text, allies_redaction** out,
                                         allies_error** error);
/* The plan as the JSON report of allies-redact --report
 * (schemas/report.schema.json): counts, rules, places, masked contexts;
 * never the redacted text. */
ALLIES_C_API allies_status allies_redaction_plan_json(const allies_redaction* redaction, char** out,
                                                      size_t* size, allies_error** error);
/* The public DOCX, exactly as the self-check verified it. */
ALLIES_C_API allies_status allies_redaction_public_docx(const allies_redaction* redaction, char** out,
                                                        size_t* size, allies_error** error);
/* The number of redactions (hits of every rule but "sanitise"). */
ALLIES_C_API size_t allies_redaction_count(const allies_redaction* redaction);
ALLIES_C_API void allies_redaction_free(allies_redaction* redaction);

/* Publishes one document as allies-publish does: redact, write the public
 * DOCX, convert it (never the original) to the other formats, read every
 * written file back and search it for what was redacted, and only then move
 * STEM.docx, STEM.pdf, ..., STEM.report.json into `out_dir` (created if
 * needed; STEM is the input's file name without its extension). Files are
 * staged in a private (mode 0700) folder inside `out_dir` and renamed into
 * place, so unverified files are never visible there.
 *   formats        comma-separated: docx, pdf, html, md, txt (NULL = "docx,pdf")
 *   policy_toml    NULL or "" = the default policy
 *   roster_text    NULL or "" = no roster
 *   hash_key_file  the report's HMAC key (NULL = $ALLIES_HASH_KEY_FILE, else
 *                  ~/.config/allies/hash-key; created when missing)
 * *result_json receives the document's manifest entry (one JSON object:
 * status, outputs with SHA-256 and size, counts, leaks). When the
 * verification finds redacted content, nothing is published, the status is
 * ALLIES_ERROR_LEAK and *result_json is set too (its "leaks" name the
 * output, place and rule, never the text). When a PDF or HTML lacks words
 * the public DOCX shows, nothing is published either: the status is
 * ALLIES_ERROR_INCOMPLETE and *result_json's "completeness" names the
 * output, paragraph and number of words, never the words. */
ALLIES_C_API allies_status allies_publish(const char* input_path, const char* out_dir, const char* formats,
                                          const char* policy_toml, const char* roster_text,
                                          const char* hash_key_file, char** result_json, size_t* size,
                                          allies_error** error);

/* Checks published files (DOCX, PDF, HTML, Markdown, text) against the
 * STEM.report.json written when they were published, with the key it was
 * made with (hash_key_file as for allies_publish; a different key is
 * ALLIES_ERROR_USAGE). *findings_json receives a JSON array of findings
 * ({"output", "where", "rule"}; empty when clean). Returns ALLIES_OK when
 * clean, ALLIES_ERROR_LEAK (with *findings_json set) when not. */
ALLIES_C_API allies_status allies_verify(const char* const* files, size_t count, const char* report_path,
                                         const char* hash_key_file, char** findings_json, size_t* size,
                                         allies_error** error);

#ifdef __cplusplus
}
#endif

#endif /* ALLIES_ALLIES_H */

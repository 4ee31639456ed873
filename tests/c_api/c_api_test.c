/* The C API from C, linked against the shared library as an integrator
 * links it: open, convert to every format, redact with a roster, the plan,
 * the public DOCX read back, publish into a folder, verify (clean and
 * leaking), and every kind of failure returned as a status with a message.
 * Usage: c_api_test SOURCE_DIR SCRATCH_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include "allies/allies.h"

static int failures = 0;
#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            ++failures;                                                      \
        }                                                                    \
    } while (0)

static char* read_all(const char* path, size_t* size) {
    FILE* f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char* p = malloc((size_t)n + 1);
    if (fread(p, 1, (size_t)n, f) != (size_t)n) { free(p); fclose(f); return NULL; }
    p[n] = '\0';
    fclose(f);
    if (size) *size = (size_t)n;
    return p;
}

static int exists(const char* path) {
    struct stat st;
    return stat(path, &st) == 0;
}

int main(int argc, char** argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: c_api_test SOURCE_DIR SCRATCH_DIR\n");
        return 2;
    }
    char sample[4096], roster_path[4096], scratch[1024], key[2048], path[4096];
    if (strlen(argv[2]) > 900) {
        fprintf(stderr, "c_api_test: scratch path too long\n");
        return 2;
    }
    snprintf(sample, sizeof sample, "%s/samples/meeting-notes.docx", argv[1]);
    snprintf(roster_path, sizeof roster_path, "%s/samples/roster.txt", argv[1]);
    snprintf(scratch, sizeof scratch, "%s", argv[2]);
    snprintf(key, sizeof key, "%s/hash-key", scratch);
    mkdir(scratch, 0700);
    unlink(key);
    char* roster = read_all(roster_path, NULL);
    CHECK(roster != NULL);

    /* Version: the library's is the header's. */
    CHECK(strcmp(allies_version(), ALLIES_VERSION_STRING) == 0);
    CHECK(ALLIES_VERSION_NUMBER == ALLIES_VERSION_MAJOR * 10000 + ALLIES_VERSION_MINOR * 100 + ALLIES_VERSION_PATCH);
    CHECK(strcmp(allies_status_name(ALLIES_OK), "ok") == 0);
    CHECK(strcmp(allies_status_name(ALLIES_ERROR_NOT_ZIP), "not_zip") == 0);
    CHECK(strcmp(allies_status_name(ALLIES_ERROR_REFUSED), "refused") == 0);
    CHECK(strcmp(allies_status_name(ALLIES_ERROR_LEAK), "leak") == 0);
    CHECK(strcmp(allies_status_name(ALLIES_ERROR_INCOMPLETE), "incomplete") == 0);
    CHECK(strcmp(allies_status_name((allies_status)999), "unknown") == 0);

    /* Open and convert to every format. */
    allies_error* err = NULL;
    allies_document* doc = NULL;
    CHECK(allies_document_open_file(sample, &doc, &err) == ALLIES_OK);
    CHECK(err == NULL && doc != NULL);
    char* out = NULL;
    size_t size = 0;
    CHECK(allies_convert(doc, ALLIES_FORMAT_TEXT, &out, &size, &err) == ALLIES_OK);
    CHECK(out && size > 100 && strlen(out) == size);
    CHECK(out && strstr(out, "Laura Bennett") != NULL); /* the original: names still there */
    allies_free(out);
    const allies_format formats[] = {ALLIES_FORMAT_MARKDOWN, ALLIES_FORMAT_JSON, ALLIES_FORMAT_HTML, ALLIES_FORMAT_PDF};
    const char* starts[] = {"", "{", "<!DOCTYPE html>", "%PDF-"};
    for (int i = 0; i < 4; ++i) {
        out = NULL;
        CHECK(allies_convert(doc, formats[i], &out, &size, &err) == ALLIES_OK);
        CHECK(out && size > 0 && strncmp(out, starts[i], strlen(starts[i])) == 0);
        allies_free(out);
    }
    allies_format f;
    CHECK(allies_format_from_name("md", &f) == ALLIES_OK && f == ALLIES_FORMAT_MARKDOWN);
    CHECK(allies_format_from_name("docx", &f) == ALLIES_ERROR_USAGE);
    out = NULL;
    CHECK(allies_convert(doc, (allies_format)42, &out, &size, &err) == ALLIES_ERROR_USAGE);
    CHECK(out == NULL && err && allies_error_status(err) == ALLIES_ERROR_USAGE);
    allies_error_free(err);

    /* Redact with the roster: names gone from the public DOCX. */
    allies_redaction* red = NULL;
    CHECK(allies_redact(doc, NULL, roster, &red, &err) == ALLIES_OK);
    CHECK(red && allies_redaction_count(red) > 10);
    char* plan = NULL;
    CHECK(allies_redaction_plan_json(red, &plan, &size, &err) == ALLIES_OK);
    CHECK(plan && strstr(plan, "\"tool\": \"allies-redact\"") && strstr(plan, "\"M4\""));
    CHECK(plan && strstr(plan, "Laura Bennett") == NULL); /* never the redacted text */
    allies_free(plan);
    char* docx = NULL;
    size_t docx_size = 0;
    CHECK(allies_redaction_public_docx(red, &docx, &docx_size, &err) == ALLIES_OK);
    CHECK(docx && docx_size > 1000 && docx[0] == 'P' && docx[1] == 'K');
    allies_document* pub = NULL;
    CHECK(allies_document_open_memory(docx, docx_size, "public.docx", &pub, &err) == ALLIES_OK);
    out = NULL;
    CHECK(allies_convert(pub, ALLIES_FORMAT_TEXT, &out, &size, &err) == ALLIES_OK);
    CHECK(out && strstr(out, "Bennett") == NULL && strstr(out, "Okafor") == NULL && strstr(out, "[name]"));
    allies_free(out);
    allies_document_free(pub);
    allies_free(docx);
    allies_redaction_free(red);

    /* A policy that does not parse: a policy error, with the place. */
    red = NULL;
    CHECK(allies_redact(doc, "[markers\ntext_marker = ", NULL, &red, &err) == ALLIES_ERROR_POLICY);
    CHECK(red == NULL && err && strlen(allies_error_message(err)) > 0);
    CHECK(err && strcmp(allies_error_file(err), "<policy>") == 0);
    allies_error_free(err);
    allies_document_free(doc);

    /* Failures: not a zip, a missing file, NULL arguments; err may be NULL. */
    doc = NULL;
    CHECK(allies_document_open_memory("hello", 5, "hello.docx", &doc, &err) == ALLIES_ERROR_NOT_ZIP);
    CHECK(doc == NULL && err && allies_error_status(err) == ALLIES_ERROR_NOT_ZIP);
    CHECK(err && strstr(allies_error_message(err), "hello.docx") != NULL);
    allies_error_free(err);
    CHECK(allies_document_open_file("/nonexistent/notes.docx", &doc, &err) == ALLIES_ERROR_IO);
    allies_error_free(err);
    CHECK(allies_document_open_file(NULL, &doc, &err) == ALLIES_ERROR_USAGE);
    allies_error_free(err);
    CHECK(allies_document_open_file(sample, NULL, NULL) == ALLIES_ERROR_USAGE);
    CHECK(allies_convert(NULL, ALLIES_FORMAT_TEXT, &out, &size, NULL) == ALLIES_ERROR_USAGE);
    allies_document_free(NULL);
    allies_redaction_free(NULL);
    allies_error_free(NULL);
    allies_free(NULL);

    /* Publish: verified outputs moved into the folder, nothing staged left. */
    char outdir[2048];
    snprintf(outdir, sizeof outdir, "%s/public", scratch);
    char* result = NULL;
    CHECK(allies_publish(sample, outdir, "docx,pdf,txt", NULL, roster, key, &result, &size, &err) == ALLIES_OK);
    if (err) fprintf(stderr, "publish: %s\n", allies_error_message(err));
    CHECK(result && strstr(result, "\"status\":\"published\""));
    allies_free(result);
    const char* exts[] = {"docx", "pdf", "txt", "report.json"};
    for (int i = 0; i < 4; ++i) {
        snprintf(path, sizeof path, "%s/meeting-notes.%s", outdir, exts[i]);
        CHECK(exists(path));
    }
    DIR* d = opendir(outdir);
    int entries = 0;
    for (struct dirent* e; d && (e = readdir(d));)
        if (e->d_name[0] != '.' || strncmp(e->d_name, ".allies-staging", 15) == 0) ++entries;
    if (d) closedir(d);
    CHECK(entries == 4);
    CHECK(allies_publish(sample, outdir, "docx,odt", NULL, roster, key, &result, &size, &err) == ALLIES_ERROR_USAGE);
    allies_error_free(err);

    /* Verify: the published files are clean; a file naming a person leaks. */
    char report[4096], f_docx[4096], f_pdf[4096], f_leak[4096];
    snprintf(report, sizeof report, "%s/meeting-notes.report.json", outdir);
    snprintf(f_docx, sizeof f_docx, "%s/meeting-notes.docx", outdir);
    snprintf(f_pdf, sizeof f_pdf, "%s/meeting-notes.pdf", outdir);
    const char* files[] = {f_docx, f_pdf};
    char* findings = NULL;
    CHECK(allies_verify(files, 2, report, key, &findings, &size, &err) == ALLIES_OK);
    CHECK(findings && strcmp(findings, "[]") == 0);
    allies_free(findings);
    snprintf(f_leak, sizeof f_leak, "%s/leak.txt", scratch);
    FILE* lf = fopen(f_leak, "w");
    fputs("Minutes taken by Tom Okafor.\n", lf);
    fclose(lf);
    const char* leaky[] = {f_leak};
    findings = NULL;
    CHECK(allies_verify(leaky, 1, report, key, &findings, &size, &err) == ALLIES_ERROR_LEAK);
    CHECK(findings && strstr(findings, "\"rule\"") && strstr(findings, "Okafor") == NULL);
    CHECK(err && allies_error_status(err) == ALLIES_ERROR_LEAK);
    allies_free(findings);
    allies_error_free(err);

    free(roster);
    if (failures) {
        fprintf(stderr, "%d checks failed\n", failures);
        return 1;
    }
    printf("c_api_test: all checks passed\n");
    return 0;
}

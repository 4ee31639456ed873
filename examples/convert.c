/* An integrator's C program: convert a DOCX to text, Markdown, JSON, HTML
 * or PDF through the C API. Built against an installed allies by CMake
 * (find_package, see CMakeLists.txt) or by pkg-config:
 *   cc -std=c11 convert.c $(pkg-config --cflags --libs allies)
 * Usage: convert IN.docx FORMAT OUT */
#include <allies/allies.h>
#include <stdio.h>

int main(int argc, char** argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: convert IN.docx text|markdown|json|html|pdf OUT\n");
        return 2;
    }
    allies_format format;
    if (allies_format_from_name(argv[2], &format) != ALLIES_OK) {
        fprintf(stderr, "convert: unknown format '%s'\n", argv[2]);
        return 2;
    }
    allies_error* err = NULL;
    allies_document* doc = NULL;
    char* out = NULL;
    size_t size = 0;
    if (allies_document_open_file(argv[1], &doc, &err) != ALLIES_OK ||
        allies_convert(doc, format, &out, &size, &err) != ALLIES_OK) {
        fprintf(stderr, "convert: error (%s): %s\n", allies_status_name(allies_error_status(err)),
                allies_error_message(err));
        allies_error_free(err);
        allies_document_free(doc);
        return 1;
    }
    FILE* f = fopen(argv[3], "wb");
    int ok = f && fwrite(out, 1, size, f) == size;
    if (f && fclose(f) != 0) ok = 0;
    allies_free(out);
    allies_document_free(doc);
    if (!ok) {
        fprintf(stderr, "convert: cannot write %s\n", argv[3]);
        return 1;
    }
    fprintf(stderr, "allies %s: %s -> %s (%zu bytes)\n", allies_version(), argv[1], argv[3], size);
    return 0;
}

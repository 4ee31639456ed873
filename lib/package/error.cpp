#include "allies/error.hpp"

namespace allies {

namespace {
std::string compose(const std::string& file, const std::string& part, const std::string& message) {
    std::string out;
    if (!file.empty()) out += file + ": ";
    if (!part.empty()) out += part + ": ";
    out += message;
    return out;
}
}  // namespace

Error::Error(ErrorKind kind, std::string file, std::string part, std::string message)
    : std::runtime_error(compose(file, part, message)),
      kind_(kind),
      file_(std::move(file)),
      part_(std::move(part)),
      message_(std::move(message)) {}

std::string_view to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::io: return "io";
        case ErrorKind::write_failed: return "write_failed";
        case ErrorKind::not_zip: return "not_zip";
        case ErrorKind::legacy_doc: return "legacy_doc";
        case ErrorKind::encrypted: return "encrypted";
        case ErrorKind::no_main_document: return "no_main_document";
        case ErrorKind::too_many_entries: return "too_many_entries";
        case ErrorKind::too_large: return "too_large";
        case ErrorKind::zip_bomb: return "zip_bomb";
        case ErrorKind::bad_entry_name: return "bad_entry_name";
        case ErrorKind::bad_xml: return "bad_xml";
        case ErrorKind::xml_too_deep: return "xml_too_deep";
        case ErrorKind::bad_utf8: return "bad_utf8";
        case ErrorKind::bad_pdf: return "bad_pdf";
        case ErrorKind::unsupported: return "unsupported";
        case ErrorKind::usage: return "usage";
        case ErrorKind::policy: return "policy";
        case ErrorKind::refused: return "refused";
        case ErrorKind::out_of_memory: return "out_of_memory";
        case ErrorKind::crashed: return "crashed";
        case ErrorKind::timed_out: return "timed_out";
        case ErrorKind::stopped: return "stopped";
    }
    return "unknown";
}

bool parse_error_kind(std::string_view name, ErrorKind& out) {
    for (int k = 0; k <= static_cast<int>(ErrorKind::stopped); ++k) {
        if (to_string(static_cast<ErrorKind>(k)) == name) {
            out = static_cast<ErrorKind>(k);
            return true;
        }
    }
    return false;
}

}  // namespace allies

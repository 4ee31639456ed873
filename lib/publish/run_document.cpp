#include "publish/run_document.hpp"

#include <new>

namespace allies::publish {

DocumentResult failed_result(const BatchInput& input, const PublishOptions& options, DocStatus status, ErrorKind kind,
                             std::string error) {
    DocumentResult r;
    r.input = input.path;
    r.stem = input.stem;
    r.renamed = input.renamed;
    r.status = status;
    r.error = std::move(error);
    r.error_kind = kind;
    r.formats = options.formats;
    return r;
}

DocumentResult run_document(const BatchInput& input, const std::string& staging, const PublishOptions& options) {
    try {
        DocumentResult r = publish_document(input.path, input.stem, staging, options);
        r.renamed = r.renamed || input.renamed;
        return r;
    } catch (const Error& e) {
        return failed_result(input, options, e.kind() == ErrorKind::refused ? DocStatus::refused : DocStatus::failed, e.kind(),
                             e.what());
    } catch (const std::bad_alloc&) {
        return failed_result(input, options, DocStatus::failed, ErrorKind::out_of_memory, input.path + ": out of memory");
    } catch (const std::exception& e) {
        return failed_result(input, options, DocStatus::failed, ErrorKind::crashed, input.path + ": " + e.what());
    }
}

}  // namespace allies::publish

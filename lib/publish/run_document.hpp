// One document of a batch, as every runner runs it: publish_document with
// every failure turned into a result, so a bad document never stops the
// others (and no exception leaves a worker process).
#pragma once

#include <string>

#include "allies/publish.hpp"

namespace allies::publish {

DocumentResult failed_result(const BatchInput& input, const PublishOptions& options, DocStatus status, ErrorKind kind,
                             std::string error);

DocumentResult run_document(const BatchInput& input, const std::string& staging, const PublishOptions& options);

}  // namespace allies::publish

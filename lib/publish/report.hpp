// JSON of publishing: the per-document report written beside the public
// files (counts and keyed hashes, never redacted text), and a document's
// result as the manifest, the --json lines and the worker processes carry it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "allies/publish.hpp"
#include "verify/needles.hpp"

namespace allies::publish {

using Json = nlohmann::ordered_json;

inline constexpr const char* kReportFormat = "allies-publish-report/1";
inline constexpr const char* kManifestFormat = "allies-publish-manifest/1";

// Every DocStatus, in the order the manifest counts them.
inline constexpr DocStatus kAllStatuses[] = {DocStatus::published, DocStatus::unchanged, DocStatus::failed,
                                             DocStatus::refused,   DocStatus::leak,      DocStatus::incomplete};

// `staged`: the outputs written so far, hashed from the bytes written.
std::string report_json(const DocumentResult& result, const RedactionPlan& plan, const verify::NeedleSet& needles,
                        const std::vector<PublishedFile>& staged);
// The needles of a report (throws Error(usage) naming `file` if it is not one).
verify::NeedleSet needles_from_report(const std::string& json_text, const std::string& file);

// measured: include times and memory (the --json lines and the worker
// pipe); the manifest leaves them out so that reruns are byte-identical.
Json result_to_json(const DocumentResult& r, bool measured);
DocumentResult result_from_json(const Json& j);

// File extension of an output format ("md" -> ".md", "report" -> ".report.json").
std::string output_extension(const std::string& format);

// A string member of a JSON object, or "" (absent, or not a string: value()
// would throw for a string asked of an object, found by fuzzing).
std::string string_member(const Json& j, const char* key);

// UTF-8 text of a JSON value, invalid bytes replaced (never throws).
std::string dump(const Json& j, int indent);

}  // namespace allies::publish

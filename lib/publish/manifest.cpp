// OUTDIR/manifest.json (schemas/manifest.schema.json): one entry per input,
// sorted by input path, with no times in it, so a rerun writes the same bytes.
#include <algorithm>
#include <map>

#include "allies/convert.hpp"
#include "allies/error.hpp"
#include "allies/publish.hpp"
#include "publish/report.hpp"

namespace allies {

std::string manifest_json(const std::vector<DocumentResult>& documents) {
    std::vector<const DocumentResult*> sorted;
    for (const auto& d : documents) sorted.push_back(&d);
    std::stable_sort(sorted.begin(), sorted.end(), [](const DocumentResult* a, const DocumentResult* b) {
        return a->stem < b->stem;
    });
    publish::Json j;
    j["format"] = publish::kManifestFormat;
    j["tool"] = "allies-publish";
    j["version"] = std::string(version());
    publish::Json counts = publish::Json::object();
    for (DocStatus s : publish::kAllStatuses) {
        int n = 0;
        for (const auto* d : sorted) n += d->status == s;
        counts[std::string(to_string(s))] = n;
    }
    j["counts"] = counts;
    publish::Json docs = publish::Json::array();
    for (const auto* d : sorted) docs.push_back(publish::result_to_json(*d, false));
    j["documents"] = docs;
    return publish::dump(j, 2) + "\n";
}

std::vector<DocumentResult> read_manifest(const std::string& path) {
    std::string text = read_file(path);
    publish::Json j = publish::Json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || publish::string_member(j, "format") != publish::kManifestFormat ||
        !j.contains("documents") || !j["documents"].is_array())
        throw Error(ErrorKind::usage, path, "", "not an allies-publish manifest");
    std::vector<DocumentResult> out;
    try {
        for (const auto& d : j["documents"]) out.push_back(publish::result_from_json(d));
    } catch (const publish::Json::exception& e) {
        throw Error(ErrorKind::usage, path, "", std::string("malformed manifest: ") + e.what());
    }
    return out;
}

std::string merge_manifests(const std::vector<std::string>& paths) {
    std::map<std::string, DocumentResult> merged;  // by output name
    for (const auto& path : paths) {
        for (auto& d : read_manifest(path)) {
            auto [it, fresh] = merged.emplace(d.stem, d);
            if (fresh) continue;
            // The same output twice: fine only if it is the same result.
            std::string a = publish::dump(publish::result_to_json(it->second, false), -1);
            std::string b = publish::dump(publish::result_to_json(d, false), -1);
            if (a != b)
                throw Error(ErrorKind::usage, path, "",
                            "'" + d.stem + "' is in more than one manifest with different results (same output name from two workers?)");
        }
    }
    std::vector<DocumentResult> all;
    for (auto& [stem, d] : merged) all.push_back(std::move(d));
    return manifest_json(all);
}

}  // namespace allies

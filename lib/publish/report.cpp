#include "publish/report.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <limits>

#include <filesystem>

#include "allies/error.hpp"

namespace allies::publish {

std::string dump(const Json& j, int indent) { return j.dump(indent, ' ', false, Json::error_handler_t::replace); }

std::string output_extension(const std::string& format) {
    if (format == "report") return ".report.json";
    return "." + format;  // docx, pdf, html, md, txt
}

namespace {

Json counts_json(const DocumentResult& r) {
    Json red;
    red["total"] = r.redactions;
    red["by_rule"] = Json::object();
    for (const auto& [k, v] : r.by_rule) red["by_rule"][k] = v;
    red["by_category"] = Json::object();
    for (const auto& [k, v] : r.by_category) red["by_category"][k] = v;
    if (r.unlisted > 0) red["unlisted"] = r.unlisted;
    return red;
}

}  // namespace

std::string report_json(const DocumentResult& result, const RedactionPlan& plan, const verify::NeedleSet& needles,
                        const std::vector<PublishedFile>& staged) {
    Json j;
    j["format"] = kReportFormat;
    j["input_sha256"] = result.input_sha256;
    j["tool"] = "allies-publish";
    j["version"] = result.version;
    j["policy_hash"] = result.policy_hash;
    j["redactions"] = counts_json(result);
    Json removed = Json::array();
    for (const auto& r : plan.removed_parts) {
        // The report is public: a part's name is the document's content (a
        // picture named after a place in a removed region, a person's
        // initials), so only its folder and kind are given. An external
        // target ("file:///C:/Users/<name>/...") is not repeated at all.
        bool external = r.part.find(':') != std::string::npos || r.part.find('\\') != std::string::npos;
        std::string shown = "(external target)";
        if (!external) {
            std::size_t slash = r.part.rfind('/');
            std::size_t dot = r.part.rfind('.');
            std::string folder = slash == std::string::npos ? "" : r.part.substr(0, slash + 1);
            std::string ext = dot != std::string::npos && (slash == std::string::npos || dot > slash) ? r.part.substr(dot) : "";
            bool plain = ext.size() <= 6 && std::all_of(ext.begin(), ext.end(), [](char c) {
                return c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            });
            shown = folder + "*" + (plain ? ext : "");
        }
        removed.push_back(Json{{"part", shown}, {"reason", r.reason}});
    }
    j["removed_parts"] = removed;
    // Possible people on no roster: masked ("Mrs P****"), with where they
    // stand, so whoever publishes can look and add them to the roster.
    if (!plan.unlisted.empty()) {
        Json unlisted = Json::array();
        for (const auto& u : plan.unlisted)
            unlisted.push_back(Json{{"masked", u.masked}, {"part", u.part}, {"paragraph", u.paragraph}, {"shape", u.shape}});
        j["unlisted"] = unlisted;
    }
    Json outs = Json::array();
    for (const auto& o : staged)
        outs.push_back(Json{{"format", o.format},
                            {"path", std::filesystem::path(o.path).filename().string()},
                            {"sha256", o.sha256},
                            {"size", o.size}});
    j["outputs"] = outs;
    Json v;
    v["key_id"] = needles.key_id;
    v["shingle_words"] = needles.shingle_words;
    v["marker"] = needles.marker;
    Json list = Json::array();
    for (const auto& n : needles.needles) {
        Json one{{"kind", std::string(verify::to_string(n.kind))},
                 {"label", n.label},
                 {"words", n.words},
                 {"capital", n.needs_capital},
                 {"hash", verify::hash_hex(n.hash)}};
        if (n.all_caps) one["upper"] = true;
        list.push_back(std::move(one));
    }
    v["needles"] = list;
    j["verification"] = v;
    return dump(j, 2) + "\n";
}

namespace {

// A whole number of T's range, or nothing: nlohmann's get<int>() casts a
// floating-point value straight to int, undefined behaviour out of range
// (found by fuzzing the report reader with 4.4e65).
template <typename T>
std::optional<T> whole_number(const Json& v) {
    if (v.is_number_unsigned()) {
        auto u = v.get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(std::numeric_limits<T>::max())) return static_cast<T>(u);
    } else if (v.is_number_integer()) {
        auto n = v.get<std::int64_t>();
        if (n >= static_cast<std::int64_t>(std::numeric_limits<T>::min()) &&
            (n < 0 || static_cast<std::uint64_t>(n) <= static_cast<std::uint64_t>(std::numeric_limits<T>::max())))
            return static_cast<T>(n);
    }
    return std::nullopt;
}

// A member read as a whole number; absent or not one: `fallback` (counts and
// sizes in a manifest are information, never a decision).
template <typename T>
T whole_or(const Json& j, const char* key, T fallback) {
    if (!j.is_object()) return fallback;
    auto it = j.find(key);
    if (it == j.end()) return fallback;
    return whole_number<T>(*it).value_or(fallback);
}

double number_or(const Json& j, const char* key, double fallback) {
    if (!j.is_object()) return fallback;
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}

}  // namespace

std::string string_member(const Json& j, const char* key) {
    if (!j.is_object()) return {};
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

verify::NeedleSet needles_from_report(const std::string& json_text, const std::string& file) {
    auto bad = [&](const std::string& why) { return Error(ErrorKind::usage, file, "", "not an allies-publish report: " + why); };
    Json j = Json::parse(json_text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw bad("not JSON");
    if (string_member(j, "format") != kReportFormat) throw bad("format is not " + std::string(kReportFormat));
    // const operator[] on a missing key is undefined behaviour in
    // nlohmann::json (an assertion in debug builds; found by fuzzing).
    const Json& v = j["verification"];
    if (!v.is_object() || !v.contains("needles") || !v.at("needles").is_array()) throw bad("no verification needles");
    verify::NeedleSet set;
    try {
        set.key_id = v.at("key_id").get<std::string>();
        set.marker = v.at("marker").get<std::string>();
        set.shingle_words = whole_number<int>(v.at("shingle_words")).value_or(0);
        if (set.shingle_words < 1 || set.shingle_words > 64) throw bad("bad shingle length");
        for (const auto& n : v.at("needles")) {
            verify::Needle nd;
            if (!verify::parse_needle_kind(n.at("kind").get<std::string>(), nd.kind)) throw bad("unknown needle kind");
            if (!verify::parse_hash_hex(n.at("hash").get<std::string>(), nd.hash)) throw bad("bad hash");
            nd.words = whole_number<int>(n.at("words")).value_or(0);
            if (nd.words < 1 || nd.words > 64) throw bad("bad word count");
            nd.needs_capital = n.at("capital").get<bool>();
            if (n.contains("upper")) {
                if (!n.at("upper").is_boolean()) throw bad("bad 'upper'");
                nd.all_caps = n.at("upper").get<bool>();
            }
            nd.label = n.at("label").get<std::string>();
            set.add(std::move(nd));
        }
    } catch (const Json::exception& e) {
        throw bad(e.what());
    }
    return set;
}

Json result_to_json(const DocumentResult& r, bool measured) {
    Json j;
    // The manifest is public: it names documents by their output name, not
    // by the input path (folders of the internal file share, or a person's
    // name the file-name check kept out of OUTDIR). --json lines are not
    // public and carry the path.
    if (measured) j["input"] = r.input;
    j["stem"] = r.stem;
    if (r.renamed) j["renamed"] = true;
    j["input_sha256"] = r.input_sha256;
    j["status"] = std::string(to_string(r.status));
    if (!r.error.empty()) {
        std::string error = r.error;
        if (!measured && !r.input.empty() && error.rfind(r.input + ": ", 0) == 0) error = error.substr(r.input.size() + 2);
        j["error"] = error;
        j["error_kind"] = std::string(to_string(r.error_kind));
    }
    j["version"] = r.version;
    j["policy_hash"] = r.policy_hash;
    j["key_id"] = r.key_id;
    j["formats"] = r.formats;
    Json outs = Json::array();
    for (const auto& o : r.outputs)
        outs.push_back(Json{{"format", o.format}, {"path", o.path}, {"sha256", o.sha256}, {"size", o.size}});
    j["outputs"] = outs;
    Json red = counts_json(r);
    red["removed_parts"] = r.removed_parts;
    j["redactions"] = red;
    Json ver;
    ver["result"] = r.status == DocStatus::leak ? "leak"
                    : (r.status == DocStatus::published || r.status == DocStatus::unchanged ||
                       r.status == DocStatus::incomplete)
                        ? "clean"
                        : "not run";
    Json findings = Json::array();
    for (const auto& f : r.leaks) findings.push_back(Json{{"output", f.output}, {"where", f.where}, {"rule", f.rule}});
    ver["findings"] = findings;
    j["verification"] = ver;
    // Where words went missing, and how many: never the words.
    Json complete;
    complete["result"] = !r.completeness_checked ? "not run" : r.missing.empty() ? "complete" : "incomplete";
    Json missing = Json::array();
    for (const auto& m : r.missing) missing.push_back(Json{{"output", m.output}, {"where", m.where}, {"words", m.words}});
    complete["missing"] = missing;
    j["completeness"] = complete;
    if (measured) {
        if (!r.review.empty()) j["review"] = r.review;
        j["seconds"] = r.seconds;
        j["verify_seconds"] = r.verify_seconds;
        j["peak_rss_kb"] = r.peak_rss_kb;
    }
    return j;
}

DocumentResult result_from_json(const Json& j) {
    DocumentResult r;
    r.input = j.value("input", "");
    r.stem = j.value("stem", "");
    r.renamed = j.value("renamed", false);
    r.input_sha256 = j.value("input_sha256", "");
    std::string status = j.value("status", "failed");
    for (DocStatus s : kAllStatuses)
        if (to_string(s) == status) r.status = s;
    r.error = j.value("error", "");
    if (!parse_error_kind(j.value("error_kind", ""), r.error_kind)) r.error_kind = ErrorKind::io;
    r.version = j.value("version", "");
    r.policy_hash = j.value("policy_hash", "");
    r.key_id = j.value("key_id", "");
    if (j.contains("formats") && j["formats"].is_array())
        for (const auto& f : j["formats"]) r.formats.push_back(f.get<std::string>());
    if (j.contains("outputs") && j["outputs"].is_array())
        for (const auto& o : j["outputs"])
            r.outputs.push_back(PublishedFile{o.value("format", ""), o.value("path", ""), o.value("sha256", ""),
                                              whole_or<std::uint64_t>(o, "size", 0)});
    if (j.contains("redactions") && j["redactions"].is_object()) {
        const Json& red = j["redactions"];
        r.redactions = whole_or<int>(red, "total", 0);
        r.removed_parts = whole_or<int>(red, "removed_parts", 0);
        r.unlisted = whole_or<int>(red, "unlisted", 0);
        if (red.contains("by_rule"))
            for (const auto& [k, v] : red["by_rule"].items()) r.by_rule[k] = whole_number<int>(v).value_or(0);
        if (red.contains("by_category"))
            for (const auto& [k, v] : red["by_category"].items()) r.by_category[k] = whole_number<int>(v).value_or(0);
    }
    if (j.contains("verification") && j["verification"].contains("findings"))
        for (const auto& f : j["verification"]["findings"])
            r.leaks.push_back(LeakFinding{f.value("output", ""), f.value("where", ""), f.value("rule", "")});
    if (j.contains("completeness") && j["completeness"].is_object()) {
        const Json& c = j["completeness"];
        r.completeness_checked = string_member(c, "result") == "complete" || string_member(c, "result") == "incomplete";
        if (c.contains("missing") && c["missing"].is_array())
            for (const auto& m : c["missing"])
                r.missing.push_back(MissingText{string_member(m, "output"), string_member(m, "where"), whole_or<int>(m, "words", 0)});
    }
    r.review = j.value("review", "");
    r.seconds = number_or(j, "seconds", 0.0);
    r.verify_seconds = number_or(j, "verify_seconds", 0.0);
    r.peak_rss_kb = whole_or<long>(j, "peak_rss_kb", 0L);
    return r;
}

}  // namespace allies::publish

namespace allies {
std::string document_json_line(const DocumentResult& result) {
    return publish::dump(publish::result_to_json(result, true), -1);
}
}  // namespace allies

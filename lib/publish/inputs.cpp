// Which files a batch publishes, and the output name of each.
#include <algorithm>
#include <filesystem>
#include <map>

#include "allies/error.hpp"
#include "allies/publish.hpp"
#include "package/package_impl.hpp"

namespace allies {
namespace {

// Why a file found in a folder is not published; "" when it is.
std::string skip_reason(const std::string& name) {
    std::string lower = lower_ascii(name);
    if (name.rfind("~$", 0) == 0) return "Word lock file (the document is open in Word), not a document";
    if (name.rfind(".", 0) == 0) return "hidden file";
    if (lower.size() > 5 && (lower.ends_with(".docx") || lower.ends_with(".docm"))) return {};
    if (lower.ends_with(".doc")) return "Word 97-2003 document: open it in Word or LibreOffice and save it as .docx";
    if (lower.ends_with(".dotx") || lower.ends_with(".dotm") || lower.ends_with(".dot")) return "Word template, not a document";
    if (lower.ends_with(".odt") || lower.ends_with(".rtf")) return "not a Word document: save it as .docx";
    return "not a Word document (.docx, .docm)";
}

std::string without_extension(const std::filesystem::path& p) {
    return (p.parent_path() / p.stem()).generic_string();
}

}  // namespace

std::vector<BatchInput> collect_inputs(const std::vector<std::string>& paths, const std::string& skip_dir,
                                       const std::string& base, std::vector<SkippedFile>* skipped) {
    namespace fs = std::filesystem;
    std::vector<BatchInput> out;
    std::error_code skip_ec;
    const fs::path skip = skip_dir.empty() ? fs::path() : fs::weakly_canonical(skip_dir, skip_ec);
    for (const auto& arg : paths) {
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            std::vector<BatchInput> found;
            std::vector<SkippedFile> not_found;
            fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
            if (ec) throw Error(ErrorKind::io, arg, "", "cannot list folder: " + ec.message());
            for (; it != end; it.increment(ec)) {
                if (ec) throw Error(ErrorKind::io, arg, "", "cannot list folder: " + ec.message());
                std::string name = it->path().filename().string();
                if (it->is_directory(ec)) {
                    std::error_code e2;
                    if (!skip.empty() && fs::weakly_canonical(it->path(), e2) == skip) {
                        it.disable_recursion_pending();  // the output folder: published files are not inputs
                    } else if (name.rfind(".", 0) == 0) {
                        it.disable_recursion_pending();  // .git, .allies-staging-*
                        if (name.find(".allies-staging-") == std::string::npos)
                            not_found.push_back(SkippedFile{it->path().string(), "hidden folder, not searched"});
                    }
                    continue;
                }
                if (!it->is_regular_file(ec)) {
                    not_found.push_back(SkippedFile{it->path().string(), "not a regular file"});
                    continue;
                }
                std::string why = skip_reason(name);
                if (!why.empty()) {
                    not_found.push_back(SkippedFile{it->path().string(), why});
                    continue;
                }
                found.push_back(BatchInput{it->path().string(), without_extension(fs::relative(it->path(), arg, ec))});
            }
            std::sort(not_found.begin(), not_found.end(),
                      [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
            if (skipped) skipped->insert(skipped->end(), not_found.begin(), not_found.end());
            if (found.empty()) {
                throw Error(ErrorKind::usage, arg, "",
                            not_found.empty() ? std::string("no Word document (.docx, .docm) in this folder: it is empty")
                                              : "no Word document (.docx, .docm) in this folder (" +
                                                    std::to_string(not_found.size()) + " other file" +
                                                    (not_found.size() == 1 ? "" : "s") + ", skipped)");
            }
            std::sort(found.begin(), found.end(), [](const BatchInput& a, const BatchInput& b) { return a.path < b.path; });
            out.insert(out.end(), found.begin(), found.end());
        } else {
            // A file, or a name that will fail as that document (not the run).
            std::string stem = fs::path(arg).stem().string();
            if (!base.empty()) {
                std::error_code e2;
                fs::path rel = fs::weakly_canonical(arg, e2).lexically_relative(fs::weakly_canonical(base, e2));
                if (!rel.empty() && *rel.begin() != "..") stem = without_extension(rel);
            }
            out.push_back(BatchInput{arg, stem});
        }
    }
    std::map<std::string, std::string> seen;
    for (const auto& in : out) {
        auto [it, fresh] = seen.emplace(in.stem, in.path);
        if (!fresh && it->second != in.path)
            throw Error(ErrorKind::usage, in.path, "",
                        "has the same output name '" + in.stem + "' as " + it->second + " (publish them in separate runs or folders)");
    }
    // The same file named twice is published once.
    out.erase(std::unique(out.begin(), out.end(),
                          [](const BatchInput& a, const BatchInput& b) { return a.path == b.path && a.stem == b.stem; }),
              out.end());
    return out;
}

}  // namespace allies

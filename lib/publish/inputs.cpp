// Which files a batch publishes, and the output name of each.
#include <algorithm>
#include <filesystem>
#include <map>

#include "allies/error.hpp"
#include "allies/publish.hpp"
#include "package/package_impl.hpp"

namespace allies {
namespace {

bool is_docx_name(const std::string& name) {
    if (name.rfind("~$", 0) == 0 || name.rfind(".", 0) == 0) return false;  // Word lock files, hidden files
    std::string lower = lower_ascii(name);
    return lower.size() > 5 && (lower.ends_with(".docx") || lower.ends_with(".docm"));
}

std::string without_extension(const std::filesystem::path& p) {
    return (p.parent_path() / p.stem()).generic_string();
}

}  // namespace

std::vector<BatchInput> collect_inputs(const std::vector<std::string>& paths, const std::string& skip_dir,
                                       const std::string& base) {
    namespace fs = std::filesystem;
    std::vector<BatchInput> out;
    std::error_code skip_ec;
    const fs::path skip = skip_dir.empty() ? fs::path() : fs::weakly_canonical(skip_dir, skip_ec);
    for (const auto& arg : paths) {
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            std::vector<BatchInput> found;
            fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
            if (ec) throw Error(ErrorKind::io, arg, "", "cannot list folder: " + ec.message());
            for (; it != end; it.increment(ec)) {
                if (ec) throw Error(ErrorKind::io, arg, "", "cannot list folder: " + ec.message());
                std::string name = it->path().filename().string();
                if (it->is_directory(ec)) {
                    std::error_code e2;
                    if (name.rfind(".", 0) == 0 || (!skip.empty() && fs::weakly_canonical(it->path(), e2) == skip))
                        it.disable_recursion_pending();  // .git, .allies-staging-*, the output folder
                    continue;
                }
                if (!it->is_regular_file(ec) || !is_docx_name(name)) continue;
                found.push_back(BatchInput{it->path().string(), without_extension(fs::relative(it->path(), arg, ec))});
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

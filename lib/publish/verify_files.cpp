// --verify-only: the leak check on files already published, from the
// report's hashes alone.
#include <filesystem>

#include "allies/error.hpp"
#include "allies/publish.hpp"
#include "package/package_impl.hpp"
#include "publish/report.hpp"
#include "verify/leak_scan.hpp"

namespace allies {

std::vector<LeakFinding> verify_files(const std::vector<std::string>& files, const std::string& report_path,
                                      const std::string& hash_key) {
    verify::NeedleSet needles = publish::needles_from_report(read_file(report_path), report_path);
    if (verify::KeyedHasher(hash_key).key_id() != needles.key_id)
        throw Error(ErrorKind::usage, report_path, "",
                    "the report was made with another hash key (key id " + needles.key_id + "): give --hash-key-file");
    verify::LeakScanner scanner(needles, hash_key);
    for (const auto& f : files) {
        std::string bytes = read_file(f);
        std::string lower = lower_ascii(f);
        scanner.scan_file_name(std::filesystem::path(f).filename().string(), f);
        try {
            if (lower.ends_with(".json")) scanner.scan_text(bytes, f, "text", false);
            else if (lower.ends_with(".md") || lower.ends_with(".txt")) scanner.scan_text(bytes, f, "text");
            else scanner.scan_file_bytes(bytes, f);
        } catch (const Error&) {
            // recorded as "unreadable": a file that cannot be checked is not clean
        }
    }
    std::vector<LeakFinding> out;
    for (const auto& x : scanner.findings()) out.push_back(LeakFinding{x.output, x.where, x.rule});
    return out;
}

}  // namespace allies

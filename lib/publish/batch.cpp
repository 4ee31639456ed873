// The batch: which inputs to publish (incremental runs skip unchanged
// ones), where they are staged, and what happens to each result. Verified
// documents are moved into OUTDIR; everything else is deleted with its
// staging folder; outputs an earlier run published and this one does not
// are withdrawn; the manifest records the folder's state. Documents run
// through a DocumentRunner: in this thread by default, or in worker
// processes (allies::ProcessPool, lib/publish/process_pool.cpp) when the
// caller asks. Nothing here forks or touches signals.
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "allies/convert.hpp"
#include "allies/error.hpp"
#include "allies/publish.hpp"
#include "publish/report.hpp"
#include "publish/run_document.hpp"
#include "publish/settings_digest.hpp"
#include "text/digest.hpp"
#include "verify/needles.hpp"

namespace allies {

DocumentRunner::~DocumentRunner() = default;

namespace {

namespace fs = std::filesystem;

// The default runner: each document in the caller's thread, when it is
// started. No process, no signal, no time limit.
class InThisThread final : public DocumentRunner {
public:
    std::size_t slots() const override { return 1; }
    void start(std::size_t id, const BatchInput& input, const std::string& staging, const PublishOptions& options) override {
        done_.emplace_back(id, publish::run_document(input, staging, options));
    }
    std::vector<std::pair<std::size_t, DocumentResult>> finished(int) override { return std::exchange(done_, {}); }
    void stop_all() override {}

private:
    std::vector<std::pair<std::size_t, DocumentResult>> done_;
};

bool same_output_files(const DocumentResult& prev, const std::string& outdir) {
    if (prev.outputs.empty()) return false;
    for (const auto& o : prev.outputs) {
        std::error_code ec;
        fs::path p = fs::path(outdir) / o.path;
        if (!fs::is_regular_file(p, ec) || fs::file_size(p, ec) != o.size) return false;
        if (text::sha256_hex(read_file(p.string())) != o.sha256) return false;
    }
    return true;
}

// Staging folders are named by OUTDIR, host and pid, so runs on several
// machines can share one parent folder and a run can find its own dead
// predecessors' folders.
std::string staging_prefix(const fs::path& outdir) {
    char host[256] = {0};
    ::gethostname(host, sizeof host - 1);
    return "." + outdir.filename().string() + ".allies-staging-" + std::string(host) + "-";
}

// Staging folders of runs of this host that died (SIGKILL, power loss).
void remove_stale_staging(const fs::path& parent, const std::string& prefix) {
    std::error_code ec;
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        long pid = std::atol(name.c_str() + prefix.size());
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
            std::error_code e2;
            fs::remove_all(it->path(), e2);
        }
    }
}

// The staging folder: mode 0700, never inside OUTDIR (a web server or rsync
// serving OUTDIR must never see an unverified file). Beside OUTDIR when its
// parent can be written (then moving in is a rename), else in the folder
// the caller names, else in the system's temporary folder. Removed on every
// way out of publish_batch, exceptions included.
struct Staging {
    std::string root;
    bool same_file_system = true;
    Staging(const fs::path& outdir, const std::string& chosen) {
        const std::string name = staging_prefix(outdir) + std::to_string(::getpid());
        std::vector<fs::path> places;
        if (!chosen.empty()) {
            std::error_code ec;
            fs::path dir = fs::weakly_canonical(chosen, ec);
            fs::path rel = dir.lexically_relative(outdir);
            if (dir == outdir || (!rel.empty() && *rel.begin() != ".."))
                throw Error(ErrorKind::usage, chosen, "", "the staging folder must not be inside the output folder");
            fs::create_directories(dir, ec);
            places.push_back(dir);
        }
        else {
            places.push_back(outdir.parent_path());
            std::error_code ec;
            fs::path tmp = fs::temp_directory_path(ec);
            if (!ec) places.push_back(tmp);
        }
        std::string tried;
        for (const auto& parent : places) {
            remove_stale_staging(parent, staging_prefix(outdir));
            fs::path dir = parent / name;
            if (::mkdir(dir.c_str(), 0700) == 0 || (errno == EEXIST && fs::is_directory(dir))) {
                ::chmod(dir.c_str(), 0700);
                root = dir.string();
                struct stat a {}, b {};
                same_file_system = ::stat(root.c_str(), &a) == 0 && ::stat(outdir.c_str(), &b) == 0 && a.st_dev == b.st_dev;
                return;
            }
            tried += (tried.empty() ? "" : ", ") + parent.string() + " (" + std::strerror(errno) + ")";
        }
        throw Error(ErrorKind::write_failed, outdir.string(), "",
                    "cannot create a staging folder outside the output folder: tried " + tried);
    }
    ~Staging() {
        std::error_code ec;
        fs::remove_all(root, ec);
    }
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;
};

// Moves a verified file into OUTDIR. A rename when staging shares OUTDIR's
// file system; otherwise a copy into a hidden file in the target's folder,
// readable by its owner only until it is complete and synced, then renamed
// over the target: a reader of OUTDIR sees the old file or the whole new
// one, and never anything unverified.
void move_into_place(const fs::path& from, const fs::path& to, std::error_code& ec) {
    fs::create_directories(to.parent_path(), ec);
    if (ec) return;
    fs::rename(from, to, ec);
    if (!ec || ec != std::errc::cross_device_link) return;
    ec.clear();
    fs::path part = to.parent_path() / ("." + to.filename().string() + ".allies-part-" + std::to_string(::getpid()));
    std::string bytes;
    try {
        bytes = read_file(from.string());
    } catch (const Error&) {
        ec = std::make_error_code(std::errc::io_error);
        return;
    }
    int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        ec = std::error_code(errno, std::generic_category());
        return;
    }
    std::size_t off = 0;
    while (off < bytes.size()) {
        ssize_t w = ::write(fd, bytes.data() + off, bytes.size() - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        off += static_cast<std::size_t>(w);
    }
    bool ok = off == bytes.size() && ::fsync(fd) == 0;
    // The mode a file written in place would get (0666 less the umask).
    mode_t mask = ::umask(0);
    ::umask(mask);
    ok = ::fchmod(fd, 0666 & ~mask) == 0 && ok;
    ok = ::close(fd) == 0 && ok;
    if (ok) fs::rename(part, to, ec);
    else ec = std::make_error_code(std::errc::io_error);
    if (ec) {
        std::error_code e2;
        fs::remove(part, e2);
        return;
    }
    fs::remove(from, ec);
    ec.clear();
}

void remove_files(const fs::path& outdir, const std::vector<PublishedFile>& files, const std::vector<PublishedFile>& keep) {
    for (const auto& f : files) {
        bool kept = false;
        for (const auto& k : keep) kept = kept || k.path == f.path;
        std::error_code ec;
        if (!kept) fs::remove(outdir / f.path, ec);
    }
}

}  // namespace

BatchRun publish_batch(const std::vector<BatchInput>& inputs, const std::string& outdir_arg, const PublishOptions& options_arg,
                       const BatchOptions& batch) {
    std::error_code ec;
    fs::create_directories(outdir_arg, ec);
    if (!fs::is_directory(outdir_arg, ec))
        throw Error(ErrorKind::write_failed, outdir_arg, "", "cannot create the output folder");
    const fs::path outdir = fs::weakly_canonical(outdir_arg, ec);
    PublishOptions options = options_arg;
    std::vector<std::string> formats;  // each once, in the order given
    for (const auto& f : options.formats) {
        if (!is_publish_format(f)) throw Error(ErrorKind::usage, f, "", "unknown output format (docx, pdf, html, md, txt)");
        if (std::find(formats.begin(), formats.end(), f) == formats.end()) formats.push_back(f);
    }
    options.formats = formats;
    const std::string manifest_path = batch.manifest_path.empty() ? (outdir / "manifest.json").string() : batch.manifest_path;

    std::map<std::string, DocumentResult> previous;  // by stem
    if (fs::exists(manifest_path, ec)) {
        try {
            for (auto& d : read_manifest(manifest_path)) previous[d.stem] = std::move(d);
        } catch (const Error&) {
            if (batch.incremental) throw;
            // Without --incremental a damaged manifest is simply replaced.
        }
    }
    const std::map<std::string, DocumentResult> before = previous;  // what OUTDIR held
    const std::string policy_hash = publish::settings_digest(options);
    const std::string key_id = verify::KeyedHasher(options.hash_key).key_id();

    BatchRun run;
    std::vector<std::size_t> queue;
    const std::size_t total = inputs.size();
    std::size_t done = 0;
    auto finish = [&](DocumentResult r) {
        ++done;
        run.documents.push_back(std::move(r));
        if (batch.on_result) batch.on_result(run.documents.back(), done, total);
    };
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const BatchInput& in = inputs[i];
        bool overwrites_input = false;
        for (const auto& f : options.formats)
            overwrites_input = overwrites_input || same_file(in.path, (outdir / (in.stem + publish::output_extension(f))).string());
        if (overwrites_input) {
            finish(publish::failed_result(in, options, DocStatus::failed, ErrorKind::usage,
                                          in.path + ": an output would overwrite this input (choose another -o)"));
            continue;
        }
        if (batch.incremental) {
            // A document published with words missing (allow_incomplete)
            // stays unchanged only while that is still allowed.
            auto it = previous.find(in.stem);
            if (it != previous.end() &&
                (it->second.status == DocStatus::published || it->second.status == DocStatus::unchanged) &&
                it->second.policy_hash == policy_hash && it->second.version == std::string(version()) &&
                it->second.formats == options.formats && it->second.key_id == key_id &&
                (it->second.missing.empty() || options.allow_incomplete)) {
                std::string sha;
                try {
                    sha = text::sha256_hex(read_file(in.path));
                } catch (const Error&) {
                }
                if (sha == it->second.input_sha256 && same_output_files(it->second, outdir.string())) {
                    DocumentResult r = it->second;
                    r.input = in.path;
                    r.status = DocStatus::unchanged;
                    finish(std::move(r));
                    continue;
                }
            }
        }
        queue.push_back(i);
    }

    InThisThread in_this_thread;
    DocumentRunner& runner = batch.runner ? *batch.runner : in_this_thread;
    const std::size_t slots = std::max<std::size_t>(1, runner.slots());
    const Staging staging(outdir, batch.staging_dir);
    std::size_t next = 0, in_flight = 0;
    bool stop = false, stopping = false;
    std::set<std::string> stopped_stems;  // never finished: not in the manifest, so a rerun does them
    auto collect = [&](std::size_t index, DocumentResult r) {
        const BatchInput& in = inputs[index];
        const std::string staged = (fs::path(staging.root) / std::to_string(index)).string();
        if (r.error_kind == ErrorKind::stopped && r.status == DocStatus::failed) {
            stopped_stems.insert(in.stem);
            if (run.interrupted) r.error = in.path + ": stopped (interrupted)";
            else r.error = in.path + ": stopped (--fail-fast)";
        }
        if (r.status == DocStatus::published) {
            // Verified: move every file into place; if one cannot be
            // moved, none of them stays.
            std::vector<PublishedFile> moved;
            for (const auto& o : r.outputs) {
                fs::path to = outdir / o.path;
                std::error_code e2;
                move_into_place(fs::path(staged) / o.path, to, e2);
                if (e2) {
                    remove_files(outdir, moved, {});
                    r.status = DocStatus::failed;
                    r.error = to.string() + ": cannot move into place: " + e2.message();
                    r.error_kind = ErrorKind::write_failed;
                    break;
                }
                moved.push_back(o);
            }
        }
        if (r.status != DocStatus::published) r.outputs.clear();  // the manifest lists only what is in OUTDIR
        // What an earlier run published under this name and this run did
        // not publish again is withdrawn: a document that now fails or
        // leaks must not stay public in its old version, nor a dropped format.
        if (!stopped_stems.count(in.stem)) {
            // Under the input's name, and under the name publish_document
            // gave it when the document's own people were in that name.
            for (const std::string* s : std::initializer_list<const std::string*>{&in.stem, &r.stem}) {
                auto old = before.find(*s);
                if (old != before.end()) remove_files(outdir, old->second.outputs, r.outputs);
                if (r.stem == in.stem) break;
            }
        }
        std::error_code e3;
        fs::remove_all(staged, e3);
        bool bad = r.status != DocStatus::published;
        finish(std::move(r));
        if (bad && batch.fail_fast) stop = true;
    };

    while ((next < queue.size() && !stop) || in_flight > 0) {
        if (!run.interrupted && batch.stop_requested && batch.stop_requested()) {
            run.interrupted = true;
            stop = true;
        }
        if (stop && !stopping && in_flight > 0) {
            runner.stop_all();
            stopping = true;
        }
        while (!stop && next < queue.size() && in_flight < slots) {
            std::size_t index = queue[next++];
            const BatchInput& in = inputs[index];
            if (batch.on_start) batch.on_start(in);
            ++in_flight;
            runner.start(index, in, (fs::path(staging.root) / std::to_string(index)).string(), options);
        }
        if (in_flight == 0) break;
        for (auto& [index, result] : runner.finished(250)) {
            --in_flight;
            collect(index, std::move(result));
        }
    }
    run.not_started = queue.size() - next;

    // The manifest: this run's documents over the previous ones. A document
    // whose output name itself gave it away is entered under a keyed hash
    // of that name, never the name.
    for (auto& d : run.documents) {
        if (stopped_stems.count(d.stem)) continue;
        DocumentResult entry = d;
        bool name_leak = false;
        for (const auto& f : d.leaks) name_leak = name_leak || f.where == "file name";
        if (name_leak) {
            previous.erase(d.stem);
            entry.stem = "withheld-" + text::hmac_sha256_hex(options.hash_key, d.stem).substr(0, 16);
            for (auto& f : entry.leaks) f.output = "(withheld)";
        }
        previous[entry.stem] = std::move(entry);
    }
    std::vector<DocumentResult> all;
    for (auto& [stem, d] : previous) {
        if (d.status == DocStatus::unchanged) d.status = DocStatus::published;  // the manifest records the folder's state
        all.push_back(d);
    }
    write_file_atomically(manifest_path, manifest_json(all));
    return run;
}

}  // namespace allies

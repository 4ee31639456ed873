// The batch runner: one worker process per document, at most `jobs` at a
// time. A process per document means a document that crashes, hangs or
// exhausts memory takes only itself down, and memory is returned to the
// system after each one. Workers are forked from this process after the
// fonts are loaded, so they start warm.
//
// Every worker stages its outputs in its own folder inside OUTDIR (same file
// system, so moving is a rename). Only a verified document's files are
// renamed into place; everything else is deleted with its staging folder.
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "allies/convert.hpp"
#include "allies/error.hpp"
#include "allies/pdf.hpp"
#include "allies/publish.hpp"
#include "publish/report.hpp"
#include "publish/settings_digest.hpp"
#include "text/digest.hpp"
#include "verify/needles.hpp"

namespace allies {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

DocumentResult failure(const BatchInput& in, const PublishOptions& o, DocStatus status, std::string error, int exit_code) {
    DocumentResult r;
    r.input = in.path;
    r.stem = in.stem;
    r.renamed = in.renamed;
    r.status = status;
    r.error = std::move(error);
    r.error_exit = exit_code;
    r.formats = o.formats;
    return r;
}

// Runs in the worker: never returns.
[[noreturn]] void worker(const BatchInput& in, const std::string& staging, const PublishOptions& options, int fd) {
    DocumentResult r;
    try {
        r = publish_document(in.path, in.stem, staging, options);
        r.renamed = r.renamed || in.renamed;
    } catch (const Error& e) {
        r = failure(in, options, e.kind() == ErrorKind::refused ? DocStatus::refused : DocStatus::failed, e.what(),
                    exit_code_for(e.kind()));
    } catch (const std::bad_alloc&) {
        r = failure(in, options, DocStatus::failed, in.path + ": out of memory", exit_codes::input);
    } catch (const std::exception& e) {
        r = failure(in, options, DocStatus::failed, in.path + ": " + e.what(), exit_codes::input);
    }
    std::string line = publish::dump(publish::result_to_json(r, true), -1) + "\n";
    const char* p = line.data();
    std::size_t left = line.size();
    while (left > 0) {
        ssize_t w = ::write(fd, p, left);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        p += w;
        left -= static_cast<std::size_t>(w);
    }
    ::_exit(0);  // no atexit handlers, no stdio buffers inherited from the parent flushed twice
}

volatile std::sig_atomic_t g_interrupted = 0;
extern "C" void on_interrupt(int) { g_interrupted = 1; }

// SIGINT/SIGTERM while a batch runs: stop the workers, clean the staging
// folders and write the manifest of what was done, instead of dying with
// half-written staging files in OUTDIR.
struct InterruptGuard {
    struct sigaction old_int {}, old_term {};
    InterruptGuard() {
        g_interrupted = 0;
        struct sigaction sa {};
        sa.sa_handler = on_interrupt;
        sa.sa_flags = SA_RESTART;  // stderr writes and fsync are not cut short; poll still wakes
        sigemptyset(&sa.sa_mask);
        ::sigaction(SIGINT, &sa, &old_int);
        ::sigaction(SIGTERM, &sa, &old_term);
    }
    ~InterruptGuard() {
        ::sigaction(SIGINT, &old_int, nullptr);
        ::sigaction(SIGTERM, &old_term, nullptr);
    }
    // A terminal's Ctrl-C reaches the whole process group: workers ignore
    // it and are stopped by the parent, which then knows they were stopped
    // rather than crashed. They die with the parent if it is killed.
    static void set_up_child(pid_t parent) {
        std::signal(SIGINT, SIG_IGN);
        std::signal(SIGTERM, SIG_DFL);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        // The parent may have died between fork() and prctl(): then no
        // signal comes, and an orphan must not go on writing staging files.
        if (::getppid() != parent) ::_exit(128 + SIGKILL);
    }
};

struct Running {
    std::size_t index;
    pid_t pid;
    int fd;
    std::string staging;
    std::string received;
    Clock::time_point started;
    bool killed_for_time = false;
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

}  // namespace

int BatchRun::exit_code() const {
    if (interrupted) return publish_exit::interrupted;
    bool leak = false, failed = not_started > 0;
    for (const auto& d : documents) {
        leak = leak || d.status == DocStatus::leak;
        failed = failed || d.status == DocStatus::failed || d.status == DocStatus::refused;
    }
    return leak ? publish_exit::leak : failed ? publish_exit::some_failed : publish_exit::ok;
}

namespace {

// Staging lives beside OUTDIR, not in it: a web server or rsync serving
// OUTDIR must never see an unverified file. Same parent, so moving into
// OUTDIR is a rename; mode 0700. Named by host and pid so workers of
// several machines can share one OUTDIR's parent.
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

// Kills and reaps workers still running and removes the staging folder on
// every way out of publish_batch, exceptions included.
struct Pool {
    std::vector<Running> running;
    std::string staging_root;
    ~Pool() {
        for (auto& w : running) {
            ::kill(w.pid, SIGKILL);
            ::close(w.fd);
            while (::waitpid(w.pid, nullptr, 0) < 0 && errno == EINTR) {
            }
        }
        if (!staging_root.empty()) {
            std::error_code ec;
            fs::remove_all(staging_root, ec);
        }
    }
};

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
            finish(failure(in, options, DocStatus::failed, in.path + ": an output would overwrite this input (choose another -o)",
                           exit_codes::usage));
            continue;
        }
        if (batch.incremental) {
            auto it = previous.find(in.stem);
            if (it != previous.end() &&
                (it->second.status == DocStatus::published || it->second.status == DocStatus::unchanged) &&
                it->second.policy_hash == policy_hash && it->second.version == std::string(version()) &&
                it->second.formats == options.formats && it->second.key_id == key_id) {
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

    Pool pool;
    {
        const fs::path parent = outdir.parent_path();
        const std::string prefix = staging_prefix(outdir);
        remove_stale_staging(parent, prefix);
        pool.staging_root = (parent / (prefix + std::to_string(::getpid()))).string();
        std::error_code e1;
        fs::create_directory(pool.staging_root, e1);
        if (e1) {
            throw Error(ErrorKind::write_failed, pool.staging_root, "",
                        "cannot create the staging folder beside the output folder: " + e1.message());
        }
        ::chmod(pool.staging_root.c_str(), 0700);
    }
    warm_up_fonts();
    const int jobs = batch.jobs > 0 ? batch.jobs : static_cast<int>(std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN)));

    InterruptGuard guard;
    std::vector<Running>& running = pool.running;
    std::size_t next = 0;
    bool stop = false;
    std::set<std::string> stopped_stems;  // never finished: not in the manifest, so a rerun does them
    auto collect = [&](Running& w, bool stopped) {
        ::close(w.fd);
        int status = 0;
        struct rusage ru {};
        while (::wait4(w.pid, &status, 0, &ru) < 0 && errno == EINTR) {
        }
        const BatchInput& in = inputs[w.index];
        DocumentResult r;
        std::string line = w.received.substr(0, w.received.find('\n'));
        publish::Json j = publish::Json::parse(line, nullptr, false);
        bool has_result = !j.is_discarded() && j.is_object();
        if (stopped || (g_interrupted && !has_result)) {
            stopped_stems.insert(in.stem);
            r = failure(in, options, DocStatus::failed,
                        in.path + (g_interrupted ? ": stopped (interrupted)" : ": stopped (--fail-fast)"), 1);
        } else if (w.killed_for_time) {
            r = failure(in, options, DocStatus::failed,
                        in.path + ": took longer than " + std::to_string(static_cast<long>(batch.timeout_seconds)) + " s; stopped",
                        exit_codes::input);
        } else if (WIFSIGNALED(status) || !has_result) {
            std::string why = WIFSIGNALED(status) ? "worker crashed (signal " + std::to_string(WTERMSIG(status)) + ")"
                                                  : "worker gave no result";
            r = failure(in, options, DocStatus::failed, in.path + ": " + why, exit_codes::input);
        } else {
            r = publish::result_from_json(j);
        }
        r.peak_rss_kb = ru.ru_maxrss;
        if (r.status == DocStatus::published) {
            // Verified: move every file into place (renames in one file
            // system); if one cannot be moved, none of them stays.
            std::vector<PublishedFile> moved;
            for (const auto& o : r.outputs) {
                fs::path from = fs::path(w.staging) / o.path, to = outdir / o.path;
                std::error_code e2;
                fs::create_directories(to.parent_path(), e2);
                fs::rename(from, to, e2);
                if (e2) {
                    remove_files(outdir, moved, {});
                    r.status = DocStatus::failed;
                    r.error = to.string() + ": cannot move into place: " + e2.message();
                    r.error_exit = exit_codes::output;
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
        fs::remove_all(w.staging, e3);
        bool bad = r.status != DocStatus::published;
        finish(std::move(r));
        if (bad && batch.fail_fast) stop = true;
    };

    while ((next < queue.size() && !stop) || !running.empty()) {
        if (g_interrupted) {
            run.interrupted = true;
            stop = true;
        }
        while (!stop && next < queue.size() && static_cast<int>(running.size()) < jobs) {
            std::size_t index = queue[next++];
            const BatchInput& in = inputs[index];
            if (batch.on_start) batch.on_start(in);
            std::string staging = (fs::path(pool.staging_root) / std::to_string(index)).string();
            int fds[2];
            if (::pipe2(fds, O_CLOEXEC) != 0) throw Error(ErrorKind::write_failed, outdir.string(), "", "cannot create a pipe");
            std::fflush(nullptr);
            const pid_t parent = ::getpid();
            pid_t pid = ::fork();
            if (pid < 0) {
                ::close(fds[0]);
                ::close(fds[1]);
                throw Error(ErrorKind::write_failed, outdir.string(), "", std::string("cannot start a worker: ") + std::strerror(errno));
            }
            if (pid == 0) {
                InterruptGuard::set_up_child(parent);
                ::close(fds[0]);
                for (auto& r : running) ::close(r.fd);
                worker(in, staging, options, fds[1]);
            }
            ::close(fds[1]);
            running.push_back(Running{index, pid, fds[0], staging, {}, Clock::now(), false});
        }
        if (stop) {
            for (auto& w : running) ::kill(w.pid, SIGKILL);
            for (auto& w : running) collect(w, true);
            running.clear();
            break;
        }
        std::vector<pollfd> fds;
        for (auto& w : running) fds.push_back(pollfd{w.fd, POLLIN, 0});
        int n = ::poll(fds.data(), fds.size(), 250);
        if (n < 0 && errno != EINTR) throw Error(ErrorKind::write_failed, outdir.string(), "", "poll failed");
        std::vector<std::size_t> ended;
        for (std::size_t k = 0; k < running.size(); ++k) {
            Running& w = running[k];
            if (n > 0 && (fds[k].revents & (POLLIN | POLLHUP | POLLERR))) {
                char buf[65536];
                ssize_t got = ::read(w.fd, buf, sizeof buf);
                if (got > 0) w.received.append(buf, static_cast<std::size_t>(got));
                else if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) ended.push_back(k);
                continue;
            }
            if (!w.killed_for_time &&
                std::chrono::duration<double>(Clock::now() - w.started).count() > batch.timeout_seconds) {
                ::kill(w.pid, SIGKILL);
                w.killed_for_time = true;
            }
        }
        for (auto it = ended.rbegin(); it != ended.rend(); ++it) {
            Running w = std::move(running[*it]);
            running.erase(running.begin() + static_cast<std::ptrdiff_t>(*it));
            collect(w, false);
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

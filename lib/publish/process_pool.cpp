// allies::ProcessPool: publish_document in worker processes (see
// allies/process_pool.hpp for what it does to the calling process).
// A worker writes its result as one JSON line on a pipe and exits; the
// pool reads pipes with poll, so one slow document never holds up others.
#include "allies/process_pool.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "allies/error.hpp"
#include "allies/pdf.hpp"
#include "publish/report.hpp"
#include "publish/run_document.hpp"

namespace allies {

using Clock = std::chrono::steady_clock;

struct ProcessPool::Worker {
    std::size_t id = 0;
    BatchInput input;
    std::vector<std::string> formats;
    pid_t pid = -1;
    int fd = -1;
    std::string received;
    Clock::time_point started;
    bool killed_for_time = false;
    bool stopped = false;
};

namespace {

// Runs in the worker: never returns.
[[noreturn]] void worker_main(const BatchInput& in, const std::string& staging, const PublishOptions& options, int fd) {
    DocumentResult r = publish::run_document(in, staging, options);
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

// In the child, straight after fork. A terminal's Ctrl-C reaches the whole
// process group: workers ignore it and are stopped by the parent (which then
// knows they were stopped, not crashed). They die with the parent if it is
// killed; the parent may already have died between fork() and prctl(), and
// then no signal comes, so an orphan must not go on writing staging files.
void set_up_worker(pid_t parent) {
    std::signal(SIGINT, SIG_IGN);
    std::signal(SIGTERM, SIG_DFL);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(128 + SIGKILL);
}

}  // namespace

ProcessPool::ProcessPool(ProcessPoolOptions options) : options_(options) {
    if (options_.jobs <= 0) options_.jobs = static_cast<int>(std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN)));
    if (!(options_.timeout_seconds > 0)) throw Error(ErrorKind::usage, "", "", "the time limit must be positive");
    warm_up_fonts();  // once here, so every forked worker starts warm
}

ProcessPool::~ProcessPool() {
    for (auto& w : workers_) {
        ::kill(w.pid, SIGKILL);
        ::close(w.fd);
        while (::waitpid(w.pid, nullptr, 0) < 0 && errno == EINTR) {
        }
    }
}

std::size_t ProcessPool::slots() const { return static_cast<std::size_t>(options_.jobs); }

void ProcessPool::start(std::size_t id, const BatchInput& input, const std::string& staging, const PublishOptions& options) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw Error(ErrorKind::write_failed, staging, "", "cannot create a pipe");
    std::fflush(nullptr);
    const pid_t parent = ::getpid();
    pid_t pid = ::fork();
    if (pid < 0) {
        int err = errno;
        ::close(fds[0]);
        ::close(fds[1]);
        throw Error(ErrorKind::write_failed, staging, "", std::string("cannot start a worker: ") + std::strerror(err));
    }
    if (pid == 0) {
        set_up_worker(parent);
        ::close(fds[0]);
        for (auto& w : workers_) ::close(w.fd);
        worker_main(input, staging, options, fds[1]);
    }
    ::close(fds[1]);
    Worker w;
    w.id = id;
    w.input = input;
    w.formats = options.formats;
    w.pid = pid;
    w.fd = fds[0];
    w.started = Clock::now();
    workers_.push_back(std::move(w));
}

void ProcessPool::stop_all() {
    for (auto& w : workers_) {
        ::kill(w.pid, SIGKILL);
        w.stopped = true;
    }
}

std::vector<std::pair<std::size_t, DocumentResult>> ProcessPool::finished(int wait_ms) {
    std::vector<std::pair<std::size_t, DocumentResult>> out;
    if (workers_.empty()) return out;
    std::vector<pollfd> fds;
    for (const auto& w : workers_) fds.push_back(pollfd{w.fd, POLLIN, 0});
    int n = ::poll(fds.data(), fds.size(), std::max(0, wait_ms));
    if (n < 0 && errno != EINTR) throw Error(ErrorKind::write_failed, "", "", "poll failed");
    std::vector<std::size_t> ended;
    for (std::size_t k = 0; k < workers_.size(); ++k) {
        Worker& w = workers_[k];
        if (n > 0 && (fds[k].revents & (POLLIN | POLLHUP | POLLERR))) {
            char buf[65536];
            ssize_t got = ::read(w.fd, buf, sizeof buf);
            if (got > 0) w.received.append(buf, static_cast<std::size_t>(got));
            else if (got == 0 || (errno != EINTR && errno != EAGAIN)) ended.push_back(k);
            continue;
        }
        if (!w.killed_for_time && !w.stopped &&
            std::chrono::duration<double>(Clock::now() - w.started).count() > options_.timeout_seconds) {
            ::kill(w.pid, SIGKILL);
            w.killed_for_time = true;
        }
    }
    // Erase from the back, so the indices still to erase stay valid; each
    // worker is moved out before its slot goes.
    for (auto it = ended.rbegin(); it != ended.rend(); ++it) {
        Worker w = std::move(workers_[*it]);
        workers_.erase(workers_.begin() + static_cast<std::ptrdiff_t>(*it));
        ::close(w.fd);
        int status = 0;
        struct rusage ru {};
        while (::wait4(w.pid, &status, 0, &ru) < 0 && errno == EINTR) {
        }
        PublishOptions formats_only;
        formats_only.formats = w.formats;
        std::string line = w.received.substr(0, w.received.find('\n'));
        publish::Json j = publish::Json::parse(line, nullptr, false);
        const bool has_result = !j.is_discarded() && j.is_object();
        DocumentResult r;
        if (w.stopped && !has_result) {
            r = publish::failed_result(w.input, formats_only, DocStatus::failed, ErrorKind::stopped, w.input.path + ": stopped");
        } else if (w.killed_for_time) {
            r = publish::failed_result(
                w.input, formats_only, DocStatus::failed, ErrorKind::timed_out,
                w.input.path + ": took longer than " + std::to_string(static_cast<long>(options_.timeout_seconds)) + " s; stopped");
        } else if (WIFSIGNALED(status) || !has_result) {
            std::string why = WIFSIGNALED(status) ? "worker crashed (signal " + std::to_string(WTERMSIG(status)) + ")"
                                                  : "worker gave no result";
            r = publish::failed_result(w.input, formats_only, DocStatus::failed, ErrorKind::crashed, w.input.path + ": " + why);
        } else {
            r = publish::result_from_json(j);
        }
        r.peak_rss_kb = ru.ru_maxrss;
        out.emplace_back(w.id, std::move(r));
    }
    return out;
}

}  // namespace allies

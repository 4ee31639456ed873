#include "common/stdout_guard.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <streambuf>

#include "allies/error.hpp"
#include "common/exit_codes.hpp"

namespace allies::tool {

namespace {

// Standard output goes through write(2) and keeps its first error, so a full
// disk or a closed pipe is reported once, at exit, with its reason (exit 4),
// instead of being lost in stdio or killing the process with SIGPIPE.
class StdoutBuf : public std::streambuf {
public:
    StdoutBuf() { setp(buf_, buf_ + sizeof buf_); }
    int error() const { return error_; }

protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    bool drain() {
        for (const char* p = pbase(); p < pptr() && !error_;) {
            ssize_t n = ::write(STDOUT_FILENO, p, static_cast<std::size_t>(pptr() - p));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) error_ = n < 0 ? errno : EIO;
            else p += n;
        }
        setp(buf_, buf_ + sizeof buf_);  // after an error, later output is dropped
        return error_ == 0;
    }
    char buf_[65536];
    int error_ = 0;
};

StdoutBuf* g_stdout = nullptr;
bool g_stdout_reported = false;  // a "<stdout>" error already printed by the tool

}  // namespace

void stdout_error_reported() { g_stdout_reported = true; }

void set_up_stdout() {
    std::signal(SIGPIPE, SIG_IGN);  // a closed pipe becomes EPIPE, reported as exit 4
    // A closed standard descriptor would be taken by the next open(), and
    // output meant for it would land in that file: hold it with /dev/null
    // opened the wrong way round, so using it still fails (EBADF).
    for (int fd = 0; fd <= 2; ++fd) {
        if (::fcntl(fd, F_GETFD) >= 0 || errno != EBADF) continue;
        int n = ::open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (n >= 0 && n != fd) {
            ::dup2(n, fd);
            ::close(n);
        }
    }
    g_stdout = new StdoutBuf;  // never freed: std::cout is flushed again after main returns
    std::cout.rdbuf(g_stdout);
}

// At exit: flushes and closes standard output (some errors only show at
// close); a failure is one line and exit 4, or the code of an earlier failure.
int finish_stdout(int rc, const char* tool) {
    std::cout.flush();
    int err = g_stdout->error();
    if (!err && std::fflush(stdout) != 0) err = errno;
    if (::close(STDOUT_FILENO) != 0 && !err && errno != EINTR) err = errno;
    if (!err) return rc;
    if (!g_stdout_reported) std::cerr << tool << ": error: <stdout>: " << std::strerror(err) << "\n";
    return rc == allies::tool::exit_codes::ok ? allies::tool::exit_codes::output : rc;
}

}  // namespace allies::tool

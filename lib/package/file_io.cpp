// Whole-file reads and atomic writes (temporary file beside the destination,
// fsync, rename), so a destination never holds a partial file.
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

#include "allies/error.hpp"
#include "allies/package.hpp"

namespace allies {

namespace {
// Standard input through read(2): an istreambuf_iterator over std::cin
// takes a read error for the end of the input.
std::string read_stdin() {
    std::string data;
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(ErrorKind::io, "<stdin>", "", std::strerror(errno));
        if (n == 0) return data;
        data.append(buf, static_cast<std::size_t>(n));
    }
}
}  // namespace

std::string read_file(const std::string& path) {
    if (path == "-") return read_stdin();
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0)
        throw Error(ErrorKind::io, path, "", std::strerror(errno));
    if (S_ISDIR(st.st_mode)) throw Error(ErrorKind::io, path, "", "is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::io, path, "", std::strerror(errno));
    std::string data;
    if (S_ISREG(st.st_mode)) data.reserve(static_cast<std::size_t>(st.st_size));
    data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) throw Error(ErrorKind::io, path, "", "read error");
    return data;
}

namespace {
void write_all(int fd, std::string_view bytes, const std::string& path) {
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw Error(ErrorKind::write_failed, path, "", std::strerror(n < 0 ? errno : EIO));
        p += n;
        left -= static_cast<std::size_t>(n);
    }
}

// Temporary files are hidden and named after their destination, host and
// pid (.NAME.allies-tmp-HOST-PID-XXXXXX), so a later write to the same
// destination can tell a killed writer's leftover from a live writer's,
// also when several machines share the folder.
std::string temp_prefix(std::string name) {
    char host[256] = {0};
    ::gethostname(host, sizeof host - 1);
    std::string tail = std::string(".allies-tmp-") + host + "-";
    // Room for ".", the pid (10 digits), "-XXXXXX" within NAME_MAX; a cut
    // name only shares its prefix with other long names of the folder.
    std::size_t room = NAME_MAX - 1 - tail.size() - 10 - 7;
    if (name.size() > room) {
        name.resize(room);
        while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.pop_back();
        if (!name.empty() && static_cast<unsigned char>(name.back()) >= 0xC0) name.pop_back();
    }
    return "." + name + tail;
}

// Removes temporary files of `prefix` in `dir` whose writer is gone (killed,
// power loss); best effort, like the staging folders of allies-publish.
void remove_stale_temps(const std::string& dir, const std::string& prefix) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return;
    const pid_t self = ::getpid();
    while (const dirent* e = ::readdir(d)) {
        const char* name = e->d_name;
        if (std::strncmp(name, prefix.c_str(), prefix.size()) != 0) continue;
        char* end = nullptr;
        errno = 0;
        long pid = std::strtol(name + prefix.size(), &end, 10);
        if (errno != 0 || end == name + prefix.size() || *end != '-' || pid <= 0 || pid > INT_MAX) continue;
        if (static_cast<pid_t>(pid) == self) continue;
        if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) ::unlinkat(::dirfd(d), name, 0);
    }
    ::closedir(d);
}
}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes) {
    if (path == "-") {
        // Straight to the descriptor, after what the stream buffers hold, so
        // a short write reports its real reason (ENOSPC, EPIPE).
        std::cout.flush();
        std::fflush(stdout);
        write_all(STDOUT_FILENO, bytes, "<stdout>");
        return;
    }
    const std::size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    if (name.empty() || name == "." || name == "..") throw Error(ErrorKind::write_failed, path, "", "is a directory");
    const std::string prefix = temp_prefix(name);
    remove_stale_temps(dir, prefix);
    std::string tmpl = path.substr(0, slash + 1) + prefix + std::to_string(::getpid()) + "-XXXXXX";
    int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0) throw Error(ErrorKind::write_failed, path, "", std::string("cannot create temporary file: ") + std::strerror(errno));
    try {
        write_all(fd, bytes, path);
        if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0)
            throw Error(ErrorKind::write_failed, path, "", std::strerror(errno));
        if (::close(fd) != 0) {
            fd = -1;
            throw Error(ErrorKind::write_failed, path, "", std::strerror(errno));
        }
        fd = -1;
        if (::rename(tmpl.c_str(), path.c_str()) != 0)
            throw Error(ErrorKind::write_failed, path, "", std::strerror(errno));
    } catch (...) {
        if (fd >= 0) ::close(fd);
        ::unlink(tmpl.c_str());
        throw;
    }
}

bool same_file(const std::string& a, const std::string& b) {
    if (a == "-" || b == "-") return false;
    struct stat sa{}, sb{};
    if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return a == b;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace allies

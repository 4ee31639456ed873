// Whole-file reads and atomic writes (temporary file beside the destination,
// fsync, rename), so a destination never holds a partial file.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>

#include "allies/error.hpp"
#include "allies/package.hpp"

namespace allies {

std::string read_file(const std::string& path) {
    if (path == "-") {
        std::string data{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
        if (std::cin.bad()) throw Error(ErrorKind::io, "<stdin>", "", "cannot read standard input");
        return data;
    }
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
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Error(ErrorKind::write_failed, path, "", std::strerror(errno));
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
}
}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes) {
    if (path == "-") {
        std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        std::cout.flush();
        if (!std::cout) throw Error(ErrorKind::write_failed, "<stdout>", "", "cannot write standard output");
        return;
    }
    std::string tmpl = path + ".tmp-XXXXXX";
    int fd = ::mkstemp(tmpl.data());
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

// The secret key of the report hashes. Created once per user (or given), so
// reruns hash alike and anyone holding the key can re-check published files.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include "allies/error.hpp"
#include "allies/publish.hpp"

namespace allies {

std::string default_hash_key_path() {
    if (const char* f = std::getenv("ALLIES_HASH_KEY_FILE"); f && *f) return f;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return std::string(x) + "/allies/hash-key";
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.config/allies/hash-key";
    throw Error(ErrorKind::usage, "", "", "no HOME: give --hash-key-file");
}

std::string load_hash_key(const std::string& path) {
    std::string key;
    try {
        key = read_file(path);
    } catch (const Error& e) {
        throw Error(ErrorKind::policy, path, "", "cannot read the hash key: " + e.message());
    }
    while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
    if (key.size() < 16) throw Error(ErrorKind::policy, path, "", "hash key is shorter than 16 bytes");
    return key;
}

std::string load_or_create_hash_key(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(path, ec)) return load_hash_key(path);
    fs::create_directories(fs::path(path).parent_path(), ec);
    std::string key;
    {
        int r = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
        if (r < 0) throw Error(ErrorKind::write_failed, path, "", "cannot read /dev/urandom");
        unsigned char raw[32];
        ssize_t got = ::read(r, raw, sizeof raw);
        ::close(r);
        if (got != static_cast<ssize_t>(sizeof raw)) throw Error(ErrorKind::write_failed, path, "", "short read from /dev/urandom");
        static const char* hex = "0123456789abcdef";
        for (unsigned char c : raw) {
            key += hex[c >> 4];
            key += hex[c & 15];
        }
    }
    // Written whole to a private temporary file, then link()ed into place:
    // two workers starting together agree on one key (link fails with
    // EEXIST for the second), and a process killed half-way never leaves
    // an empty or short key behind.
    std::string tmp = path + ".tmp-XXXXXX";
    int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0) throw Error(ErrorKind::write_failed, path, "", std::string("cannot create the hash key: ") + std::strerror(errno));
    ::fchmod(fd, 0600);
    std::string line = key + "\n";
    bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ok = ::fsync(fd) == 0 && ok;
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        ::unlink(tmp.c_str());
        throw Error(ErrorKind::write_failed, path, "", "cannot write the hash key");
    }
    int linked = ::link(tmp.c_str(), path.c_str());
    int link_errno = errno;
    ::unlink(tmp.c_str());
    if (linked != 0) {
        if (link_errno == EEXIST) return load_hash_key(path);
        throw Error(ErrorKind::write_failed, path, "", std::string("cannot create the hash key: ") + std::strerror(link_errno));
    }
    return key;
}

}  // namespace allies

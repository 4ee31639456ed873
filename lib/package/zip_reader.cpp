// Opening a zip archive safely: OLE detection, entry-name validation and the
// size, count and ratio limits that libzip does not enforce itself.
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "allies/error.hpp"
#include "package_impl.hpp"
#include "zip_reader.hpp"

namespace allies {

namespace {

constexpr unsigned char kOleMagic[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

bool contains_utf16le(std::string_view haystack, std::string_view ascii) {
    std::string needle;
    for (char c : ascii) {
        needle += c;
        needle += '\0';
    }
    return haystack.find(needle) != std::string_view::npos;
}

[[noreturn]] void throw_ole(const std::string& file, std::string_view bytes) {
    // An encrypted OOXML package is an OLE file with EncryptionInfo and
    // EncryptedPackage streams ([MS-OFFCRYPTO] §2.3.4); a Word 97-2003 file
    // has a WordDocument stream ([MS-DOC] §2.1).
    if (contains_utf16le(bytes, "EncryptedPackage") || contains_utf16le(bytes, "EncryptionInfo"))
        throw Error(ErrorKind::encrypted, file, "",
                    "password-protected (encrypted) document; remove the password in Word and try again");
    if (contains_utf16le(bytes, "WordDocument"))
        throw Error(ErrorKind::legacy_doc, file, "",
                    "legacy Word 97-2003 .doc file; save it as .docx first");
    throw Error(ErrorKind::unsupported, file, "", "OLE compound file, not a DOCX package");
}

// OPC part names (ECMA-376 Part 2 §9.1.1) are relative, use '/', and have no
// '.' or '..' segments; anything else could escape a directory on extraction.
bool is_safe_entry_name(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos) return false;
    if (name.find('\0') != std::string_view::npos) return false;
    if (name.size() >= 2 && name[1] == ':') return false;  // drive letter
    std::size_t i = 0;
    while (i <= name.size()) {
        std::size_t j = name.find('/', i);
        if (j == std::string_view::npos) j = name.size();
        std::string_view seg = name.substr(i, j - i);
        if (seg == ".." || seg == ".") return false;
        i = j + 1;
    }
    return true;
}

std::string zip_open_message(int code) {
    zip_error_t err;
    zip_error_init_with_code(&err, code);
    std::string msg = zip_error_strerror(&err);
    zip_error_fini(&err);
    return msg;
}

std::uint64_t le(std::string_view b, std::size_t at, int n) {
    std::uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
    return v;
}

// Entries whose data overlap (several central records pointing into one
// compressed stream, the "overlapping" zip bomb) are never in a real
// package: each would be inflated again, up to the total size limit. Reads
// the central directory (and its zip64 fields) itself, since libzip does not
// expose local header offsets. Returns false where it cannot follow the
// directory: libzip has accepted it, and the size limits still hold.
bool entries_overlap(std::string_view b) {
    if (b.size() < 22) return false;
    std::size_t eocd = std::string_view::npos;
    std::size_t lowest = b.size() > 22 + 65535 ? b.size() - 22 - 65535 : 0;
    for (std::size_t i = b.size() - 22 + 1; i-- > lowest;)
        if (le(b, i, 4) == 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd == std::string_view::npos) return false;
    std::uint64_t entries = le(b, eocd + 10, 2), offset = le(b, eocd + 16, 4);
    if ((entries == 0xFFFF || offset == 0xFFFFFFFF) && eocd >= 20 && le(b, eocd - 20, 4) == 0x07064b50) {
        std::uint64_t z64 = le(b, eocd - 20 + 8, 8);
        if (z64 + 56 > b.size() || le(b, z64, 4) != 0x06064b50) return false;
        entries = le(b, z64 + 32, 8);
        offset = le(b, z64 + 48, 8);
    }
    struct Span {
        std::uint64_t begin, end;
    };
    std::vector<Span> spans;
    std::uint64_t at = offset;
    for (std::uint64_t k = 0; k < entries; ++k) {
        if (at + 46 > b.size() || le(b, at, 4) != 0x02014b50) return false;
        std::uint64_t csize = le(b, at + 20, 4), usize = le(b, at + 24, 4);
        std::uint64_t name = le(b, at + 28, 2), extra = le(b, at + 30, 2), comment = le(b, at + 32, 2);
        std::uint64_t local = le(b, at + 42, 4);
        // Zip64 extended information (APPNOTE 4.5.3): the 0xFFFFFFFF fields, in order.
        for (std::uint64_t e = at + 46 + name; e + 4 <= at + 46 + name + extra && e + 4 <= b.size();) {
            std::uint64_t id = le(b, e, 2), len = le(b, e + 2, 2), f = e + 4;
            if (id == 0x0001) {
                if (usize == 0xFFFFFFFF && f + 8 <= b.size()) usize = le(b, f, 8), f += 8;
                if (csize == 0xFFFFFFFF && f + 8 <= b.size()) csize = le(b, f, 8), f += 8;
                if (local == 0xFFFFFFFF && f + 8 <= b.size()) local = le(b, f, 8);
            }
            e += 4 + len;
        }
        if (local + 30 > b.size() || le(b, local, 4) != 0x04034b50) return false;
        std::uint64_t begin = local + 30 + le(b, local + 26, 2) + le(b, local + 28, 2);
        spans.push_back({local, begin + csize});
        at += 46 + name + extra + comment;
    }
    std::sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) { return x.begin < y.begin; });
    for (std::size_t i = 1; i < spans.size(); ++i)
        if (spans[i].begin < spans[i - 1].end) return true;
    return false;
}

}  // namespace

void open_archive(PackageImpl& impl) {
    const std::string& file = impl.display_name;
    const std::string& bytes = impl.source_bytes;
    if (bytes.size() >= sizeof kOleMagic && std::memcmp(bytes.data(), kOleMagic, sizeof kOleMagic) == 0)
        throw_ole(file, bytes);
    if (bytes.size() < 4 || bytes.compare(0, 2, "PK") != 0)
        throw Error(ErrorKind::not_zip, file, "", "not a zip archive (a .docx file is a zip package)");

    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (!src) throw Error(ErrorKind::not_zip, file, "", "cannot read archive");
    // Not ZIP_CHECKCONS: it rejects real files written by System.IO.Packaging
    // (local/central header differences that Word accepts). Duplicates and
    // corrupt data are caught below, entry by entry.
    zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (!za) {
        int code = zip_error_code_zip(&err);
        zip_source_free(src);
        zip_error_fini(&err);
        if (code == ZIP_ER_EXISTS)
            throw Error(ErrorKind::bad_entry_name, file, "", "duplicate entry names in the zip archive");
        if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS || code == ZIP_ER_READ || code == ZIP_ER_SEEK)
            throw Error(ErrorKind::not_zip, file, "",
                        "not a valid zip archive (truncated or corrupt: " + zip_open_message(code) + ")");
        throw Error(ErrorKind::not_zip, file, "", "cannot open zip archive: " + zip_open_message(code));
    }
    impl.source_zip = za;
    if (entries_overlap(bytes))
        throw Error(ErrorKind::zip_bomb, file, "", "zip entries overlap (entries sharing compressed data: a zip bomb?)");

    zip_int64_t count = zip_get_num_entries(za, 0);
    if (count < 0) throw Error(ErrorKind::not_zip, file, "", "cannot list zip entries");
    if (static_cast<std::uint64_t>(count) > impl.limits.max_entries)
        throw Error(ErrorKind::too_many_entries, file, "",
                    "zip archive has " + std::to_string(count) + " entries (limit " +
                        std::to_string(impl.limits.max_entries) + ")");

    std::uint64_t total = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
            throw Error(ErrorKind::not_zip, file, "", "corrupt zip entry #" + std::to_string(i));
        std::string name = st.name;
        if (!is_safe_entry_name(name))
            throw Error(ErrorKind::bad_entry_name, file, name, "unsafe zip entry name");
        if (name.back() == '/') continue;  // directory entry, not a part
        std::string key = lower_ascii(name);
        // Part names are compared case-insensitively (ECMA-376 Part 2 §9.1.1.1).
        if (impl.index.count(key))
            throw Error(ErrorKind::bad_entry_name, file, name, "duplicate part name in the zip archive");
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
            throw Error(ErrorKind::encrypted, file, name, "zip entry is encrypted");
        if ((st.valid & ZIP_STAT_COMP_METHOD) && !zip_compression_method_supported(st.comp_method, 0))
            throw Error(ErrorKind::unsupported, file, name, "unsupported zip compression method");

        // libzip does not enforce declared sizes, so cap the bytes we inflate.
        std::uint64_t comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
        std::uint64_t ratio_cap = std::max<std::uint64_t>(impl.limits.ratio_floor_bytes,
                                                          comp * impl.limits.max_ratio);
        std::uint64_t part_cap = impl.limits.max_part_bytes;
        std::uint64_t total_cap = impl.limits.max_total_bytes - total;
        std::uint64_t cap = std::min({ratio_cap, part_cap, total_cap});

        zip_file_t* zf = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
        if (!zf) throw Error(ErrorKind::not_zip, file, name, "cannot read zip entry");
        std::string data;
        if ((st.valid & ZIP_STAT_SIZE) && st.size <= cap) data.reserve(st.size);
        char buf[65536];
        bool over = false;
        for (;;) {
            zip_int64_t n = zip_fread(zf, buf, sizeof buf);
            if (n < 0) {
                zip_fclose(zf);
                throw Error(ErrorKind::not_zip, file, name, "corrupt zip entry (bad data or CRC)");
            }
            if (n == 0) break;
            if (data.size() + static_cast<std::uint64_t>(n) > cap) {
                over = true;
                break;
            }
            data.append(buf, static_cast<std::size_t>(n));
        }
        zip_fclose(zf);
        if (over) {
            if (cap == ratio_cap && ratio_cap < part_cap && ratio_cap < total_cap)
                throw Error(ErrorKind::zip_bomb, file, name,
                            "entry expands more than " + std::to_string(impl.limits.max_ratio) +
                                " times its compressed size (zip bomb?)");
            if (cap == part_cap && part_cap <= total_cap)
                throw Error(ErrorKind::too_large, file, name,
                            "part larger than " + std::to_string(impl.limits.max_part_bytes) + " bytes");
            throw Error(ErrorKind::too_large, file, "",
                        "package larger than " + std::to_string(impl.limits.max_total_bytes) +
                            " bytes uncompressed");
        }
        total += data.size();
        impl.index.emplace(std::move(key), impl.entries.size());
        impl.entries.push_back(ZipEntry{std::move(name), std::move(data), i, false,
                                        (st.valid & ZIP_STAT_COMP_METHOD) ? st.comp_method : ZIP_CM_DEFLATE});
    }
}

}  // namespace allies

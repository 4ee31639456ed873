// Serialising a Package: deterministic zip output. Unchanged entries are
// copied from the source archive in compressed form (no recompression);
// changed ones are deflated. Timestamps, attributes and extra fields are fixed
// so the same input and edits give byte-identical archives.
#include <zip.h>

#include <ctime>
#include <algorithm>
#include <map>

#include "allies/error.hpp"
#include "package_impl.hpp"

namespace allies {

namespace {

// 1980-01-02 00:00 UTC: the DOS epoch plus a day, so no time zone can push
// the local-time conversion libzip does below the DOS minimum.
constexpr time_t kFixedMtime = 315619200;

std::string xml_escape_attr(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string build_content_types(const PackageImpl& impl) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">";
    for (const auto& [ext, type] : impl.default_types)
        out += "<Default Extension=\"" + xml_escape_attr(ext) + "\" ContentType=\"" + xml_escape_attr(type) + "\"/>";
    for (const auto& e : impl.entries) {
        auto it = impl.override_types.find(lower_ascii(e.name));
        if (it == impl.override_types.end()) continue;
        out += "<Override PartName=\"/" + xml_escape_attr(e.name) + "\" ContentType=\"" +
               xml_escape_attr(it->second) + "\"/>";
    }
    out += "</Types>";
    return out;
}

std::string serialise_xml(const pugi::xml_document& doc, std::size_t size_hint) {
    struct Writer : pugi::xml_writer {
        std::string out;
        void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
    } w;
    // Room for the part at once: growing by doubling would briefly hold
    // three times a large document.xml.
    w.out.reserve(size_hint + size_hint / 8 + 256);
    // The parsed declaration node is kept, so no extra one is written. The
    // output is always UTF-8 (the package layer converts UTF-16 parts on
    // reading), so a declared encoding must say so.
    pugi::xml_node decl = doc.first_child();
    if (decl.type() == pugi::node_declaration && decl.attribute("encoding")) {
        std::string_view enc = decl.attribute("encoding").value();
        if (enc != "UTF-8" && enc != "utf-8") {
            std::string version = decl.attribute("version").value();
            w.out = "<?xml version=\"" + (version.empty() ? std::string("1.0") : version) + "\" encoding=\"UTF-8\"";
            if (auto sa = decl.attribute("standalone")) w.out += std::string(" standalone=\"") + sa.value() + "\"";
            w.out += "?>";
            for (pugi::xml_node n = decl.next_sibling(); n; n = n.next_sibling())
                n.print(w, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
            return w.out;
        }
    }
    doc.save(w, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
    return w.out;
}

[[noreturn]] void fail(const PackageImpl& impl, const std::string& what, zip_t* za) {
    std::string msg = za ? zip_strerror(za) : "";
    throw Error(ErrorKind::write_failed, impl.display_name, "", what + (msg.empty() ? "" : ": " + msg));
}

}  // namespace

std::string Package::to_bytes() const {
    const Impl& impl = *impl_;
    // Fresh bytes for every edited part, kept alive until zip_close.
    std::map<std::string, std::string> fresh;
    for (const auto& key : impl.dirty_xml) {
        const ZipEntry* e = impl.find(key);
        fresh[key] = serialise_xml(*impl.xml_cache.at(key), e ? std::max(e->data.size(), e->original_size) : 0);
    }
    if (impl.content_types_dirty) fresh[lower_ascii("[Content_Types].xml")] = build_content_types(impl);

    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* out_src = zip_source_buffer_create(nullptr, 0, 0, &err);
    if (!out_src) fail(impl, "cannot create archive buffer", nullptr);
    zip_t* za = zip_open_from_source(out_src, ZIP_TRUNCATE, &err);
    if (!za) {
        zip_source_free(out_src);
        fail(impl, "cannot create archive", nullptr);
    }
    zip_source_keep(out_src);

    for (const auto& e : impl.entries) {
        std::string key = lower_ascii(e.name);
        auto f = fresh.find(key);
        bool copy_raw = f == fresh.end() && !e.modified && e.source_index >= 0 && impl.source_zip;
        zip_source_t* src;
        if (copy_raw) {
            src = zip_source_zip(za, impl.source_zip, static_cast<zip_uint64_t>(e.source_index),
                                 ZIP_FL_COMPRESSED, 0, -1);
        } else {
            const std::string& data = f != fresh.end() ? f->second : e.data;
            src = zip_source_buffer(za, data.data(), data.size(), 0);
        }
        if (!src) {
            zip_discard(za);
            zip_source_free(out_src);
            fail(impl, "cannot add " + e.name, nullptr);
        }
        zip_int64_t idx = zip_file_add(za, e.name.c_str(), src, ZIP_FL_ENC_UTF_8);
        if (idx < 0) {
            zip_source_free(src);
            zip_discard(za);
            zip_source_free(out_src);
            fail(impl, "cannot add " + e.name, nullptr);
        }
        auto uidx = static_cast<zip_uint64_t>(idx);
        // Raw copies keep their method so libzip does not recompress them.
        // Level 1: about twice as fast as the default on XML for ~15% more bytes;
        // edited parts are few and small next to the time the tools are run.
        zip_set_file_compression(za, uidx, copy_raw ? e.source_method : ZIP_CM_DEFLATE, copy_raw ? 0 : 1);
        zip_file_set_mtime(za, uidx, kFixedMtime, 0);
        zip_file_set_external_attributes(za, uidx, 0, ZIP_OPSYS_DOS, 0);
        zip_file_extra_field_delete(za, uidx, ZIP_EXTRA_FIELD_ALL, ZIP_FL_CENTRAL | ZIP_FL_LOCAL);
    }
    if (zip_close(za) != 0) {
        std::string msg = zip_strerror(za);
        zip_discard(za);
        zip_source_free(out_src);
        throw Error(ErrorKind::write_failed, impl.display_name, "", "cannot write archive: " + msg);
    }
    std::string bytes;
    zip_stat_t st;
    if (zip_source_stat(out_src, &st) == 0 && zip_source_open(out_src) == 0) {
        bytes.resize(st.size);
        zip_int64_t n = zip_source_read(out_src, bytes.data(), st.size);
        zip_source_close(out_src);
        if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) bytes.clear();
    }
    zip_source_free(out_src);
    if (bytes.empty()) throw Error(ErrorKind::write_failed, impl.display_name, "", "cannot read back archive");
    return bytes;
}

void Package::write(const std::string& path) const { write_file_atomically(path, to_bytes()); }

}  // namespace allies

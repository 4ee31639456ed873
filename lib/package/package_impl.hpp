// Internal view of a Package: the bytes of every part, the content types and
// relationships, and the parsed XML of the parts someone asked for. Only
// library code includes this header (it names pugixml and libzip types).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "allies/package.hpp"

struct zip;

namespace allies {

struct ZipEntry {
    std::string name;
    std::string data;            // uncompressed bytes
    long long source_index = -1; // index in the source archive; -1 = added later
    bool modified = false;       // data differs from the source archive
    int source_method = 8;       // compression method in the source (8 = deflate, 0 = store)
    std::size_t original_size = 0;  // uncompressed size as read (data may be released once parsed and edited)
};

struct Package::Impl {
    std::string display_name;
    Limits limits;
    std::string source_bytes;                 // the archive as read (kept for raw copies)
    zip* source_zip = nullptr;                // read-only view of source_bytes
    std::vector<ZipEntry> entries;            // archive order
    std::map<std::string, std::size_t> index; // lower-cased name -> entries index
    std::map<std::string, std::string> default_types;   // lower-cased extension -> type
    std::map<std::string, std::string> override_types;  // lower-cased part name -> type
    mutable std::map<std::string, std::vector<Relationship>> rels_cache;
    std::map<std::string, std::unique_ptr<pugi::xml_document>> xml_cache;
    std::set<std::string> dirty_xml;          // parsed parts edited through xml_for_edit
    bool content_types_dirty = false;         // override_types changed since opening
    std::string main_document;
    bool strict = false;
    std::vector<Package::DroppedPart> dropped;
    // Generation of the parsed trees: handles (pugi::xml_node) taken from
    // them stay valid only while it is unchanged. Drawn from a process-wide
    // counter, so a package opened again (the self-check) never repeats one;
    // bumped whenever a parsed tree is freed or replaced (set_part,
    // remove_part). pugixml's pooled allocator hides a stale handle from
    // AddressSanitizer until a whole tree goes, so this is the check that
    // catches one.
    std::uint64_t generation = next_tree_generation();

    static std::uint64_t next_tree_generation();

    ~Impl();
    ZipEntry* find(std::string_view name);
    const ZipEntry* find(std::string_view name) const;
};

// The generation of a package's parsed trees (see Package::Impl::generation).
// The one way into a Package's internals (Package::Impl is private).
struct PackageInternals {
    using Impl = Package::Impl;
    static Impl& of(Package& package) { return *package.impl_; }
    static const Impl& of(const Package& package) { return *package.impl_; }
};
using PackageImpl = PackageInternals::Impl;

inline std::uint64_t tree_generation(const Package& package) { return PackageInternals::of(package).generation; }

// Whatever keeps handles into a package's XML trees keeps the generation they
// were taken at and checks it before using them. A mismatch is a bug in
// allies, never the input's fault: checked builds (sanitizers, fuzzing)
// abort so that the test or fuzzer reports it; others throw
// Error(internal), failing the document closed.
class TreeHandles {
public:
    void take(const Package& package) { generation_ = tree_generation(package); }
    void check(const Package& package, const char* where) const;
    bool taken() const { return generation_ != 0; }

private:
    std::uint64_t generation_ = 0;
};

// Parsed XML of a part, validated (UTF-8, depth, no DOCTYPE) and with element
// prefixes normalised to the canonical ones (w:, r:, wp:, a:, ...) whatever
// prefixes or namespace versions (transitional or strict) the producer used.
// Throws Error(bad_xml / bad_utf8 / xml_too_deep) naming the part.
const pugi::xml_document& xml(const Package& package, std::string_view part);
// The same document, to be edited in place; it is serialised on write.
pugi::xml_document& xml_for_edit(Package& package, std::string_view part);

// Parse bytes as a standalone XML part with the same checks (used by tests
// and by parts that are not in a package).
std::unique_ptr<pugi::xml_document> parse_xml_part(const std::string& bytes,
                                                   const std::string& file,
                                                   const std::string& part,
                                                   std::uint32_t max_depth);

// Frees the original bytes of parts whose parsed XML was edited: they are
// written from the DOM, so the copy only costs memory. part_bytes() of such
// a part is empty afterwards.
void release_edited_part_bytes(Package& package);

// Relationship editing (through the .rels part's XML; caches follow).
void remove_relationship(Package& package, std::string_view source_part, std::string_view id);
// Sets the content type override of a part, keeping its bytes and parsed XML.
void set_content_type_override(Package& package, std::string_view part, const std::string& content_type);

bool is_valid_utf8(std::string_view bytes);
std::string rels_part_for(std::string_view source_part);
std::string resolve_target(std::string_view source_part, std::string_view target);
std::string lower_ascii(std::string_view s);

}  // namespace allies

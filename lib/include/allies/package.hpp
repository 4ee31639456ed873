// OPC package layer: a DOCX opened safely into memory, its parts, content
// types and relationships, and an atomic, deterministic writer.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "allies/export.hpp"

namespace allies {

// Safety limits applied while opening a package. Defaults suit any real
// meeting-notes document with room to spare; callers may raise them.
struct Limits {
    std::uint64_t max_entries = 10'000;                 // zip entries
    std::uint64_t max_part_bytes = 256ull << 20;        // one part, uncompressed
    std::uint64_t max_total_bytes = 1ull << 30;         // whole package, uncompressed
    std::uint64_t max_ratio = 200;                      // uncompressed / compressed, per entry
    // The ratio is checked only once an entry has expanded past this grace
    // size (after Apache POI's ZipSecureFile): legitimate, very repetitive
    // XML (a 20 MB paragraph, a large table in one format) compresses far
    // beyond any ratio, and the absolute limits above already bound memory.
    std::uint64_t ratio_floor_bytes = 64ull << 20;
    std::uint32_t max_xml_depth = 512;                  // element nesting in any XML part
};

// ECMA-376 Part 2 §9.3: one relationship of a source part (or the package).
struct Relationship {
    std::string id;
    std::string type;          // full relationship type URI as written
    std::string target;        // Target attribute as written
    bool external = false;     // TargetMode="External": data only, never fetched
    std::string target_part;   // resolved part name ("word/media/a.png"); empty if external
};

// Well-known relationship types, matched on both transitional
// (schemas.openxmlformats.org) and strict (purl.oclc.org/ooxml) URIs.
enum class RelType {
    office_document, styles, numbering, settings, web_settings, font_table, theme,
    header, footer, footnotes, endnotes, comments, comments_extended, comments_ids,
    comments_extensible, people, image, hyperlink, core_properties,
    extended_properties, custom_properties, thumbnail, custom_xml, custom_xml_props,
    glossary_document, embedding, package, ole_object, chart, diagram_data,
    alt_chunk, vba_project, font, attached_template, other
};

ALLIES_API RelType classify_relationship(std::string_view type_uri);
ALLIES_API std::string_view to_string(RelType type);

class ALLIES_API Package {
public:
    // Opens "-" as standard input. display_name is used in error messages.
    static Package open_file(const std::string& path, const Limits& limits = {});
    static Package open_memory(std::string bytes, std::string display_name,
                               const Limits& limits = {});

    Package(Package&&) noexcept;
    Package& operator=(Package&&) noexcept;
    ~Package();

    const std::string& display_name() const;
    const Limits& limits() const;

    // Part names without a leading slash, in the archive's order.
    std::vector<std::string> part_names() const;
    bool has_part(std::string_view name) const;
    const std::string& part_bytes(std::string_view name) const;  // throws if absent
    std::string content_type(std::string_view part) const;       // "" if unknown
    bool strict() const;  // ISO/IEC 29500 Strict namespaces in the main document

    // Relationships of a part ("" = the package's own _rels/.rels).
    const std::vector<Relationship>& relationships(std::string_view source_part) const;
    std::vector<Relationship> relationships_of_type(std::string_view source_part,
                                                    RelType type) const;
    std::optional<Relationship> relationship_by_id(std::string_view source_part,
                                                   std::string_view id) const;

    // The part the officeDocument relationship points at.
    const std::string& main_document() const;

    // Optional XML parts left out at open because they do not parse (a
    // damaged settings, font table, theme, web settings, header...): the
    // document is read as Word reads it without them, and a public copy
    // leaves them out. The main document and its relationships are never
    // optional: they are errors. In archive order.
    struct DroppedPart {
        std::string name;
        std::string reason;
    };
    const std::vector<DroppedPart>& dropped_parts() const;

    // Editing: replace or add a part's bytes, or remove a part.
    void set_part(const std::string& name, std::string bytes, std::string content_type = {});
    void remove_part(std::string_view name);

    // Serialise: unchanged parts copied as stored (no recompression), changed
    // parts deflated, fixed entry order and timestamps.
    std::string to_bytes() const;
    // Atomic write: temporary file beside `path`, then rename. "-" = stdout.
    void write(const std::string& path) const;

private:
    // The parts, caches and archive live in lib/package/package_impl.hpp;
    // library code reaches them through PackageInternals, callers never.
    struct ALLIES_HIDDEN Impl;
    friend struct PackageInternals;
    ALLIES_HIDDEN explicit Package(std::unique_ptr<Impl> impl);
    ALLIES_HIDDEN static void drop_broken_parts(Package& package);
    std::unique_ptr<Impl> impl_;
};

// Writes bytes to `path` atomically (temp file + rename); "-" writes stdout.
ALLIES_API void write_file_atomically(const std::string& path, std::string_view bytes);
// Whether two paths name the same file (same device and inode; "-" never
// does). Tools use it to refuse writing over their input.
ALLIES_API bool same_file(const std::string& a, const std::string& b);
// Reads a whole file, "-" = stdin.
ALLIES_API std::string read_file(const std::string& path);

}  // namespace allies
